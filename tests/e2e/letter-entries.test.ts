import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, SAMPLES, sampleSources, tempProject } from '../helpers/cli.js';

// Issue 14, "Paper entries" and "Trending rank that explains itself", checked from the outside:
// the CLI on the shipped samples, the .eml it writes, and what `rank`/`editions show` print.
const config = {
  title: 'Paperpost Test Letter',
  sources: sampleSources(),
  sender: { fromAddress: 'digest@paperpost.example', listId: 'test.paperpost.example' },
  seedSubscribers: [{ email: 'demo@paperpost.example', name: 'Demo Reader', frequency: 'daily' }],
  limits: { maxPapersPerEdition: 40, maxPapersPerSection: 6 },
  dataDir: 'data',
};

type Parts = { upvotes: number; comments: number; sources: number; recency: number; growth: number };
type Explained = { sections: Array<{ papers: Array<{ id: string; title: string; parts: Parts }> }> };

describe('the letter of the shipped samples', () => {
  let dir: string;
  let editionId: string;
  let mail: Awaited<ReturnType<typeof simpleParser>>;

  beforeAll(async () => {
    dir = tempProject(config);
    const run = await runCli(['run', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    editionId = JSON.parse(run.stdout).edition.id;
    const folder = path.join(dir, 'data', 'outbox', editionId);
    const eml = readdirSync(folder).find((f) => f.endsWith('.eml')) ?? '';
    mail = await simpleParser(readFileSync(path.join(folder, eml)));
  }, 120_000);

  it('greets the subscriber by name in both parts', () => {
    expect(mail.text).toContain('Hi Demo Reader,\nhere are');
    expect(mail.html).toContain('Hi Demo Reader, here are');
  });

  it('shows LaTeX as readable Unicode and never a math delimiter', () => {
    const text = mail.text ?? '';
    expect(text).toContain('H³Fusion: Helpful, Harmless, Honest Fusion of Aligned LLMs');
    expect(text).not.toMatch(/\$[^$\s]+\$|\\(?:mathbb|mathcal|textit|frac)\b/);
  });

  it('has no summary that starts with the scraped "Abstract" heading or ends on "and…"', () => {
    expect(mail.text ?? '').not.toMatch(/^ {3}Abstract [A-Z]/m);
    expect(mail.html ?? '').not.toMatch(/<p style="margin:0 0 6px;">Abstract /);
    expect(mail.text ?? '').not.toMatch(/\b(?:and|or|the|of)…/);
  });

  it('says why each paper is here: upvotes, comments and where it was found', () => {
    expect(mail.text).toMatch(/▲ 118 upvotes · 3 comments · in HF daily/);
    expect(mail.text).toMatch(/in HF daily and arXiv cs\.\w+/);
    // arXiv RSS entries carry their dc:creator authors
    expect(mail.text).toMatch(/Shijian Deng, Wentian Zhao, Yu-Jhe Li et\sal\.\n\s+in arXiv cs\.CL/);
  });

  it('shows the HF thumbnail and puts the top papers before the first section', () => {
    const html = mail.html || '';
    expect(html).toMatch(/<img src="https:\/\/cdn-thumbnails\.huggingface\.co\/[^"]+" width="96" alt=""/);
    const top = html.indexOf('Top papers');
    const firstSection = html.search(/<h2 id="topic-/);
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(firstSection);
    expect(html.slice(top, firstSection)).toContain('EvoArena');
    // the contents are one line of links, not a 15-item list; each "·" stays with the link before
    // it, so a wrapped line never starts with one
    expect(html).toMatch(/In this issue: <a href="#topic-/);
    // (and the footer's "Stop one topic:" line of links, as long)
    for (const lead of ['In this issue:', 'Stop one topic:']) {
      const at = html.indexOf(lead);
      expect(at).toBeGreaterThan(0);
      const line = html.slice(at, html.indexOf('</p>', at));
      const between = [...line.matchAll(/<\/a>([^<]*)<a /g)].map((m) => m[1]);
      expect(between.length).toBeGreaterThan(3);
      for (const sep of between) expect(sep).toMatch(/^(&nbsp;|\u00a0)(·|&#183;|&middot;) $/);
    }
  });

  it('has no section of a single paper after the edition cap, except possibly the closing "More papers"', () => {
    const html = mail.html || '';
    const chunks = html.split(/<h2 id="topic-/).slice(1);
    const sections = chunks.map((chunk) => ({
      slug: chunk.slice(0, chunk.indexOf('"')),
      papers: chunk.split('class="pp-card').length - 1,
    }));
    expect(sections.length).toBeGreaterThan(3);
    expect(sections.reduce((n, s) => n + s.papers, 0)).toBe(40);
    const alone = sections.filter((s) => s.papers < 2 && s.slug !== 'other');
    expect(alone).toEqual([]);
    const other = sections.findIndex((s) => s.slug === 'other');
    if (other >= 0) expect(other).toBe(sections.length - 1);
  });

  it('editions show --explain prints the stored scores, with meaningful parts', async () => {
    const shown = await runCli(['editions', 'show', editionId, '--explain', '--json'], { cwd: dir });
    expect(shown.code, shown.stderr).toBe(0);
    const out = JSON.parse(shown.stdout) as Explained & { papers: number; inLetter: number };
    const papers = out.sections.flatMap((s) => s.papers);
    expect(papers).toHaveLength(out.inLetter); // `papers` counts the whole edition (web too)
    expect(papers.every((p) => p.parts.recency > 0)).toBe(true);
    expect(papers.some((p) => p.parts.sources > 0)).toBe(true);
    expect(papers.find((p) => p.id === '2606.13681')?.parts.upvotes).toBeGreaterThan(100);
    const text = await runCli(['editions', 'show', editionId, '--explain'], { cwd: dir });
    expect(text.stdout).toMatch(/scores \(as ranked\):\n/);
    expect(text.stdout).toMatch(/\[upvotes 118 \+ comments 1\.5 \+ sources 0 \+ recency 1 \+ growth 0\]/);
  });
});

describe('rank --explain on the shipped samples', () => {
  let dir: string;

  beforeAll(async () => {
    dir = tempProject({ ...config, seedSubscribers: [] });
    for (const name of readdirSync(SAMPLES)) {
      const parsed = await runCli(['parse', path.join(SAMPLES, name), '--json'], { cwd: dir });
      expect(parsed.code, parsed.stderr).toBe(0);
      writeFileSync(path.join(dir, `${name}.json`), parsed.stdout);
    }
  }, 120_000);

  it("measures recency against the sample's own window, not today: no paper scores 0", async () => {
    const res = await runCli(
      ['rank', '--in', 'hf-daily-papers_2026-06-12.json.json', '--explain', '--json'],
      {
        cwd: dir,
      },
    );
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as Explained & { now: string };
    expect(out.now).toBe('2026-06-12T00:00:00.000Z'); // the day the papers reached the HF page
    const papers = out.sections.flatMap((s) => s.papers);
    expect(papers.every((p) => p.parts.recency === 1)).toBe(true);
    expect(papers.find((p) => p.id === '2606.13681')?.parts).toMatchObject({ upvotes: 118, comments: 1.5 });
  });

  it('counts the sources of a paper found in two samples', async () => {
    const files = readdirSync(SAMPLES).map((name) => `${name}.json`);
    const res = await runCli(['rank', '--in', ...files, '--explain', '--json'], { cwd: dir });
    expect(res.code, res.stderr).toBe(0);
    const papers = (JSON.parse(res.stdout) as Explained).sections.flatMap((s) => s.papers);
    // the demo arXiv API sample repeats 16 papers of the others: each of them counts two sources
    const seen = new Map<string, number>();
    for (const file of files) {
      const parsed = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { papers: { id: string }[] };
      for (const p of parsed.papers) seen.set(p.id, (seen.get(p.id) ?? 0) + 1);
    }
    const twice = papers.filter((p) => (seen.get(p.id) ?? 0) > 1);
    expect(twice.length).toBeGreaterThan(2);
    for (const p of twice) expect(p.parts.sources, p.id).toBeGreaterThan(0);
    for (const p of papers.filter((q) => (seen.get(q.id) ?? 0) === 1)) expect(p.parts.sources).toBe(0);
  });

  it('a paper dated 2099 does not beat a day-old paper with 50 upvotes', async () => {
    const file = path.join(dir, 'future.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: '2099.00001', title: 'From the future', published: '2099-01-01T00:00:00Z' },
        { id: '2606.00002', title: 'Day-old hit', published: '2026-06-11T00:00:00Z', upvotes: 50 },
        { id: '2606.00003', title: 'Fresh', published: '2026-06-12T00:00:00Z' },
      ]),
    );
    const res = await runCli(['rank', '--in', file, '--json'], { cwd: dir });
    const ids = (JSON.parse(res.stdout) as Explained).sections.flatMap((s) => s.papers.map((p) => p.id));
    expect(ids.indexOf('2606.00002')).toBeLessThan(ids.indexOf('2099.00001'));
  });
});
