import type { EditionCaps, Paper, RankedPaper, Section, TopicGroup } from '../domain/index.js';
import { CATCH_ALL_SLUG, PaperpostError, pushedByReaders, sectionBounds } from '../domain/index.js';
import { type RankWeights, scorePaper } from './score-paper.js';

/** Options of {@link rankSections}. */
export interface RankOptions {
  /** The end of the edition's window: ages count back from here (see `windowEnd`). */
  now: Date;
  /** Ages are capped at the window's length (default 72 h, a daily edition). */
  windowHours?: number;
  weights: RankWeights;
  /** Papers kept in the whole edition, after the per-section cap. */
  maxPerEdition: number;
  /** Papers kept per section; the rest are counted in `Section.more`. */
  maxPerSection: number;
  /** The arXiv categories the letter follows: their own papers before cross-lists (see {@link crossListed}). */
  followed?: Followed;
}

/** Ranked sections and the number of papers cut by the per-edition cap. */
export interface RankResult {
  sections: Section[];
  more: number;
  /** Every group ranked and uncapped (see {@link rankGroups}): what a reader's own cut is made from. */
  topicSections: Section[];
  /** The caps `sections` were cut with. */
  caps: EditionCaps;
}

/**
 * The arXiv categories (or whole archives: "astro-ph") a letter follows, as its arXiv RSS sources
 * name them (`categories` in the config; see build-edition.ts `followedCategories`).
 */
export type Followed = ReadonlySet<string>;

/**
 * true for a paper cross-listed into a category the letter follows: it carries a followed category
 * (or one of a followed archive), but its primary category, the first, is of no followed one (an
 * eess.SP paper on EEG signals that also lists cs.LG, in a cs.LG letter). A paper with no followed
 * category at all (another source's) is no cross-list; nor is any paper when nothing is followed.
 */
export function crossListed(paper: Pick<Paper, 'categories'>, followed: Followed | undefined): boolean {
  if (followed === undefined || followed.size === 0) return false;
  const { categories } = paper;
  const primary = categories[0];
  if (primary === undefined || follows(followed, primary)) return false;
  for (let i = 1; i < categories.length; i += 1) if (follows(followed, categories[i] as string)) return true;
  return false;
}

function follows(followed: Followed, category: string): boolean {
  const dot = category.indexOf('.');
  return followed.has(category) || (dot > 0 && followed.has(category.slice(0, dot)));
}

/**
 * Higher score first; of equal scores (papers no reader pushed, as a day's arXiv listing, whose
 * scores differ by their dates alone), a followed category's own papers before its cross-lists,
 * as arXiv's listing pages put new submissions before cross-lists (see {@link crossListed}); then
 * id, so equal papers always come out in the same order.
 */
