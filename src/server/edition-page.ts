import {
  CATCH_ALL_SLUG,
  cleanText,
  countEdition,
  describeCounts,
  type Edition,
  type EditionCounts,
  type Paper,
  type Section,
  sectionAnchor,
  type WebOnlyGroup,
} from '../domain/index.js';
import {
  CARD_SUMMARY_CHARS,
  formatDate,
  namedTopicOf,
  type PaperCard,
  paperCard,
  type SourceNames,
  withTopic,
} from '../render/index.js';

/** Characters of a summary on the web version (the letter shows fewer). */
const WEB_SUMMARY_CHARS = 600;

/** A paper on the web version: the letter's card with a longer summary and always a link. */
export interface WebPaper extends PaperCard {
  url: string;
}

export interface WebSection {
  /** `topic-<slug>`: what the letter's "N more in <topic> on the web" links to. */
  anchor: string;
  label: string;
  /** Papers the letter shows, in letter order. */
  inLetter: WebPaper[];
  /** Papers the letter had no room for, best first. */
  webOnly: WebPaper[];
  /** Whether the page shows its heading: not "More papers" alone on its page, as in the letter. */
  heading: boolean;
  /**
   * The catch-all ("More papers"): its papers the letter had no room for read "Not in the letter",
   * not "More in More papers".
   */
  catchAll?: boolean;
}

export interface WebEdition {
  counts: EditionCounts;
  sections: WebSection[];
}

/** One paper as the web version shows it: title, authors, summary, links (http(s) only). */
export function webPaper(paper: Paper, names?: SourceNames): WebPaper {
  return linkedCard(paper, WEB_SUMMARY_CHARS, names);
}

/** The card of a paper with its summary cut to `summaryChars`, and always a link. */
function linkedCard(paper: Paper, summaryChars: number, names?: SourceNames): WebPaper {
  const card = paperCard(paper, summaryChars, names);
  return { ...card, url: card.url ?? '#' };
}

/** Editions stored before `webOnly` existed: their overflow as one group, in stored order. */
function webOnlyOf(edition: Edition): WebOnlyGroup[] {
  if (edition.webOnly) return edition.webOnly;
  const ids = edition.overflowIds ?? [];
  return ids.length > 0 ? [{ slug: null, label: 'More papers', ids }] : [];
}

/**
 * The web version of an edition: the letter's sections in letter order, each with its letter
 * papers then the ones the letter had no room for (rank order), then the topics the letter did
 * not reach, then the ungrouped rest. `load` fetches stored papers by id.
 */
export async function buildWebEdition(
  edition: Edition,
  load: (ids: string[]) => Promise<Paper[]>,
  names?: SourceNames,
): Promise<WebEdition> {
  const groups = webOnlyOf(edition);
  const papers = new Map((await load(groups.flatMap((g) => g.ids))).map((p) => [p.id, p]));
  const pick = (ids: string[], section?: Section): WebPaper[] =>
    ids.flatMap((id) => {
      const paper = papers.get(id);
      if (!paper) return [];
      return [
        section ? withTopic(webPaper(paper, names), namedTopicOf(section, id)) : webPaper(paper, names),
      ];
    });
  const bySlug = new Map(groups.filter((g) => g.slug !== null).map((g) => [g.slug, g]));
  const sections: WebSection[] = edition.sections.map((s) => ({
    anchor: sectionAnchor(s.topic.slug),
    label: cleanText(s.topic.label) || s.topic.slug,
    inLetter: s.papers.map((p) => withTopic(webPaper(p, names), namedTopicOf(s, p.id))),
    webOnly: pick(bySlug.get(s.topic.slug)?.ids ?? [], s),
    heading: true,
  }));
  const inLetter = new Set(edition.sections.map((s) => s.topic.slug));
  // A topic the letter did not reach, or "More papers" when the letter has none: its cards say the
  // topic each paper names as the edition's uncut sections record it.
  const uncut = new Map((edition.topicSections ?? []).map((s) => [s.topic.slug, s]));
  for (const group of groups) {
    if (group.slug !== null && inLetter.has(group.slug)) continue;
    sections.push({
      anchor: group.slug === null ? 'more' : sectionAnchor(group.slug),
      label: cleanText(group.label),
      inLetter: [],
      webOnly: pick(group.ids, uncut.get(group.slug ?? CATCH_ALL_SLUG)),
      heading: true,
    });
  }
  // "More papers" closes the page as it closes the letter, even when topics the letter did not
  // reach come after it in the stored groups; a class's catch-all ("Other mathematics", the
  // "Machine learning" of a cs.LG listing) follows every topic, as in the letter.
  const bins = new Set(
    edition.sections.filter((s) => s.topic.classCatchAll === true).map((s) => sectionAnchor(s.topic.slug)),
  );
  const last = (s: WebSection): number =>
    Number(s.anchor === 'more' || s.anchor === sectionAnchor(CATCH_ALL_SLUG));
  const rank = (s: WebSection): number => 2 * last(s) + Number(bins.has(s.anchor));
  const ordered = sections
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map(({ s }) => s);
  for (const s of ordered) if (last(s) === 1) s.catchAll = true;
  const [only] = ordered;
  if (ordered.length === 1 && only && last(only) === 1) only.heading = false;
  return { counts: countEdition(edition), sections: ordered };
}

/** What the subscribe page shows of the latest edition. */
export interface SampleView {
  frequency: string;
  /** "Thursday, 3 December 2026", as the letter writes it. */
  date: string;
  url: string;
  countsText: string;
  /** `heading`: false for "More papers" alone (see {@link WebSection}). */
  sections: { label: string; papers: WebPaper[]; heading: boolean }[];
}

/** Papers of the latest letter shown on the subscribe page, from its first sections. */
const SAMPLE_PAPERS = 5;

/** The latest edition's top papers under their topics, or null before the first edition. */
export async function latestSample(store: {
  editions: {
    listEditions(options: { limit: number }): Promise<{ id: string }[]>;
    getEdition(id: string): Promise<Edition | undefined>;
  };
}): Promise<SampleView | null> {
  const [latest] = await store.editions.listEditions({ limit: 1 });
  const edition = latest ? await store.editions.getEdition(latest.id) : undefined;
  if (!edition) return null;
  const sections: SampleView['sections'] = [];
  let left = SAMPLE_PAPERS;
  for (const section of edition.sections) {
    if (left <= 0) break;
    // Summaries as long as the letter's cards: this is "what a letter looks like".
    const papers = section.papers.slice(0, Math.min(left, 2)).map((p) => linkedCard(p, CARD_SUMMARY_CHARS));
    left -= papers.length;
    sections.push({ label: cleanText(section.topic.label), papers, heading: true });
  }
  const [only] = sections;
  if (only && edition.sections.length === 1 && edition.sections[0]?.topic.slug === CATCH_ALL_SLUG)
    only.heading = false;
  return {
    frequency: edition.frequency,
    date: formatDate(edition.date, 'long'),
    url: `/archive/${encodeURIComponent(edition.id)}`,
    countsText: describeCounts(countEdition(edition)),
    sections,
  };
}
