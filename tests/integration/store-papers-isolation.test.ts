/**
 * Regression, issue 15 finding 1: a store error caused by one source's data stayed a store error
 * of the whole run. storePapers keeps it inside that source: other papers are stored, the source
 * is reported failed with the reason. Real stores; the bad values bypass normalize on purpose.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceReport } from '../../src/pipeline/ingest-sources.js';
import { storePapers } from '../../src/pipeline/store-papers.js';
import { createStore } from '../../src/store/index.js';
import { canReachPostgres } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/types.js';
import { describeWith } from '../helpers/requirements.js';
import { paper } from '../unit/normalize/helpers.js';
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from './worker-fixture.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function report(id: string): SourceReport {
  return { id, status: 'ok', entries: 1, skipped: 0, error: null, failuresInRow: 0 };
}

async function check(store: Store, badUpvotes: number): Promise<void> {
  const good = paper({ id: '2411.00001', sources: ['arxiv'] });
  const bad = paper({ id: '2411.00002', sources: ['hf'], upvotes: badUpvotes });
  const reports = [report('arxiv'), report('hf')];
  const result = await storePapers(store, [good, bad], reports, silent, new Date());
  expect(result.inserted).toBe(1);
  expect(result.stored.map((p) => p.id)).toEqual(['2411.00001']);
  expect((await store.papers.getPapers(['2411.00001', '2411.00002'])).map((p) => p.id)).toEqual([
    '2411.00001',
  ]);
  expect(reports[0]).toMatchObject({ status: 'ok', error: null });
  expect(reports[1]?.status).toBe('failed');
  expect(reports[1]?.error).toMatch(/^store refused paper 2411\.00002: /);
}

describe('storePapers on SQLite', () => {
  it('stores the healthy source when the store refuses one paper (NaN upvotes)', async () => {
    const store = await createStore({ driver: 'sqlite', path: ':memory:' });
    try {
      await check(store, Number.NaN);
    } finally {
      await store.close();
    }
  });
});

// A database of its own, so nothing another test file does to the shared one reaches these stores.
const reachable = await canReachPostgres(PG_ADMIN_URL);
let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
});

describeWith(reachable, 'no PostgreSQL at 127.0.0.1:5432', 'storePapers on PostgreSQL', () => {
  it('stores the healthy source when the store refuses one paper (2^31 upvotes)', async () => {
    db = await createTestDatabase('pp_store_papers');
    const store = await createStore({ driver: 'postgres', url: db.url });
    try {
      await check(store, 2147483648);
    } finally {
      await store.close();
    }
  });
});