export function comparePapers(a: RankedPaper, b: RankedPaper, followed?: Followed): number {
  if (b.score.total !== a.score.total) return b.score.total - a.score.total;
  const cross = Number(crossListed(a, followed)) - Number(crossListed(b, followed));
  if (cross !== 0) return cross;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Ranks every paper of a list at the window's end `now`, best first (see {@link comparePapers}). */
export function rankPapers(
  papers: Paper[],
  now: Date,
  weights: RankWeights,
  windowHours?: number,
  followed?: Followed,
): RankedPaper[] {
  return papers
    .map((p) => ({ ...p, score: scorePaper(p, now, weights, windowHours) }))
    .sort((a, b) => comparePapers(a, b, followed));
}

export { CATCH_ALL_SLUG };

/** Share of the edition the catch-all section may take at most. */
const CATCH_ALL_SHARE = 0.15;

/** The caps of a letter built with `options`: per section, in the catch-all (~15 %), in all. */
export function editionCaps(options: Pick<RankOptions, 'maxPerEdition' | 'maxPerSection'>): EditionCaps {
  const perSection = Math.max(0, options.maxPerSection);
  const perEdition = Math.max(0, options.maxPerEdition);
  return {
    perSection,
    catchAll: Math.min(perSection, Math.max(2, Math.floor(perEdition * CATCH_ALL_SHARE))),
    perEdition,
  };
}

/**
 * Every group as a section of all its papers, best first, uncapped (`more` 0), sections ordered
 * as a letter orders them (see {@link orderSections}); empty groups left out. The papers a group
 * holds for closeness alone (`closeOnly`: they say none of its topic's key phrases) come after
 * those that name its subject, each part best first: a capped letter shows a section's papers on
 * its subject, the others on the web. In a letter no reader pushed (arXiv listings), those whose
 * titles name the subject (`titled`) lead.
 */
export function rankGroups(groups: TopicGroup[], papers: Paper[], options: RankOptions): Section[] {
  const byId = new Map(papers.map((p) => [p.id, p]));
  // A letter no reader pushed: scores differ by age alone, a section opens on papers naming it.
  const listing = !papers.some(pushedByReaders);
  const sections: Section[] = [];
  for (const group of groups) {
    const ranked = group.paperIds.map((id) => {
      const paper = byId.get(id);
      if (!paper) {
        throw new PaperpostError(
          'rank',
          'unknown-paper',
          `topic ${group.topic.slug}: paper ${id} is not in the input`,
        );
      }
      return paper;
    });
    if (ranked.length === 0) continue;
    const all = rankPapers(ranked, options.now, options.weights, options.windowHours, options.followed);
    const close = new Set(group.closeOnly ?? []);
    const standing = close.size === 0 ? all : byStanding(all, close);
    const titled = new Set(listing ? (group.titled ?? []) : []);
    const papers =
      titled.size === 0
        ? standing
        : [...standing.filter((p) => titled.has(p.id)), ...standing.filter((p) => !titled.has(p.id))];
    sections.push({ topic: group.topic, papers, more: 0 });
  }
  return orderSections(sections, options.followed);
}

/**
 * A section's papers in the order a letter shows them: those that name its subject by score, and
 * those held for closeness alone (`close`) after them, unless readers pushed one (upvotes,
 * comments, a second source) to trend more than every paper that names the subject (a
 * closeness-held paper that leads the day keeps its place; in arXiv listings, whose scores differ
 * by minutes of age, none does).
 */
function byStanding(papers: readonly RankedPaper[], close: ReadonlySet<string>): RankedPaper[] {
  const named = papers.filter((p) => !close.has(p.id));
  const best = named[0]?.score.total ?? Number.NEGATIVE_INFINITY;
  const leads = (p: RankedPaper): boolean => pushedByReaders(p) && p.score.total > best;
  const leading = papers.filter((p) => close.has(p.id) && leads(p));
  const rest = papers.filter((p) => close.has(p.id) && !leads(p));
  return [...leading, ...named, ...rest];
}

/**
 * Orders papers by score inside each group and groups by their best paper, then applies the caps
 * (see {@link editionCaps}): `maxPerSection` per section (the catch-all at most ~15 % of
 * `maxPerEdition`, or the room the topic sections leave, see {@link withCatchAllRoom}), then
 * `maxPerEdition` over the edition. A section's papers cut by either cap
 * are counted in its `Section.more` (the letter's "N more in <topic> on the web"); a section left
 * empty is dropped and its papers are counted in the returned `more`. The edition is filled by
 * rank, but a section only enters with at least two papers (its best two), so no section but the
 * catch-all shows a single paper. Ties are broken by paper id and topic slug.
 */
export function rankSections(groups: TopicGroup[], papers: Paper[], options: RankOptions): RankResult {
  const topicSections = rankGroups(groups, papers, options);
  const caps = withCatchAllRoom(editionCaps(options), topicSections);
  const sections = topicSections.map((section) => {
    const cap = section.topic.slug === CATCH_ALL_SLUG ? caps.catchAll : caps.perSection;
    const kept = section.papers.slice(0, cap);
    return { topic: section.topic, papers: kept, more: section.papers.length - kept.length };
  });
  const taken = takeByRank(
    sections,
    caps.perEdition,
    Math.min(2, caps.perSection),
    letterSections(caps),
    options.followed,
  );
  let more = 0;
  const capped: Section[] = [];
  sections.forEach((section, i) => {
    const papersKept = section.papers.slice(0, taken[i] ?? 0);
    // Everything of the topic the letter does not show: what "N more in <topic>" counts.
    const sectionMore = section.more + section.papers.length - papersKept.length;
    if (papersKept.length === 0) {
      more += sectionMore;
      return;
    }
    capped.push({ ...section, papers: papersKept, more: sectionMore });
  });
  return { sections: orderSections(capped, options.followed), more, topicSections, caps };
}

/**
 * The caps of a letter of these sections: the catch-all at ~15% of the letter (see
 * {@link editionCaps}), or the room the topic sections leave when they cannot fill the letter
 * (each at most `perSection` papers, as many as the letter opens): a letter of journal feeds of
 * botany, where two found sections hold six papers of 223, shows 34 papers of "More papers"
 * rather than 7 and the other 210 on the web; a Hugging Face day of 30 papers shows them all.
 */
export function withCatchAllRoom(caps: EditionCaps, sections: readonly Section[]): EditionCaps {
  const topics = sections
    .filter((s) => s.topic.slug !== CATCH_ALL_SLUG && s.papers.length >= Math.min(2, caps.perSection))
    .map((s) => Math.min(s.papers.length, caps.perSection))
    .sort((a, b) => b - a);
  const open = topics.slice(0, letterSections(caps)).reduce((sum, n) => sum + n, 0);
  return { ...caps, catchAll: Math.max(caps.catchAll, caps.perEdition - open) };
}

/** Letters of fewer papers than this open every section they have room for (see {@link letterSections}). */
const SECTION_LIMIT_FROM = 30;

/**
 * Topic sections a letter of `caps.perEdition` papers opens at most, the catch-all apart: as many
 * as a letter of that size reads well with (see {@link sectionBounds}: 10 for 40 papers), one left
 * for "More papers". A busy day's other topics are on the web (the edition's web-only groups). A
 * short letter (a personal digest of ten papers) has no such limit: it shows what its reader asked.
 */
export function letterSections(caps: EditionCaps): number {
  if (caps.perEdition < SECTION_LIMIT_FROM) return Number.POSITIVE_INFINITY;
  return Math.max(1, sectionBounds(caps.perEdition)[1] - 1);
}

/**
 * In a letter no reader pushed (arXiv listings: no upvotes, comments or second source, so its
 * papers' scores say little), the `limit` sections (the catch-all apart) holding most of the
 * edition, by index: those open first when the letter opens only so many (see
 * {@link letterSections}); none in a letter readers pushed, where rank decides. A section led
 * by a paper cross-listed into the letter's categories (see {@link ledByCrossList}) is none of
 * them: it opens by rank, after the followed categories' own papers.
 */
function largest(sections: readonly Section[], limit: number, followed?: Followed): number[] {
  if (!Number.isFinite(limit) || sections.some((s) => s.papers.some(pushedByReaders))) return [];
  const size = (s: Section): number => s.papers.length + s.more;
  const order = sections
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.topic.slug !== CATCH_ALL_SLUG && !ledByCrossList(s, followed))
    .sort((a, b) => size(b.s) - size(a.s) || a.i - b.i);
  return order
    .slice(0, limit)
    .map(({ i }) => i)
    .sort((a, b) => a - b);
}

