/**
 * `npm run bench:web`: requests/s and p99 latency of `GET /` and `POST /subscribe` under wrk
 * (Debian package `wrk`) on loopback, each run bounded by `-d`, and proof that the rate limiter
 * holds: with the shipped limit (20 POSTs per IP per minute) exactly 20 sign-ups pass, the rest
 * get 429, and nothing answers 5xx. A third run lifts the limits to measure real sign-up work
 * (SQLite write + MJML confirmation + .eml in a file outbox).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOutboxTransport } from '../src/deliver/index.js';
import { createRenderer } from '../src/render/index.js';
import { createApp } from '../src/server/app.js';
import type { RateLimitOptions } from '../src/server/deps.js';
import { startServer } from '../src/server/start.js';
import { createTransactionalMailer } from '../src/server/transactional-mailer.js';
import { createStore } from '../src/store/index.js';
import type { Store } from '../src/store/types.js';
import { createTokenSigner } from '../src/subscribers/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = process.env.BENCH_DURATION ?? '5s';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const SECRET = 'web-bench-secret-'.padEnd(48, 'w');
const PER_MINUTE = 20;

interface WrkResult {
  requestsPerSecond: number;
  p99Ms: number;
  statuses: Record<string, number>;
  socketErrors: string;
}

function haveWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as { status?: number }).status === 1; // wrk --version exits 1 but runs
  }
}

/** Latency value from wrk's text ("1.23ms", "850.00us", "1.10s") in ms. */
function toMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value);
  if (!match) return Number.NaN;
  const n = Number(match[1]);
  return match[2] === 'us' ? n / 1000 : match[2] === 'ms' ? n : match[2] === 's' ? n * 1000 : n * 60_000;
}

/** A wrk Lua script: optional POST body builder, and per-status counts printed as JSON at the end. */
function luaScript(post?: { cookie: string; origin: string; csrf: string }): string {
  const request = post
    ? `
request = function()
  n = n + 1
  local body = "_csrf=${encodeURIComponent(post.csrf)}&frequency=daily&topics=llm&email=u" .. id .. "-" .. n .. "%40bench.example"
  return wrk.format("POST", "/subscribe", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "${post.cookie}",
    ["Origin"] = "${post.origin}",
  }, body)
end`
    : '';
  return `
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  n = 0
  counts = {}
end
${request}
function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end
function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do all[k] = (all[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(all) do table.insert(parts, string.format('"%d":%d', k, v)) end
  io.write("STATUSES {" .. table.concat(parts, ",") .. "}\\n")
end
`;
}

