import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { copyStore } from '../../src/store/copy-store.js';
import { createStore } from '../../src/store/index.js';
import { canReachPostgres, dropPostgresSchema } from '../../src/store/postgres.js';
import type { Store, StoreConfig } from '../../src/store/types.js';
import { at, makeEdition, makePaper, makeSubscriber, makeTopic, T0 } from './store-contract-fixtures.js';

const url = 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await canReachPostgres(url);
const schema = `pp_copy_${process.pid}_${randomBytes(3).toString('hex')}`;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const clean of cleanups.splice(0)) await clean();
});

async function open(config: StoreConfig): Promise<Store> {
  const store = await createStore(config);
  cleanups.unshift(async () => {
    await store.close();
    if (config.driver === 'postgres' && config.schema !== undefined)
      await dropPostgresSchema(url, config.schema);
  });
  return store;
}

/** A store with a bit of everything: papers, topics, two editions, a worked ledger, runs, meta. */
async function fill(store: Store): Promise<void> {
  await store.sources.saveSourceState({
    id: 'arxiv',
    etag: '"e"',
    lastModified: null,
    lastStatus: '200',
    lastFetchedAt: T0.toISOString(),
    failuresInRow: 0,
    lastError: null,
  });
  await store.papers.upsertPapers(
    ['p1', 'p2', 'p3'].map((id) => makePaper(id)),
    T0,
  );
  await store.catalogue.saveTopics([makeTopic('ml', { userDefined: true })]);
  await store.editions.createEdition(makeEdition('d1', 'daily', ['p1', 'p2']));
  await store.editions.saveRenderedVariant('d1', {
    variantKey: 'daily:*',
    subject: 's',
    preheader: 'p',
    html: '<b>h</b>',
    text: 't',
  });
  await store.subscribers.addSubscribers(
    Array.from({ length: 30 }, (_, i) => makeSubscriber(`s${i}@example.org`)),
    T0,
  );
  await store.subscribers.upsertSubscriber(makeSubscriber('gone@example.org', { status: 'unsubscribed' }));
  await store.ledger.createLedger('d1', 'daily', 'example.org');
  const batch = await store.ledger.claimDeliveries({
    editionId: 'd1',
    limit: 5,
    worker: 'w',
    leaseSeconds: 30,
    now: T0,
  });
  for (const d of batch) await store.ledger.markSent(d.id, '250 ok', at(1));
  const run = await store.runs.startRun('run', T0);
  await store.runs.finishRun(run, 'ok', { papers: 3 }, 'd1', at(9));
  await store.runs.setMeta('slot:daily', '2025-01-03');
  await store.runs.tryLock('run:daily', 'me', 60, T0);
}

async function snapshot(store: Store) {
  return {
    sources: await store.sources.listSourceStates(),
    papers: await store.papers.getPapers(['p1', 'p2', 'p3']),
    unpublished: (await store.papers.listUnpublishedPapers('daily', T0)).map((p) => p.id),
    topics: await store.catalogue.listTopics(),
    edition: await store.editions.getEdition('d1'),
    editions: await store.editions.listEditions(),
    variant: await store.editions.getRenderedVariant('d1', 'daily:*'),
    subscribers: await store.subscribers.listSubscribers({ limit: 100 }),
    deliveries: await store.ledger.listDeliveries('d1', { limit: 100 }),
    runs: await store.runs.listRuns(10),
    meta: await store.runs.getMeta('slot:daily'),
  };
}

async function copyTo(target: StoreConfig): Promise<void> {
  const from = await open({ driver: 'sqlite', path: ':memory:' });
  await fill(from);
  const to = await open(target);
  const copied = await copyStore(from, to, { batchSize: 7 });
  expect(copied).toMatchObject({ papers: 3, subscribers: 31, deliveries: 30, edition_papers: 2, locks: 0 });
  expect(await snapshot(to)).toEqual(await snapshot(from));
  // Identities continue past the copied ids, and the ledger goes on where it stopped.
  const late = await to.subscribers.upsertSubscriber(makeSubscriber('late@example.org'));
  expect(late.id).toBeGreaterThan(31);
  expect(await to.ledger.createLedger('d1', 'daily', 'example.org')).toBe(1);
  const rest = await to.ledger.claimDeliveries({
    editionId: 'd1',
    limit: 100,
    worker: 'w2',
    leaseSeconds: 30,
    now: T0,
  });
  expect(rest).toHaveLength(26);
  expect(await to.runs.tryLock('run:daily', 'other', 60, T0)).toBe(true);
}

describe('copyStore from SQLite', () => {
  it('copies every table to SQLite, ids and times unchanged', async () => {
    await copyTo({ driver: 'sqlite', path: ':memory:' });
  });

  it.skipIf(!reachable)('copies every table to PostgreSQL (needs PostgreSQL at 127.0.0.1:5432)', async () => {
    await copyTo({ driver: 'postgres', url, schema });
  });

  it('refuses a target that already holds data', async () => {
    const from = await open({ driver: 'sqlite', path: ':memory:' });
    const to = await open({ driver: 'sqlite', path: ':memory:' });
    await to.runs.setMeta('k', 'v');
    await expect(copyStore(from, to)).rejects.toMatchObject({ code: 'copy-target-not-empty' });
  });
});
