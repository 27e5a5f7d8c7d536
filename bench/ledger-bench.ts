/**
 * `npm run bench:ledger` (bench/ledger-bench.ts): what writing an edition's ledger costs when readers chose
 * topics, and what skipping the empty variants saves. `BENCH_SIZE` confirmed subscribers (default
 * 100000), a quarter on every topic, the rest on 1-3 of 20 topics (seeded), against an edition of
 * six topic sections: the ledger written without and with the `skip` rule (a reader whose topics
 * the edition has nothing of gets a `skipped` row, no mail), and the variants then left to render.
 * SQLite always; PostgreSQL at 127.0.0.1:5432 when reachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isEmptyVariant } from '../src/pipeline/variants.js';
import { createStore, type Store } from '../src/store/index.js';
import { canReachPostgres } from '../src/store/postgres.js';
import { makeEdition, makePaper, makeSubscriber, T0 } from '../tests/integration/store-contract-fixtures.js';
import { createTestDatabase } from '../tests/integration/worker-fixture.js';
import { loadPapers, makeEdition as sectionsEdition } from '../tests/unit/render/fixture.js';

const SIZE = Number(process.env.BENCH_SIZE ?? 100_000);
const TOPICS = [
  'language-models',
  'computer-vision',
  'robotics',
  'machine-learning',
  'security',
  'systems',
  ...Array.from({ length: 14 }, (_, i) => `topic-${i}`),
];
// Sections language-models ... systems, five papers each: 14 of the 20 topics have none.
const EDITION = sectionsEdition(loadPapers().slice(0, 30), 5);

function subscribers() {
  let seed = 1;
  const random = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  return Array.from({ length: SIZE }, (_, i) => {
    const k = 1 + Math.floor(random() * 3);
    const topics = [
      ...new Set(Array.from({ length: k }, () => TOPICS[Math.floor(random() * TOPICS.length)])),
    ];
    return makeSubscriber(`s${i}@example.org`, { topics: i % 4 === 0 ? [] : (topics as string[]) });
  });
}

async function measure(name: string, open: () => Promise<{ store: Store; done: () => Promise<void> }>) {
  for (const skip of [false, true]) {
    const { store, done } = await open();
    try {
      await store.papers.upsertPapers([makePaper('p1')], T0);
      await store.editions.createEdition(makeEdition('d1', 'daily', ['p1']));
      await store.subscribers.addSubscribers(subscribers(), T0);
      let asked = 0;
      const t0 = performance.now();
      const rows = await store.ledger.createLedger(
        'd1',
        'daily',
        'example.org',
        skip
          ? (key) => {
              asked += 1;
              return isEmptyVariant(EDITION, key);
            }
          : undefined,
      );
      const ms = performance.now() - t0;
      const { skipped } = await store.ledger.countDeliveries('d1');
      const variants = (await store.ledger.listVariantKeys('d1')).length;
      console.log(
        `${name.padEnd(10)} ${skip ? 'skip rule' : 'no rule  '}  ${rows} rows in ${ms.toFixed(0).padStart(4)} ms` +
          `  variants asked ${asked}  skipped rows ${skipped}  variants to render ${variants}`,
      );
    } finally {
      await done();
    }
  }
}

console.log(`$ npm run bench:ledger   (${SIZE} subscribers, edition of 6 of 20 topics)`);
const dir = mkdtempSync(path.join(tmpdir(), 'pp-ledger-bench-'));
try {
  let n = 0;
  await measure('sqlite', async () => {
    const store = await createStore({ driver: 'sqlite', path: path.join(dir, `db-${n++}`) });
    return { store, done: () => store.close() };
  });
  if (await canReachPostgres('postgres://postgres@127.0.0.1:5432/postgres')) {
    await measure('postgres', async () => {
      const db = await createTestDatabase('pp_ledger_bench');
      const store = await createStore({ driver: 'postgres', url: db.url });
      return {
        store,
        done: async () => {
          await store.close();
          await db.drop();
        },
      };
    });
  } else console.log('postgres   skipped: PostgreSQL not reachable at 127.0.0.1:5432');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
