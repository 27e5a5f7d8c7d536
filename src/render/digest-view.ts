import {
  CATCH_ALL_SLUG,
  cleanText,
  cutAtClause,
  type Edition,
  type Frequency,
  fromContribution,
  type Paper,
  pushedByReaders,
  type RankedPaper,
  type Section,
  safeHttpUrl,
  sectionAnchor,
} from '../domain/index.js';
import { escapeTemplateText } from './escape.js';
import { PLACEHOLDERS, topicUnsubscribePlaceholder } from './placeholders.js';

/** One link under a paper card. */
export interface LinkView {
  label: string;
  url: string;
}

/** A paper's card as the letter and the web edition show it: plain text, http(s) links only. */
export interface PaperCard {
  title: string;
  /** The paper's own link, else its first link, else null. */
  url: string | null;
  authors: string;
  /** The AI summary when there is one, else the abstract, cut to the caller's length. */
  summary: string;
  upvotes: number;
  /** Why it is here: "▲ 118 upvotes · 2 comments · in HF daily and arXiv cs.CL", or ''. */
  why: string;
  links: LinkView[];
}

/** A paper as the templates see it: plain text, safe URLs. */
export interface PaperView extends PaperCard {
  id: string;
  /** "12 upvotes", or '' when there are none. */
  upvoteText: string;
  /** Preview image (http(s)), or null. */
  thumbnail: string | null;
}

export interface SectionView {
  slug: string;
  label: string;
  anchor: string;
  papers: PaperView[];
  more: number;
  moreUrl: string;
  /** The link to the rest on the web: "3 more in LLM agents on the web" ("3 more of these" for the catch-all). */
  moreText: string;
  /** Placeholder of the topic's unsubscribe link, or null. */
  unsubscribe: string | null;
  /** What that link leaves: the section's label, or the one topic a broad area's section shows. */
  stopLabel: string;
  /**
   * Whether the letter shows the section's heading: not for "More papers" alone in its letter (a
   * personal digest of five papers on as many subjects), where there is nothing it is more than.
   */
  heading: boolean;
}

/** Everything digest.mjml and digest.txt read. */
export interface DigestView {
  title: string;
  subject: string;
  preheader: string;
  dateLong: string;
  count: number;
  /** What the greeting says the letter holds: "40 trending papers: 34 in 10 topics and 6 on other subjects". */
  countText: string;
  sections: SectionView[];
  /** The best papers of the letter, whatever their section: read first on a phone. */
  top: PaperView[];
  /** Papers of the edition only on the web: the sections' "N more" plus those cut from the letter. */
  more: number;
  /**
   * Topics of the edition that only its web version shows, largest first, with their papers:
   * "Robot learning (5), Speech and audio models (4) and Document understanding (3)" (a busy day's
   * smaller subjects the letter had no room for); '' when there are none.
   */
  webTopics: string;
  archiveUrl: string;
  sender: { fromName: string; postalAddress: string };
  ph: typeof PLACEHOLDERS;
  /** Word-wrap at 72 columns: `indent` before every line, or `first` before the first one. */
  wrap: (text: string, indent: string, first?: string) => string;
}

export interface DigestViewOptions {
  title: string;
  baseUrl: string;
  postalAddress: string;
  fromName: string;
  summaryChars: number;
  /** The names the config gives its sources, for the cards' "in ..." (see venuesOf). */
  sourceNames?: SourceNames;
}

/**
 * "A, B, C et al." for more than three authors, else all of them; "et al." never breaks over two
 * lines (a no-break space: a phone showed "Wu et" / "al.").
 */
