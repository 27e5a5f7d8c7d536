/**
 * `npm run bench:send`: one edition to 10k and 100k subscribers through SMTP into Postfix's
 * smtp-sink, next to smtp-source sending messages of the same size to the same sink with as many
 * sessions as Paperpost has connections. Paperpost runs with the config defaults (5 connections,
 * 100 messages per connection, claims of 40 rows, 200 on PostgreSQL, 30 s leases) and one
 * documented change: a pace of `smtp.ratePerSecond: 100000`, so the pacer is on but never waits. smtp-source runs twice: as is
 * (a new connection per message, the baseline of the 0.6x target) and with -d (connections kept,
 * closer to what the pool does). Each send runs in its own child process so its peak RSS is its
 * own. `BENCH_DB=postgres` keeps the ledger in a fresh database on the local PostgreSQL instead of
 * SQLite. Skips without postfix tools.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';
import { claimSize, ledgerPortOf } from '../src/cli/wiring.js';
import type { Config } from '../src/config/load.js';
import { createSmtpTransport, drainLedgers } from '../src/deliver/index.js';
import { createStore, type StoreConfig } from '../src/store/index.js';
import { openStore, seedEdition } from '../tests/integration/deliver-fixture.js';
import { createTestDatabase } from '../tests/integration/worker-fixture.js';
import { makeVariant, personalize, SENDER } from '../tests/unit/deliver/fixtures.js';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const MESSAGE_KB = 40;
const SOURCE_MESSAGES = Number(process.env.BENCH_SOURCE_MESSAGES ?? 20000);
// BENCH_DB=postgres: the ledger in a fresh database on the local PostgreSQL (as the tests use).
const POSTGRES = process.env.BENCH_DB === 'postgres';
const SELF = fileURLToPath(import.meta.url);

function which(tool: string): string | null {
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin']) {
    try {
      execFileSync('test', ['-x', path.join(dir, tool)]);
      return path.join(dir, tool);
    } catch {}
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on `port`. */
async function waitListening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`smtp-sink did not listen on ${port}`);
}

