/**
 * A journal's feed often frames an item's abstract with its citation, or gives the citation
 * alone: ScienceDirect "Publication date: February 2022 / Source: Molecular Phylogenetics and
 * Evolution, Volume 167 / Author(s): ..." (no abstract at all), Pensoft "MycoKeys 85: 73-85 / DOI:
 * ... / Authors: ... / Abstract: ...", PubMed "Zootaxa. 2021 Jul 16;5002(1):1-103. doi: ... /
 * ABSTRACT / ...", Taylor & Francis "Volume 56, Issue 3, December 2021, Page 163-175", Oxford
 * "Abstract / ...". Read as the paper's summary, that frame would open every card of a letter
 * and lend every paper the journal's name for grouping. {@link readJournalFrame} takes it off
 * and keeps the authors it names for an item that names none otherwise.
 */

/** What is left of a summary once the frame is off, and the authors the frame names. */
export interface FramedSummary {
  /** The abstract, lines joined by spaces; '' when the summary was its citation alone. */
  summary: string;
  /** Authors of an "Author(s):" / "Authors:" line or a leading list of names, in order. */
  authors: string[];
  /** The DOI of the frame's "DOI:" field (Pensoft's "DOI: 10.3897/..."), if any. */
  doi?: string;
}

/** A field of the frame: "Publication date: ...", "Source: ...", "Author(s): ...", "DOI: ...". */
const FIELD =
  /^(publication date|published(?: online)?|online publication date|source|journal|citation|volume|issue|pages?|doi|authors?|author\(s\)|article type)\s*:\s*(.*)$/i;

/** A heading that opens the abstract, alone on its line or before it: "Abstract", "ABSTRACT:", "Abstract: We...". */
const ABSTRACT_HEADING = /^(?:abstract|summary)\s*[:.]?\s*(.*)$/i;

/** A DOI, bare or as a link. */
const DOI = /\b10\.\d{4,9}\/\S+/;

/** "Volume 56, Issue 3, December 2021, Page 163-175", "Vol. 12 (2021) pp. 3-9". */
const VOLUME_LINE = /^(?:vol(?:ume)?\.?\s*\d+|issue\s+\d+)\b/i;

/** "MycoKeys 85: 73-85", "Nova Hedwigia, (2021), p. 281 - 290": a journal, its volume or year, pages. */
const CITATION_LINE =
  /^[\p{Lu}][\p{L}\p{M}.&' -]{1,80},?\s*(?:\d+(?:\s*\(\s*\d+\s*\))?\s*:\s*\d+(?:\s*[-\u2013]\s*\d+)?|\(\d{4}\),?\s*(?:p{1,2}\.?\s*\d+(?:\s*[-\u2013]\s*\d+)?)?)\.?$/u;

/** A line of punctuation alone (Taylor & Francis ends its citation with ". "). */
const PUNCTUATION_ONLY = /^[\s.,;:\u00b7\u2022|\u2013-]*$/;

/** Longest line a citation takes; an abstract's sentence with a DOI in it is longer. */
const CITATION_MAX = 220;

/** Longest author field of a frame (ScienceDirect names every author: 16 take ~300 characters). */
const AUTHORS_MAX = 2000;

/** Lines before an "Abstract" heading that are read as its frame (a longer prefix is text). */
const FRAME_MAX_LINES = 8;

/** A word of a name: a capital, then letters, apostrophes, full stops, hyphens ("O'Neil", "W.", "Doan-Nhu"). */
const NAME_WORD = "[\\p{Lu}][\\p{L}\\p{M}'\\u2019.-]*";

/** Lowercase particles of a name ("van Riemsdijk", "da Costa"). */
const PARTICLE = '(?:van|von|der|de|da|del|di|la|le|du|dos|bin|al)';

/**
 * A name: one to six words, each starting with a capital letter, particles between them. Words
 * are apart by spaces, so the pattern reads a line once: a run of capitals with no space ("AAAA...1",
 * a hostile feed's) can be split into words only one way (a pattern that let a word end anywhere
 * took 2 s on 60 characters).
 */
const NAME = new RegExp(
  `^(?:${PARTICLE}\\s+)*${NAME_WORD}(?:\\s+(?:${PARTICLE}\\s+)*${NAME_WORD}){0,5}$`,
  'u',
);

/** Letters and digits alone, lower case: a title as a frame repeats it, whatever its line breaks. */
function textKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function sameText(a: string, b: string): boolean {
  return textKey(a) !== '' && textKey(a) === textKey(b);
}

/** Whether `text` says `title` (ignoring case, spaces and punctuation). */
function contains(text: string, title: string): boolean {
  const key = textKey(title);
  return key.length >= 10 && textKey(text).includes(key);
}

/** "Guocheng SHU;Ping LIU;Tian ZHAO;": names separated by semicolons, two at least. */
function nameList(line: string): string[] | undefined {
  const parts = line
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length < 2 || !parts.every((p) => p.length <= 60 && (NAME.test(p) || /^[^,]+,\s*[^,]+$/.test(p))))
    return undefined;
  return parts;
}

