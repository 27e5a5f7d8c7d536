import type { Config } from '../config/load.js';
import type { Edition, Frequency, Paper, Topic } from '../domain/index.js';
import { rankPapers, rankSections } from '../rank/index.js';
import type { Store } from '../store/types.js';
import { groupPapers, slugify } from '../topics/index.js';

/** How far back a frequency looks for papers it has not published yet (by first_seen). */
const WINDOW_DAYS: Record<Frequency, number> = { daily: 3, weekly: 10 };

export type BuildResult =
  | { status: 'built'; edition: Edition; candidates: number; newTopics: number }
  | { status: 'skipped'; reason: string; candidates: number };

/** How many top-scoring papers are grouped into topics: enough to fill every section cap. */
export function groupingPoolSize(config: Readonly<Config>): number {
  return Math.max(2 * config.limits.maxPapersPerEdition, 100);
}

/** Topics from the config, as catalogue entries that take precedence. */
export function configTopics(config: Readonly<Config>): Topic[] {
  return config.topics.map((t) => ({
    slug: t.slug ?? slugify(t.label, new Set()),
    label: t.label,
    keywords: t.keywords.map((k) => k.toLowerCase()),
    categories: [...t.categories],
    userDefined: true,
  }));
}

async function uniqueEditionId(store: Store, date: string, frequency: Frequency): Promise<string> {
  const base = `${date}-${frequency}`;
  if (!(await store.getEdition(base))) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!(await store.getEdition(id))) return id;
  }
}

export type PlanResult =
  | { status: 'planned'; edition: Edition; catalogue: Topic[]; newTopics: number; candidates: number }
  | { status: 'skipped'; reason: string; candidates: number };

/**
 * Select the papers this frequency has not published, group them into catalogue topics and rank
 * them, without writing anything (what `preview` shows as "the next edition").
 */
export async function planEdition(
  store: Store,
  config: Readonly<Config>,
  frequency: Frequency,
  now: Date,
): Promise<PlanResult> {
  const since = new Date(now.getTime() - WINDOW_DAYS[frequency] * 86_400_000);
  const candidates: Paper[] = await store.listUnpublishedPapers(frequency, since);
  const minPapers = Math.max(1, config.schedule.minPapers);
  if (candidates.length < minPapers) {
    return {
      status: 'skipped',
      reason: `${candidates.length} new paper(s) for the ${frequency} edition, below the minimum of ${minPapers}`,
      candidates: candidates.length,
    };
  }
  // Only the best-scoring papers can reach the mail; grouping the rest would cost time for
  // nothing (1,500 arXiv papers a day). They are published with the edition (web version).
  const pool = rankPapers(candidates, now, config.rank).slice(0, groupingPoolSize(config));
  const stored = await store.listTopics();
  const fromConfig = configTopics(config);
  const known = new Set(fromConfig.map((t) => t.slug));
  const catalogue = [...fromConfig, ...stored.filter((t) => !known.has(t.slug))];
  const grouped = groupPapers(pool, catalogue);
  const before = new Set(stored.map((t) => t.slug));

  const ranked = rankSections(grouped.groups, pool, {
    now,
    weights: config.rank,
    maxPerEdition: config.limits.maxPapersPerEdition,
    maxPerSection: config.limits.maxPapersPerSection,
  });
  const shown = new Set(ranked.sections.flatMap((s) => s.papers.map((p) => p.id)));
  const date = now.toISOString().slice(0, 10);
  const edition: Edition = {
    id: await uniqueEditionId(store, date, frequency),
    frequency,
    date,
    createdAt: now.toISOString(),
    sections: ranked.sections,
    more: ranked.more + (candidates.length - pool.length),
    overflowIds: candidates.map((p) => p.id).filter((id) => !shown.has(id)),
  };
  return {
    status: 'planned',
    edition,
    catalogue: grouped.catalogue,
    newTopics: grouped.catalogue.filter((t) => !before.has(t.slug) && !t.userDefined).length,
    candidates: candidates.length,
  };
}

/** Plan the edition, then store it (claiming its papers for the frequency) and its new topics. */
export async function buildEdition(
  store: Store,
  config: Readonly<Config>,
  frequency: Frequency,
  now: Date,
): Promise<BuildResult> {
  const plan = await planEdition(store, config, frequency, now);
  if (plan.status === 'skipped') return plan;
  await store.saveTopics(plan.catalogue);
  await store.createEdition(plan.edition);
  await store.addTopicPapers(topicCounts(plan.edition));
  return { status: 'built', edition: plan.edition, candidates: plan.candidates, newTopics: plan.newTopics };
}

/** Papers of an edition per catalogue topic (a sub-section counts for its parent topic). */
export function topicCounts(edition: Edition): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of edition.sections) {
    const slug = s.topic.parent ?? s.topic.slug;
    counts.set(slug, (counts.get(slug) ?? 0) + s.papers.length + s.more);
  }
  return counts;
}
