/**
 * `npx tsx bench/claim-bench.ts`: CPU of draining one edition's ledger through claims and sent
 * marks alone (no SMTP, no MIME), per message, on SQLite. `BENCH_SIZE` rows (default 100000),
 * `BENCH_BATCH` rows per claim (default 200). Shows whether a claim costs O(batch) or O(open rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EDITION, openStore, seedEdition } from '../tests/integration/deliver-fixture.js';
import { makeVariant } from '../tests/unit/deliver/fixtures.js';

const SIZE = Number(process.env.BENCH_SIZE ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 200);

const dir = mkdtempSync(path.join(tmpdir(), 'pp-claim-bench-'));
try {
  const store = await openStore(dir);
  await seedEdition(store, SIZE, makeVariant('daily:*', 1));
  let claimUs = 0;
  let sent = 0;
  const before = process.cpuUsage();
  for (;;) {
    const c0 = process.cpuUsage();
    const claimed = await store.ledger.claimDeliveries({
      editionId: EDITION,
      limit: BATCH,
      worker: 'bench',
      leaseSeconds: 30,
      now: new Date(),
    });
    const c = process.cpuUsage(c0);
    if (claimed.length === 0) break;
    claimUs += c.user + c.system;
    sent += claimed.length;
    await store.ledger.markSentMany(
      claimed.map((d) => ({ id: d.id, reply: '250 ok', now: new Date(), attempt: d.attempts })),
    );
  }
  const all = process.cpuUsage(before);
  await store.close();
  process.stdout.write(
    `${sent} rows in ${BATCH}-row claims: claims ${Math.round(claimUs / sent)} us/msg, ` +
      `claims + sent marks ${Math.round((all.user + all.system) / sent)} us/msg of CPU\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