/**
 * How many of each section's (ranked) papers the edition keeps: the best papers overall up to
 * `budget`, where a section other than the catch-all opens only with its best `minShown` papers
 * at once (or all of them when its whole group is smaller: grouping decides that, not the cap),
 * and is skipped while the budget has less room left. At most `maxOpen` sections other than the
 * catch-all open while the open ones can take the budget: a letter of 40 papers reads as nine
 * sections of four, not thirteen of two or three, when the day's papers allow it; past that, the
 * next sections open by rank as before.
 */
function takeByRank(
  sections: readonly Section[],
  budget: number,
  minShown: number,
  maxOpen = Number.POSITIVE_INFINITY,
  followed?: Followed,
): number[] {
  const taken = sections.map(() => 0);
  // A section is taken in its own order (see byStanding): a paper counts the lowest score of
  // those before it, so a later paper never comes before an earlier one of its section.
  const order = sections
    .flatMap((section, s) => {
      let standing = Number.POSITIVE_INFINITY;
      return section.papers.map((paper, index) => {
        standing = Math.min(standing, paper.score.total);
        return { paper, s, index, standing };
      });
    })
    .sort(
      (a, b) =>
        b.standing - a.standing ||
        (a.s === b.s ? a.index - b.index : comparePapers(a.paper, b.paper, followed) || a.s - b.s),
    );
  let left = budget;
  let open = 0;
  const openSection = (s: number): void => {
    const section = sections[s] as Section;
    const catchAll = section.topic.slug === CATCH_ALL_SLUG;
    const need = catchAll ? 1 : Math.max(1, Math.min(minShown, section.papers.length));
    if (left < need) return;
    taken[s] = need;
    left -= need;
    if (!catchAll) open += 1;
  };
  const take = (limit: number): void => {
    for (const { s, index } of order) {
      if (left === 0) break;
      const section = sections[s] as Section;
      const have = taken[s] as number;
      if (index < have) continue;
      if (have > 0) {
        taken[s] = have + 1;
        left -= 1;
        continue;
      }
      if (section.topic.slug === CATCH_ALL_SLUG || open < limit) openSection(s);
    }
  };
  // A listing's largest sections open before any fills by rank (see largest).
  for (const s of largest(sections, maxOpen, followed)) openSection(s);
  take(maxOpen);
  // The open sections could not take the budget (a day of many small subjects): the next open.
  if (left > 0 && open >= maxOpen) take(Number.POSITIVE_INFINITY);
  return taken;
}

