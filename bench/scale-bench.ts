/**
 * Scale benchmark: messages per second with 1, 2 and 4 `paperpost worker --until-idle` processes
 * sharing one PostgreSQL ledger, sending into Postfix's `smtp-sink` (accepts and discards), and the
 * peak RSS (VmHWM) of each worker. Each round gets a fresh database with SUBSCRIBERS confirmed
 * subscribers on one edition (a ~40 KB HTML variant).
 *
 * Run: npm run build && npm run bench:scale
 * Env: SUBSCRIBERS (default 20000), WORKERS (default "1,2,4"), POOL (SMTP connections per worker, 5)
 * Skips (exit 0) when PostgreSQL at 127.0.0.1:5432 or /usr/sbin/smtp-sink is missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import pg from 'pg';
import { createStore } from '../src/store/index.js';
import { canReachPostgres } from '../src/store/postgres.js';
import { tempProject } from '../tests/helpers/cli.js';
import { EDITION, seedEdition } from '../tests/integration/deliver-fixture.js';
import { createTestDatabase, PG_ADMIN_URL, spawnWorker } from '../tests/integration/worker-fixture.js';
import { makeVariant } from '../tests/unit/deliver/fixtures.js';

const SMTP_SINK = '/usr/sbin/smtp-sink';
const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 20_000);
const WORKERS = (process.env.WORKERS ?? '1,2,4').split(',').map(Number);
const POOL = Number(process.env.POOL ?? 5);

interface Round {
  workers: number;
  sent: number;
  wallSeconds: number;
  windowSeconds: number;
  peakRssMb: number[];
  /** Worker CPU (user + system, start-up included) per message sent, in ms. */
  cpuMsPerMessage: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`smtp-sink did not listen on ${port}`);
}

async function round(workers: number, smtpUrl: string): Promise<Round> {
  const db = await createTestDatabase('paperpost_bench_scale');
  const dir = tempProject(
    {
      sources: [],
      sender: { fromAddress: 'digest@paperpost.test', messageIdDomain: 'paperpost.test' },
      smtp: { maxConnections: POOL, ratePerSecond: 1_000_000, batchSize: 200, leaseSeconds: 30 },
    },
    'paperpost-bench-scale-',
  );
  try {
    const store = await createStore({ driver: 'postgres', url: db.url });
    try {
      await seedEdition(store, SUBSCRIBERS, makeVariant('daily:*', 40));
    } finally {
      await store.close();
    }
    const env = { DATABASE_URL: db.url, SMTP_URL: smtpUrl, PAPERPOST_SECRET: 'b'.repeat(40) };
    const started = Date.now();
    const children = Array.from({ length: workers }, () => spawnWorker(dir, env));
    const results = await Promise.all(children.map((c) => c.done));
    const wallSeconds = (Date.now() - started) / 1000;
    for (const r of results) if (r.code !== 0) throw new Error(`worker failed: ${r.stderr.slice(0, 500)}`);
    const reports = results.map(
      (r) => JSON.parse(r.stdout) as { sent: number; peakRssMb: number; cpuMs: number },
    );
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ first: string; last: string; sent: string }>(
        "SELECT min(sent_at) AS first, max(sent_at) AS last, count(*) AS sent FROM deliveries WHERE edition_id = $1 AND state = 'sent'",
        [EDITION],
      );
      const row = rows[0]!;
      if (Number(row.sent) !== SUBSCRIBERS) throw new Error(`only ${row.sent} of ${SUBSCRIBERS} sent`);
      return {
        workers,
        sent: reports.reduce((n, r) => n + r.sent, 0),
        wallSeconds,
        windowSeconds: (Date.parse(row.last) - Date.parse(row.first)) / 1000,
        peakRssMb: reports.map((r) => r.peakRssMb),
        cpuMsPerMessage: reports.reduce((n, r) => n + r.cpuMs, 0) / SUBSCRIBERS,
      };
    } finally {
      await client.end();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}

function printTable(rounds: Round[]): void {
  const base = rounds[0];
  const rate = (r: Round) => r.sent / r.windowSeconds;
  console.log(
    'workers | sent   | wall s | send s | msg/s (send) | msg/s (wall) | speed-up | worker CPU ms/msg | peak RSS per worker (MiB)',
  );
  console.log(
    '------- | ------ | ------ | ------ | ------------ | ------------ | -------- | ---------------- | -------------------------',
  );
  for (const r of rounds) {
    const speedUp = base ? (rate(r) / rate(base)).toFixed(2) : '-';
    console.log(
      `${String(r.workers).padEnd(7)} | ${String(r.sent).padEnd(6)} | ${r.wallSeconds.toFixed(1).padStart(6)} | ` +
        `${r.windowSeconds.toFixed(1).padStart(6)} | ${rate(r).toFixed(0).padStart(12)} | ` +
        `${(r.sent / r.wallSeconds).toFixed(0).padStart(12)} | ${speedUp.padStart(8)} | ` +
        `${r.cpuMsPerMessage.toFixed(2).padStart(16)} | ${r.peakRssMb.join(', ')}`,
    );
  }
}

async function main(): Promise<void> {
  if (!(await canReachPostgres(PG_ADMIN_URL))) {
    console.log(`skipped: no PostgreSQL at ${PG_ADMIN_URL}`);
    return;
  }
  if (!existsSync(SMTP_SINK)) {
    console.log(`skipped: ${SMTP_SINK} missing (apt-get install postfix, "No configuration")`);
    return;
  }
  const port = await freePort();
  let stopping = false;
  const sink: ChildProcess = spawn(SMTP_SINK, ['-u', 'nobody', `127.0.0.1:${port}`, '1000'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  sink.stderr?.on('data', (d: Buffer) => process.stderr.write(`smtp-sink: ${d}`));
  sink.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`smtp-sink exited before the bench ended (${code ?? signal})\n`);
  });
  try {
    await waitForPort(port);
    console.log(
      `scale bench: ${SUBSCRIBERS} subscribers, workers ${WORKERS.join('/')}, ${POOL} SMTP connections each, ` +
        `smtp-sink on 127.0.0.1:${port}; ${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(1)} at start`,
    );
    const rounds: Round[] = [];
    for (const workers of WORKERS) {
      rounds.push(await round(workers, `smtp://127.0.0.1:${port}`));
      console.log(`  ${workers} worker(s) done (load ${os.loadavg()[0]?.toFixed(1)})`);
    }
    printTable(rounds);
    console.log('send s: first to last sent_at in the ledger; wall s: spawn to exit of the last worker');
    console.log(
      `command: SUBSCRIBERS=${SUBSCRIBERS} WORKERS=${WORKERS.join(',')} POOL=${POOL} npm run bench:scale`,
    );
  } finally {
    stopping = true;
    sink.kill('SIGTERM');
  }
}

await main();
