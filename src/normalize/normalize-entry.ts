import {
  cutAtClause,
  cutAtWord,
  mendFeedCut,
  type Paper,
  type PaperLinks,
  type RawEntry,
  safeHttpUrl,
  toPlainText,
} from '../domain/index.js';
import { isArxivId } from './arxiv-id.js';
import { canonicalId, doiFrom, withoutTrackers } from './canonical-id.js';
import {
  type FramedSummary,
  givenNameFirst,
  mayHaveJournalFrame,
  readJournalFrame,
  splitAuthorNames,
  withoutSectionLabels,
} from './journal-frame.js';
import { latexToText } from './latex-text.js';
import { boundedCount } from './signal-count.js';

/** Options of normalizeEntry. */
export interface NormalizeOptions {
  /** Cut abstracts (and AI summaries) to this many characters at a word boundary. */
  maxSummaryChars?: number;
  /** Cut titles to this many characters (default 300). */
  maxTitleChars?: number;
}

/** Kinds whose text fields are plain text, where `<` is a character, not markup. */
const PLAIN_KINDS = new Set(['arxiv-rss', 'arxiv-api', 'hf-daily']);

function distinctBy(values: string[], key: (v: string) => string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const k = key(v);
    if (v && !seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

/** Printable ASCII only: NFKD changes nothing and the only letters and digits are [A-Za-z0-9]. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Key under which two spellings of an author's name count as one ("J. Doe" = "J Doe"). */
export function authorKey(name: string): string {
  // Most names: the same key without Unicode normalization.
  if (PRINTABLE_ASCII.test(name)) return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function linksOf(raw: RawEntry, id: string, arxiv: boolean): PaperLinks {
  const fromHf =
    raw.kind === 'hf-daily' || /^https?:\/\/(www\.)?huggingface\.co\/papers\//i.test(raw.url ?? '');
  return {
    abs: arxiv ? `https://arxiv.org/abs/${id}` : safeHttpUrl(withoutTrackers(raw.url)),
    pdf: arxiv ? `https://arxiv.org/pdf/${id}` : safeHttpUrl(withoutTrackers(raw.pdfUrl)),
    code: safeHttpUrl(raw.githubRepo),
    hf: fromHf && arxiv ? `https://huggingface.co/papers/${id}` : fromHf ? safeHttpUrl(raw.url) : null,
  };
}

/** Plain text with LaTeX made readable, then cut: at a word (titles) or a clause end (abstracts). */
function readable(
  text: string | null,
  plain: boolean,
  max: number | undefined,
  cut: 'word' | 'clause',
): string {
  const read = latexToText(toPlainText(text, undefined, { plain }));
  // A structured abstract's headings ("BACKGROUND:") go, and a feed's own cut in the middle of a
  // word is mended, before any cut of ours.
  const out = cut === 'clause' ? mendFeedCut(withoutSectionLabels(read)) : read;
  if (max === undefined) return out;
  return cut === 'word' ? cutAtWord(out, max) : cutAtClause(out, max);
}

/**
 * A feed item's summary without the citation a journal's feed frames it with, and the authors
 * that frame names (see readJournalFrame); undefined when it has none. Feeds of other kinds
 * (arXiv, Hugging Face) never frame their abstracts.
 */
function journalFrame(raw: RawEntry, title: string): FramedSummary | undefined {
  if (raw.kind !== 'rss' || !raw.summary || !mayHaveJournalFrame(raw.summary)) return undefined;
  return readJournalFrame(toPlainText(raw.summary, undefined, { lines: true }).split('\n'), title);
}

/**
 * Turns one parsed entry into a Paper: canonical id, plain sanitized text, safe links. Undefined
 * when the entry has no usable id or no title. A journal's citation around (or instead of) the
 * abstract is taken off the summary, and its authors kept when the item names none otherwise.
 */
export function normalizeEntry(raw: RawEntry, options: NormalizeOptions = {}): Paper | undefined {
  const plain = PLAIN_KINDS.has(raw.kind);
  const title = readable(raw.title, plain, options.maxTitleChars ?? 300, 'word');
  if (!title) return undefined;
  const framed = journalFrame(raw, title);
  // A DOI the frame names (Pensoft's "DOI: 10.3897/...") is the article's, as an item's own is:
  // the same article in a PubMed search is then one paper.
  const id = canonicalId(raw.doi || !framed?.doi ? raw : { ...raw, doi: framed.doi });
  if (!id) return undefined;
  const arxiv = isArxivId(id);
  const links = linksOf(raw, id, arxiv);
  const doi = id.startsWith('doi:') ? doiFrom(id.slice(4)) : undefined;
  const url = links.abs ?? links.hf ?? (doi ? `https://doi.org/${doi}` : safeHttpUrl(id)) ?? '';
  if (!url) return undefined;
  const text = framed
    ? readable(framed.summary, true, options.maxSummaryChars, 'clause')
    : readable(raw.summary, plain, options.maxSummaryChars, 'clause');
  // A summary of punctuation alone (a journal's ". " after an empty citation) says nothing.
  const summary = /[\p{L}\p{N}]/u.test(text) ? text : '';
  const named = raw.authors.length > 0 || !framed ? raw.authors : framed.authors;
  // A feed's one author field naming several people (a journal's dc:creator) is read as their names.
  const authors = raw.kind === 'rss' ? named.flatMap((a) => splitAuthorNames(a)).map(givenNameFirst) : named;
  const aiSummary = readable(raw.aiSummary, plain, options.maxSummaryChars, 'clause') || null;
  return {
    id,
    title,
    url,
    authors: distinctBy(
      authors.map((a) => readable(a, plain, 200, 'word')),
      authorKey,
    ),
    published: isoOrNull(raw.published),
    summary,
    aiSummary,
    keywords: distinctBy(
      raw.keywords.map((k) => toPlainText(k, 100, { plain })),
      (k) => k.toLowerCase(),
    ),
    categories: distinctBy(
      raw.categories.map((c) => toPlainText(c, 100, { plain })),
      (c) => c,
    ),
    upvotes: boundedCount(raw.upvotes),
    comments: boundedCount(raw.comments),
    sources: [raw.sourceId],
    links,
    ...(raw.thumbnail ? { thumbnail: safeHttpUrl(raw.thumbnail) } : {}),
    ...(raw.listedAt ? { listedAt: isoOrNull(raw.listedAt) } : {}),
  };
}
