import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { canReachPostgres } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/types.js';
import { runCli, sampleSources, tempProject } from '../helpers/cli.js';
import { describeWith } from '../helpers/requirements.js';
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from './worker-fixture.js';

const reachable = await canReachPostgres(PG_ADMIN_URL);
const NOW = new Date('2026-08-22T08:00:00Z');

let db: TestDatabase;
let dir: string;
let editionId: string;

/** A real SQLite store: an edition from the shipped samples, 250 subscribers, a half-sent ledger. */
async function fillSqlite(): Promise<void> {
  dir = tempProject(
    {
      sources: sampleSources(),
      sender: { fromAddress: 'digest@paperpost.example' },
      seedSubscribers: [{ email: 'demo@paperpost.example', frequency: 'daily' }],
    },
    'paperpost-migrate-',
  );
  const run = await runCli(['run', '--no-send', '--json'], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  editionId = JSON.parse(run.stdout).edition.id;
  const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
  try {
    const people = Array.from({ length: 250 }, (_, i) => ({
      email: `reader${i}@example.org`,
      status: i % 10 === 0 ? ('unsubscribed' as const) : ('confirmed' as const),
      topics: [],
      frequency: 'daily' as const,
    }));
    await store.subscribers.addSubscribers(people, NOW);
    await store.ledger.createLedger(editionId, 'daily', 'paperpost.example');
    const claimed = await store.ledger.claimDeliveries({
      editionId,
      limit: 60,
      worker: 't',
      leaseSeconds: 30,
      now: NOW,
    });
    for (const d of claimed.slice(0, 40)) await store.ledger.markSent(d.id, '250 ok', NOW);
    await store.ledger.releaseDeliveries(claimed.slice(40).map((d) => d.id));
  } finally {
    await store.close();
  }
}

async function snapshot(store: Store) {
  const edition = await store.editions.getEdition(editionId);
  const paperIds = (edition?.sections ?? []).flatMap((s) => s.papers.map((p) => p.id));
  const keys = await store.ledger.listVariantKeys(editionId);
  return {
    editions: await store.editions.listEditions(),
    edition,
    papers: await store.papers.getPapers(paperIds),
    variants: await Promise.all(keys.map((k) => store.editions.getRenderedVariant(editionId, k))),
    topics: await store.catalogue.listTopics(),
    sources: await store.sources.listSourceStates(),
    subscribers: await store.subscribers.listSubscribers({ limit: 1000 }),
    counts: await store.subscribers.countSubscribers(),
    deliveries: await store.ledger.listDeliveries(editionId, { limit: 1000 }),
    runs: await store.runs.listRuns(10),
  };
}

beforeAll(async () => {
  if (!reachable) return;
  db = await createTestDatabase('paperpost_test_migrate');
  await fillSqlite();
}, 60_000);

afterAll(async () => {
  if (!reachable) return;
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describeWith(reachable, 'no PostgreSQL at 127.0.0.1:5432', 'paperpost migrate-store', () => {
  it('copies SQLite into an empty PostgreSQL store: counts verified, rows equal, ledger resumable', async () => {
    const result = await runCli(['migrate-store', '--to', db.url, '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      tables: { table: string; source: number; copied: number; target: number }[];
    };
    const counts = Object.fromEntries(report.tables.map((t) => [t.table, t]));
    for (const table of ['sources', 'papers', 'editions', 'edition_papers', 'rendered_variants', 'runs']) {
      expect(counts[table]?.source, table).toBeGreaterThan(0);
    }
    expect(counts.subscribers).toEqual({ table: 'subscribers', source: 251, copied: 251, target: 251 });
    // 225 confirmed readers plus the demo subscriber.
    expect(counts.deliveries).toEqual({ table: 'deliveries', source: 226, copied: 226, target: 226 });
    for (const t of report.tables) if (t.table !== 'locks') expect(t.target, t.table).toBe(t.source);

    const from = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
    const to = await createStore({ driver: 'postgres', url: db.url });
    try {
      const [a, b] = [await snapshot(from), await snapshot(to)];
      expect(b.papers.length).toBeGreaterThan(0);
      expect(b.deliveries.filter((d) => d.state === 'sent')).toHaveLength(40);
      expect(b).toEqual(a);
      // The copied ledger goes on where it stopped: the 186 unsent rows are claimable on PostgreSQL.
      const rest = await to.ledger.claimDeliveries({
        editionId,
        limit: 1000,
        worker: 'pg',
        leaseSeconds: 30,
        now: NOW,
      });
      expect(rest).toHaveLength(186);
      const late = await to.subscribers.upsertSubscriber({
        email: 'late@example.org',
        status: 'confirmed',
        topics: [],
        frequency: 'daily',
      });
      expect(late.id).toBeGreaterThan(251);
    } finally {
      await to.close();
      await from.close();
    }
  });

  it('refuses a target that already holds data, and a target that is not PostgreSQL', async () => {
    const again = await runCli(['migrate-store', '--to', db.url], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^paperpost: \[store\] copy to postgres: table \w+ already has rows/);
    const wrong = await runCli(['migrate-store', '--to', 'sqlite:other.db'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('expected postgres://');
  });
});
