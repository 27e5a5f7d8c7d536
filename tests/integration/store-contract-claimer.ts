// A separate process claiming from a shared SQLite file (run by store-contract-processes.test.ts).
// Prints the claimed ids as one JSON array on stdout.
import { createStore } from '../../src/store/index.js';

const [path, worker] = process.argv.slice(2);
const store = await createStore({ driver: 'sqlite', path: path ?? '' });
const ids: number[] = [];
try {
  for (;;) {
    const batch = await store.ledger.claimDeliveries({
      editionId: 'd1',
      limit: 5,
      worker: worker ?? 'child',
      leaseSeconds: 300,
      now: new Date('2025-01-03T08:00:00.000Z'),
    });
    if (batch.length === 0) break;
    for (const d of batch) {
      ids.push(d.id);
      await store.ledger.markSent(d.id, '250 ok', new Date('2025-01-03T08:00:01.000Z'));
    }
  }
} finally {
  await store.close();
}
process.stdout.write(JSON.stringify(ids));
