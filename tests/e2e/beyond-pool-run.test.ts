import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../src/domain/index.js';
import { parseApplied, parseCatalogue, titleClaims } from '../../src/topics/index.js';
import { type RssRow, runArxivListing } from '../helpers/arxiv-rss.js';
import { ROOT } from '../helpers/cli.js';
import { outboxText } from '../helpers/run-edition.js';

/**
 * A busy day: 160 arXiv cs papers (the hand-judged sets, tests/fixtures/topics/placement-arxiv-
 * cs*.jsonl, written back as one day's RSS) for a letter of 40. A run groups its best 100 (the
 * grouping pool; a listing's papers score alike, so the first 100 by id); each of the other 60
 * whose title names a topic joins it, where that topic's readers find it (issue #12: topics
 * people subscribe to, papers classified into them). The letter itself is the pool's.
 */
const read = (name: string): RssRow[] =>
  readFileSync(new URL(`../fixtures/topics/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RssRow);
const rows = [...read('placement-arxiv-cs.jsonl'), ...read('placement-arxiv-cs-heldout.jsonl')];

const catalogueText = readFileSync(path.join(ROOT, 'data', 'catalogue.json'), 'utf8');
const catalogue = parseCatalogue(catalogueText, 'data/catalogue.json');
// The 60 below the pool, and the topic each one's title names, as the run reads them.
const beyond = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(100);
const claims = titleClaims(beyond, catalogue, {
  applied: parseApplied(catalogueText, 'data/catalogue.json', catalogue),
});
const named = beyond.flatMap((p, i) => (claims[i] ? [{ ...p, slug: claims[i] as string }] : []));
// The topic most of them name: its reader's letter is checked.
const counts = new Map<string, number>();
for (const p of named) counts.set(p.slug, (counts.get(p.slug) ?? 0) + 1);
const [followed] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [''];

describe('paperpost run: papers below the grouping pool join the topic their titles name', () => {
  let edition: Edition;
  let dir: string;

  beforeAll(async () => {
    ({ dir, edition } = await runArxivListing(rows, {
      title: 'Computing',
      channel: 'cs',
      readers: [{ email: 'all@paperpost.example' }, { email: 'topic@paperpost.example', topics: [followed] }],
      extra: { limits: { maxPapersPerEdition: 40 } },
    }));
  }, 120_000);

  it('reads a title claim for some of the papers below the pool', () => {
    expect(named.length).toBeGreaterThan(10);
    expect(counts.get(followed)).toBeGreaterThanOrEqual(2);
  });

  it('keeps them out of the letter, which is made of the pool', () => {
    const inLetter = new Set(edition.sections.flatMap((s) => s.papers.map((p) => p.id.replace(/v\d+$/, ''))));
    expect(beyond.filter((p) => inLetter.has(p.id)).map((p) => p.id)).toEqual([]);
  });

  it('puts each where a reader of its topic finds it (its section, a part of it, a card saying it), a section of each topic at most', () => {
    // The stored edition keeps a reader's section of them per topic (the cap per section, 8 by
    // default), the best; the web edition lists them all.
    const cap = edition.caps?.perSection ?? 8;
    const sections = edition.topicSections ?? [];
    const bare = (id: string): string => id.replace(/v\d+$/, '');
    const placed = (id: string, slug: string): boolean =>
      sections.some((s) =>
        s.papers.some(
          (p) =>
            bare(p.id) === id &&
            p.belowPool === true &&
            (s.topic.slug === slug || s.topic.parent === slug || s.topic.paperTopics?.[p.id] === slug),
        ),
      );
    const marked = sections.flatMap((s) =>
      s.papers.filter((p) => p.belowPool === true).map((p) => bare(p.id)),
    );
    const below = new Set(named.map((p) => p.id));
    // No paper of the pool is marked, none twice.
    expect(marked.filter((id) => !below.has(id))).toEqual([]);
    expect(new Set(marked).size).toBe(marked.length);
    for (const [slug, count] of counts) {
      const mine = named.filter((p) => p.slug === slug);
      expect(`${slug}: ${mine.filter((p) => placed(p.id, slug)).length}`).toBe(
        `${slug}: ${Math.min(count, cap)}`,
      );
    }
    // The web edition lists every one of them.
    const onWeb = new Set((edition.webOnly ?? []).flatMap((g) => g.ids.map(bare)));
    expect(named.filter((p) => !onWeb.has(p.id)).map((p) => p.id)).toEqual([]);
  });

  it('gives the reader of the topic most of them name those papers in their letter', async () => {
    const text = (await outboxText(dir, edition.id, 'topic@paperpost.example')) ?? '';
    const flat = text.replace(/\s+/g, ' ');
    const mine = named.filter((p) => p.slug === followed);
    expect(mine.filter((p) => flat.includes(p.title.replace(/\s+/g, ' '))).length).toBeGreaterThan(0);
  });
});