/** What a line of the frame is: a field (its authors, if any), or not part of the frame. */
function frameLine(line: string, title: string): { authors: string[]; weak?: boolean } | undefined {
  const field = FIELD.exec(line);
  if (field) {
    const label = (field[1] ?? '').toLowerCase();
    const value = field[2] ?? '';
    if (label.startsWith('author'))
      return line.length <= AUTHORS_MAX ? { authors: splitAuthorNames(value, { list: true }) } : undefined;
    // A citation's field is short. "Source:" alone says little ("Source: I'm a landscaper, and..."
    // opens a post): it is part of a frame only beside another line of one (see readJournalFrame).
    if (line.length <= CITATION_MAX) return { authors: [], weak: label === 'source' && !/\d/.test(value) };
    return undefined;
  }
  if (PUNCTUATION_ONLY.test(line) || sameText(line, title)) return { authors: [] };
  if (line.length <= CITATION_MAX && (DOI.test(line) || VOLUME_LINE.test(line) || CITATION_LINE.test(line)))
    return { authors: [] };
  const names = nameList(line);
  return names ? { authors: names } : undefined;
}

/** Longest text before an "Abstract" heading that is read as its frame. */
const FRAME_MAX_CHARS = 600;

/** Index of the line that heads the abstract ("Abstract", "ABSTRACT:", "Abstract: We..."), or -1. */
function headingAt(lines: readonly string[]): number {
  const last = Math.min(lines.length, FRAME_MAX_LINES + 1);
  for (let i = 0; i < last; i += 1) {
    const heading = ABSTRACT_HEADING.exec(lines[i] as string);
    // "Abstract" alone, or followed by a colon or full stop: a line that merely begins with the
    // word ("Abstract reasoning is...") is the abstract itself.
    if (heading && (heading[1] === '' || /^(?:abstract|summary)\s*[:.]/i.test(lines[i] as string))) return i;
  }
  return -1;
}

/**
 * The summary of a feed item without its journal frame (see the module comment), from its text
 * read line by line (`lines`: block elements as line breaks). The frame is what comes before an
 * "Abstract" heading (at most {@link FRAME_MAX_LINES} lines and {@link FRAME_MAX_CHARS}
 * characters, with a field, a citation, a list of names or the title among them: Schweizerbart
 * repeats the title, its authors and the citation there), else the leading lines that are fields,
 * citations or a list of names. Undefined when the summary has no frame: the caller keeps it as it was.
 */
export function readJournalFrame(lines: readonly string[], title: string): FramedSummary | undefined {
  const authorsOf = (frame: readonly string[]): string[] =>
    frame.flatMap((line) => frameLine(line, title)?.authors ?? []);
  // The frame's "DOI:" field names the article's own: never a DOI its abstract or a post cites.
  const doiOf = (frame: readonly string[]): { doi?: string } => {
    const field = frame.map((l) => FIELD.exec(l)).find((f) => f?.[1]?.toLowerCase() === 'doi');
    const doi = field ? DOI.exec(field[2] ?? '')?.[0].replace(/[.,;)\]]+$/, '') : undefined;
    return doi ? { doi } : {};
  };
  const h = headingAt(lines);
  if (h >= 0) {
    const before = lines.slice(0, h);
    const text = before.join(' ');
    if (
      before.length === 0 ||
      (text.length <= FRAME_MAX_CHARS &&
        (before.some((line) => frameLine(line, title) !== undefined) || contains(text, title)))
    ) {
      const heading = ABSTRACT_HEADING.exec(lines[h] as string);
      const rest = [heading?.[1] ?? '', ...lines.slice(h + 1)].filter((l) => l !== '');
      return { summary: rest.join(' '), authors: authorsOf(before), ...doiOf(before) };
    }
  }
  let i = 0;
  let strong = false;
  for (
    let frame = frameLine(lines[0] ?? '', title);
    i < lines.length && frame;
    frame = frameLine(lines[i] ?? '', title)
  ) {
    strong ||= frame.weak !== true;
    i += 1;
  }
  if (i === 0 || !strong) return undefined;
  return {
    summary: lines.slice(i).join(' '),
    authors: authorsOf(lines.slice(0, i)),
    ...doiOf(lines.slice(0, i)),
  };
}

