import type {
  Edition,
  Frequency,
  Paper,
  RankedPaper,
  ScoreParts,
  Section,
  Topic,
  TopicGroup,
  WebOnlyGroup,
} from '../domain/index.js';
import {
  type Followed,
  type RankOptions,
  rankGroups,
  rankPapers,
  rankSections,
  upvotesPerDay,
  windowEnd,
} from '../rank/index.js';
import { groupPapers, OTHER_TOPIC, slugify, titleClaims } from '../topics/index.js';
import { editionDay } from './source-plan.js';
import type { RunOptions, RunStore } from './types.js';

/** The store an edition is planned and built from. */
type EditionStore = Pick<RunStore, 'papers' | 'catalogue' | 'editions'>;

/** How far back a frequency looks for papers it has not published yet (by first_seen). */
const WINDOW_DAYS: Record<Frequency, number> = { daily: 3, weekly: 10 };

/**
 * The papers below the grouping pool read for the topic their titles name (see titleClaims), how
 * many named one, and the wall time it took (logged at debug level by a run).
 */
export interface TitleClaimsTime {
  papers: number;
  claimed: number;
  ms: number;
}

/** Papers grouped into topics and the wall time it took (logged at debug level by a run). */
export interface GroupingTime {
  papers: number;
  ms: number;
  /** When it started, on the `performance.now()` clock (where the collector's pauses are told apart). */
  startedAt: number;
}

export type BuildResult =
  | {
      status: 'built';
      edition: Edition;
      candidates: number;
      newTopics: number;
      grouping: GroupingTime;
      titleClaims: TitleClaimsTime;
    }
  | { status: 'skipped'; reason: string; candidates: number };

/**
 * How many top-scoring papers are grouped into topics: enough to fill every section cap; every
 * candidate when they are at most half as many again (a day of 107 papers), so that the web
 * version lists the few below the pool under their topics rather than under "More papers".
 */
export function groupingPoolSize(config: Readonly<RunOptions>, candidates = 0): number {
  const pool = Math.max(2 * config.limits.maxPapersPerEdition, 100);
  return candidates <= POOL_SLACK * pool ? Math.max(pool, candidates) : pool;
}

/** Candidates up to this multiple of the grouping pool are all grouped (see groupingPoolSize). */
const POOL_SLACK = 1.5;

/**
 * The arXiv categories a letter follows: those its arXiv RSS sources name (`categories`). Of papers
 * no reader pushed, their own come before the papers cross-listed into them (see `crossListed`).
 */
export function followedCategories(config: Pick<RunOptions, 'sources'>): Followed {
  return new Set(config.sources.flatMap((s) => (s.kind === 'arxiv-rss' ? (s.categories ?? []) : [])));
}

/** How an edition ranks, from the config: its weights and caps, ages counted back from `now`. */
export function rankOptionsFor(
  config: Pick<RunOptions, 'rank' | 'limits' | 'sources'>,
  now: Date,
  windowHours?: number,
): RankOptions {
  return {
    now,
    ...(windowHours === undefined ? {} : { windowHours }),
    weights: config.rank,
    maxPerEdition: config.limits.maxPapersPerEdition,
    maxPerSection: config.limits.maxPapersPerSection,
    followed: followedCategories(config),
  };
}

/** Topics from the config, as catalogue entries that take precedence. */
export function configTopics(config: Readonly<RunOptions>): Topic[] {
  return config.topics.map((t) => ({
    slug: t.slug ?? slugify(t.label, new Set()),
    label: t.label,
    keywords: t.keywords.map((k) => k.toLowerCase()),
    categories: [...t.categories],
    userDefined: true,
  }));
}

async function uniqueEditionId(store: EditionStore, date: string, frequency: Frequency): Promise<string> {
  const base = `${date}-${frequency}`;
  if (!(await store.editions.getEdition(base))) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!(await store.editions.getEdition(id))) return id;
  }
}

export type PlanResult =
  | {
      status: 'planned';
      edition: Edition;
      catalogue: Topic[];
      newTopics: number;
      candidates: number;
      grouping: GroupingTime;
      titleClaims: TitleClaimsTime;
    }
  | { status: 'skipped'; reason: string; candidates: number };

/**
 * What an edition is planned from: its grouping pool, of the papers below it what their titles
 * name a topic with, and of every candidate its id.
 */
