/**
 * `npm run bench:import`: `paperpost subscribers import` of 50k and 200k-row CSV files into
 * SQLite and PostgreSQL, each in its own child process of the built CLI under /usr/bin/time, so
 * its peak RSS is its own. Prints rows/s and peak RSS, and the ratio to a baseline measured in
 * the same run: the previous importer's store work (one look-up and one upsert per row, through
 * the same Store) on the first BENCH_BASELINE_ROWS rows. Build first (`npm run build`).
 * PostgreSQL at 127.0.0.1:5432 is skipped with a note when absent.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore } from '../src/store/index.js';
import { canReachPostgres } from '../src/store/postgres.js';
import type { StoreConfig } from '../src/store/types.js';
import { createTestDatabase, PG_ADMIN_URL } from '../tests/integration/worker-fixture.js';
import { ROOT } from './lib.js';

const SIZES = (process.env.BENCH_SIZES ?? '50000,200000').split(',').map(Number);
const BASELINE_ROWS = Number(process.env.BENCH_BASELINE_ROWS ?? 3000);
const BIN = path.join(ROOT, 'bin', 'paperpost.js');
const TOPICS = ['llm', 'vision', 'robotics'];

/** A CSV of `rows` distinct addresses, written line by line (the bench itself stays small). */
async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('email,topics,frequency\r\n');
  for (let i = 0; i < rows; i++) {
    const line = `reader.${i}@example${i % 97}.org,${TOPICS.slice(0, 1 + (i % 3)).join(';')},${i % 4 ? 'daily' : 'weekly'}\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Measure {
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

/** One `paperpost subscribers import` child; wall time and peak RSS (GNU time's %M). */
async function importOnce(
  dir: string,
  file: string,
  rows: number,
  env: Record<string, string>,
): Promise<Measure> {
  const started = performance.now();
  const child = spawn(
    '/usr/bin/time',
    ['-f', 'peak-rss-kb %M', process.execPath, BIN, 'subscribers', 'import', file],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const [code] = (await once(child, 'close')) as [number];
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0 || !stdout.includes(`added ${rows}`))
    throw new Error(`import failed (${code}): ${stdout}${stderr}`);
  const kb = Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  return { seconds, rowsPerSecond: rows / seconds, peakRssMb: kb / 1024 };
}

/** The previous importer's store work: per row, a look-up by address and an upsert. */
async function baseline(config: StoreConfig, rows: number): Promise<number> {
  const store = await createStore(config);
  try {
    const started = performance.now();
    for (let i = 0; i < rows; i++) {
      const email = `base.${i}@example.org`;
      await store.subscribers.getSubscriberByEmail(email);
      await store.subscribers.upsertSubscriber({
        email,
        status: 'confirmed',
        topics: ['llm'],
        frequency: 'daily',
      });
    }
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(BIN) || !existsSync(path.join(ROOT, 'dist'))) throw new Error('run `npm run build` first');
  const work = mkdtempSync(path.join(tmpdir(), 'paperpost-import-bench-'));
  const pg = await canReachPostgres(PG_ADMIN_URL);
  if (!pg) console.log('PostgreSQL: skipped (no server at 127.0.0.1:5432)');
  console.log('store      rows     seconds  rows/s   peak RSS  baseline rows/s  ratio');
  try {
    for (const driver of pg ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
      for (const rows of SIZES) {
        const dir = mkdtempSync(path.join(work, `${driver}-${rows}-`));
        writeFileSync(
          path.join(dir, 'paperpost.config.json'),
          JSON.stringify({
            dataDir: 'data',
            topics: TOPICS.map((slug) => ({ slug, label: slug, keywords: [slug] })),
          }),
        );
        const file = path.join(dir, 'people.csv');
        await writeCsv(file, rows);
        const db = driver === 'postgres' ? await createTestDatabase('pp_bench_import') : undefined;
        try {
          const env: Record<string, string> = db ? { DATABASE_URL: db.url } : {};
          const measured = await importOnce(dir, file, rows, env);
          const store: StoreConfig = db
            ? { driver: 'postgres', url: db.url }
            : { driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') };
          const base = await baseline(store, BASELINE_ROWS);
          console.log(
            `${driver.padEnd(10)} ${String(rows).padEnd(8)} ${measured.seconds.toFixed(1).padStart(7)}  ` +
              `${Math.round(measured.rowsPerSecond).toString().padStart(6)}   ${measured.peakRssMb.toFixed(0).padStart(4)} MB  ` +
              `${Math.round(base).toString().padStart(15)}  ${(measured.rowsPerSecond / base).toFixed(1)}x`,
          );
        } finally {
          await db?.drop();
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
