import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { planEdition } from '../../../src/pipeline/build-edition.js';
import { ingestSources } from '../../../src/pipeline/ingest-sources.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { ROOT } from '../../helpers/cli.js';
import { silentLogger } from '../daemon/schedule-fixture.js';

/** An HF daily_papers reply with these upvotes, as the API shapes it. */
function hfReply(votes: Record<string, number>): string {
  return JSON.stringify(
    Object.entries(votes).map(([id, upvotes]) => ({
      paper: {
        id,
        title: `Paper ${id}`,
        summary: `Summary of ${id}.`,
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
  let dir: string;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a paper gaining fast outranks one with more upvotes that stalled (stored snapshots)', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'paperpost-growth-'));
    const feed = path.join(dir, 'hf.json');
    const configPath = path.join(dir, 'paperpost.config.json');
    writeFileSync(
      configPath,
      JSON.stringify({ sources: [{ id: 'hf', kind: 'hf-daily', location: feed }], dataDir: 'data' }),
    );
    const config = loadConfig({ env: {}, cwd: dir, packageRoot: ROOT, file: configPath });
    store = await createStore({ driver: 'sqlite', path: ':memory:' });
    await store.migrate();
    const fetchAt = async (iso: string, votes: Record<string, number>) => {
      writeFileSync(feed, hfReply(votes));
      const now = new Date(iso);
      const ingest = await ingestSources(store as Store, config, silentLogger, now);
      await (store as Store).papers.upsertPapers(ingest.papers, now);
    };
    // The daily run's fetch, then the daemon's refetch six hours later.
    await fetchAt('2026-06-12T02:00:00Z', { '2606.00001': 100, '2606.00002': 10 });
    await fetchAt('2026-06-12T08:00:00Z', { '2606.00001': 101, '2606.00002': 70 });

    const plan = await planEdition(store, config, 'daily', new Date('2026-06-12T08:00:00Z'));
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
