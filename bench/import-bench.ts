/**
 * `npm run bench:import`: `paperpost subscribers import` of generated CSV files (50k and 200k
 * rows by default, `BENCH_SIZES`) into SQLite and PostgreSQL, each in its own child process of
 * the built CLI under /usr/bin/time, so its peak RSS and CPU time are its own. On PostgreSQL the
 * server's work for the import is sampled too (the CPU time of the backends serving the bench's
 * database, from /proc). With `BENCH_OLD_BIN` (the bin/paperpost.js of a build of the previous
 * importer) the same files are imported by it in the same run, as the baseline. `BENCH_RUNS`
 * repeats the whole table. Build first (`npm run build`); PostgreSQL at 127.0.0.1:5432 is
 * skipped with a note when absent.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { canReachPostgres } from '../src/store/postgres.js';
import { createTestDatabase, PG_ADMIN_URL } from '../tests/integration/worker-fixture.js';
import { cliArgs, ROOT } from './lib.js';

const SIZES = (process.env.BENCH_SIZES ?? '50000,200000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const DRIVERS = (process.env.BENCH_DRIVERS ?? 'sqlite,postgres').split(',');
const BIN = path.join(ROOT, 'bin', 'paperpost.js');
const OLD_BIN = process.env.BENCH_OLD_BIN;
const TOPICS = ['llm', 'vision', 'robotics'];
/** /proc/<pid>/stat counts CPU time in clock ticks of 1/100 s on Linux. */
const TICK = 0.01;

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
  /** User + system CPU seconds of the import process. */
  cpuSeconds: number;
  /** CPU seconds of the PostgreSQL backends serving it (sampled), undefined on SQLite. */
  serverCpuSeconds: number | undefined;
}

/** User + system CPU seconds of a process so far, from /proc (undefined once it is gone). */
function cpuOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK;
  } catch {
    return undefined;
  }
}

/**
 * Samples every 50 ms the CPU time of the server processes connected to database `name`; the
 * last sample of each backend is its total (at most 50 ms of its work is missed when it ends).
 */
function watchBackends(name: string): { stop(): Promise<number> } {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  const seen = new Map<number, number>();
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      for (const { pid } of rows) {
        const cpu = cpuOf(pid);
        if (cpu !== undefined) seen.set(pid, cpu);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return [...seen.values()].reduce((a, b) => a + b, 0);
    },
  };
}

/** One `subscribers import` child of `bin`; wall time, CPU time and peak RSS (GNU time). */
async function importOnce(
  bin: string,
  dir: string,
  file: string,
  rows: number,
  db: { name: string; url: string } | undefined,
): Promise<Measure> {
  const watch = db ? watchBackends(db.name) : undefined;
  const started = performance.now();
  const child = spawn(
    '/usr/bin/time',
    ['-f', 'peak-rss-kb %M cpu %U %S', process.execPath, ...cliArgs(bin), 'subscribers', 'import', file],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...(db ? { DATABASE_URL: db.url } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const [code] = (await once(child, 'close')) as [number];
  const seconds = (performance.now() - started) / 1000;
  const serverCpuSeconds = await watch?.stop();
  if (code !== 0 || !stdout.includes(`added ${rows}`))
    throw new Error(`import failed (${code}): ${stdout}${stderr}`);
  const [, kb, user, sys] = /peak-rss-kb (\d+) cpu ([\d.]+) ([\d.]+)/.exec(stderr) ?? [];
  return {
    seconds,
    rowsPerSecond: rows / seconds,
    peakRssMb: Number(kb) / 1024,
    cpuSeconds: Number(user) + Number(sys),
    serverCpuSeconds,
  };
}

/** Imports `file` with `bin` into a fresh store of `driver`; the store is dropped afterwards. */
async function measure(
  bin: string,
  driver: string,
  work: string,
  file: string,
  rows: number,
): Promise<Measure> {
  const dir = mkdtempSync(path.join(work, `${driver}-${rows}-`));
  writeFileSync(
    path.join(dir, 'paperpost.config.json'),
    JSON.stringify({
      dataDir: 'data',
      topics: TOPICS.map((slug) => ({ slug, label: slug, keywords: [slug] })),
    }),
  );
  const db = driver === 'postgres' ? await createTestDatabase('pp_bench_import') : undefined;
  try {
    return await importOnce(bin, dir, file, rows, db);
  } finally {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function format(label: string, rows: number, m: Measure): string {
  const server = m.serverCpuSeconds === undefined ? '' : `  server CPU ${m.serverCpuSeconds.toFixed(1)} s`;
  const perRow = (1e6 * (m.cpuSeconds + (m.serverCpuSeconds ?? 0))) / rows;
  return (
    `${label.padEnd(14)} ${String(rows).padStart(7)}  ${m.seconds.toFixed(1).padStart(6)} s  ` +
    `${Math.round(m.rowsPerSecond).toString().padStart(6)} rows/s  ${m.peakRssMb.toFixed(0).padStart(4)} MB  ` +
    `CPU ${m.cpuSeconds.toFixed(1)} s${server}  (${perRow.toFixed(0)} µs CPU/row)`
  );
}

async function main(): Promise<void> {
  if (!existsSync(BIN) || !existsSync(path.join(ROOT, 'dist'))) throw new Error('run `npm run build` first');
  if (OLD_BIN !== undefined && !existsSync(OLD_BIN)) throw new Error(`BENCH_OLD_BIN ${OLD_BIN}: not found`);
  const work = mkdtempSync(path.join(tmpdir(), 'paperpost-import-bench-'));
  const pgUp = await canReachPostgres(PG_ADMIN_URL);
  if (!pgUp) console.log('PostgreSQL: skipped (no server at 127.0.0.1:5432)');
  const drivers = DRIVERS.filter((d) => d === 'sqlite' || (d === 'postgres' && pgUp));
  try {
    for (let run = 1; run <= RUNS; run++) {
      console.log(
        `run ${run}/${RUNS}, load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
      for (const rows of SIZES) {
        const file = path.join(work, `people-${rows}.csv`);
        await writeCsv(file, rows);
        for (const driver of drivers) {
          console.log(format(`${driver} new`, rows, await measure(BIN, driver, work, file, rows)));
          if (OLD_BIN !== undefined)
            console.log(format(`${driver} old`, rows, await measure(OLD_BIN, driver, work, file, rows)));
        }
        rmSync(file, { force: true });
      }
    }
    console.log(
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