function runWrk(url: string, script: string, dir: string, name: string): Promise<WrkResult> {
  const file = path.join(dir, `${name}.lua`);
  writeFileSync(file, script);
  const args = [
    '-t',
    String(THREADS),
    '-c',
    String(CONNECTIONS),
    '-d',
    DURATION,
    '--timeout',
    '5s',
    '--latency',
    '-s',
    file,
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited ${code}:\n${out}`));
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
      const p99 = toMs(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '');
      const statuses = JSON.parse(/STATUSES (\{.*\})/.exec(out)?.[1] ?? '{}') as Record<string, number>;
      const socketErrors = /Socket errors:.*$/m.exec(out)?.[0] ?? 'Socket errors: none';
      resolve({ requestsPerSecond: rps, p99Ms: p99, statuses, socketErrors });
    });
  });
}

async function serveApp(store: Store, dir: string, rateLimits?: RateLimitOptions) {
  const sender = { fromName: 'Paperpost', fromAddress: 'digest@paperpost.test' };
  const transport = createOutboxTransport(path.join(dir, 'outbox'));
  const baseUrl = 'http://127.0.0.1';
  const templates = createRenderer({
    templatesDir: path.join(ROOT, 'templates'),
    title: 'Paperpost',
    sender: { ...sender, postalAddress: '1 Bench Street', listId: 'paperpost.test' },
    baseUrl,
    htmlBudgetBytes: 100_000,
    maxSummaryChars: 600,
  });
  // Warm-up: loading mjml and compiling the template costs ~1 s once; measure the steady state.
  await templates.renderConfirmation({
    confirmUrl: `${baseUrl}/confirm?token=x`,
    email: 'warm@bench.example',
  });
  const app = createApp({
    store,
    config: {
      baseUrl,
      title: 'Paperpost',
      server: { host: '127.0.0.1', port: 0, confirmIntervalMinutes: 10, rateLimitPerMinute: PER_MINUTE },
    },
    signer: createTokenSigner(SECRET),
    secret: SECRET,
    mailer: createTransactionalMailer(transport, sender),
    templates,
    rateLimits,
  });
  const server = await startServer(app, { host: '127.0.0.1', port: 0, print: () => {} });
  // A browser's first visit: the CSRF cookie and the form token that goes with it.
  const home = await fetch(`${server.url}/`);
  const cookie = (home.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1] ?? '';
  return { server, transport, post: { cookie, csrf, origin: new URL(server.url).origin } };
}

const fmt = (r: WrkResult) =>
  `${r.requestsPerSecond.toFixed(0).padStart(7)} req/s   p99 ${r.p99Ms.toFixed(2).padStart(7)} ms`;
const count = (r: WrkResult, test: (status: number) => boolean) =>
  Object.entries(r.statuses).reduce((sum, [status, n]) => sum + (test(Number(status)) ? n : 0), 0);

async function main(): Promise<void> {
  if (!haveWrk()) {
    process.stdout.write('bench:web skipped: wrk not found (apt-get install -y wrk)\n');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'paperpost-web-bench-'));
  const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'paperpost.db') });
  await store.catalogue.saveTopics(
    ['llm', 'vision', 'robotics', 'speech', 'theory'].map((slug) => ({
      slug,
      label: slug,
      keywords: [],
      categories: [],
      userDefined: true,
    })),
  );
  try {
    const limited = await serveApp(store, dir);
    const get = await runWrk(`${limited.server.url}/`, luaScript(), dir, 'get');
    const postLimited = await runWrk(
      `${limited.server.url}/subscribe`,
      luaScript(limited.post),
      dir,
      'post-limited',
    );
    await limited.server.close();
    const open = await serveApp(store, dir, { perIpPerMinute: 1e9, perAddressPerHour: 1e9 });
    const postOpen = await runWrk(`${open.server.url}/subscribe`, luaScript(open.post), dir, 'post-open');
    await open.server.close();
    await open.transport.close();
    await limited.transport.close();

    const ok = count(postLimited, (s) => s === 200);
    const limitedCount = count(postLimited, (s) => s === 429);
    const errors5xx =
      count(get, (s) => s >= 500) + count(postLimited, (s) => s >= 500) + count(postOpen, (s) => s >= 500);
    const lines = [
      `wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} on loopback (server in this process, SQLite file store;` +
        ` load average ${loadavg()[0]?.toFixed(1)})`,
      `GET /                         ${fmt(get)}   statuses ${JSON.stringify(get.statuses)}`,
      `POST /subscribe (limit ${PER_MINUTE}/min) ${fmt(postLimited)}   statuses ${JSON.stringify(postLimited.statuses)}`,
      `POST /subscribe (no limit)    ${fmt(postOpen)}   statuses ${JSON.stringify(postOpen.statuses)}`,
      `rate limiter: ${ok} accepted (limit ${PER_MINUTE}), ${limitedCount} refused with 429, ${errors5xx} 5xx` +
        ` -> ${ok === PER_MINUTE && limitedCount > 0 && errors5xx === 0 ? 'HOLDS' : 'BROKEN'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const outDir = path.join(ROOT, 'bench', '.out');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(
      path.join(outDir, 'web-bench.json'),
      JSON.stringify(
        {
          duration: DURATION,
          connections: CONNECTIONS,
          get,
          postLimited,
          postOpen,
          ok,
          limitedCount,
          errors5xx,
        },
        null,
        2,
      ),
    );
    if (ok !== PER_MINUTE || errors5xx > 0) process.exitCode = 1;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
