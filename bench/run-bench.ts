/**
 * `npm run bench`: wall time, CPU time (user + sys) and peak memory of `paperpost run` delivering
 * one edition of the real arXiv all-archives feed (1,504 items) to one recipient over SMTP into
 * Postfix's smtp-sink, next to rss2email (digest mode, same feed over the same loopback HTTP
 * server, same sink), measured in the same run, alternating, median and range of N rounds, with
 * the load average before and after (wall time means little on a busy machine; CPU time less so).
 * Each paperpost round also reports, from its own "run timings" line (LOG_LEVEL=debug: two debug
 * lines a run), the build stage and the grouping of its 100-paper pool inside it: the figure issue
 * #12 sets at 150 ms, and the collector's pauses inside the grouping. `BENCH_BIN` runs another build's launcher (for a before/after comparison).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { CORPORA, cliArgs, median, ROOT, serveFile, startSmtpSink, type Timed, timed, which } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIN = process.env.BENCH_BIN ?? path.join(ROOT, 'bin', 'paperpost.js');
const FEED = path.join(CORPORA, 'arxiv', 'rss', 'arxiv_rss_all-archives_2024-11-28.xml');

function paperpostProject(feedUrl: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-bench-'));
  writeFileSync(
    path.join(dir, 'paperpost.config.json'),
    JSON.stringify({
      sources: [{ id: 'arxiv-all', kind: 'arxiv-rss', includeReplacements: true, location: feedUrl }],
      seedSubscribers: [{ email: 'bench@example.org' }],
    }),
  );
  return dir;
}

function rss2emailProject(feedUrl: string, smtpPort: number): { dir: string; args: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'r2e-bench-'));
  const cfg = path.join(dir, 'cfg');
  const data = path.join(dir, 'data.json');
  const base = ['-c', cfg, '-d', data];
  const r2e = which('r2e') ?? 'r2e';
  const run = (args: string[]) => {
    const r = runQuiet(r2e, [...base, ...args], dir);
    if (r !== 0) throw new Error(`r2e ${args.join(' ')} failed`);
  };
  run(['new', 'bench@example.org']);
  run(['add', 'arxiv', feedUrl]);
  const text = readFileSync(cfg, 'utf8')
    .replace(/^digest = False$/m, 'digest = True')
    .replace(/^email-protocol = sendmail$/m, 'email-protocol = smtp')
    .replace(/^smtp-server = .*$/m, `smtp-server = 127.0.0.1:${smtpPort}`);
  writeFileSync(cfg, text);
  return { dir, args: [...base, 'run'] };
}

function runQuiet(cmd: string, args: string[], cwd: string): number {
  return spawnSync(cmd, args, { cwd, stdio: 'ignore' }).status ?? 1;
}

async function main(): Promise<void> {
  console.log('$ npm run bench   (bench/run-bench.ts)');
  try {
    readFileSync(FEED);
  } catch {
    console.log(`skipped: ${FEED} not found (the shared corpora are not beside this checkout)`);
    return;
  }
  const sink = await startSmtpSink();
  if (!sink) {
    console.log('skipped: Postfix smtp-sink not installed (apt-get install postfix)');
    return;
  }
  const r2e = which('r2e');
  const { url, server } = await serveFile(readFileSync(FEED), 'application/rss+xml; charset=utf-8');
  const env = { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, LOG_LEVEL: 'debug' };
  const load = (): string =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(', ');
  const loadBefore = load();
  const pp: Timed[] = [];
  const rr: Timed[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const dir = paperpostProject(url);
      const t = await timed(process.execPath, [...cliArgs(BIN), 'run'], {
        cwd: dir,
        env,
      });
      if (t.code !== 0) throw new Error(`paperpost run failed: ${t.stderr.slice(-500)}`);
      pp.push(t);
      rmSync(dir, { recursive: true, force: true });
      if (r2e) {
        const project = rss2emailProject(url, sink.port);
        const u = await timed(r2e, project.args, { cwd: project.dir });
        if (u.code !== 0) throw new Error(`r2e run failed: ${u.stderr.slice(-500)}`);
        rr.push(u);
        rmSync(project.dir, { recursive: true, force: true });
      }
    }
  } finally {
    server.close();
    sink.stop();
  }
  const range = (xs: number[]): string =>
    `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)})`;
  const row = (name: string, ts: Timed[]): string =>
    `${name.padEnd(11)} ${range(ts.map((t) => t.seconds)).padEnd(18)} ${range(ts.map((t) => t.cpuSeconds)).padEnd(18)} ${(Math.max(...ts.map((t) => t.peakKb)) / 1024).toFixed(0)}`;
  console.log(
    `feed: ${path.basename(FEED)} (1,504 items), one recipient, SMTP into smtp-sink, ${ROUNDS} rounds, median (min-max)`,
  );
  console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${load()} after`);
  console.log('tool        wall s             CPU s (user+sys)   peak RSS MB');
  console.log(row('paperpost', pp));
  if (rr.length > 0) {
    console.log(row('rss2email', rr));
    const ratio = (f: (t: Timed) => number): number => median(pp.map(f)) / median(rr.map(f));
    const perRound = (f: (t: Timed) => number): string =>
      pp.map((t, i) => (f(t) / f(rr[i] as Timed)).toFixed(2)).join(', ');
    const wall = ratio((t) => t.seconds);
    const cpu = ratio((t) => t.cpuSeconds);
    console.log(
      `ratio paperpost/rss2email (of medians): wall ${wall.toFixed(2)}x, CPU ${cpu.toFixed(2)}x (target <= 0.5x: wall ${wall <= 0.5 ? 'met' : 'NOT met'}, CPU ${cpu <= 0.5 ? 'met' : 'NOT met'})`,
    );
    console.log(`per round: wall ${perRound((t) => t.seconds)}; CPU ${perRound((t) => t.cpuSeconds)}`);
  } else {
    console.log('rss2email: not installed (apt-get install rss2email); no ratio');
  }
  const inRun = pp.flatMap((t) => {
    const m =
      /"build":(\d+(?:\.\d+)?).*"grouping":\{"papers":(\d+),"ms":(\d+(?:\.\d+)?)(?:,"collectorMs":(\d+))?\}/.exec(
        t.stderr,
      );
    return m
      ? [
          {
            build: Number(m[1]),
            papers: Number(m[2]),
            grouping: Number(m[3]),
            collector: m[4] === undefined ? undefined : Number(m[4]),
          },
        ]
      : [];
  });
  if (inRun.length === pp.length) {
    const ms = (xs: number[]): string =>
      `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
    const grouping = inRun.map((r) => r.grouping);
    console.log(
      `inside each paperpost run ("run timings"): grouping ${inRun[0]?.papers} papers ${ms(grouping)} ms (target <= 150 ms: ${median(grouping) <= 150 ? 'met' : 'NOT met'}), build stage ${ms(inRun.map((r) => r.build))} ms`,
    );
    console.log(`per round: grouping ${grouping.map((g) => g.toFixed(0)).join(', ')} ms`);
    // The collector's pauses inside it (Node.js "gc" performance entries): a scavenge that falls
    // there (~25 ms) or not decides much of the spread between rounds (bench/FIGURES.md, session 43).
    const collector = inRun.flatMap((r) => (r.collector === undefined ? [] : [r.collector]));
    if (collector.length === inRun.length)
      console.log(
        `of the grouping, the collector's pauses: ${ms(collector)} ms; per round ${collector.join(', ')} ms`,
      );
    // The papers below the grouping pool, each read for the topic its title names (in the build
    // stage, after the grouping).
    const claims = pp.flatMap((t) => {
      const c = /"titleClaims":\{"papers":(\d+),"claimed":(\d+),"ms":(\d+(?:\.\d+)?)\}/.exec(t.stderr);
      return c ? [{ papers: Number(c[1]), claimed: Number(c[2]), ms: Number(c[3]) }] : [];
    });
    if (claims.length === pp.length)
      console.log(
        `title claims of the ${claims[0]?.papers} papers below the pool (${claims[0]?.claimed} name a topic): ${ms(claims.map((c) => c.ms))} ms`,
      );
  } else console.log('inside each paperpost run: no "run timings" line (an older build?)');
}

await main();