interface Candidates {
  /** Ranked, best first: the pool grouping reads, with abstracts. */
  pool: RankedPaper[];
  /** The papers below the pool, best first: id, title, categories and score alone. */
  beyond: BeyondPool[];
  /** Every candidate's id, best first (the ranking), and as the store listed them. */
  rankedIds: string[];
  listedIds: string[];
  end: Date;
  windowHours: number;
}

/**
 * The papers this frequency has not published, ranked, and the best of them with their abstracts
 * (the grouping pool), or why there is no edition. In a function of its own, so that the papers
 * themselves (a day's 1,500 arXiv papers, read just before the grouping) are garbage while the
 * pool is grouped: of the others only their ids are kept, and of those below the pool what their
 * title claims read (a small object each, sharing the papers' strings), so a collection during
 * the grouping copies and marks little of them (the frame of `planEdition` would hold them whole
 * to its end).
 */
async function readCandidates(
  store: EditionStore,
  config: Readonly<RunOptions>,
  frequency: Frequency,
  now: Date,
): Promise<Candidates | { skipped: string; candidates: number }> {
  const since = new Date(now.getTime() - WINDOW_DAYS[frequency] * 86_400_000);
  // Without their abstracts: ranking reads none, and of a day's 1,500 arXiv papers only the
  // grouping pool's are ever read (see withAbstracts).
  const candidates: Paper[] = await store.papers.listUnpublishedPapers(frequency, since, {
    abstracts: false,
  });
  const minPapers = Math.max(1, config.schedule.minPapers);
  if (candidates.length < minPapers) {
    return {
      skipped: `${candidates.length} new paper(s) for the ${frequency} edition, below the minimum of ${minPapers}`,
      candidates: candidates.length,
    };
  }
  // Recency counts back from the edition's own window (its newest paper), capped at its length.
  const end = windowEnd(candidates, now);
  const windowHours = WINDOW_DAYS[frequency] * 24;
  const withGrowth = await withUpvoteGrowth(store, candidates, now);
  // Only the best-scoring papers can reach the mail; grouping the rest would cost time for
  // nothing (1,500 arXiv papers a day). They are published with the edition (web version).
  const ranking = rankPapers(withGrowth, end, config.rank, windowHours, followedCategories(config));
  const size = groupingPoolSize(config, ranking.length);
  const pool = await withAbstracts(store, ranking.slice(0, size));
  return {
    pool,
    beyond: ranking
      .slice(size)
      .map((p) => ({ id: p.id, title: p.title, categories: p.categories, score: p.score })),
    rankedIds: ranking.map((p) => p.id),
    listedIds: candidates.map((p) => p.id),
    end,
    windowHours,
  };
}

/**
 * Select the papers this frequency has not published, group them into catalogue topics and rank
 * them, without writing anything (what `preview` shows as "the next edition").
 */