/**
 * The names of a feed's author field that holds several ("Donghua Qiu, Xiang Zeng and Zongze
 * Shao", "Brandão S, Saeedi H, Brandt A.", "Zhang, Kai; Guo, Weihua"): split on semicolons, else on
 * commas and "and" when every part is a name of two words or more, so "Engel, Michael S." and
 * "Smith, John" (one person, family name first) stay whole. A letter's card then shows the first
 * names and "et al." rather than the whole list as one author. `list`: the value is a list of
 * names for sure (a frame's "Authors:" field), split at every comma ("Yunianta", one name alone,
 * among them).
 */
export function splitAuthorNames(value: string, { list = false } = {}): string[] {
  if (value.includes(';'))
    return value
      .split(';')
      .map((p) => p.trim())
      .filter((p) => p !== '');
  const parts = value
    .replace(/,?\s+et al\.?$/i, '')
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const words = (p: string): number => p.split(/\s+/).length;
  if (list) return parts.filter((p) => p.length >= 2 && /\p{L}/u.test(p));
  if (parts.length < 2 || !parts.every((p) => words(p) >= 2 && words(p) <= 6)) return [value];
  return parts;
}

/**
 * A name written family name first, "Inoda, Toshio", "Engel, Michael S.", as a card writes names:
 * "Toshio Inoda", "Michael S. Engel" (a card lists several names with commas: "Sant'Ana, Josué,
 * Tognon, Roberta" read as four people). A name with no comma, or with a suffix after it ("King,
 * Jr."), stays as it is.
 */
export function givenNameFirst(name: string): string {
  const match = /^([^,]+),\s*([^,]+)$/.exec(name.trim());
  if (!match) return name;
  const family = (match[1] as string).trim();
  const given = (match[2] as string).trim();
  if (/^(?:jr|sr|ii|iii|iv|phd|md)\.?$/i.test(given) || family.split(/\s+/).length > 3) return name;
  if (!/^[\p{Lu}]/u.test(given) || !/^[\p{Lu}]/u.test(family)) return name;
  return `${given} ${family}`;
}

/** A cheap test for a frame before the summary is read line by line (most feeds have none). */
export function mayHaveJournalFrame(summary: string): boolean {
  return /abstract|summary|author|publication date|source\s*:|volume|issue\s+\d|doi|10\.\d{4}|;/i.test(
    summary.slice(0, 1500),
  );
}

/**
 * The headings of a structured abstract, as PubMed's feeds keep them in its text ("BACKGROUND:",
 * "AIMS:", "METHODS AND RESULTS:", "CONCLUSIONS:"): written in capitals, they open the abstract or
 * a sentence. Words a heading is made of; a capitalized acronym ("BERT:") is none.
 */
const HEADING_WORD =
  'BACKGROUND|INTRODUCTION|CONTEXT|OBJECTIVES?|AIMS?|PURPOSE|HYPOTHESIS|METHODS?|METHODOLOGY|MATERIALS|DESIGN|SETTING|PARTICIPANTS|RESULTS?|FINDINGS|CONCLUSIONS?|DISCUSSION|INTERPRETATION|SIGNIFICANCE|IMPACT|LIMITATIONS|IMPLICATIONS';
const SECTION_LABEL = new RegExp(
  `(^|[.!?]\\s+)(?:${HEADING_WORD})(?: (?:${HEADING_WORD}|OF|THE|STUDY|AND))*:\\s*`,
  'g',
);

/** A structured abstract's text without its capitalized section headings (see SECTION_LABEL). */
export function withoutSectionLabels(text: string): string {
  return text.replace(SECTION_LABEL, (_whole, before: string) => before);
}
