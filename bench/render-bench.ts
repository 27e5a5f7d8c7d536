/**
 * `npm run bench:render`: what rendering costs, and what each render mechanism buys.
 *
 * 1. One variant: a render of a 50-paper variant (the MJML-compiled template filled by eta) vs the
 *    per-recipient cost of `personalize` (string fill). Target: per-recipient <= 1% of one render.
 * 2. Long-running process (a daemon): BENCH_EDITIONS editions (default 30) of different shapes, each
 *    rendered for several topic variants in one process: CPU per variant, after the first render.
 * 3. One-shot `paperpost run` (process start to mail written, where loading MJML matters): the built
 *    CLI (`npm run build` first) in a child process under /usr/bin/time, on the demo samples into
 *    the file outbox and, when the shared corpora are there, on the whole arXiv feed over loopback
 *    HTTP into Postfix's smtp-sink (the `npm run bench` workload). Each is run with the templates
 *    compiled at build ("prebuilt", dist/templates: no MJML in the run), and compiled by the run
 *    itself (the same build without dist/templates, as with one's own templates): MJML loaded in
 *    its worker thread ("worker") or on the main thread at the first render ("in-thread", also
 *    without `dist/app/mjml-worker.js`). A build without dist/templates has the last two only.
 *    Modes alternate within each round; BENCH_ROUNDS rounds (default 5); medians and ranges.
 *    BENCH_PACKAGES=label=/path,... measures other builds (a checkout with dist/ built) as well.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Edition, Paper, RankedPaper, Section, Variant } from '../src/domain/index.js';
import { createRenderer, personalize } from '../src/render/index.js';
import {
  CORPORA,
  cliArgs,
  median,
  mulberry32,
  ROOT,
  serveFile,
  startSmtpSink,
  type Timed,
  timed,
} from './lib.js';

const papers = JSON.parse(
  readFileSync(path.join(ROOT, 'tests/fixtures/render/papers.json'), 'utf8'),
) as Paper[];
const PARTS = new Set((process.env.BENCH_PARTS ?? 'variant,daemon,oneshot').split(','));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EDITIONS = Number(process.env.BENCH_EDITIONS ?? 30);

/** An edition of `chosen` papers in sections of the given sizes. */
function edition(chosen: Paper[], sizes: number[], id: string): Edition {
  const ranked: RankedPaper[] = chosen.map((p, i) => ({
    ...p,
    score: { upvotes: p.upvotes, comments: p.comments, sources: 1, recency: 1, total: chosen.length - i },
  }));
  const sections: Section[] = [];
  let at = 0;
  for (const size of sizes) {
    const n = sections.length + 1;
    const topic = {
      slug: `topic-${n}`,
      label: `Topic ${n}`,
      keywords: [],
      categories: [],
      userDefined: false,
    };
    sections.push({ topic, papers: ranked.slice(at, at + size), more: 0 });
    at += size;
  }
  return { id, frequency: 'daily', date: '2026-06-12', createdAt: '2026-06-12T08:00:00Z', sections, more: 0 };
}

