import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../src/domain/index.js';
import { createStore } from '../../src/store/index.js';
import { JOIN_EVIDENCE, titleMethodAt, titlePosition, topicEvidence } from '../../src/topics/evidence.js';
import { BIN, runCli, sampleSources, tempProject } from '../helpers/cli.js';
import { loadCatalogueFile } from '../helpers/placement.js';

const config = {
  title: 'Paperpost Test Letter',
  sources: sampleSources(),
  sender: { fromAddress: 'digest@paperpost.example', listId: 'test.paperpost.example' },
  seedSubscribers: [
    { email: 'demo@paperpost.example', name: 'Demo Reader', frequency: 'daily' },
    { email: 'weekly@paperpost.example', frequency: 'weekly' },
  ],
  dataDir: 'data',
};

describe('paperpost run on the embedded default (SQLite + file outbox)', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    dir = tempProject(config);
    first = await runCli(['run', '--json'], { cwd: dir });
  }, 120_000);

  it('exits 0 and reports every source, merged papers and one delivery', () => {
    expect(first.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.status).toBe('ok');
    expect(summary.sources.ok).toBe(4);
    expect(summary.sources.failed).toBe(0);
    // the demo feed repeats 16 papers of the other three samples: they merge
    expect(summary.papers.merged).toBeLessThan(summary.papers.entries);
    expect(summary.papers.entries - summary.papers.merged).toBeGreaterThanOrEqual(16);
    expect(summary.edition.sections).toBeGreaterThan(1);
    expect(summary.ledger.created).toBe(1); // only the daily subscriber
    expect(summary.delivery.sent).toBe(1);
    expect(summary.outbox.preview).toMatch(/preview\.html$/);
  });

  it('writes one .eml per subscriber and a preview.html into data/outbox/<edition>/', async () => {
    const summary = JSON.parse(first.stdout);
    const editionDir = path.join(dir, 'data', 'outbox', summary.edition.id);
    const files = readdirSync(editionDir);
    const emls = files.filter((f) => f.endsWith('.eml'));
    expect(emls).toHaveLength(1);
    expect(files).toContain('preview.html');
    const mail = await simpleParser(readFileSync(path.join(editionDir, emls[0] ?? '')));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('demo@paperpost.example');
    expect(mail.subject).toContain('Paperpost Test Letter');
    expect(mail.html).toBeTruthy();
    expect(mail.text?.length ?? 0).toBeGreaterThan(200);
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line ?? '';
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toMatch(/^List-Unsubscribe: <https?:\/\/[^>]+>, <mailto:[^>]+>$/);
    expect(header('list-id')).toContain('<test.paperpost.example>');
    expect(mail.messageId).toMatch(/@paperpost\.example>?$/);
    // no placeholder left behind
    expect(String(mail.html)).not.toMatch(/%%[A-Z_]+/);
    expect(mail.text ?? '').not.toMatch(/%%[A-Z_]+/);
    const preview = readFileSync(path.join(editionDir, 'preview.html'), 'utf8');
    expect(preview).toContain('<html');
    expect(preview).not.toMatch(/%%[A-Z_]+/);
    // The preview reads as the seeded reader's letter: greeting and footer name the same person.
    expect(preview).toContain('Hi Demo Reader,');
    expect(preview).toMatch(/because demo@paperpost\.example subscribed/);
    expect(preview).not.toContain('reader@example.org');
  });

  // The demo letter's tagged cards are those of its broad-area section ("Evaluation, safety and
  // interpretability"), of "More papers" and of arXiv class sections, as the grouping falls.
  it('says on the card of a paper in a section of several topics the topic it names (an area, More papers)', async () => {
    const summary = JSON.parse(first.stdout);
    const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
    const edition = (await store.editions.getEdition(summary.edition.id)) as Edition;
    await store.close();
    const tagged = edition.sections.flatMap((s) =>
      s.papers.flatMap((p) => {
        const slug = s.topic.paperTopics?.[p.id];
        return slug === undefined ? [] : [{ title: p.title, label: s.topic.topicLabels?.[slug] as string }];
      }),
    );
    expect(tagged.length).toBeGreaterThan(0);
    const editionDir = path.join(dir, 'data', 'outbox', summary.edition.id);
    const eml = readdirSync(editionDir).find((f) => f.endsWith('.eml')) as string;
    const text = ((await simpleParser(readFileSync(path.join(editionDir, eml)))).text ?? '').replace(
      /\s+/g,
      ' ',
    );
    for (const { title, label } of tagged) {
      // The whole title: its last words can open the card's summary too ("We introduce
      // Template-based Data Generation (TDG)...").
      const at = text.lastIndexOf(title.replace(/\s+/g, ' '));
      expect(at, title).toBeGreaterThan(0);
      // The card's line after its title and authors: "<topic> · in arXiv cs.CL".
      expect(text.slice(at, at + 400), title).toContain(`${label} · `);
    }
  });

  // Issue #12: "High-Fidelity Two-Step Image Generation via Teacher-Aligned End-to-End
  // Distillation" read under "LLM reasoning and post-training" (its "distillation" is a
  // fine-tuning topic, whose section merged into that area) beside "Image generation and editing".
  it("reads a paper under the section of the subject its title names, not under an area's heading for its method", async () => {
    const summary = JSON.parse(first.stdout);
    const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
    const edition = (await store.editions.getEdition(summary.edition.id)) as Edition;
    await store.close();
    const sectionOf = (title: string): string | undefined =>
      edition.sections.find((s) => s.papers.some((p) => p.title.startsWith(title)))?.topic.label;
    expect(sectionOf('High-Fidelity Two-Step Image Generation')).toBe('Image generation and editing');
    const catalogue = loadCatalogueFile();
    const own = new Map(
      edition.sections.map((s) => [s.topic.slug, catalogue.find((t) => t.slug === s.topic.slug)]),
    );
    const areas = edition.sections.filter(
      (s) => s.topic.paperTopics !== undefined && s.topic.slug !== 'other',
    );
    expect(areas.length).toBeGreaterThan(0);
    for (const area of areas)
      for (const p of area.papers) {
        const text = {
          title: p.title,
          summary: p.summary ?? '',
          keywords: [],
          categories: p.categories ?? [],
        };
        const method = titleMethodAt(text);
        if (method < 0) continue;
        for (const [slug, topic] of own) {
          if (topic === undefined || slug === area.topic.slug) continue;
          const at = titlePosition(topic, text);
          expect(
            at >= 0 && at < method && topicEvidence(topic, text) >= JOIN_EVIDENCE,
            `${p.title} -> ${slug}`,
          ).toBe(false);
        }
      }
  });

  it('keeps the database and a secret in data/', () => {
    expect(existsSync(path.join(dir, 'data', 'paperpost.db'))).toBe(true);
    expect(existsSync(path.join(dir, 'data', 'secret.key'))).toBe(true);
  });

  it('a second run the same day publishes nothing twice: no new papers, edition skipped', async () => {
    const again = await runCli(['run', '--json'], { cwd: dir });
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary.status).toBe('skipped');
    expect(summary.edition).toBeNull();
    expect(summary.skipReason).toMatch(/0 new paper/);
  }, 60_000);

  it('prints a short human summary with the path to open', async () => {
    const other = tempProject(config);
    const human = await runCli(['run'], { cwd: other });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/sources: 4 ok, 0 failed/);
    expect(human.stdout).toMatch(/^ledger: 1 delivery, 1 variant$/m);
    expect(human.stdout).toMatch(/Next: open file:\/\/\S*preview\.html in a browser/);
    // What the folder holds: a reader whose topics the edition had nothing of has no .eml there.
    expect(human.stdout).toMatch(
      /The letter is in \S+\/ \(preview\.html, and one \.eml per reader it went to\)\./,
    );
  }, 60_000);

  it('says when no subscriber takes the letter of a frequency, and that no .eml was written', async () => {
    // Readers of the daily letter only (as the demo's): a weekly run renders the preview for no one.
    const other = tempProject({ ...config, seedSubscribers: config.seedSubscribers.slice(0, 1) });
    const human = await runCli(['run', '--frequency', 'weekly'], { cwd: other });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^ledger: 0 deliveries, 1 variant; no subscriber takes the weekly letter$/m);
    expect(human.stdout).toMatch(
      /The letter is in \S+\/ \(preview\.html; it went to no reader, so no \.eml\)\./,
    );
    const outbox = path.join(other, 'data', 'outbox');
    const [edition] = readdirSync(outbox).filter((d) => d.endsWith('-weekly'));
    expect(edition).toBeDefined();
    const files = readdirSync(path.join(outbox, edition as string));
    expect(files).toContain('preview.html');
    expect(files.filter((f) => f.endsWith('.eml'))).toEqual([]);
  }, 60_000);

  // Regression (issue 14): on a terminal `npm start` printed ~24 lines of log records before the
  // summary and the List-Unsubscribe warning twice.
  it.skipIf(!existsSync('/usr/bin/script'))(
    'on a terminal prints the summary with each warning once and no log records',
    async () => {
      const other = tempProject(config);
      const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} run`;
      const tty = await new Promise<string>((resolve, reject) => {
        const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], {
          cwd: other,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'dumb' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.on('error', reject);
        child.on('close', () => resolve(out));
      });
      expect(tty).toMatch(/sources: 4 ok, 0 failed/);
      expect(tty.match(/List-Unsubscribe and \d+ links point to the local address/g)).toHaveLength(1);
      expect(tty).not.toMatch(/INFO|source read/);
      expect(tty).toMatch(/LOG_LEVEL=info shows every step/);
    },
    60_000,
  );
});

describe('paperpost run with bad sources', () => {
  it('skips a broken feed, reports it with its reason and still publishes', async () => {
    const dir = tempProject({
      ...config,
      sources: [...sampleSources(), { id: 'broken', kind: 'auto', location: 'does-not-exist.xml' }],
    });
    const result = await runCli(['run', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    const broken = summary.sources.reports.find((r: { id: string }) => r.id === 'broken');
    expect(broken.status).toBe('failed');
    expect(broken.error).toMatch(/broken|does-not-exist/);
    expect(summary.sources.ok).toBe(4);
    expect(summary.edition).not.toBeNull();
  }, 60_000);

  it('exits non-zero with one clear line when no source can be read', async () => {
    const dir = tempProject({
      ...config,
      sources: [{ id: 'only', kind: 'auto', location: 'missing.xml' }],
    });
    const result = await runCli(['run'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/no source could be read/);
  }, 60_000);

  it('fails at start with the key path for a bad config value', async () => {
    const dir = tempProject({ ...config, limits: { maxPapersPerEdition: -3 } });
    const result = await runCli(['run'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/limits\.maxPapersPerEdition/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('paperpost run at debug level', () => {
  it('logs the time of each stage and of the grouping apart, with the papers it grouped', async () => {
    const dir = tempProject(config);
    const r = await runCli(['run', '--json'], { cwd: dir, env: { LOG_LEVEL: 'debug' } });
    expect(r.code).toBe(0);
    const line = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'run timings');
    expect(line).toBeDefined();
    const ms = line?.ms as Record<string, number>;
    expect(Object.keys(ms)).toEqual(['ingest', 'store', 'build', 'render', 'send']);
    const grouping = line?.grouping as { papers: number; ms: number; collectorMs: number };
    // Every candidate of the demo day is grouped (107 papers: at most 1.5 times the pool of 100).
    expect(grouping.papers).toBe(JSON.parse(r.stdout).papers.candidates);
    expect(grouping.ms).toBeGreaterThan(0);
    expect(grouping.ms).toBeLessThanOrEqual(ms.build ?? 0);
    // The collector's pauses inside it, part of its time; never the clock it started at.
    expect(Object.keys(grouping).sort()).toEqual(['collectorMs', 'ms', 'papers']);
    expect(grouping.collectorMs).toBeGreaterThanOrEqual(0);
    expect(grouping.collectorMs).toBeLessThanOrEqual(grouping.ms);
  }, 120_000);
});
