import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { canReachPostgres } from '../../src/store/postgres.js';
import { tempProject } from '../helpers/cli.js';
import { describeWith } from '../helpers/requirements.js';
import { makeVariant } from '../unit/deliver/fixtures.js';
import { EDITION, emailOf, seedEdition } from './deliver-fixture.js';
import {
  createTestDatabase,
  type DelaySink,
  PG_ADMIN_URL,
  spawnWorker,
  startDelaySink,
  type TestDatabase,
  type WorkerChild,
} from './worker-fixture.js';

const SUBSCRIBERS = 5000;
const POOL = 5;
const LEASE_SECONDS = 3;
const reachable = await canReachPostgres(PG_ADMIN_URL);

let db: TestDatabase;
let sink: DelaySink;
let dir: string;
let client: pg.Client;

beforeAll(async () => {
  if (!reachable) return;
  db = await createTestDatabase('paperpost_test_worker');
  sink = await startDelaySink(2);
  dir = tempProject(
    {
      sources: [],
      sender: { fromAddress: 'digest@paperpost.test', messageIdDomain: 'paperpost.test' },
      smtp: { leaseSeconds: LEASE_SECONDS, maxConnections: POOL, ratePerSecond: 100_000, batchSize: 100 },
    },
    'paperpost-worker-',
  );
  const store = await createStore({ driver: 'postgres', url: db.url });
  try {
    await seedEdition(store, SUBSCRIBERS, makeVariant('daily:*', 4));
  } finally {
    await store.close();
  }
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  if (!reachable) return;
  await client?.end();
  await sink?.close();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Tally {
  sent: number;
  sending: number;
  open: number;
}

async function tallyOf(worker: string): Promise<Tally> {
  const { rows } = await client.query<{ sent: string; sending: string; open: string }>(
    `SELECT count(*) FILTER (WHERE state = 'sent' AND claimed_by = $1) AS sent,
            count(*) FILTER (WHERE state = 'sending' AND claimed_by = $1) AS sending,
            count(*) FILTER (WHERE state IN ('pending', 'sending', 'deferred')) AS open
       FROM deliveries WHERE edition_id = $2`,
    [worker, EDITION],
  );
  const row = rows[0]!;
  return { sent: Number(row.sent), sending: Number(row.sending), open: Number(row.open) };
}

/** Polls the ledger until the victim has sent some rows and holds a claimed batch, then SIGKILLs it. */
async function killMidSend(victim: WorkerChild, worker: string): Promise<number[]> {
  for (;;) {
    const t = await tallyOf(worker);
    if (t.open === 0) throw new Error('the edition finished before the victim could be killed');
    if (t.sent >= 200 && t.sending > 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  victim.child.kill('SIGKILL');
  await victim.done;
  // No one can re-claim these before their lease ends: they are exactly the victim's stranded claims.
  const { rows } = await client.query<{ id: number }>(
    "SELECT id FROM deliveries WHERE state = 'sending' AND claimed_by = $1 ORDER BY id",
    [worker],
  );
  return rows.map((r) => Number(r.id));
}

describeWith(reachable, 'no PostgreSQL at 127.0.0.1:5432', 'paperpost worker on PostgreSQL', () => {
  it('3 workers, 5k subscribers, one SIGKILLed mid-send: all delivered, duplicates only in flight', async () => {
    const env = { DATABASE_URL: db.url, SMTP_URL: sink.url, PAPERPOST_SECRET: 'w'.repeat(40) };
    const workers = [0, 1, 2].map(() => spawnWorker(dir, env));
    const [victim, ...survivors] = workers as [WorkerChild, WorkerChild, WorkerChild];
    const victimId = `${hostname()}:${victim.pid}`;

    const stranded = await killMidSend(victim, victimId);
    expect(stranded.length).toBeGreaterThan(0);
    const victimSent = (await tallyOf(victimId)).sent;

    const results = await Promise.all(survivors.map((w) => w.done));
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const reports = results.map((r) => JSON.parse(r.stdout) as { sent: number; peakRssMb: number });
    for (const report of reports) {
      expect(report.sent).toBeGreaterThan(0);
      expect(report.peakRssMb).toBeGreaterThan(0);
    }
    // Each row was recorded sent exactly once: by the victim before the kill, or by a survivor.
    expect(victimSent + reports.reduce((n, r) => n + r.sent, 0)).toBe(SUBSCRIBERS);

    const { rows } = await client.query<{ state: string; n: string }>(
      'SELECT state, count(*) AS n FROM deliveries WHERE edition_id = $1 GROUP BY state',
      [EDITION],
    );
    expect(rows.map((r) => [r.state, Number(r.n)])).toEqual([['sent', SUBSCRIBERS]]);

    // The stranded rows waited out their lease and went to a survivor.
    const { rows: resent } = await client.query<{ claimed_by: string }>(
      'SELECT DISTINCT claimed_by FROM deliveries WHERE id = ANY($1::bigint[])',
      [stranded],
    );
    expect(resent.map((r) => r.claimed_by)).not.toContain(victimId);

    const { rows: ledger } = await client.query<{ id: number; email: string; message_id: string }>(
      'SELECT id, email, message_id FROM deliveries WHERE edition_id = $1 ORDER BY id',
      [EDITION],
    );
    const byRecipient = new Map<string, (string | null)[]>();
    for (const m of sink.received) byRecipient.set(m.to, [...(byRecipient.get(m.to) ?? []), m.messageId]);
    const strandedIds = new Set(stranded);
    let duplicates = 0;
    for (const row of ledger) {
      const ids = byRecipient.get(row.email) ?? [];
      expect(ids.length, row.email).toBeGreaterThanOrEqual(1);
      // Every copy, first or repeated, carries the ledger's stable Message-ID.
      expect(new Set(ids), row.email).toEqual(new Set([row.message_id]));
      if (ids.length > 1) {
        expect(ids.length, row.email).toBe(2);
        expect(strandedIds.has(Number(row.id)), `${row.email} repeated but was not in flight`).toBe(true);
        duplicates++;
      }
    }
    expect(ledger).toHaveLength(SUBSCRIBERS);
    expect(byRecipient.size).toBe(SUBSCRIBERS);
    expect(byRecipient.has(emailOf(1))).toBe(true);
    // At most one message per pool connection was in flight when the victim died.
    expect(duplicates).toBeLessThanOrEqual(POOL);
    expect(sink.received.length).toBe(SUBSCRIBERS + duplicates);
  }, 60_000);
});