export function shortenAuthors(authors: string[]): string {
  const names = authors.map(cleanText).filter((a) => a.length > 0);
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} et\u00a0al.`;
}

/** Cut text at a sentence end, else a clause end, else a word, within `limit` characters. */
export function clampText(text: string, limit: number): string {
  return cutAtClause(cleanText(text), limit);
}

/**
 * Word-wrap text at 72 columns (text part): `indent` before each line, `first` before the first
 * one instead ("  1. " over "     " hangs a numbered title under its text).
 */
export function wrapText(text: string, indent: string, width = 72, first = indent): string {
  const lines: string[] = [];
  let line = '';
  const lead = (): string => (lines.length === 0 ? first : indent);
  for (const word of text.split(' ')) {
    if (line && lead().length + line.length + 1 + word.length > width) {
      lines.push(lead() + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(lead() + line);
  return lines.join('\n');
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * "Friday, 12 June 2026" or "12 Jun 2026" from YYYY-MM-DD (UTC): en-GB's format, written out
 * (the first Intl.DateTimeFormat of a process costs ~30 ms of ICU set-up).
 */
export function formatDate(date: string, style: 'long' | 'short'): string {
  const parsed = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return cleanText(date);
  const month = MONTHS[parsed.getUTCMonth()] as string;
  const day = `${parsed.getUTCDate()} ${style === 'long' ? month : month.slice(0, 3)} ${parsed.getUTCFullYear()}`;
  return style === 'long' ? `${WEEKDAYS[parsed.getUTCDay()]}, ${day}` : day;
}

/**
 * Papers in the "Top papers" list at the head of a letter of six papers or more in two sections
 * or more (a letter of one topic's papers is in rank order already: the list would repeat them).
 */
const TOP_PAPERS = 3;

function anchorOf(slug: string, index: number): string {
  return slug ? sectionAnchor(slug) : `topic-${index}`;
}

const ARXIV_CATEGORY = /^[a-z-]+(?:\.[A-Za-z-]+)?$/;

/** The names the config gives its sources (`sources[].name`), by source id. */
export type SourceNames = ReadonlyMap<string, string>;

/** The names configured sources carry (`sources[].name`), by source id. */
export function sourceNamesOf(sources: readonly { id: string; name?: string | undefined }[]): SourceNames {
  return new Map(sources.flatMap((s) => (s.name ? [[s.id, s.name] as const] : [])));
}

/**
 * Where a paper was found, from what it carries: "HF daily" for a Hugging Face paper, "arXiv
 * cs.CL" for one with arXiv categories (HF records have none), else the names the config gives
 * its sources ("in PubMed search and ZooKeys"; `names`), else the number of sources.
 */
export function venuesOf(
  paper: Pick<RankedPaper, 'links' | 'categories' | 'sources'>,
  names: SourceNames = new Map(),
): string {
  const venues: string[] = [];
  if (paper.links.hf) venues.push('HF daily');
  const category = paper.categories.find((c) => ARXIV_CATEGORY.test(c));
  if (category && paper.links.abs?.startsWith('https://arxiv.org/')) venues.push(`arXiv ${category}`);
  const ids = [...new Set(paper.sources)];
  const sources = ids.length;
  if (venues.length === 0) {
    const named = ids.flatMap((id) => {
      const name = names.get(id);
      return name ? [cleanText(name)] : [];
    });
    if (named.length === 0) return sources > 1 ? `in ${sources} sources` : '';
    venues.push(...named);
    const others = sources - named.length;
    if (others > 0) venues.push(`${others} more ${others === 1 ? 'feed' : 'feeds'}`);
    const last = venues.pop() as string;
    return `in ${venues.length > 0 ? `${venues.join(', ')} and ` : ''}${last}`;
  }
  const others = sources - venues.length;
  if (others > 0) venues.push(`${others} more ${others === 1 ? 'feed' : 'feeds'}`);
  const last = venues.pop() as string;
  return `in ${venues.length > 0 ? `${venues.join(', ')} and ` : ''}${last}`;
}

/** "▲ 118 upvotes · +40 today · 2 comments · in HF daily and arXiv cs.CL" ('' when nothing to say). */
export function whyLine(paper: Paper, upvotes: number, names?: SourceNames): string {
  const parts: string[] = [];
  if (upvotes > 0) parts.push(`▲ ${upvotes} ${upvotes === 1 ? 'upvote' : 'upvotes'}`);
  const growth = Math.round(paper.upvotesPerDay ?? 0);
  if (growth > 0) parts.push(`+${growth} today`);
  const comments = Number.isFinite(paper.comments) ? Math.floor(paper.comments) : 0;
  if (comments > 0) parts.push(`${comments} ${comments === 1 ? 'comment' : 'comments'}`);
  const venues = venuesOf(paper, names);
  if (venues) parts.push(venues);
  return parts.join(' · ');
}

/** The card of one paper (the letter's and the web edition's), its summary cut to `summaryChars`. */
export function paperCard(paper: Paper, summaryChars: number, names?: SourceNames): PaperCard {
  const links: LinkView[] = [];
  const add = (label: string, url: string | null): void => {
    const safe = safeHttpUrl(url);
    if (safe && !links.some((l) => l.url === safe)) links.push({ label, url: safe });
  };
  add('Abstract', paper.links.abs);
  add('PDF', paper.links.pdf);
  add('Code', paper.links.code);
  add('Hugging Face', paper.links.hf);
  // An AI summary says what the paper does; an abstract often opens with its field's background.
  const summary =
    paper.aiSummary && cleanText(paper.aiSummary)
      ? paper.aiSummary
      : fromContribution(cleanText(paper.summary), summaryChars);
  const upvotes = Number.isFinite(paper.upvotes) && paper.upvotes > 0 ? Math.floor(paper.upvotes) : 0;
  return {
    title: cleanText(paper.title) || 'Untitled paper',
    url: safeHttpUrl(paper.url) ?? links[0]?.url ?? null,
    authors: shortenAuthors(paper.authors),
    summary: clampText(summary ?? '', summaryChars),
    upvotes,
    why: whyLine(paper, upvotes, names),
    links,
  };
}

/**
 * The topic a paper of a broad area's section is of ("3D vision" under "Computer vision"), or a
 * paper of "More papers" or of a section of an arXiv class names ("Robot learning" on a day with
 * no robotics section), said first in its "why" line; undefined otherwise.
 */
export function namedTopicOf(section: Pick<Section, 'topic'>, paperId: string): string | undefined {
  const slug = section.topic.paperTopics?.[paperId];
  const label = slug === undefined ? undefined : (section.topic.topicLabels?.[slug] ?? undefined);
  return label ? cleanText(label) || undefined : undefined;
}

/** A card's "why" line with the paper's topic in its area's section first. */
export function withTopic<T extends { why: string }>(card: T, topic: string | undefined): T {
  if (!topic) return card;
  return { ...card, why: card.why ? `${topic} · ${card.why}` : topic };
}

function paperView(paper: RankedPaper, summaryChars: number, topic?: string, names?: SourceNames): PaperView {
  const card = withTopic(paperCard(paper, summaryChars, names), topic);
  const { upvotes } = card;
  return {
    id: paper.id,
    ...card,
    upvoteText: upvotes === 0 ? '' : `${upvotes} ${upvotes === 1 ? 'upvote' : 'upvotes'}`,
    thumbnail: safeHttpUrl(paper.thumbnail ?? null),
  };
}

function sectionView(
  section: Section,
  index: number,
  archiveUrl: string,
  summaryChars: number,
  names?: SourceNames,
): SectionView {
  const anchor = anchorOf(section.topic.slug, index);
  const label = cleanText(section.topic.label) || section.topic.slug;
  const stop = stopSlug(section);
  return {
    slug: section.topic.slug,
    label,
    anchor,
    papers: section.papers.map((p) => paperView(p, summaryChars, namedTopicOf(section, p.id), names)),
    more: section.more,
    moreUrl: `${archiveUrl}#${anchor}`,
    moreText:
      section.topic.slug === CATCH_ALL_SLUG
        ? `${section.more} more of these on the web`
        : `${section.more} more in ${label} on the web`,
    unsubscribe: stop === undefined ? null : topicUnsubscribePlaceholder(stop),
    stopLabel:
      stop !== undefined && stop !== section.topic.slug
        ? cleanText(section.topic.topicLabels?.[stop] ?? '') || label
        : label,
    heading: true,
  };
}

