import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { curatedTopics } from '../../../src/cli/context.js';
import { planEdition } from '../../../src/pipeline/build-edition.js';
import { ingestSources } from '../../../src/pipeline/ingest-sources.js';
import type { Store } from '../../../src/store/types.js';
import { silentLogger } from '../daemon/schedule-fixture.js';
import { type HfProject, openHfProject } from './hf-project.js';

/** An HF daily_papers reply with these upvotes (and abstracts), as the API shapes it. */
function hfReply(votes: Record<string, number>, summaries: Record<string, string> = {}): string {
  return JSON.stringify(
    Object.entries(votes).map(([id, upvotes]) => ({
      paper: {
        id,
        title: `Paper ${id}`,
        summary: summaries[id] ?? `Summary of ${id}.`,
        authors: [{ name: 'Ada Lovelace' }],
        upvotes,
        publishedAt: '2026-06-10T00:00:00.000Z',
        submittedOnDailyAt: '2026-06-12T00:00:00.000Z',
      },
      numComments: 0,
    })),
  );
}

describe('ranking by upvote growth between refetches', () => {
  let project: HfProject | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await project?.close();
  });
  const openProject = async (prefix: string) => {
    project = await openHfProject(prefix);
    store = project.store;
    return project;
  };

  it('groups the pool by its abstracts, which the candidates are listed without', async () => {
    const { feed, config } = await openProject('paperpost-abstracts-');
    await (store as Store).catalogue.seedTopics(curatedTopics());
    // Titles say nothing ("Paper 2606.00001"): only the abstracts tell the two subjects apart.
    const ids = Array.from({ length: 10 }, (_, i) => `2606.${String(i + 1).padStart(5, '0')}`);
    const decoding = ids.filter((_, i) => i % 2 === 0);
    const robots = ids.filter((_, i) => i % 2 === 1);
    const summaries = Object.fromEntries([
      ...decoding.map((id) => [
        id,
        `Speculative decoding with a draft model (${id}) makes LLM inference faster: speculative decoding verifies draft tokens.`,
      ]),
      ...robots.map((id) => [
        id,
        `Robot manipulation policies (${id}) grasp objects with a robot arm: robot manipulation from demonstrations.`,
      ]),
    ]);
    writeFileSync(feed, hfReply(Object.fromEntries(ids.map((id) => [id, 5])), summaries));
    const now = new Date('2026-06-12T08:00:00Z');
    const ingest = await ingestSources(store as Store, config, silentLogger, now);
    await (store as Store).papers.upsertPapers(ingest.papers, now);

    const plan = await planEdition(store as Store, config, 'daily', now);
    if (plan.status !== 'planned') throw new Error(plan.reason);
    // Each section holds one subject's papers (the letter shows the best of each), both are there.
    const sections = plan.edition.sections.map((s) => s.papers.map((p) => p.id));
    const subjectOf = (section: string[]): string[] => [
      ...new Set(section.map((id) => (decoding.includes(id) ? 'decoding' : 'robots'))),
    ];
    expect(sections.map(subjectOf).sort()).toEqual([['decoding'], ['robots']]);
    for (const paper of plan.edition.sections.flatMap((s) => s.papers))
      expect(paper.summary).toBe(summaries[paper.id]);
  });

  it('a paper gaining fast outranks one with more upvotes that stalled (stored snapshots)', async () => {
    const { feed, config } = await openProject('paperpost-growth-');
    const fetchAt = async (iso: string, votes: Record<string, number>) => {
      writeFileSync(feed, hfReply(votes));
      const now = new Date(iso);
      const ingest = await ingestSources(store as Store, config, silentLogger, now);
      await (store as Store).papers.upsertPapers(ingest.papers, now);
    };
    // The daily run's fetch, then the daemon's refetch six hours later.
    await fetchAt('2026-06-12T02:00:00Z', { '2606.00001': 100, '2606.00002': 10 });
    await fetchAt('2026-06-12T08:00:00Z', { '2606.00001': 101, '2606.00002': 70 });

    const plan = await planEdition(store as Store, config, 'daily', new Date('2026-06-12T08:00:00Z'));
    if (plan.status !== 'planned') throw new Error(plan.reason);
    const ranked = plan.edition.sections
      .flatMap((s) => s.papers)
      .sort((a, b) => b.score.total - a.score.total);
    expect(ranked.map((p) => p.id)).toEqual(['2606.00002', '2606.00001']);
    const [rising, stalled] = ranked;
    expect(rising?.upvotesPerDay).toBeCloseTo(240, 6); // 60 in 6 hours
    expect(rising?.score.growth).toBeGreaterThan(0);
    expect(stalled?.score.upvotes).toBeGreaterThan(rising?.score.upvotes ?? 0);
  });
});
