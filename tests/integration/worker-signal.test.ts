import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { canReachPostgres } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/types.js';
import { tempProject } from '../helpers/cli.js';
import { describeWith } from '../helpers/requirements.js';
import { makeVariant } from '../unit/deliver/fixtures.js';
import { EDITION, seedEdition } from './deliver-fixture.js';
import {
  createTestDatabase,
  type DelaySink,
  PG_ADMIN_URL,
  spawnWorker,
  startDelaySink,
  type TestDatabase,
} from './worker-fixture.js';

const SUBSCRIBERS = 1500;
const reachable = await canReachPostgres(PG_ADMIN_URL);

let db: TestDatabase;
let sink: DelaySink;
let dir: string;
let store: Store;

beforeAll(async () => {
  if (!reachable) return;
  db = await createTestDatabase('paperpost_test_worker_signal');
  sink = await startDelaySink(2);
  dir = tempProject(
    { sources: [], smtp: { maxConnections: 3, ratePerSecond: 100_000, batchSize: 50 } },
    'paperpost-worker-signal-',
  );
  store = await createStore({ driver: 'postgres', url: db.url });
});

afterAll(async () => {
  if (!reachable) return;
  await store?.close();
  await sink?.close();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describeWith(reachable, 'no PostgreSQL at 127.0.0.1:5432', 'paperpost worker polling', () => {
  it('picks up an edition created after it started; SIGTERM finishes in-flight sends and releases the rest', async () => {
    const env = { DATABASE_URL: db.url, SMTP_URL: sink.url, PAPERPOST_SECRET: 's'.repeat(40) };
    const poller = spawnWorker(dir, env, ['--json']);
    // The edition appears only now: the polling worker must find it on its own.
    await seedEdition(store, SUBSCRIBERS, makeVariant('daily:*', 4));
    while ((await store.ledger.countDeliveries(EDITION)).sent < 200)
      await new Promise((r) => setTimeout(r, 20));
    poller.child.kill('SIGTERM');
    const stopped = await poller.done;
    expect(stopped.stderr).toContain('stopping');
    expect(stopped.code).toBe(0);
    const report = JSON.parse(stopped.stdout) as { sent: number; aborted: boolean; editions: string[] };
    expect(report).toMatchObject({ aborted: true, editions: [EDITION] });

    // Graceful: whatever was handed to SMTP is recorded, nothing is left claimed.
    const after = await store.ledger.countDeliveries(EDITION);
    expect(after.sent).toBe(report.sent);
    expect(after.sending).toBe(0);
    expect(after.pending).toBe(SUBSCRIBERS - report.sent);
    expect(after.pending).toBeGreaterThan(0);
    expect(sink.received).toHaveLength(report.sent);

    const finisher = await spawnWorker(dir, env).done;
    expect(finisher.code, finisher.stderr).toBe(0);
    expect(JSON.parse(finisher.stdout)).toMatchObject({ sent: SUBSCRIBERS - report.sent, aborted: false });
    expect(await store.ledger.countDeliveries(EDITION)).toMatchObject({
      sent: SUBSCRIBERS,
      pending: 0,
      sending: 0,
    });
    // Exactly once each: a graceful stop repeats nothing.
    expect(new Set(sink.received.map((m) => m.to)).size).toBe(SUBSCRIBERS);
    expect(sink.received).toHaveLength(SUBSCRIBERS);
  }, 60_000);
});