/**
 * The topic a section's "Stop one topic" link leaves: its own; for a broad area's section (see
 * `paperTopics`) the one topic its papers are of, and none when they are of several (the area is
 * no topic one subscribes to: Preferences is where to leave several); for "More papers" or a
 * section of an arXiv class itself while it shows a paper that names no topic, else as for an area.
 */
function stopSlug(section: Section): string | undefined {
  const own = section.topic.paperTopics;
  if (own === undefined) return section.topic.slug;
  // "More papers", a section of an arXiv class: itself while it shows a paper that names no
  // topic (leaving it leaves those), else the one topic its papers name, as for an area.
  if (section.papers.some((p) => own[p.id] === undefined)) return section.topic.slug;
  const slugs = new Set(section.papers.map((p) => own[p.id]));
  const [only] = slugs;
  return slugs.size === 1 ? only : undefined;
}

/** Subject: "<title> · <date>: <top paper title> + N more" ("· week of <date>" for a weekly letter). */
export function subjectOf(
  title: string,
  date: string,
  sections: SectionView[],
  frequency: Frequency = 'daily',
): string {
  const papers = sections.flatMap((s) => s.papers);
  const head = `${cleanText(title)} · ${frequency === 'weekly' ? 'week of ' : ''}${formatDate(date, 'short')}`;
  const top = papers[0];
  if (!top) return escapeTemplateText(`${head}: no new papers`);
  const rest = papers.length - 1;
  return escapeTemplateText(`${head}: ${clampText(top.title, 70)}${rest > 0 ? ` + ${rest} more` : ''}`);
}

