import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, SAMPLES } from '../helpers/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'paperpost-cli-'));

describe('paperpost parse <path> --json (stable contract)', () => {
  it.each([
    ['arxiv-rss_cs.CL-slice_2024-11-28.xml', 'arxiv-rss', 51],
    ['hf-daily-papers_2026-06-12.json', 'hf-daily', 30],
    ['hf-papers-rss_2026-08-22.xml', 'rss', 26],
    ['DEMO-ONLY_arxiv-api_repeats-samples.atom.xml', 'arxiv-api', 16],
  ])('%s is read as %s with %i papers', async (file, kind, count) => {
    const result = await runCli(['parse', path.join(SAMPLES, file), '--json'], { cwd: work });
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.feed.kind).toBe(kind);
    expect(Object.keys(out.feed).sort()).toEqual(['kind', 'link', 'title']);
    expect(out.papers).toHaveLength(count);
    for (const paper of out.papers) {
      expect(paper).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          title: expect.any(String),
          authors: expect.any(Array),
          categories: expect.any(Array),
        }),
      );
      expect(paper).toHaveProperty('url');
      expect(paper).toHaveProperty('published');
      expect(paper).toHaveProperty('summary');
      expect(paper).toHaveProperty('upvotes');
      expect(paper.id).toMatch(/^\d{4}\.\d{4,5}$/);
    }
  });

  it.each([
    ['a missing file', 'nope.xml', /nope\.xml/],
    ['a file that is no feed', 'not-a-feed.txt', /not-a-feed\.txt.*not a feed/],
    ['an XML bomb', 'bomb.xml', /bomb\.xml.*entit/i],
  ])('%s: exit 2 and one line naming the input and the reason', async (_label, file, pattern) => {
    writeFileSync(path.join(work, 'not-a-feed.txt'), 'hello, I am not a feed\n');
    writeFileSync(
      path.join(work, 'bomb.xml'),
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><title>&lol2;</title></channel></rss>',
    );
    const result = await runCli(['parse', file, '--json'], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('parse -> render -> check, without a store', () => {
  it('renders the parsed papers as one edition whose .eml passes the self-check', async () => {
    const parsed = await runCli(['parse', path.join(SAMPLES, 'hf-daily-papers_2026-06-12.json'), '--json'], {
      cwd: work,
    });
    writeFileSync(path.join(work, 'papers.json'), parsed.stdout);
    const rendered = await runCli(
      [
        'render',
        '--in',
        'papers.json',
        '--out',
        'digest.html',
        '--text',
        'digest.txt',
        '--eml',
        'digest.eml',
      ],
      { cwd: work, env: { PAPERPOST_BASE_URL: 'https://papers.example.org' } },
    );
    expect(rendered.stderr).toBe('');
    expect(rendered.code).toBe(0);
    // The counts in the words `run` uses: every paper of the input selected, the letter's sections.
    const input = (JSON.parse(parsed.stdout).papers as unknown[]).length;
    expect(rendered.stdout).toMatch(
      new RegExp(
        `^${input} papers selected: \\d+ in the letter(, \\d+ more on the web)? \\(\\d+ topics and More papers\\) -> digest\\.html, digest\\.txt, digest\\.eml \\(HTML \\d+ bytes\\)\n`,
      ),
    );
    const html = readFileSync(path.join(work, 'digest.html'), 'utf8');
    const text = readFileSync(path.join(work, 'digest.txt'), 'utf8');
    const papers = JSON.parse(parsed.stdout).papers as Array<{ title: string }>;
    expect(html).toContain('<html');
    expect(text).not.toMatch(/<[a-z]+[ >]/i);
    // every paper of a small input is in the letter
    const shown = papers.filter((p) => text.includes(p.title.slice(0, 30))).length;
    expect(shown).toBeGreaterThan(10);
    const check = await runCli(['check', 'digest.eml', '--json'], { cwd: work });
    const report = JSON.parse(check.stdout);
    expect(check.code).toBe(0);
    expect(JSON.stringify(report)).toMatch(/List-Unsubscribe/i);
  }, 60_000);

  // Regression (issue 14): `render --eml x.eml` alone failed with "required option '--out'", and
  // `render --topics nosuch` exited 0 with an empty letter.
  it.each([
    [['--eml', 'only.eml'], 0, /-> only\.eml \(HTML \d+ bytes\)/],
    [['--text', 'only.txt'], 0, /-> only\.txt/],
    [[], 2, /^paperpost: .*nothing to write; give --out, --text or --eml\n$/],
    [
      ['--eml', 'x.eml', '--topics', 'nosuch'],
      2,
      /--topics nosuch: no such topic in this edition; known: [a-z0-9-]+(, [a-z0-9-]+)+\n$/,
    ],
  ])(
    'render %j exits %i',
    async (args, code, output) => {
      const papers = path.join(work, 'papers.json');
      const result = await runCli(['render', '--in', papers, ...args], { cwd: work });
      expect(result.code).toBe(code);
      expect(code === 0 ? result.stdout : result.stderr).toMatch(output);
      if (code !== 0) expect(existsSync(path.join(work, 'x.eml'))).toBe(false);
    },
    60_000,
  );

  // A topic with no section of its own whose paper reads under a broad area's heading ("LLM
  // reasoning and post-training" over that day's reasoning paper): its subscribers get that
  // paper, so `render --topics` previews their letter rather than refusing the topic.
  it("renders the variant of a topic read under a broad area's heading", async () => {
    const result = await runCli(
      ['render', '--in', 'papers.json', '--text', 'variant.txt', '--topics', 'reasoning-rl'],
      {
        cwd: work,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^1 paper in the letter of reasoning-rl \(1 topic\) -> variant\.txt /);
    const text = readFileSync(path.join(work, 'variant.txt'), 'utf8');
    expect(text).toContain('== 1. LLM reasoning and post-training ==');
    expect(text).toContain('Demystifying Hidden-State Recurrence');
    expect(text).not.toContain('EvoArena');
  }, 60_000);
});

it('npx paperpost --help lists the commands', async () => {
  const result = await runCli(['--help'], { cwd: ROOT });
  expect(result.code).toBe(0);
  for (const command of ['run', 'parse', 'render', 'check', 'preview', 'group', 'rank']) {
    expect(result.stdout).toMatch(new RegExp(`\\n\\s+${command}\\b`));
  }
});

describe('a papers file with LaTeX (arXiv titles and abstracts as listed) reads as a run reads a feed', () => {
  // Two papers as the arXiv listing writes them: accents, math and a TeX dash.
  const papers = [
    {
      id: '2411.17730',
      title: 'Almost sure well-posedness for Schr\\"odinger equation with potential',
      abstract:
        'We study the cubic Schr\\"odinger equation on $\\mathbb{R}^d$ with a P\\"oschl--Teller potential.',
      authors: ['J. M\\"uller'],
      categories: ['math.AP'],
    },
    {
      id: '2411.17792',
      title: '$H^3$Fusion: Helpful, Harmless, Honest Fusion of Aligned LLMs',
      abstract: 'Alignment of $N$ models at once.',
      categories: ['cs.CL'],
    },
  ];
  const file = path.join(work, 'latex.json');
  writeFileSync(file, JSON.stringify(papers));

  it('`group --in` prints the titles in Unicode', async () => {
    const result = await runCli(['group', '--in', 'latex.json'], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Almost sure well-posedness for Schrödinger equation with potential');
    expect(result.stdout).toContain('H³Fusion: Helpful, Harmless, Honest Fusion of Aligned LLMs');
    expect(result.stdout).not.toMatch(/\\"|\$/);
  });

  it('`render --in` writes cards without leftover LaTeX', async () => {
    const result = await runCli(['render', '--in', 'latex.json', '--text', 'latex.txt'], { cwd: work });
    expect(result.code).toBe(0);
    const text = readFileSync(path.join(work, 'latex.txt'), 'utf8').replace(/\s+/g, ' ');
    expect(text).toContain('Schrödinger equation on ℝᵈ with a Pöschl–Teller potential');
    expect(text).toContain('J. Müller');
    expect(text).toContain('H³Fusion');
    expect(text).not.toMatch(/\\"|\$|\\mathbb/);
  });
});

describe('a papers file is read alike by `group`, `rank`, `render` and `preview`', () => {
  // `render --in` read a papers file of its own, more leniently: "upvotes": "12" read as 0 and a
  // title of the wrong type as no paper at all. One reader now: the same refusal in every command.
  const paper = { id: '2411.17730', title: 'A paper', abstract: 'We study things.', categories: ['cs.CL'] };
  it.each([
    ['not an array', { title: 'x' }, /expected an array of papers/],
    ['a paper that is no object', ['x'], /paper 1 is not an object/],
    ['a paper without an id', [{ title: 'x' }], /paper 1 has no "id" string/],
    [
      'a paper with an empty title',
      [{ ...paper, title: ' ' }],
      /paper 1 \(2411\.17730\) has no "title" string/,
    ],
    [
      'upvotes as text',
      [{ ...paper, upvotes: '12' }],
      /paper 1 \(2411\.17730\) "upvotes" must be a number >= 0/,
    ],
    [
      'categories as text',
      [paper, { ...paper, id: 'b', categories: 'cs.CL' }],
      /paper 2 \(b\) "categories" must be an array/,
    ],
    [
      'links that are no object',
      [{ ...paper, links: 'x' }],
      /paper 1 \(2411\.17730\): "links" must be an object/,
    ],
    ['a PDF link that is no string', [{ ...paper, links: { pdf: 3 } }], /"links\.pdf" must be a string/],
  ])(
    '%s: exit 2, one line naming the file, the paper and the field, in each command',
    async (_l, data, reason) => {
      const file = `bad-${Math.random().toString(36).slice(2)}.json`;
      writeFileSync(path.join(work, file), JSON.stringify(data));
      for (const args of [
        ['group', '--in', file, '--json'],
        ['rank', '--in', file, '--json'],
        ['render', '--in', file, '--out', 'bad.html'],
      ]) {
        const result = await runCli(args, { cwd: work });
        expect(result.code, args[0]).toBe(2);
        const lines = result.stderr.trim().split('\n');
        expect(lines, args[0]).toHaveLength(1);
        expect(lines[0]).toContain(file);
        expect(lines[0]).toMatch(reason);
      }
    },
  );

  it('gives an arXiv paper its abstract and PDF links, and a hand-written file what `parse --json` prints', async () => {
    writeFileSync(path.join(work, 'links.json'), JSON.stringify([{ ...paper, upvotes: 3, sources: 2 }]));
    const result = await runCli(['render', '--in', 'links.json', '--text', 'links.txt'], { cwd: work });
    expect(result.code).toBe(0);
    const text = readFileSync(path.join(work, 'links.txt'), 'utf8');
    expect(text).toContain('https://arxiv.org/abs/2411.17730');
    expect(text).toContain('https://arxiv.org/pdf/2411.17730');
    const ranked = await runCli(['rank', '--in', 'links.json', '--json', '--explain'], { cwd: work });
    expect(ranked.code).toBe(0);
    const signals = JSON.parse(ranked.stdout).sections[0].papers[0].signals;
    expect(signals).toEqual(expect.objectContaining({ upvotes: 3, sources: ['source-1', 'source-2'] }));
  });
});