export async function planEdition(
  store: EditionStore,
  config: Readonly<RunOptions>,
  frequency: Frequency,
  now: Date,
  slot: Date = now,
): Promise<PlanResult> {
  const read = await readCandidates(store, config, frequency, now);
  if ('skipped' in read) return { status: 'skipped', reason: read.skipped, candidates: read.candidates };
  const { pool, beyond, rankedIds, listedIds, end, windowHours } = read;
  const stored = await store.catalogue.listTopics();
  const fromConfig = configTopics(config);
  const known = new Set(fromConfig.map((t) => t.slug));
  const catalogue = [...fromConfig, ...stored.filter((t) => !known.has(t.slug))];
  const started = performance.now();
  const grouped = groupPapers(pool, catalogue, {
    areas: config.areas ?? [],
    homes: config.homes ?? {},
    ...(config.applied ? { applied: config.applied } : {}),
  });
  const grouping = { papers: pool.length, ms: Math.round(performance.now() - started), startedAt: started };
  const before = new Set(stored.map((t) => t.slug));
  // The papers below the pool join the topic their titles name, for its readers and under its
  // heading on the web (see joinByTitle); the letter is made of the pool alone.
  const claimsStarted = performance.now();
  const slugs = titleClaims(beyond, catalogue, {
    ...(config.applied ? { applied: config.applied } : {}),
    uncategorizedLearning: grouped.uncategorizedLearning,
  });
  const named = beyond.flatMap((p, i) => {
    const slug = slugs[i];
    return slug === undefined ? [] : [{ id: p.id, slug, score: p.score }];
  });
  const titleClaimsTime = {
    papers: beyond.length,
    claimed: named.length,
    ms: Math.round(performance.now() - claimsStarted),
  };
  const claimed = await withScores(store, named);
  // Those the store still has (a paper it lost would name a group member ranking cannot find).
  const found = new Set(claimed.map((p) => p.id));
  const topicGroups = joinByTitle(
    grouped.groups,
    named.filter((p) => found.has(p.id)),
    grouped.catalogue,
  );

  const options = rankOptionsFor(config, end, windowHours);
  const ranked = rankSections(grouped.groups, pool, options);
  const topicSections =
    claimed.length === 0 ? ranked.topicSections : rankGroups(topicGroups, [...pool, ...claimed], options);
  const shown = new Set(ranked.sections.flatMap((s) => s.papers.map((p) => p.id)));
  const webOnly = arrangeWebOnly(rankedIds, shown, ranked.sections, topicGroups);
  // The letter's sections with their topics as the joined papers left them: a web-only card of
  // "More papers" says the topic its title names, as the pool's do.
  const topicOf = new Map(topicGroups.map((g) => [g.topic.slug, g.topic]));
  const letter = ranked.sections.map((s) => ({ ...s, topic: topicOf.get(s.topic.slug) ?? s.topic }));
  const sections = withWebCounts(letter, webOnly);
  const overflowIds = listedIds.filter((id) => !shown.has(id));
  // The day it stands for, where its readers are: a 08:00 Tokyo letter is not dated the day before.
  const date = editionDay(config, frequency, slot);
  const edition: Edition = {
    id: await uniqueEditionId(store, date, frequency),
    frequency,
    date,
    createdAt: now.toISOString(),
    sections,
    more: overflowIds.length - sections.reduce((n, s) => n + s.more, 0),
    overflowIds,
    webOnly,
    topicSections: withUngrouped(
      capBelowPool(topicSections, ranked.caps.perSection),
      rankedIds.length - pool.length - claimed.length,
    ),
    caps: ranked.caps,
  };
  return {
    status: 'planned',
    edition,
    catalogue: grouped.catalogue,
    newTopics: grouped.catalogue.filter((t) => !before.has(t.slug) && !t.userDefined).length,
    candidates: listedIds.length,
    grouping,
    titleClaims: titleClaimsTime,
  };
}

/** A paper below the grouping pool, as its title claim reads it (see planEdition). */
interface BeyondPool {
  id: string;
  title: string;
  categories: string[];
  score: ScoreParts;
}

/**
 * The papers `named` (below the pool, each naming a topic in its title) read from the store with
 * their abstracts, each with the score the ranking gave it, marked `belowPool`.
 */
async function withScores(
  store: EditionStore,
  named: readonly { id: string; score: ScoreParts }[],
): Promise<RankedPaper[]> {
  if (named.length === 0) return [];
  const scores = new Map(named.map((p) => [p.id, p.score]));
  const papers = await store.papers.getPapers(named.map((p) => p.id));
  return papers.flatMap((p) => {
    const score = scores.get(p.id);
    return score === undefined ? [] : [{ ...p, score, belowPool: true as const }];
  });
}

/**
 * The groups with each paper below the grouping pool whose title names a topic (`claims`: its id
 * and that topic's slug) added, where a reader of that topic finds it: in the topic's own section
 * (its title names it: `titled`), else in the first of its parts' sections, else in the section
 * whose cards already say that topic (a broad area's, "More papers", an arXiv class's:
 * `paperTopics`), else in "More papers" with its card saying the topic, as a paper of the pool
 * that names a topic without a section. New group objects; `groups` is not modified.
 */