/** Preheader: what the inbox shows after the subject. */
export function preheaderOf(sections: SectionView[], count: number, frequency: Frequency = 'daily'): string {
  if (count === 0) return 'No new papers in this edition.';
  const when = frequency === 'weekly' ? 'this week' : 'this edition';
  // "More papers" names no subject: the topics are the rest ("... and more" says there is more).
  const labels = sections.filter((s) => s.slug !== CATCH_ALL_SLUG).map((s) => s.label);
  const noun = count === 1 ? 'paper' : 'papers';
  if (labels.length === 0) return `${count} trending ${noun} ${when}.`;
  const others = labels.length < sections.length;
  const topics =
    labels.length <= 4 && !others ? labels.join(', ') : `${labels.slice(0, 4).join(', ')} and more`;
  return clampText(`${count} trending ${noun} ${when}: ${topics}.`, 140);
}

/**
 * "40 trending papers in 11 topics", or "40 trending papers: 34 in 10 topics and 6 on other
 * subjects" when the catch-all section ("More papers") is among them: it is not a topic.
 */
export function countTextOf(sections: Pick<SectionView, 'slug' | 'papers'>[]): string {
  const noun = (n: number): string => (n === 1 ? 'paper' : 'papers');
  const topics = (n: number): string => `${n} ${n === 1 ? 'topic' : 'topics'}`;
  const count = sections.reduce((n, s) => n + s.papers.length, 0);
  const grouped = sections.filter((s) => s.slug !== CATCH_ALL_SLUG);
  const others = count - grouped.reduce((n, s) => n + s.papers.length, 0);
  const head = `${count} trending ${noun(count)}`;
  if (others === 0) return `${head} in ${topics(grouped.length)}`;
  if (grouped.length === 0) return head;
  return `${head}: ${count - others} in ${topics(grouped.length)} and ${others} on other subjects`;
}