function waitExit(child: ChildProcess): Promise<string> {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`)))),
  );
}

/** The `smtp` settings of the send: the config's, with `BENCH_POOL` / `BENCH_BATCH` when set. */
type SmtpSettings = Readonly<Config['smtp'] & { batchSize: number }>;

/**
 * What `paperpost send` uses with `{"smtp": {"ratePerSecond": 100000}}` in its config. Loaded by
 * the parent only (the child gets it as JSON), so zod is not part of the child's memory figure.
 */
async function benchSmtpSettings(): Promise<SmtpSettings> {
  const { fileConfigSchema } = await import('../src/config/schema.js');
  const smtp = fileConfigSchema.parse({ smtp: { ratePerSecond: 100_000 } }).smtp;
  return {
    ...smtp,
    maxConnections: Number(process.env.BENCH_POOL ?? smtp.maxConnections),
    // BENCH_MAX_MESSAGES: messages per pool connection (how much a connection's lifetime promotes).
    maxMessagesPerConnection: Number(process.env.BENCH_MAX_MESSAGES ?? smtp.maxMessagesPerConnection),
    // BENCH_BATCH: rows claimed per batch (measures how long claimed rows wait for their turn).
    batchSize: Number(
      process.env.BENCH_BATCH ?? claimSize({ smtp, databaseUrl: POSTGRES ? 'postgres' : null }),
    ),
  };
}

/** Child mode: drain the ledger of the store `db` names into `url`, print figures as JSON. */
async function runChild(db: StoreConfig, url: string, smtp: SmtpSettings): Promise<void> {
  const store = await createStore(db);
  // BENCH_SMTP_PATH=public measures nodemailer's public API instead of the pinned fast path.
  const transport = createSmtpTransport(url, {
    maxConnections: smtp.maxConnections,
    maxMessagesPerConnection: smtp.maxMessagesPerConnection,
    path: process.env.BENCH_SMTP_PATH === 'public' ? 'public' : 'auto',
  });
  const heap = process.env.BENCH_HEAP ? watchHeap() : null;
  const promoted = process.env.BENCH_PROMOTED ? await samplePromoted() : null;
  try {
    const cpuBefore = process.cpuUsage();
    const summary = await drainLedgers(
      { ledger: ledgerPortOf(store), transport, personalize, sender: SENDER },
      {
        mode: 'once',
        // As the CLI's sendOptionsFor: batches small enough to send within half a lease at the pace.
        batchSize: Math.min(smtp.batchSize, Math.floor((smtp.ratePerSecond * smtp.leaseSeconds) / 2)),
        leaseSeconds: smtp.leaseSeconds,
        maxAttempts: smtp.maxAttempts,
        retryBaseSeconds: smtp.retryBaseSeconds,
        maxConsecutiveErrors: smtp.maxConsecutiveErrors,
        rate: { perSecond: smtp.ratePerSecond },
      },
    );
    // CPU of the send (user + system, all threads) per message: steadier than the rate when
    // other work shares the machine.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuUsPerMessage = (cpu.user + cpu.system) / Math.max(1, summary.sent);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    if (promoted) process.stderr.write(await promoted.stop(summary.sent));
    process.stdout.write(
      `${JSON.stringify({ ...summary, editions: undefined, peakRssMb, cpuUsPerMessage, heap: heap?.stop() })}\n`,
    );
  } finally {
    await transport.close();
    await store.close();
  }
}

/**
 * BENCH_HEAP=1: what the sender's memory is made of at its peak (sampled every 50 ms: RSS, V8's
 * spaces, Buffers outside the heap) and how many collections of each kind ran.
 */
function watchHeap(): { stop(): object } {
  const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  let peak: Record<string, number> = { rss: 0 };
  const max: Record<string, number> = {};
  const sample = () => {
    const m = process.memoryUsage();
    const now: Record<string, number> = {
      rss: mb(m.rss),
      heapTotal: mb(m.heapTotal),
      heapUsed: mb(m.heapUsed),
      external: mb(m.external),
      arrayBuffers: mb(m.arrayBuffers),
    };
    for (const space of getHeapSpaceStatistics()) {
      now[`${space.space_name}Used`] = mb(space.space_used_size);
      now[`${space.space_name}Size`] = mb(space.space_size);
    }
    if ((now.rss ?? 0) >= (peak.rss ?? 0)) peak = now;
    for (const [k, v] of Object.entries(now)) max[k] = Math.max(max[k] ?? 0, v);
  };
  const timer = setInterval(sample, 50);
  timer.unref();
  const gcs: Record<string, { count: number; ms: number }> = {};
  const kinds: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak', 16: 'all' };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
      const kind = kinds[detail?.kind ?? 0] ?? 'other';
      const g = gcs[kind] ?? { count: 0, ms: 0 };
      gcs[kind] = g;
      g.count++;
      g.ms += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      sample();
      clearInterval(timer);
      observer.disconnect();
      for (const g of Object.values(gcs)) g.ms = Math.round(g.ms);
      return { atPeakRssMb: peak, maxMb: max, gcs };
    },
  };
}

/**
 * BENCH_PROMOTED=1: where what outlives minor GCs is allocated. V8's sampling heap profiler drops
 * the samples of objects a minor GC collected and keeps those a major GC collected, so its profile
 * is what was live at the end plus what died in the old generation, printed to stderr as the top
 * allocation sites in bytes per message sent. A major GC also empties the young generation, so
 * run it with `BENCH_NODE_FLAGS=--initial-old-space-size=2000` (no major GC in a 20k send).
 * Measurement only: the inspector costs CPU.
 */
async function samplePromoted(): Promise<{ stop(sent: number): Promise<string> }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
  } as object);
  type Node = {
    callFrame: { functionName: string; url: string; lineNumber: number };
    selfSize: number;
    children: Node[];
  };
  return {
    async stop(sent) {
      const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
      session.disconnect();
      const sites = new Map<string, number>();
      const walk = (node: Node, trail: string[]) => {
        const f = node.callFrame;
        const here = `${f.functionName || '(anon)'} ${f.url.replace(/^.*node_modules\//, '')}:${f.lineNumber + 1}`;
        const path = [here, ...trail].slice(0, 3);
        const site = path.join(' < ');
        if (node.selfSize > 0) sites.set(site, (sites.get(site) ?? 0) + node.selfSize);
        for (const child of node.children) walk(child, path);
      };
      walk(profile.head, []);
      const top = [...sites].sort((a, b) => b[1] - a[1]).slice(0, 40);
      const total = [...sites.values()].reduce((a, b) => a + b, 0);
      return `promoted or live, bytes per message (total ${Math.round(total / sent)}):\n${top
        .map(([site, bytes]) => `${String(Math.round(bytes / sent)).padStart(6)} ${site}`)
        .join('\n')}\n`;
    },
  };
}