export function joinByTitle(
  groups: readonly TopicGroup[],
  claims: readonly { id: string; slug: string }[],
  topics: readonly Topic[],
): TopicGroup[] {
  const out: TopicGroup[] = groups.map((g) => ({
    ...g,
    paperIds: [...g.paperIds],
    ...(g.titled ? { titled: [...g.titled] } : {}),
  }));
  if (claims.length === 0) return out;
  const tags = new Map<TopicGroup, Record<string, string>>();
  const labels = new Map(topics.map((t) => [t.slug, t.label]));
  const catchAll = (): TopicGroup => {
    let other = out.find((g) => g.topic.slug === OTHER_TOPIC.slug);
    if (other === undefined) {
      other = { topic: { ...OTHER_TOPIC }, paperIds: [] };
      out.push(other);
    }
    return other;
  };
  for (const { id, slug } of claims) {
    const own = out.find((g) => g.topic.slug === slug && g.topic.paperTopics === undefined);
    if (own !== undefined) {
      own.paperIds.push(id);
      own.titled ??= [];
      own.titled.push(id);
      continue;
    }
    const part = out.find((g) => g.topic.parent === slug);
    if (part !== undefined) {
      part.paperIds.push(id);
      continue;
    }
    const saying = out.find((g) => Object.values(g.topic.paperTopics ?? {}).includes(slug)) ?? catchAll();
    saying.paperIds.push(id);
    const added = tags.get(saying) ?? {};
    added[id] = slug;
    tags.set(saying, added);
  }
  for (const [g, added] of tags) {
    const said = Object.fromEntries(Object.values(added).map((slug) => [slug, labels.get(slug) ?? slug]));
    g.topic = {
      ...g.topic,
      paperTopics: { ...g.topic.paperTopics, ...added },
      topicLabels: { ...g.topic.topicLabels, ...said },
    };
  }
  return out;
}

/**
 * The edition's uncut sections with at most `cap` papers from below the grouping pool of each
 * topic (a section's own, or of each topic its cards say), the best, the others counted in the
 * section's `more`: a reader's cut takes at most `cap` papers of a topic, and the stored edition
 * keeps the size of its pool however long the day (a broad feed's week: thousands of titles that
 * name a topic; the web edition lists every paper, by id).
 */
export function capBelowPool(sections: readonly Section[], cap: number): Section[] {
  return sections.map((s) => {
    const taken = new Map<string, number>();
    let dropped = 0;
    const papers = s.papers.filter((p) => {
      if (p.belowPool !== true) return true;
      const topic = s.topic.paperTopics?.[p.id] ?? s.topic.slug;
      const n = taken.get(topic) ?? 0;
      taken.set(topic, n + 1);
      if (n < cap) return true;
      dropped += 1;
      return false;
    });
    return dropped === 0 ? s : { ...s, papers, more: s.more + dropped };
  });
}

/** Ranked papers with their abstracts, read from the store by id (a paper it lost keeps none). */
async function withAbstracts(store: EditionStore, papers: RankedPaper[]): Promise<RankedPaper[]> {
  const stored = new Map((await store.papers.getPapers(papers.map((p) => p.id))).map((p) => [p.id, p]));
  return papers.map((paper) => {
    const full = stored.get(paper.id);
    return full === undefined ? paper : { ...paper, summary: full.summary, aiSummary: full.aiSummary };
  });
}

/**
 * Papers with their upvote growth over the last day, from the snapshots the store kept at each
 * fetch (the daemon refetches before a slot); papers seen once are left as they are.
 */
async function withUpvoteGrowth(store: EditionStore, papers: Paper[], now: Date): Promise<Paper[]> {
  const voted = papers.filter((p) => p.upvotes > 0).map((p) => p.id);
  if (voted.length === 0) return papers;
  const snapshots = await store.papers.listPaperSnapshots(voted, now);
  return papers.map((paper) => {
    const rate = upvotesPerDay(snapshots.get(paper.id) ?? [], now);
    return rate === undefined ? paper : { ...paper, upvotesPerDay: rate };
  });
}

/**
 * The papers the letter had no room for (ids, best first), under their topics in rank order: the letter's topics
 * in letter order, then grouped topics the letter dropped (best paper first), then the papers that
 * were never grouped (below the grouping pool) under "More papers".
 */
