/**
 * One article, one paper: journals' feeds put tracking parameters on every link (ScienceDirect's
 * `?dgcid=rss_sd_all`, PubMed's `ff=<when the feed was made>`, new on every fetch) and PubMed
 * names an article's DOI in a second `<dc:identifier>`. A lab following a PubMed search beside a
 * journal's own feed reads each article once, PubMed's articles are the same papers tomorrow, and
 * an upgrade that reads ids this way sends nobody a paper the store already holds under the id an
 * earlier release gave it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/ingest/index.js';
import { normalizeEntry } from '../../src/normalize/index.js';
import { createStore } from '../../src/store/index.js';
import { readerConfig, runCli, tempProject } from '../helpers/cli.js';
import { JOURNALS } from '../helpers/journals.js';
import { outboxText } from '../helpers/run-edition.js';

const READER = 'lab@paperpost.example';
/** The feeds of 14 Dec 2021 (tests/fixtures/journals/same-article): IJSEM's own and a PubMed search. */
const SAME_DAY = path.join(JOURNALS, 'same-article');
/**
 * The articles of the PubMed search that IJSEM's feed (a DOI path) or ZooKeys' (the "DOI:" line of
 * its citation) lists too, with that feed's source id.
 */
const IN_BOTH: [string, string][] = [
  ['doi:10.1099/ijsem.0.005145', 'microbiology-ijsem'],
  ['doi:10.1099/ijsem.0.005151', 'microbiology-ijsem'],
  ...['67935', '71307', '72978', '73345', '75320'].map((n): [string, string] => [
    `doi:10.3897/zookeys.1072.${n}`,
    'pensoft-zookeys',
  ]),
];

function journalProject(files: string[]): string {
  const sources = files.map((f) => ({
    id: path.basename(f).replace(/\.xml$/, ''),
    kind: 'rss',
    location: path.isAbsolute(f) ? f : path.join(JOURNALS, f),
  }));
  return tempProject(readerConfig('Journal watch', 'journals', sources, [{ email: READER }]));
}

async function run(dir: string): Promise<{
  status: string;
  papers: { entries: number; merged: number; new: number };
  skipReason?: string;
}> {
  const out = await runCli(['run', '--json'], { cwd: dir });
  expect(out.stderr).not.toMatch(/"level":50|at .*\.js:\d+/);
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout);
}

describe('journal papers keep one id', () => {
  it("an article in a PubMed search and in its journal's feed is one paper of both sources", async () => {
    const files = ['pubmed-search.xml', 'microbiology-ijsem.xml', 'pensoft-zookeys.xml'];
    const dir = journalProject(files.map((f) => path.join(SAME_DAY, f)));
    const summary = await run(dir);
    expect(summary.papers.merged).toBe(summary.papers.entries - IN_BOTH.length);
    const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
    try {
      const ids = IN_BOTH.map(([id]) => id);
      const papers = await store.papers.getPapers(ids);
      expect(papers.map((p) => p.id)).toEqual(ids);
      for (const [id, journal] of IN_BOTH) {
        const paper = papers.find((p) => p.id === id);
        expect([...(paper?.sources ?? [])].sort(), id).toEqual([journal, 'pubmed-search'].sort());
        // The link a feed gives is what the card opens, without the feed's tracking parameters.
        expect(paper?.url, id).toMatch(
          /^https:\/\/(www\.microbiologyresearch\.org|zookeys\.pensoft\.net|pubmed\.ncbi\.nlm\.nih\.gov)\/[^?]*$/,
        );
      }
    } finally {
      await store.close();
    }
  }, 60_000);

  it('its cards name the feeds that list it, by the names the config gives them', async () => {
    const names: Record<string, string> = {
      'pubmed-search': 'PubMed search',
      'microbiology-ijsem': 'IJSEM',
      'pensoft-zookeys': 'ZooKeys',
    };
    const sources = Object.entries(names).map(([id, name]) => ({
      id,
      name,
      kind: 'rss',
      location: path.join(SAME_DAY, `${id}.xml`),
    }));
    const dir = tempProject(readerConfig('Journal watch', 'journals', sources, [{ email: READER }]));
    const summary = await run(dir);
    const text =
      (await outboxText(dir, (summary as unknown as { edition: { id: string } }).edition.id, READER)) ?? '';
    // An article of the search and of its journal's feed, and one of a single feed.
    expect(text).toMatch(/in (PubMed search and (IJSEM|ZooKeys)|(IJSEM|ZooKeys) and PubMed search)/);
    expect(text).toMatch(/in (ZooKeys|IJSEM|PubMed search)\n/);
    expect(text).not.toMatch(/in \d+ sources/);
  }, 60_000);

  it('after an upgrade, papers stored under the ids an earlier release gave them are not new again', async () => {
    const dir = journalProject(['sciencedirect-mpe.xml', 'pubmed-search.xml', 'pensoft-phytokeys.xml']);
    const first = await run(dir);
    expect(first.status).toBe('ok');
    // The store as the release before wrote it: a paper's id was its link with every parameter
    // but utm_* (ScienceDirect's dgcid, PubMed's fc/ff/v), no trailing slash (Pensoft's); no DOI
    // was read from a PubMed item's second dc:identifier nor from a citation's "DOI:" line.
    const formerOf = (link: string): string => {
      const u = new URL(link);
      for (const key of [...u.searchParams.keys()]) if (key.startsWith('utm_')) u.searchParams.delete(key);
      return `https://${u.hostname}${u.pathname.replace(/\/+$/, '')}${u.search}`;
    };
    const renames: [string, string][] = [];
    for (const f of ['sciencedirect-mpe.xml', 'pubmed-search.xml', 'pensoft-phytokeys.xml']) {
      const { entries } = await parseFeed(readFileSync(path.join(JOURNALS, f), 'utf8'), { sourceId: f });
      for (const e of entries) {
        const id = normalizeEntry(e)?.id;
        if (id !== undefined && e.url && formerOf(e.url) !== id) renames.push([id, formerOf(e.url)]);
      }
    }
    expect(renames.length).toBeGreaterThan(150);
    const file = path.join(dir, 'data', 'paperpost.db');
    const db = new Database(file);
    try {
      for (const table of ['papers:id', 'edition_papers:paper_id', 'paper_snapshots:paper_id']) {
        const [name, column] = table.split(':') as [string, string];
        const update = db.prepare(`UPDATE ${name} SET ${column} = ? WHERE ${column} = ?`);
        for (const [id, former] of renames) update.run(former, id);
      }
      const stored = db.prepare('SELECT count(*) AS n FROM papers WHERE id = ?');
      for (const [, former] of renames) expect((stored.get(former) as { n: number }).n, former).toBe(1);
    } finally {
      db.close();
    }
    const again = await run(dir);
    expect(again.papers.new).toBe(0);
    expect(again.status).toBe('skipped');
    expect(again.skipReason).toMatch(/0 new paper/);
    const store = await createStore({ driver: 'sqlite', path: file });
    try {
      // No second row of any article: the papers kept the ids the store had.
      const all = await store.papers.listUnpublishedPapers('daily');
      expect(all).toEqual([]);
    } finally {
      await store.close();
    }
  }, 90_000);
});