/**
 * Sections by their best paper (the larger section first when those score alike), a topic's split
 * parts (sections carrying `parent`) kept together where the best of them stands; the rest of a
 * subject ("Other computer vision") after the subjects' sections, and the catch-all closes the
 * letter whatever its scores. In a letter no reader pushed (no upvotes, comments or
 * second source: listings), the larger section leads whatever its papers' dates: the newest
 * listing of a day is no reason to open the letter on its subject.
 */
export function orderSections(sections: readonly Section[], followed?: Followed): Section[] {
  const sizeFirst = !sections.some((s) => s.papers.some(pushedByReaders));
  const compare = (a: Section, b: Section): number => compareSections(a, b, sizeFirst, followed);
  const family = (s: Section): string => s.topic.parent ?? s.topic.slug;
  const lead = new Map<string, Section>();
  for (const s of [...sections].sort(compare)) if (!lead.has(family(s))) lead.set(family(s), s);
  return [...sections].sort((a, b) => {
    const fa = lead.get(family(a)) as Section;
    const fb = lead.get(family(b)) as Section;
    if (fa !== fb) return compare(fa, fb);
    return compare(a, b);
  });
}

/**
 * true for a section whose best paper is cross-listed into the letter's categories (see
 * {@link crossListed}): of papers that score alike own papers come first, so in a listing of one
 * date such a section holds cross-lists alone.
 */
function ledByCrossList(s: Section, followed: Followed | undefined): boolean {
  const best = s.papers[0];
  return best !== undefined && crossListed(best, followed);
}

function compareSections(a: Section, b: Section, sizeFirst: boolean, followed?: Followed): number {
  // The catch-all section ("More papers", slug "other") closes the letter whatever its scores.
  const last = Number(a.topic.slug === CATCH_ALL_SLUG) - Number(b.topic.slug === CATCH_ALL_SLUG);
  if (last !== 0) return last;
  // The section of a class the topics cover is that class's catch-all (papers on subjects no topic
  // took): it follows the letter's topics, as "More papers" follows it. A cs.LG listing opens on
  // its "Time series" of nine, not on a "Machine learning" of 27 papers on as many subjects.
  const bin = Number(a.topic.classCatchAll === true) - Number(b.topic.classCatchAll === true);
  if (bin !== 0) return bin;
  // Of either kind, the rest of a subject comes after its sections: "Other mathematics" after the
  // classes' sections (it is no class's), a broad area's "Other computer vision" after "3D vision"
  // and the letter's other topics, however many papers it holds (a reader meets the subjects
  // before their remainder, as an editor orders them).
  const rest = (s: Section): number => Number(s.topic.label.startsWith('Other '));
  if (rest(a) !== rest(b)) return rest(a) - rest(b);
  // The section holding more of the edition leads, as an editor leads with the day's largest
  // subject: first when no reader pushed any paper, else when the best papers score alike.
  const size = (s: Section): number => s.papers.length + s.more;
  if (sizeFirst) {
    // A listing's section led by a cross-list (of one date, it holds cross-lists alone) follows
    // those of the followed categories' own papers, as arXiv lists cross-lists after new ones.
    const cross = Number(ledByCrossList(a, followed)) - Number(ledByCrossList(b, followed));
    if (cross !== 0) return cross;
    if (size(a) !== size(b)) return size(b) - size(a);
  }
  const pa = a.papers[0];
  const pb = b.papers[0];
  if (pa && pb && pb.score.total !== pa.score.total) return pb.score.total - pa.score.total;
  if (size(a) !== size(b)) return size(b) - size(a);
  if (pa && pb) {
    const c = comparePapers(pa, pb, followed);
    if (c !== 0) return c;
  }
  return a.topic.slug < b.topic.slug ? -1 : a.topic.slug > b.topic.slug ? 1 : 0;
}