export function arrangeWebOnly(
  ranking: readonly string[],
  shown: ReadonlySet<string>,
  sections: readonly Section[],
  groups: readonly TopicGroup[],
): WebOnlyGroup[] {
  const topicOf = new Map<string, Topic>();
  for (const group of groups)
    for (const id of group.paperIds) if (!topicOf.has(id)) topicOf.set(id, group.topic);
  const bySlug = new Map<string | null, WebOnlyGroup>();
  for (const section of sections) {
    bySlug.set(section.topic.slug, { slug: section.topic.slug, label: section.topic.label, ids: [] });
  }
  // Ungrouped papers join the letter's own catch-all when it has one: one "More papers", last.
  const rest: WebOnlyGroup = bySlug.get(OTHER_TOPIC.slug) ?? {
    slug: null,
    label: OTHER_TOPIC.label,
    ids: [],
  };
  bySlug.delete(OTHER_TOPIC.slug);
  for (const id of ranking) {
    if (shown.has(id)) continue;
    const topic = topicOf.get(id);
    if (!topic || topic.slug === OTHER_TOPIC.slug) {
      rest.ids.push(id);
      continue;
    }
    let group = bySlug.get(topic.slug);
    if (!group) {
      group = { slug: topic.slug, label: topic.label, ids: [] };
      bySlug.set(topic.slug, group);
    }
    group.ids.push(id);
  }
  return [...bySlug.values(), rest].filter((g) => g.ids.length > 0);
}

/**
 * Every topic's ranked section, the catch-all's `more` counting the papers below the grouping
 * pool (the web lists them under "More papers" too).
 */
export function withUngrouped(sections: readonly Section[], ungrouped: number): Section[] {
  return sections.map((s) => (s.topic.slug === OTHER_TOPIC.slug ? { ...s, more: s.more + ungrouped } : s));
}

/**
 * The letter's sections with `more` counting what the web version shows under the same topic,
 * so "N more in <topic> on the web" is the number a reader finds there (the catch-all's includes
 * the papers below the grouping pool, which the web lists under "More papers").
 */
export function withWebCounts(sections: readonly Section[], webOnly: readonly WebOnlyGroup[]): Section[] {
  const onWeb = new Map(webOnly.map((g) => [g.slug ?? OTHER_TOPIC.slug, g.ids.length]));
  return sections.map((s) => ({ ...s, more: onWeb.get(s.topic.slug) ?? 0 }));
}

/** Plan the edition, then store it (claiming its papers for the frequency) and its new topics. */
export async function buildEdition(
  store: EditionStore,
  config: Readonly<RunOptions>,
  frequency: Frequency,
  now: Date,
  slot: Date = now,
): Promise<BuildResult> {
  const plan = await planEdition(store, config, frequency, now, slot);
  if (plan.status === 'skipped') return plan;
  await store.catalogue.saveTopics(plan.catalogue);
  await store.editions.createEdition(plan.edition);
  await store.catalogue.addTopicPapers(topicCounts(plan.edition));
  return {
    status: 'built',
    edition: plan.edition,
    candidates: plan.candidates,
    newTopics: plan.newTopics,
    grouping: plan.grouping,
    titleClaims: plan.titleClaims,
  };
}

/**
 * Papers of an edition per catalogue topic, of every topic's section (those the letter had no room
 * for too: their readers get them): a sub-section counts for its parent topic, a broad area's
 * section for the topics of its papers, a paper that names another topic too for both.
 */
export function topicCounts(edition: Edition): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of edition.topicSections ?? edition.sections) {
    // A broad area's section counts for the topic of each of its papers (those cut for size too);
    // "More papers" and a section of an arXiv class for the topics its papers name, the rest for
    // itself (an area has no rest).
    if (s.topic.paperTopics !== undefined) {
      const named = Object.values(s.topic.paperTopics);
      for (const slug of named) counts.set(slug, (counts.get(slug) ?? 0) + 1);
      const rest = s.papers.length + s.more - named.length;
      if (rest > 0) counts.set(s.topic.slug, (counts.get(s.topic.slug) ?? 0) + rest);
      // An area's paper that names another topic too (alsoTopics) counts for it as well.
      for (const [id, also] of Object.entries(s.topic.alsoTopics ?? {}))
        if (also !== s.topic.paperTopics[id]) counts.set(also, (counts.get(also) ?? 0) + 1);
      continue;
    }
    const slug = s.topic.parent ?? s.topic.slug;
    counts.set(slug, (counts.get(slug) ?? 0) + s.papers.length + s.more);
    // A paper that names another topic too counts for it as well: that topic's readers get it.
    for (const also of Object.values(s.topic.alsoTopics ?? {}))
      if (also !== slug) counts.set(also, (counts.get(also) ?? 0) + 1);
  }
  return counts;
}