/** Web-only topics named in a letter's closing line at most; the rest are "N other topics". */
const WEB_TOPICS_NAMED = 4;

/**
 * The edition's topics that have papers only on the web and no section in this letter (see
 * {@link DigestView.webTopics}); "More papers" is none.
 */
function webTopicsOf(edition: Edition, shown: readonly Section[]): string {
  const inLetter = new Set(shown.flatMap((s) => [s.topic.slug, s.topic.parent ?? s.topic.slug]));
  const groups = (edition.webOnly ?? [])
    .filter((g) => g.slug !== null && g.slug !== CATCH_ALL_SLUG && !inLetter.has(g.slug) && g.ids.length > 0)
    .sort((a, b) => b.ids.length - a.ids.length);
  if (groups.length === 0) return '';
  const named = groups.slice(0, WEB_TOPICS_NAMED).map((g) => `${cleanText(g.label)} (${g.ids.length})`);
  const others = groups.length - named.length;
  if (others > 0) named.push(`${others} other ${others === 1 ? 'topic' : 'topics'}`);
  return named.length === 1 ? (named[0] as string) : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** Build the template data of one (already cut and trimmed) edition. */
export function buildDigestView(edition: Edition, options: DigestViewOptions): DigestView {
  const archiveUrl = `${options.baseUrl.replace(/\/+$/, '')}/archive/${encodeURIComponent(edition.id)}`;
  const shown = edition.sections.filter((s) => s.papers.length > 0 || s.more > 0);
  const sections = shown.map((s, i) =>
    sectionView(s, i, archiveUrl, options.summaryChars, options.sourceNames),
  );
  const [only] = sections;
  if (sections.length === 1 && only?.slug === CATCH_ALL_SLUG) {
    only.heading = false;
    // Nor "Stop one topic: More papers" when that is the whole letter: Unsubscribe says it.
    if (stopSlug(shown[0] as Section) === CATCH_ALL_SLUG) only.unsubscribe = null;
  }
  const count = sections.reduce((n, s) => n + s.papers.length, 0);
  // Top papers are those readers pushed up: upvotes, comments, or listed by several sources. A
  // letter of arXiv listings alone has no such signal: its ties would pick any three papers.
  const byScore = edition.sections
    .flatMap((s) => s.papers)
    .filter(pushedByReaders)
    .sort((a, b) => b.score.total - a.score.total || (a.id < b.id ? -1 : 1));
  const topIds = new Set(
    byScore.slice(0, count >= 6 && sections.length >= 2 ? TOP_PAPERS : 0).map((p) => p.id),
  );
  const top = sections.flatMap((s) => s.papers).filter((p) => topIds.has(p.id));
  top.sort((a, b) => byScore.findIndex((p) => p.id === a.id) - byScore.findIndex((p) => p.id === b.id));
  const weekly = edition.frequency === 'weekly';
  return {
    title: cleanText(options.title) || 'Paperpost',
    subject: subjectOf(options.title, edition.date, sections, edition.frequency),
    preheader: preheaderOf(sections, count, edition.frequency),
    // A weekly letter says so, as its web page does ("Weekly edition of Friday, 4 December 2026").
    dateLong: `${weekly ? 'Weekly edition of ' : ''}${formatDate(edition.date, 'long')}`,
    count,
    countText: `${weekly ? "this week's " : ''}${countTextOf(sections)}`,
    sections,
    top,
    // Everything the web version has beyond this letter: the sections' "N more" and the rest.
    more: edition.more + sections.reduce((n, s) => n + s.more, 0),
    webTopics: webTopicsOf(edition, shown),
    archiveUrl,
    sender: { fromName: cleanText(options.fromName), postalAddress: cleanText(options.postalAddress) },
    ph: PLACEHOLDERS,
    wrap: (text, indent, first) => wrapText(text, indent, 72, first),
  };
}
