import { type Edition, type RankedPaper, type Section, sectionAnchor } from '../domain/index.js';
import { cleanText, escapeTemplateText, safeHttpUrl } from './escape.js';
import { PLACEHOLDERS, topicUnsubscribePlaceholder } from './placeholders.js';

/** One link under a paper card. */
export interface LinkView {
  label: string;
  url: string;
}

/** A paper as the templates see it: plain text, safe URLs. */
export interface PaperView {
  id: string;
  title: string;
  url: string | null;
  authors: string;
  summary: string;
  upvotes: number;
  /** "12 upvotes", or '' when there are none. */
  upvoteText: string;
  links: LinkView[];
}

export interface SectionView {
  slug: string;
  label: string;
  anchor: string;
  papers: PaperView[];
  more: number;
  moreUrl: string;
  /** Placeholder of the topic's unsubscribe link, or null. */
  unsubscribe: string | null;
}

/** Everything digest.mjml and digest.txt read. */
export interface DigestView {
  title: string;
  subject: string;
  preheader: string;
  dateLong: string;
  count: number;
  sections: SectionView[];
  /** Papers of the edition only on the web: the sections' "N more" plus those cut from the letter. */
  more: number;
  archiveUrl: string;
  sender: { fromName: string; postalAddress: string };
  ph: typeof PLACEHOLDERS;
  wrap: (text: string, indent: string) => string;
}

export interface DigestViewOptions {
  title: string;
  baseUrl: string;
  postalAddress: string;
  fromName: string;
  summaryChars: number;
}

/** "A, B, C et al." for more than three authors, else all of them. */
export function shortenAuthors(authors: string[]): string {
  const names = authors.map(cleanText).filter((a) => a.length > 0);
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} et al.`;
}

/** Cut text at a sentence end (or else a word) within `limit` characters, with an ellipsis. */
export function clampText(text: string, limit: number): string {
  const clean = cleanText(text);
  if (clean.length <= limit) return clean;
  const head = clean.slice(0, limit);
  const sentence = head.lastIndexOf('. ');
  if (sentence >= limit * 0.6) return head.slice(0, sentence + 1);
  const space = head.lastIndexOf(' ');
  const cut = space >= limit * 0.5 ? head.slice(0, space) : head.slice(0, limit - 1);
  return `${cut.replace(/[\s,;:.-]+$/, '')}…`;
}

/** Word-wrap text at 72 columns with an indent (text part). */
export function wrapText(text: string, indent: string, width = 72): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
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

function anchorOf(slug: string, index: number): string {
  return slug ? sectionAnchor(slug) : `topic-${index}`;
}

function paperView(paper: RankedPaper, summaryChars: number): PaperView {
  const links: LinkView[] = [];
  const add = (label: string, url: string | null): void => {
    const safe = safeHttpUrl(url);
    if (safe && !links.some((l) => l.url === safe)) links.push({ label, url: safe });
  };
  add('Abstract', paper.links.abs);
  add('PDF', paper.links.pdf);
  add('Code', paper.links.code);
  add('Hugging Face', paper.links.hf);
  const summary = paper.aiSummary && cleanText(paper.aiSummary) ? paper.aiSummary : paper.summary;
  const upvotes = Number.isFinite(paper.upvotes) && paper.upvotes > 0 ? Math.floor(paper.upvotes) : 0;
  return {
    id: paper.id,
    title: cleanText(paper.title) || 'Untitled paper',
    url: safeHttpUrl(paper.url) ?? links[0]?.url ?? null,
    authors: shortenAuthors(paper.authors),
    summary: clampText(summary, summaryChars),
    upvotes,
    upvoteText: upvotes === 0 ? '' : `${upvotes} ${upvotes === 1 ? 'upvote' : 'upvotes'}`,
    links,
  };
}

function sectionView(section: Section, index: number, archiveUrl: string, summaryChars: number): SectionView {
  const anchor = anchorOf(section.topic.slug, index);
  return {
    slug: section.topic.slug,
    label: cleanText(section.topic.label) || section.topic.slug,
    anchor,
    papers: section.papers.map((p) => paperView(p, summaryChars)),
    more: section.more,
    moreUrl: `${archiveUrl}#${anchor}`,
    unsubscribe: topicUnsubscribePlaceholder(section.topic.slug),
  };
}

/** Subject: "<title> · <date>: <top paper title> + N more". */
export function subjectOf(title: string, date: string, sections: SectionView[]): string {
  const papers = sections.flatMap((s) => s.papers);
  const head = `${cleanText(title)} · ${formatDate(date, 'short')}`;
  const top = papers[0];
  if (!top) return escapeTemplateText(`${head}: no new papers`);
  const rest = papers.length - 1;
  return escapeTemplateText(`${head}: ${clampText(top.title, 70)}${rest > 0 ? ` + ${rest} more` : ''}`);
}

/** Preheader: what the inbox shows after the subject. */
export function preheaderOf(sections: SectionView[], count: number): string {
  if (count === 0) return 'No new papers in this edition.';
  const labels = sections.map((s) => s.label);
  const topics = labels.length <= 4 ? labels.join(', ') : `${labels.slice(0, 4).join(', ')} and more`;
  const noun = count === 1 ? 'paper' : 'papers';
  return clampText(`${count} trending ${noun} this edition: ${topics}.`, 140);
}

/** Build the template data of one (already cut and trimmed) edition. */
export function buildDigestView(edition: Edition, options: DigestViewOptions): DigestView {
  const archiveUrl = `${options.baseUrl.replace(/\/+$/, '')}/archive/${encodeURIComponent(edition.id)}`;
  const sections = edition.sections
    .filter((s) => s.papers.length > 0 || s.more > 0)
    .map((s, i) => sectionView(s, i, archiveUrl, options.summaryChars));
  const count = sections.reduce((n, s) => n + s.papers.length, 0);
  return {
    title: cleanText(options.title) || 'Paperpost',
    subject: subjectOf(options.title, edition.date, sections),
    preheader: preheaderOf(sections, count),
    dateLong: formatDate(edition.date, 'long'),
    count,
    sections,
    // Everything the web version has beyond this letter: the sections' "N more" and the rest.
    more: edition.more + sections.reduce((n, s) => n + s.more, 0),
    archiveUrl,
    sender: { fromName: cleanText(options.fromName), postalAddress: cleanText(options.postalAddress) },
    ph: PLACEHOLDERS,
    wrap: (text, indent) => wrapText(text, indent),
  };
}