function createBenchRenderer() {
  return createRenderer({
    templatesDir: path.join(ROOT, 'templates'),
    title: 'Paperpost',
    sender: {
      fromName: 'Paperpost',
      fromAddress: 'd@example.org',
      postalAddress: '1 Example St',
      listId: 'x.example',
    },
    baseUrl: 'https://paperpost.example',
    htmlBudgetBytes: 100_000,
    maxSummaryChars: 600,
  });
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

function values(i: number) {
  const token = `tok${i.toString(36).padStart(40, 'x')}`;
  return {
    email: `reader${i}@example.org`,
    name: i % 2 ? `Reader ${i}` : null,
    unsubscribeUrl: `https://paperpost.example/u/${token}`,
    preferencesUrl: `https://paperpost.example/p/${token}`,
    topicUnsubscribeUrl: (slug: string) => `https://paperpost.example/u/${token}?topic=${slug}`,
  };
}

async function benchVariant(): Promise<void> {
  const renderer = createBenchRenderer();
  const variant = { key: 'daily:*', frequency: 'daily' as const, topics: [] };
  const sizes = Array.from({ length: 7 }, (_, i) => (i < 6 ? 8 : 2));
  const ed = edition(papers.slice(0, 50), sizes, 'bench');
  let t = performance.now();
  let rendered = await renderer.renderVariant(ed, variant);
  const coldMs = performance.now() - t;
  const runs = 20;
  t = performance.now();
  for (let i = 0; i < runs; i++) rendered = await renderer.renderVariant(ed, variant);
  const renderMs = (performance.now() - t) / runs;
  const recipients = 20_000;
  let bytes = 0;
  // Warm the split cache as a real send does for its first recipient.
  personalize(rendered, values(0));
  t = performance.now();
  for (let i = 0; i < recipients; i++) bytes += personalize(rendered, values(i)).html.length;
  const perRecipientMs = (performance.now() - t) / recipients;
  const ratio = perRecipientMs / renderMs;
  console.log(
    `1. one variant: 50 papers, HTML ${Buffer.byteLength(rendered.html)} bytes (${rendered.text.length} chars text)`,
  );
  console.log(`   first render of the process (compiles the template with MJML): ${coldMs.toFixed(1)} ms`);
  console.log(`   one variant render (compiled template filled, mean of ${runs}): ${renderMs.toFixed(2)} ms`);
  console.log(
    `   personalize per recipient (mean of ${recipients}): ${(perRecipientMs * 1000).toFixed(1)} µs`,
  );
  console.log(
    `   ratio per-recipient / render: ${(ratio * 100).toFixed(3)} % (target <= 1 %) ${ratio <= 0.01 ? 'OK' : 'OVER'}${bytes ? '' : ' (no output)'}`,
  );
}

/**
 * A daemon's day after day: each edition has its own papers and section sizes (2-6 papers per
 * section, 30-50 papers, as the rank caps give) and is rendered for every topic profile: all
 * topics, "all except" one, and single topics or pairs, as subscribers choose them.
 */
async function benchDaemon(): Promise<void> {
  const renderer = createBenchRenderer();
  const random = mulberry32(17);
  const work: Array<{ ed: Edition; variants: Variant[] }> = [];
  for (let e = 0; e < EDITIONS; e++) {
    const shuffled = [...papers].sort(() => random() - 0.5);
    const count = 30 + Math.floor(random() * 21);
    const sizes: number[] = [];
    for (let left = count; left > 0; ) {
      const size = Math.min(left, 2 + Math.floor(random() * 5));
      sizes.push(size);
      left -= size;
    }
    const ed = edition(shuffled.slice(0, count), sizes, `daily-${e}`);
    const slugs = ed.sections.map((s) => s.topic.slug);
    const pick = () => slugs[Math.floor(random() * slugs.length)] ?? 'topic-1';
    const profiles = [[], [`!${pick()}`], [pick()], [pick()], [pick(), pick()], [pick(), pick(), pick()]];
    const variants = profiles.map((topics) => {
      const sorted = [...new Set(topics)].sort();
      return { key: `daily:${sorted.join(',') || '*'}`, frequency: 'daily' as const, topics: sorted };
    });
    work.push({ ed, variants });
  }
  // The first render of the process compiles the template with MJML: measured apart.
  const first = work[0];
  let since = process.cpuUsage();
  if (first)
    await renderer.renderVariant(
      first.ed,
      first.variants[0] ?? { key: 'daily:*', frequency: 'daily', topics: [] },
    );
  const firstMs = cpuMs(since);
  const perVariant: number[] = [];
  const rssBefore = process.memoryUsage().rss;
  since = process.cpuUsage();
  let count = 0;
  for (const { ed, variants } of work) {
    for (const variant of variants) {
      const one = process.cpuUsage();
      await renderer.renderVariant(ed, variant);
      perVariant.push(cpuMs(one));
      count++;
    }
  }
  const totalMs = cpuMs(since);
  const sorted = [...perVariant].sort((a, b) => a - b);
  const pct = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  console.log(
    `2. long-running process: ${EDITIONS} editions x ${work[0]?.variants.length ?? 0} topic profiles = ${count} variant renders in one process`,
  );
  console.log(
    `   first render of the process (compiles the template with MJML): ${firstMs.toFixed(0)} ms CPU`,
  );
  console.log(
    `   CPU per variant after it: mean ${(totalMs / count).toFixed(1)} ms, median ${pct(0.5).toFixed(1)}, p90 ${pct(0.9).toFixed(1)}, min ${pct(0).toFixed(1)}`,
  );
  console.log(
    `   RSS ${(rssBefore / 2 ** 20).toFixed(0)} -> ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
  );
  // Transactional letters (confirmation mails drained from the queue, in `serve` or the daemon).
  const letters = 200;
  since = process.cpuUsage();
  for (let i = 0; i < letters; i++) {
    const v = values(i);
    await renderer.renderConfirmation({ confirmUrl: `${v.preferencesUrl}?c=${i}`, email: v.email });
  }
  console.log(
    `   confirmation letter: ${(cpuMs(since) / letters).toFixed(2)} ms CPU each (mean of ${letters})`,
  );
}

/**
 * A copy of a built package (bin/ and dist/ copied, the rest linked) without the templates
 * compiled at build, so its `run` compiles them with MJML; `noWorker`: without the MJML worker
 * file too, so MJML loads on the main thread at the first render.
 */
function runtimeCompile(root: string, noWorker: boolean): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'pp-render-compile-'));
  for (const name of ['node_modules', 'templates', 'data', 'package.json', 'paperpost.config.json'])
    symlinkSync(path.join(root, name), path.join(copy, name));
  cpSync(path.join(root, 'bin'), path.join(copy, 'bin'), { recursive: true });
  cpSync(path.join(root, 'dist'), path.join(copy, 'dist'), { recursive: true });
  rmSync(path.join(copy, 'dist', 'templates'), { recursive: true, force: true });
  if (noWorker) rmSync(path.join(copy, 'dist', 'app', 'mjml-worker.js'), { force: true });
  return copy;
}

interface Workload {
  name: string;
  config: object;
  env: NodeJS.ProcessEnv;
}

async function benchOneShot(): Promise<void> {
  const packages = (process.env.BENCH_PACKAGES ?? `current=${ROOT}`).split(',').map((entry) => {
    const [label, dir] = entry.includes('=') ? entry.split('=') : ['current', entry];
    return { label: label ?? 'current', root: path.resolve(dir ?? ROOT) };
  });
  for (const p of packages) {
    if (!existsSync(path.join(p.root, 'dist', 'app', 'cli.cjs'))) {
      console.log(`3. one-shot run: skipped, ${p.root}/dist not built (npm run build)`);
      return;
    }
  }
  const samples = path.join(ROOT, 'data', 'samples');
  const demoConfig = JSON.parse(readFileSync(path.join(ROOT, 'paperpost.config.json'), 'utf8')) as {
    sources: Array<{ location: string }>;
  };
  const workloads: Workload[] = [
    {
      name: 'demo samples -> file outbox (npm start)',
      config: {
        ...demoConfig,
        sources: demoConfig.sources.map((s) => ({
          ...s,
          location: path.join(samples, path.basename(s.location)),
        })),
      },
      env: { LOG_LEVEL: 'warn' },
    },
  ];
  const feed = path.join(CORPORA, 'arxiv', 'rss', 'arxiv_rss_all-archives_2024-11-28.xml');
  const sink = existsSync(feed) ? await startSmtpSink() : null;
  const served = sink ? await serveFile(readFileSync(feed), 'application/rss+xml; charset=utf-8') : null;
  if (sink && served) {
    workloads.push({
      name: 'arXiv all-archives feed (1,504 items), loopback HTTP -> smtp-sink (npm run bench)',
      config: {
        sources: [{ id: 'arxiv-all', kind: 'arxiv-rss', includeReplacements: true, location: served.url }],
        seedSubscribers: [{ email: 'bench@example.org' }],
      },
      env: { LOG_LEVEL: 'warn', SMTP_URL: `smtp://127.0.0.1:${sink.port}` },
    });
  } else console.log('3. (arXiv workload skipped: shared corpora or Postfix smtp-sink missing)');

  const copies: string[] = [];
  const modes: Array<{ label: string; root: string }> = [];
  for (const p of packages) {
    const prebuilt = existsSync(path.join(p.root, 'dist', 'templates'));
    const hasWorker = existsSync(path.join(p.root, 'dist', 'app', 'mjml-worker.js'));
    if (prebuilt) modes.push({ label: `${p.label} prebuilt`, root: p.root });
    if (hasWorker) {
      const root = prebuilt ? runtimeCompile(p.root, false) : p.root;
      if (prebuilt) copies.push(root);
      modes.push({ label: `${p.label} worker`, root });
    }
    const inThread = runtimeCompile(p.root, true);
    copies.push(inThread);
    modes.push({ label: `${p.label} in-thread`, root: inThread });
  }
  const project = (w: Workload): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pp-render-run-'));
    writeFileSync(path.join(dir, 'paperpost.config.json'), JSON.stringify(w.config));
    mkdirSync(path.join(dir, 'data'), { recursive: true });
    return dir;
  };
  const run = async (root: string, dir: string, w: Workload): Promise<Timed> => {
    const t = await timed(process.execPath, [...cliArgs(path.join(root, 'bin', 'paperpost.js')), 'run'], {
      cwd: dir,
      env: w.env,
    });
    if (t.code !== 0) throw new Error(`paperpost run (${root}) failed: ${t.stderr.slice(-400)}`);
    return t;
  };
  const fmt = (xs: number[], digits: number) =>
    `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}]`;
  try {
    for (const w of workloads) {
      const results = new Map<string, Timed[]>(modes.map((m) => [m.label, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const m of modes) {
          const dir = project(w);
          results.get(m.label)?.push(await run(m.root, dir, w));
          rmSync(dir, { recursive: true, force: true });
        }
      }
      console.log(`3. one-shot \`paperpost run\`: ${w.name}, ${ROUNDS} rounds, median [min-max]`);
      console.log(`   ${'mode'.padEnd(34)}${'wall s'.padEnd(20)}${'CPU s (user+sys)'.padEnd(20)}peak RSS MB`);
      for (const [label, runs] of results) {
        const wall = fmt(
          runs.map((r) => r.seconds),
          2,
        );
        const cpu = fmt(
          runs.map((r) => r.cpuSeconds),
          2,
        );
        const rss = fmt(
          runs.map((r) => r.peakKb / 1024),
          0,
        );
        console.log(`   ${label.padEnd(34)}${wall.padEnd(20)}${cpu.padEnd(20)}${rss}`);
      }
    }
  } finally {
    served?.server.close();
    sink?.stop();
    for (const c of copies) rmSync(c, { recursive: true, force: true });
  }
}

if (PARTS.has('variant')) await benchVariant();
if (PARTS.has('daemon')) await benchDaemon();
if (PARTS.has('oneshot')) await benchOneShot();
