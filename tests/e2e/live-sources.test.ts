import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { describeWith } from '../helpers/requirements.js';
import { FEEDS, LIVE, type StandIn, startStandIn } from '../helpers/stand-in-hosts.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('from the demo to your own letter: init, sources, run against stand-in hosts', () => {
  let stand: StandIn;
  let dir: string;
  const configFile = () => path.join(dir, 'paperpost.config.json');

  beforeAll(async () => {
    stand = await startStandIn();
    // The daily edition of today reads yesterday's Hugging Face list (the schedule is in UTC).
    stand.hf.set(day(-1), path.join(LIVE, 'hf-daily-papers_2026-06-12.json'));
    stand.rss.set('cs.CL+cs.LG', path.join(FEEDS, 'arxiv-rss-all-archives-slice.xml'));
    stand.apiDefault = path.join(FEEDS, 'arxiv-api-transformer.xml');
    dir = mkdtempSync(path.join(tmpdir(), 'paperpost-live-'));
  });
  afterAll(() => stand.close());

  it('init writes a config for live sources and .env from .env.example', async () => {
    const init = await runCli(
      [
        'init',
        '--categories',
        'cs.CL,cs.LG',
        '--search',
        'abs:"long context"',
        '--from',
        'letters@lab.example.org',
        '--to',
        'me@lab.example.org',
        '--title',
        'Lab letter',
      ],
      { cwd: dir },
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(
      'wrote paperpost.config.json: hf-trending, arxiv-cs.cl-cs.lg, arxiv-search-1',
    );
    const config = JSON.parse(readFileSync(configFile(), 'utf8'));
    expect(config.sources).toEqual([
      { id: 'hf-trending', kind: 'hf-daily', sort: 'trending' },
      { id: 'arxiv-cs.cl-cs.lg', kind: 'arxiv-rss', categories: ['cs.CL', 'cs.LG'] },
      { id: 'arxiv-search-1', kind: 'arxiv-api', query: 'abs:"long context"', maxResults: 100 },
    ]);
    expect(config.fetch.contact).toBe('letters@lab.example.org');
    expect(config.fetch.endpoints.huggingface).toBe('https://huggingface.co');
    expect(config.schedule.daily).toEqual({ enabled: true, cron: '0 8 * * 1-5', timezone: 'UTC' });
    expect(config.seedSubscribers).toEqual([{ email: 'me@lab.example.org', frequency: 'daily' }]);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe(
      readFileSync(path.join(ROOT, '.env.example'), 'utf8'),
    );
  });

  it('init refuses to overwrite: exit 2, one line, files untouched', async () => {
    const before = readFileSync(configFile(), 'utf8');
    const again = await runCli(['init', '--categories', 'math.AG'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      'paperpost: [cli] paperpost.config.json exists: init never overwrites it (move it away first)\n',
    );
    expect(readFileSync(configFile(), 'utf8')).toBe(before);
  });

  it("init in the clone itself points to a folder of one's own: the demo's config stays", async () => {
    const before = readFileSync(path.join(ROOT, 'paperpost.config.json'), 'utf8');
    const hadEnv = existsSync(path.join(ROOT, '.env'));
    const inClone = await runCli(['init', '--categories', 'cs.CL'], { cwd: ROOT });
    expect(inClone.code).toBe(2);
    expect(inClone.stderr).toBe(
      "paperpost: [cli] paperpost.config.json here is the demo's: run `paperpost init` in a folder of your own letter (README, Quick start)\n",
    );
    expect(readFileSync(path.join(ROOT, 'paperpost.config.json'), 'utf8')).toBe(before);
    expect(existsSync(path.join(ROOT, '.env'))).toBe(hadEnv);
  });

  it.each([
    [['--frequency', 'hourly'], '--frequency hourly: expected daily, weekly or both'],
    [['--categories', 'CS CL'], '--categories CS: not an arXiv category such as cs.CL'],
    [['--from', 'nobody'], '--from nobody: not an email address'],
    [['--timezone', 'Mars/Olympus'], '--timezone Mars/Olympus: not an IANA time zone such as Europe/Berlin'],
  ])('init %j: exit 2 with one line, nothing written', async (flags, message) => {
    const empty = mkdtempSync(path.join(tmpdir(), 'paperpost-init-'));
    const bad = await runCli(['init', ...flags], { cwd: empty });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`paperpost: [cli] ${message}\n`);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('init without flags and without a terminal writes the defaults: HF trending and a few ML categories', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'paperpost-init-'));
    const init = await runCli(['init', '--no-env'], { cwd: empty });
    expect(init.code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(empty, 'paperpost.config.json'), 'utf8'));
    expect(config.sources.map((s: { kind: string }) => s.kind)).toEqual(['hf-daily', 'arxiv-rss']);
    expect(config.sources[1].categories).toEqual(['cs.CL', 'cs.LG', 'cs.CV']);
    expect(existsSync(path.join(empty, '.env'))).toBe(false);
  });

  it("init for a letter of mathematics leaves out Hugging Face's machine-learning list, and says so", async () => {
    // A mathematician's letter read "LLM agents" of Hugging Face's trending papers beside its
    // "Analysis of PDEs": that list is machine learning's. `--hf` adds it; a cs, eess or stat.ML
    // category, or none, keeps it.
    const cases: [string[], string[]][] = [
      [['--categories', 'math.AP,math.CO'], ['arxiv-rss']],
      [
        ['--categories', 'math.AP', '--hf'],
        ['hf-daily', 'arxiv-rss'],
      ],
      [
        ['--categories', 'astro-ph.CO,stat.ML'],
        ['hf-daily', 'arxiv-rss'],
      ],
      [['--categories', 'cs.CL', '--no-hf'], ['arxiv-rss']],
    ];
    for (const [flags, kinds] of cases) {
      const empty = mkdtempSync(path.join(tmpdir(), 'paperpost-init-'));
      const init = await runCli(['init', '--no-env', ...flags], { cwd: empty });
      expect(init.code).toBe(0);
      const config = JSON.parse(readFileSync(path.join(empty, 'paperpost.config.json'), 'utf8'));
      expect(`${flags.join(' ')}: ${config.sources.map((s: { kind: string }) => s.kind).join(', ')}`).toBe(
        `${flags.join(' ')}: ${kinds.join(', ')}`,
      );
      expect(init.stdout.includes("left out Hugging Face's trending list")).toBe(
        !kinds.includes('hf-daily') && !flags.includes('--no-hf'),
      );
    }
  });

  it('sources list --json: one {id, kind, url} per source, URLs resolved for today', async () => {
    // The hosts are settings: point them at the stand-in; 200 ms between its requests keeps it quick.
    const config = JSON.parse(readFileSync(configFile(), 'utf8'));
    config.fetch = {
      ...config.fetch,
      endpoints: stand.endpoints,
      hostIntervalMs: 0,
      arxivApiIntervalMs: 200,
    };
    writeFileSync(configFile(), JSON.stringify(config, null, 2));
    const list = await runCli(['sources', 'list', '--json'], { cwd: dir });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      {
        id: 'hf-trending',
        kind: 'hf-daily',
        url: `${stand.base}/hf/api/daily_papers?date=${day(-1)}&sort=trending&limit=50&p=0`,
      },
      { id: 'arxiv-cs.cl-cs.lg', kind: 'arxiv-rss', url: `${stand.base}/arxiv-rss/rss/cs.CL+cs.LG` },
      {
        id: 'arxiv-search-1',
        kind: 'arxiv-api',
        url: `${stand.base}/arxiv-api/api/query?search_query=abs%3A%22long+context%22&sortBy=submittedDate&sortOrder=descending&start=0&max_results=100`,
      },
    ]);
    expect(stand.requests).toHaveLength(0); // listing fetches nothing
  });

  it('sources test ID fetches now and says what it would bring, storing nothing', async () => {
    const test = await runCli(['sources', 'test', 'hf-trending', '--json'], { cwd: dir });
    expect(test.code).toBe(0);
    const result = JSON.parse(test.stdout);
    expect(result).toMatchObject({
      id: 'hf-trending',
      kind: 'hf-daily',
      status: 'ok',
      entries: 30,
      papers: 30,
      error: null,
    });
    expect(result.newest.title).toBeTruthy();
    expect(result.requests).toEqual([
      `${stand.base}/hf/api/daily_papers?date=${day(-1)}&sort=trending&limit=50&p=0`,
    ]);
    expect(existsSync(path.join(dir, 'data', 'paperpost.db'))).toBe(false);
  });

  it('sources test reports a failing source with its reason and exits 1', async () => {
    stand.failNext('/arxiv-rss', 410);
    const test = await runCli(['sources', 'test'], { cwd: dir });
    expect(test.code).toBe(1);
    expect(test.stdout).toMatch(/^- hf-trending \(hf-daily\) .*\n {4}30 papers from 30 entries; newest /m);
    expect(test.stdout).toContain('error: arxiv-cs.cl-cs.lg: HTTP 410 Gone');
    expect(test.stdout).toMatch(/^- arxiv-search-1 \(arxiv-api\) .*\n {4}5 papers from 5 entries/m);
  });

  it('an OPML list stands for its feeds: each listed and tested as a source of its own', async () => {
    const opmlDir = mkdtempSync(path.join(tmpdir(), 'paperpost-opml-'));
    writeFileSync(
      path.join(opmlDir, 'feeds.opml'),
      `<?xml version="1.0"?><opml version="2.0"><body><outline text="Papers">
        <outline type="rss" text="arXiv CL+LG" xmlUrl="${stand.base}/arxiv-rss/rss/cs.CL+cs.LG"/>
        <outline type="rss" text="Gone feed" xmlUrl="${stand.base}/arxiv-rss/rss/gone"/>
      </outline></body></opml>`,
    );
    writeFileSync(
      path.join(opmlDir, 'paperpost.config.json'),
      JSON.stringify({
        sources: [{ id: 'subs', kind: 'opml', location: 'feeds.opml' }],
        fetch: { hostIntervalMs: 0 },
      }),
    );
    const list = await runCli(['sources', 'list', '--json'], { cwd: opmlDir });
    expect(JSON.parse(list.stdout)).toEqual([
      { id: 'subs.arxiv-cl-lg', kind: 'auto', url: `${stand.base}/arxiv-rss/rss/cs.CL+cs.LG` },
      { id: 'subs.gone-feed', kind: 'auto', url: `${stand.base}/arxiv-rss/rss/gone` },
    ]);
    const test = await runCli(['sources', 'test', 'subs', '--json'], { cwd: opmlDir });
    expect(test.code).toBe(1);
    const results = JSON.parse(test.stdout);
    expect(
      results.map((r: { id: string; status: string; papers: number; error: string | null }) => [
        r.id,
        r.status,
        r.papers,
        r.error,
      ]),
    ).toEqual([
      ['subs.arxiv-cl-lg', 'ok', 12, null],
      ['subs.gone-feed', 'failed', 0, 'subs.gone-feed: HTTP 404 Not Found'],
    ]);
  });

  it('run produces an edition from the live sources and mails the first reader', async () => {
    stand.requests.length = 0;
    const run = await runCli(['run', '--json'], { cwd: dir });
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.status).toBe('ok');
    expect(summary.sources).toMatchObject({ ok: 3, failed: 0 });
    expect(summary.sources.reports.map((r: { id: string; entries: number }) => [r.id, r.entries])).toEqual([
      ['hf-trending', 30],
      ['arxiv-cs.cl-cs.lg', 12],
      ['arxiv-search-1', 5],
    ]);
    expect(summary.edition.papers).toBeGreaterThan(5);
    expect(summary.delivery.sent).toBe(1);
    const emls = readdirSync(path.join(dir, 'data', 'outbox', summary.edition.id)).filter((f) =>
      f.endsWith('.eml'),
    );
    expect(emls).toHaveLength(1);
    const mail = await simpleParser(
      readFileSync(path.join(dir, 'data', 'outbox', summary.edition.id, emls[0] ?? '')),
    );
    expect(mail.subject).toContain('Lab letter');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('me@lab.example.org');
    // Polite: Paperpost and the operator's address in every User-Agent; requests to a host spaced.
    expect(stand.requests.map((r) => r.path)).toEqual([
      '/hf/api/daily_papers',
      '/arxiv-rss/rss/cs.CL+cs.LG',
      '/arxiv-api/api/query',
    ]);
    for (const r of stand.requests) {
      expect(r.headers['user-agent']).toMatch(
        /^Paperpost\/[\d.]+ \(\+https:\/\/\S+; .*mailto:letters@lab\.example\.org\)$/,
      );
    }
    const gaps = stand.requests.slice(1).map((r, i) => r.at - (stand.requests[i]?.at ?? 0));
    // Booked 200 ms apart before sending; arrival times vary by connection set-up, so check loosely.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100);
  }, 60_000);
});

