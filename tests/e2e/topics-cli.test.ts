import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopicRow } from '../../src/cli/commands/topics.js';
import { createStore } from '../../src/store/index.js';
import { cliWith } from '../helpers/cli-in-process.js';
import { loadHfLabeled } from '../unit/topics/hf-fixture.js';

let dir: string;
let configFile: string;
let dbFile: string;

/** Run the real CLI in-process with this file's config; capture what it prints. */
const cli = (...args: string[]) => cliWith(configFile, ...args);

/** One row of `topics list --json` (the stable contract). */
type Row = TopicRow;

async function list(): Promise<Map<string, Row>> {
  const run = await cli('topics', 'list', '--json');
  expect(run.code).toBe(0);
  return new Map((JSON.parse(run.stdout) as Row[]).map((r) => [r.slug, r]));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'paperpost-topics-cli-'));
  configFile = path.join(dir, 'paperpost.config.json');
  dbFile = path.join(dir, 'data', 'paperpost.db');
  writeFileSync(configFile, JSON.stringify({ dataDir: path.join(dir, 'data') }));
  process.env.LOG_LEVEL = 'silent';
  const store = await createStore({ driver: 'sqlite', path: dbFile });
  await store.catalogue.saveTopics([
    {
      slug: 'papers-papers',
      label: 'Papers papers',
      keywords: ['papers'],
      categories: [],
      userDefined: false,
    },
    { slug: 'gui-agents', label: 'GUI agents', keywords: ['gui agents'], categories: [], userDefined: false },
  ]);
  await store.catalogue.addTopicPapers(new Map([['gui-agents', 4]]));
  await store.subscribers.upsertSubscriber({
    email: 'all@example.org',
    status: 'confirmed',
    topics: [],
    frequency: 'daily',
  });
  await store.subscribers.upsertSubscriber({
    email: 'gui@example.org',
    status: 'confirmed',
    topics: ['gui-agents'],
    frequency: 'daily',
  });
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paperpost topics', () => {
  it('lists the curated catalogue and the proposals with origin, papers and subscribers', async () => {
    const rows = await list();
    expect(rows.size).toBeGreaterThanOrEqual(30);
    expect(rows.get('long-context')).toMatchObject({
      label: 'Long context',
      origin: 'curated',
      offered: true,
      subscribers: 1,
    });
    expect(rows.get('gui-agents')).toMatchObject({
      origin: 'discovered',
      offered: false,
      papers: 4,
      subscribers: 1,
    });
    expect(rows.get('papers-papers')).toMatchObject({ origin: 'discovered', offered: false });
    const text = await cli('topics', 'list');
    expect(text.stdout).toMatch(/^gui-agents\tGUI agents\tdiscovered\tproposal\t4 papers\t1 subscriber$/m);
  });

  it('lists each catalogue sub-area under its topic as a part of it, not as a hidden topic', async () => {
    const run = await cli('topics', 'list', '--json');
    const rows = JSON.parse(run.stdout) as Row[];
    const parts = rows.filter((r) => r.partOf !== null);
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) {
      expect(part).toMatchObject({ offered: false, hidden: false });
      expect(part.slug.startsWith(`${part.partOf}--`)).toBe(true);
      // every part comes after its parent, and only parts of that parent stand between them
      const at = rows.indexOf(part);
      const parentAt = rows.findIndex((r) => r.slug === part.partOf);
      expect(parentAt).toBeGreaterThanOrEqual(0);
      expect(parentAt).toBeLessThan(at);
      expect(rows.slice(parentAt + 1, at).every((r) => r.partOf === part.partOf)).toBe(true);
    }
    expect(rows.filter((r) => r.partOf === null).every((r) => !r.slug.includes('--'))).toBe(true);
    const text = (await cli('topics', 'list')).stdout;
    expect(text).toMatch(/^llm-agents\tLLM agents\tcurated\toffered\t/m);
    expect(text).toMatch(/^ {2}llm-agents--memory\t[^\t]+\tcurated\tpart of llm-agents\t/m);
    expect(text).not.toMatch(/^llm-agents--/m);
    expect(text).not.toMatch(/\thidden\t/);
  });

  it.each([
    ['approve', 'llm-agents--memory'],
    ['show', 'llm-agents--memory'],
    ['hide', 'llm-agents--memory'],
  ])('refuses to offer or hide a part alone: topics %s %s', async (command, slug) => {
    const run = await cli('topics', command, slug);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /"llm-agents--memory" is a part of "llm-agents": it is offered, hidden and chosen with it/,
    );
    expect((await list()).get(slug)).toMatchObject({ offered: false, partOf: 'llm-agents' });
  });

  it('says which config topic is offered in place of a curated topic of the same label', async () => {
    // As the shipped demo config does: its own "LLM agents" (slug agents) beside the catalogue's.
    const own = path.join(dir, 'own-topic');
    const ownConfig = path.join(own, 'paperpost.config.json');
    mkdirSync(own);
    writeFileSync(
      ownConfig,
      JSON.stringify({
        dataDir: path.join(own, 'data'),
        topics: [{ slug: 'agents', label: 'LLM agents', keywords: ['llm agents', 'agentic'] }],
      }),
    );
    const run = await cliWith(ownConfig, 'topics', 'list', '--json');
    expect(run.code).toBe(0);
    const rows = new Map((JSON.parse(run.stdout) as Row[]).map((r) => [r.slug, r]));
    expect(rows.get('agents')).toMatchObject({ origin: 'config', offered: true, replacedBy: null });
    // The public pages offer "agents" only: one "LLM agents" to choose.
    expect(rows.get('llm-agents')).toMatchObject({ origin: 'curated', offered: false, replacedBy: 'agents' });
    expect(rows.get('long-context')).toMatchObject({ offered: true, replacedBy: null });
    expect(rows.get('llm-agents--memory')).toMatchObject({ partOf: 'llm-agents', replacedBy: null });
    const text = (await cliWith(ownConfig, 'topics', 'list')).stdout;
    expect(text).toMatch(/^llm-agents\tLLM agents\tcurated\treplaced by agents\t0 papers\t0 subscribers$/m);
    expect(text).toMatch(/^agents\tLLM agents\tconfig\toffered\t/m);
  });

  it('approves, renames, merges and hides, keeping every subscription', async () => {
    expect((await cli('topics', 'approve', 'gui-agents')).stdout).toContain('approved gui-agents');
    expect((await list()).get('gui-agents')).toMatchObject({
      origin: 'approved',
      offered: true,
      subscribers: 2,
    });
    await cli('topics', 'rename', 'gui-agents', 'Computer-use agents');
    expect((await list()).get('gui-agents')).toMatchObject({ label: 'Computer-use agents', subscribers: 2 });
    const merged = await cli('topics', 'merge', 'gui-agents', 'llm-agents');
    expect(merged.stdout).toContain('merged gui-agents into llm-agents; 1 subscriber choice(s) moved');
    const after = await list();
    expect(after.get('gui-agents')).toMatchObject({ offered: false, mergedInto: 'llm-agents', papers: 0 });
    expect(after.get('llm-agents')).toMatchObject({ papers: 4, subscribers: 2 });
    await cli('topics', 'hide', 'papers-papers');
    expect((await list()).get('papers-papers')).toMatchObject({ offered: false });
    const store = await createStore({ driver: 'sqlite', path: dbFile });
    try {
      expect((await store.subscribers.getSubscriberByEmail('gui@example.org'))?.topics).toEqual([
        'llm-agents',
      ]);
    } finally {
      await store.close();
    }
  });

  it('keeps a curated topic merged into another through later starts, and refuses to offer it again', async () => {
    // Every command (and every run) seeds the shipped catalogue: it must not bring the topic back.
    expect((await cli('topics', 'merge', 'hallucination', 'llm-evaluation')).code).toBe(0);
    await cli('topics', 'list');
    const rows = await list();
    expect(rows.get('hallucination')).toMatchObject({
      origin: 'curated',
      offered: false,
      mergedInto: 'llm-evaluation',
    });
    expect(rows.get('llm-evaluation')).toMatchObject({ offered: true, mergedInto: null });
    expect((await cli('topics', 'list')).stdout).toMatch(
      /^hallucination\t[^\t]+\tcurated\tmerged into llm-evaluation\t0 papers\t0 subscribers$/m,
    );
    for (const command of ['approve', 'show']) {
      const run = await cli('topics', command, 'hallucination');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/"hallucination" was merged into "llm-evaluation"/);
    }
    // Its phrases count for the topic it went into.
    const store = await createStore({ driver: 'sqlite', path: dbFile });
    try {
      const into = (await store.catalogue.listTopics()).find((t) => t.slug === 'llm-evaluation');
      expect(into?.keywords).toContain('hallucination');
    } finally {
      await store.close();
    }
  });

  it.each([
    [['topics', 'approve', 'nope'], /topic "nope": no such topic/],
    [['topics', 'merge', 'llm-agents', 'llm-agents'], /cannot merge into itself/],
    // Hidden by the test above: it claims no paper, so its subscribers would get nothing.
    [
      ['topics', 'merge', 'long-context', 'papers-papers'],
      /"papers-papers" is hidden: `paperpost topics show/,
    ],
    [['topics', 'rename', 'long-context', '  '], /expected 1-80 characters/],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});

describe('paperpost topics hide --curated (a letter of another field than machine learning)', () => {
  it('hides every curated topic at once and shows them again; a bad slug changes nothing', async () => {
    const curated = [...(await list()).values()].filter(
      (r) => r.origin === 'curated' && r.partOf === null && r.mergedInto === null,
    );
    expect(curated.length).toBeGreaterThanOrEqual(30);
    const hide = await cli('topics', 'hide', '--curated');
    expect(hide.code).toBe(0);
    expect(hide.stdout.trim().split('\n')).toHaveLength(curated.length);
    const hidden = await list();
    for (const r of curated) expect(`${r.slug}: ${hidden.get(r.slug)?.offered}`).toBe(`${r.slug}: false`);
    // Several at once, all or nothing: one unknown slug and no topic changes.
    const bad = await cli('topics', 'show', 'llm-agents', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/topic "nope": no such topic/);
    expect((await list()).get('llm-agents')?.offered).toBe(false);
    const none = await cli('topics', 'hide');
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('paperpost: [cli] topics hide: name a topic, or --curated\n');
    expect((await cli('topics', 'show', '--curated')).code).toBe(0);
    const shown = await list();
    for (const r of curated) expect(`${r.slug}: ${shown.get(r.slug)?.offered}`).toBe(`${r.slug}: true`);
  });
});

describe('paperpost group --json (stable contract)', () => {
  it('puts every id in one section, chooses the number of sections, and says the same twice', async () => {
    const papers = loadHfLabeled()
      .slice(0, 70)
      .map((p) => ({ id: p.id, title: p.title, abstract: p.summary, keywords: p.keywords }));
    const file = path.join(dir, 'papers.json');
    writeFileSync(file, JSON.stringify(papers));
    const first = await cli('group', '--in', file, '--json');
    expect(first.code).toBe(0);
    const { topics } = JSON.parse(first.stdout) as {
      topics: { label: string; slug: string; ids: string[] }[];
    };
    expect(topics.flatMap((t) => t.ids).sort()).toEqual(papers.map((p) => p.id).sort());
    expect(topics.length).toBeGreaterThanOrEqual(7);
    expect(topics.length).toBeLessThanOrEqual(12);
    expect(topics.filter((t) => t.ids.length === 1 && t.slug !== 'other')).toEqual([]);
    expect(topics.every((t) => typeof t.label === 'string' && t.label !== '')).toBe(true);
    expect((await cli('group', '--in', file, '--json')).stdout).toBe(first.stdout);
  });

  it('reads a letter of one field outside machine learning in the sections of its arXiv classes', async () => {
    // Issue #12, sections sized for reading: 60 math papers of one day's arXiv feed read
    // "Mathematics" of all 60 before; as arXiv lists them, by class, now.
    const { papers, topics } = await groupFixture('one-field-math.jsonl');
    expect(topics.flatMap((t) => t.ids).sort()).toEqual(papers.map((p) => p.id).sort());
    expect(topics.map((t) => t.label)).toEqual(
      expect.arrayContaining([
        'Combinatorics',
        'Numerical analysis',
        'Analysis of PDEs',
        'Other mathematics',
      ]),
    );
    expect(Math.max(...topics.map((t) => t.ids.length))).toBeLessThanOrEqual(15);
    const primary = new Map(papers.map((p) => [p.id, p.categories[0]]));
    for (const id of topics.find((t) => t.label === 'Combinatorics')?.ids ?? [])
      expect(primary.get(id)).toBe('math.CO');
  });

  it("reads a physicist's letter: no paper that learns nothing under AI for science, physics by its classes", async () => {
    // The shipped catalogue's "applied" topics as the CLI reads them (data/catalogue.json): a
    // chemistry paper of the physics feed is no "AI for science" paper; "Other physics" splits.
    const { papers, topics } = await groupFixture('one-field-physics.jsonl');
    expect(topics.flatMap((t) => t.ids).sort()).toEqual(papers.map((p) => p.id).sort());
    const chirality = papers.find((p) => p.title.startsWith('Molecular chirality quantification'))?.id;
    expect(chirality).toBeDefined();
    expect(topics.find((t) => t.slug === 'ai-for-science')?.ids ?? []).not.toContain(chirality);
    expect(topics.map((t) => t.label)).toEqual(expect.arrayContaining(['Optics', 'Fluid dynamics']));
  });
});

/** An arXiv fixture of tests/fixtures/topics as `paperpost group --in FILE --json` reads and groups it. */
async function groupFixture(name: string): Promise<{
  papers: { id: string; title: string; categories: string[] }[];
  topics: { label: string; slug: string; ids: string[] }[];
}> {
  const papers = readFileSync(new URL(`../fixtures/topics/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; title: string; categories: string[] });
  const file = path.join(dir, name.replace(/\.jsonl$/, '.json'));
  writeFileSync(file, JSON.stringify(papers));
  const run = await cli('group', '--in', file, '--json');
  expect(run.code).toBe(0);
  const { topics } = JSON.parse(run.stdout) as { topics: { label: string; slug: string; ids: string[] }[] };
  return { papers, topics };
}
