import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLES, tempProject } from '../helpers/cli.js';

// Issue #12, one heading per subject, from the outside: a researcher's letter of the cs.CL
// sample feed alone once had two sections "Fine-tuning and knowledge distillation" (a section
// found in the batch as "Fine-tuning" is the catalogue's topic of that name).
describe("a researcher's letter of one arXiv category feed", () => {
  it('has each section once, in the contents and in the letter', async () => {
    const dir = tempProject({
      sources: [
        { id: 'cl', kind: 'arxiv-rss', location: path.join(SAMPLES, 'arxiv-rss_cs.CL-slice_2024-11-28.xml') },
      ],
      seedSubscribers: [{ email: 'me@paperpost.example' }],
      dataDir: 'data',
    });
    const run = await runCli(['run', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const folder = path.join(dir, 'data', 'outbox', JSON.parse(run.stdout).edition.id);
    const eml = readdirSync(folder).find((f) => f.endsWith('.eml')) ?? '';
    const mail = await simpleParser(readFileSync(path.join(folder, eml)));
    const headings = [...(mail.text ?? '').matchAll(/^== \d+\. (.+) ==$/gm)].map((m) => m[1]);
    expect(headings).toContain('Fine-tuning and knowledge distillation');
    expect(new Set(headings).size).toBe(headings.length);
    const anchors = [...(mail.html || '').matchAll(/id="(topic-[^"]+)"/g)].map((m) => m[1]);
    expect(anchors.length).toBeGreaterThan(2);
    expect(new Set(anchors).size).toBe(anchors.length);
  }, 120_000);
});

// Issue #12, contracts kept: `paperpost group` (which reads the catalogue file) and a run (which
// reads the catalogue from the store) make the same sections of the same papers. They once read
// the topics in different orders (file, slug), and a paper that says two topics alike went two
// ways: a robot-manipulation paper under "Fine-tuning" in one, in "More papers" in the other.
describe('the sections of a run and of `paperpost group`', () => {
  it('are the same for the same papers', async () => {
    const feed = path.join(SAMPLES, 'hf-daily-papers_2026-06-12.json');
    const dir = tempProject({
      sources: [{ id: 'hf', kind: 'hf-daily', location: feed }],
      seedSubscribers: [{ email: 'me@paperpost.example' }],
      limits: { maxPapersPerEdition: 40, maxPapersPerSection: 40 },
      dataDir: 'data',
    });
    const parsed = await runCli(['parse', feed, '--kind', 'hf-daily', '--json'], { cwd: dir });
    expect(parsed.code, parsed.stderr).toBe(0);
    writeFileSync(path.join(dir, 'papers.json'), parsed.stdout);
    const grouped = await runCli(['group', '--in', 'papers.json', '--json'], { cwd: dir });
    expect(grouped.code, grouped.stderr).toBe(0);
    const run = await runCli(['run', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const id = JSON.parse(run.stdout).edition.id as string;
    const shown = await runCli(['editions', 'show', id, '--explain', '--json'], { cwd: dir });
    expect(shown.code, shown.stderr).toBe(0);
    const groups = (JSON.parse(grouped.stdout) as { topics: { slug: string; ids: string[] }[] }).topics;
    const sections = (JSON.parse(shown.stdout) as { sections: { slug: string; papers: { id: string }[] }[] })
      .sections;
    const line = (slug: string, ids: string[]): string => `${slug}: ${[...ids].sort().join(' ')}`;
    // Every topic section alike; "More papers" the letter keeps to its share, the rest on the web.
    const topical = (slug: string) => slug !== 'other';
    expect(groups.filter((g) => topical(g.slug)).length).toBeGreaterThan(3);
    // In the letter's order (by rank) or by size: the same sections of the same papers.
    const fromRun = sections
      .filter((s) => topical(s.slug))
      .map((s) =>
        line(
          s.slug,
          s.papers.map((p) => p.id),
        ),
      );
    const fromGroup = groups.filter((g) => topical(g.slug)).map((g) => line(g.slug, g.ids));
    expect(fromRun.sort()).toEqual(fromGroup.sort());
    const other = new Set(groups.find((g) => g.slug === 'other')?.ids ?? []);
    for (const p of sections.find((s) => s.slug === 'other')?.papers ?? [])
      expect(other.has(p.id)).toBe(true);
  }, 120_000);
});