describeWith(
  existsSync('/usr/bin/script'),
  'script(1) from util-linux is not installed',
  'paperpost init on a terminal (through script(1) for a pty)',
  () => {
    /** Answers each prompt (a line ending in "]: ") as it appears, so no timing is involved. */
    function walk(cwd: string, answers: string[]): Promise<{ code: number | null; output: string }> {
      return new Promise((resolve, reject) => {
        const child = spawn(
          '/usr/bin/script',
          ['-qec', `${process.execPath} ${BIN} init --no-env`, '/dev/null'],
          {
            cwd,
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'dumb' },
          },
        );
        let output = '';
        let asked = 0;
        child.stdout.on('data', (d: Buffer) => {
          output += d.toString();
          const prompts = output.split(']: ').length - 1;
          while (asked < prompts && asked < answers.length) child.stdin.write(`${answers[asked++]}\n`);
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, output }));
      });
    }

    it('asks a few questions, Enter keeps a default, and writes the answers', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'paperpost-tty-'));
      const result = await walk(dir, ['cs.AI, stat.ML', 'ti:diffusion', 'n', '', 'me@lab.example.org']);
      expect(result.output).toContain('arXiv categories [cs.CL,cs.LG,cs.CV]');
      expect(result.code).toBe(0);
      const config = JSON.parse(readFileSync(path.join(dir, 'paperpost.config.json'), 'utf8'));
      expect(config.sources).toEqual([
        { id: 'arxiv-cs.ai-stat.ml', kind: 'arxiv-rss', categories: ['cs.AI', 'stat.ML'] },
        { id: 'arxiv-search-1', kind: 'arxiv-api', query: 'ti:diffusion', maxResults: 100 },
      ]);
      expect(config.schedule.daily.enabled).toBe(true);
      expect(config.sender.fromAddress).toBe('me@lab.example.org');
      expect(config.seedSubscribers).toEqual([{ email: 'me@lab.example.org', frequency: 'daily' }]);
    }, 30_000);
  },
);

describe('.env in the working folder (what init writes) is read at start', () => {
  it('sets what the environment leaves unset; the environment wins; empty values stay unset', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paperpost-dotenv-'));
    writeFileSync(path.join(dir, 'paperpost.config.json'), '{}');
    writeFileSync(path.join(dir, '.env'), '# comment\nPAPERPOST_DATA_DIR=from-dotenv\nSMTP_URL=\n');
    const first = await runCli(['status', '--json'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(existsSync(path.join(dir, 'from-dotenv', 'paperpost.db'))).toBe(true);
    const second = await runCli(['status', '--json'], { cwd: dir, env: { PAPERPOST_DATA_DIR: 'from-env' } });
    expect(second.code).toBe(0);
    expect(existsSync(path.join(dir, 'from-env', 'paperpost.db'))).toBe(true);
  });

  it('a bad value in .env stops with the variable and the reason, exit 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paperpost-dotenv-'));
    writeFileSync(path.join(dir, '.env'), 'SMTP_URL=http://mail.example.org\n');
    const run = await runCli(['status'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'paperpost: [config] environment: SMTP_URL: smtp://host:port or smtps://user:pass@host:port\n',
    );
  });
});