async function benchPaperpost(size: number, url: string, smtp: SmtpSettings) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-send-bench-'));
  const pg = POSTGRES ? await createTestDatabase('paperpost_bench_send') : null;
  try {
    const db: StoreConfig = pg
      ? { driver: 'postgres', url: pg.url }
      : { driver: 'sqlite', path: path.join(dir, 'paperpost.db') };
    const store = pg ? await createStore(db) : await openStore(dir);
    await seedEdition(store, size, makeVariant('daily:*', MESSAGE_KB));
    await store.close();
    // BENCH_PROF=<dir> writes a CPU profile of the sending child (node --cpu-prof).
    const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
    // BENCH_NODE_FLAGS (e.g. --trace-gc) go to the sending child; its trace is printed as it comes.
    const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    const args = [
      ...prof,
      ...flags,
      '--import',
      'tsx',
      SELF,
      '--child',
      JSON.stringify(db),
      url,
      JSON.stringify(smtp),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = (await waitExit(child)).trim().split('\n');
    for (const line of lines)
      if (flags.length > 0 && !line.startsWith('{')) process.stderr.write(`${line}\n`);
    const result = JSON.parse(lines.findLast((l) => l.startsWith('{')) ?? '{}');
    return result as {
      sent: number;
      elapsedMs: number;
      ratePerSecond: number;
      peakRssMb: number;
      cpuUsPerMessage: number;
      heap?: object;
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await pg?.drop();
  }
}

/** smtp-source's rate; `reuse` (-d) keeps each session's connection for all its messages. */
async function benchSmtpSource(
  tool: string,
  port: number,
  sessions: number,
  reuse: boolean,
): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(
    tool,
    [
      ...(reuse ? ['-d'] : []),
      '-s',
      String(sessions),
      '-m',
      String(SOURCE_MESSAGES),
      '-l',
      String(MESSAGE_KB * 1024),
      '-f',
      SENDER.fromAddress,
      '-t',
      'bench@example.org',
      `127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitExit(child);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return SOURCE_MESSAGES / seconds;
}

async function main(): Promise<void> {
  const sinkTool = which('smtp-sink');
  const sourceTool = which('smtp-source');
  if (!sinkTool || !sourceTool) {
    process.stdout.write(
      'bench:send skipped: smtp-sink/smtp-source not found (apt-get install -y postfix)\n',
    );
    return;
  }
  const port = await freePort();
  const sink = spawn(sinkTool, ['-u', 'nobody', `127.0.0.1:${port}`, '1000'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  sink.stderr?.on('data', (d: Buffer) => process.stderr.write(`smtp-sink: ${d}`));
  sink.on('exit', (code, signal) => {
    process.stderr.write(`smtp-sink exited (${code ?? signal})\n`);
  });
  await waitListening(port);
  const url = `smtp://127.0.0.1:${port}`;
  const smtp = await benchSmtpSettings();
  const source = (reuse: boolean) => benchSmtpSource(sourceTool, port, smtp.maxConnections, reuse);
  try {
    const results: Array<{ size: number; rate: number; rss: number }> = [];
    for (const size of SIZES) {
      // smtp-source just before and just after, to the same sink: the machine's load moves the
      // figures, the ratio against the neighbouring measurements much less.
      const before = await source(false);
      const beforeReuse = await source(true);
      const r = await benchPaperpost(size, url, smtp);
      const afterReuse = await source(true);
      const after = await source(false);
      const sourceRate = (before + after) / 2;
      const reuseRate = (beforeReuse + afterReuse) / 2;
      const rate = (r.sent * 1000) / r.elapsedMs;
      results.push({ size, rate, rss: r.peakRssMb });
      process.stdout.write(
        `smtp-source: ${Math.round(before)} / ${Math.round(after)} msgs/s before / after, ` +
          `-d: ${Math.round(beforeReuse)} / ${Math.round(afterReuse)} ` +
          `(${SOURCE_MESSAGES} x ${MESSAGE_KB} KB, ${smtp.maxConnections} sessions)\n` +
          `paperpost ${size}: ${r.sent} sent in ${(r.elapsedMs / 1000).toFixed(1)} s = ${Math.round(rate)} msgs/s ` +
          `(${(rate / sourceRate).toFixed(2)}x smtp-source, target >= 0.6x; ` +
          `${(rate / reuseRate).toFixed(2)}x smtp-source -d), peak RSS ${r.peakRssMb.toFixed(0)} MB, ` +
          `CPU ${Math.round(r.cpuUsPerMessage)} us/msg\n`,
      );
      if (r.heap) process.stdout.write(`  heap (MB): ${JSON.stringify(r.heap)}\n`);
    }
    const small = results[0];
    const large = results.at(-1);
    if (small && large && large !== small) {
      process.stdout.write(
        `peak RSS ${large.size} / ${small.size}: ${(large.rss / small.rss).toFixed(2)}x (target <= 1.2x, <= 250 MB)\n`,
      );
    }
  } finally {
    sink.kill('SIGTERM');
  }
}

if (process.argv[2] === '--child')
  await runChild(
    JSON.parse(process.argv[3] ?? '{}'),
    process.argv[4] ?? '',
    JSON.parse(process.argv[5] ?? '{}'),
  );
else await main();
