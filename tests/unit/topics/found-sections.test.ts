import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import type { Draft } from '../../../src/topics/drafts.js';
import { labelPhrases } from '../../../src/topics/drafts.js';
import { FOUND_MIN_PAPERS, formFoundSections } from '../../../src/topics/form-sections.js';
import { groupPapers, isHeadWord, OTHER_TOPIC, type PaperText } from '../../../src/topics/index.js';
import {
  groupAsRun,
  loadCatalogueFile,
  loadPlacementArxivCs,
  readArxivFixture,
} from '../../helpers/placement.js';
import { seededRandom, shuffle } from '../../helpers/seeded-random.js';

/**
 * Issue #12: papers left in "More papers" that name the same subject in their titles form a
 * section under its name, when the letter has room: a feed on testing reads as "Metamorphic
 * testing", "Hypothesis testing", "Group testing", not as half its papers in "More papers".
 */

function paper(id: string, title: string, summary = ''): PaperText {
  return { id, title, summary, keywords: [], categories: [] };
}

const batch = [
  paper('m1', 'Metamorphic testing of image classifiers'),
  paper('m2', 'Metamorphic testing for protein tools'),
  paper('m3', 'Scaling metamorphic testing to ocean models'),
  paper('h1', 'Hypothesis testing under privacy'),
  paper('h2', 'Hypothesis testing for adversarial channels'),
  paper('g1', 'Group testing with dilution'),
  paper('g2', 'Two-stage group testing algorithms'),
  paper('g3', 'Group testing for genetic screening'),
  paper('x1', 'Planarity of embedded graphs'),
  // Says it only in the abstract: no title names the subject.
  paper('x2', 'Quality of ocean models', 'We apply metamorphic testing to ocean models.'),
];

const stats = labelPhrases(batch);
const labels = (drafts: Draft[]): string[] => drafts.map((d) => d.topic.label);

describe('formFoundSections', () => {
  it.each<[string, number[], number, string[], number[]]>([
    [
      'two subjects three titles name each: both formed, most papers first',
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      3,
      ['Group testing', 'Metamorphic testing'],
      [3, 4, 8, 9],
    ],
    ['within the room', [0, 1, 2, 5, 6, 7, 8], 1, ['Group testing'], [0, 1, 2, 8]],
    ['two titles are too few', [3, 4, 8], 2, [], [3, 4, 8]],
    ['only the papers still left count', [0, 1, 5, 6, 7, 8], 2, ['Group testing'], [0, 1, 8]],
    ['no room, no section', [0, 1, 2, 5, 6, 7], 0, [], [0, 1, 2, 5, 6, 7]],
  ])('%s', (_name, other, room, formed, left) => {
    const drafts: Draft[] = [];
    const topics: Topic[] = [];
    const kept = formFoundSections(other, drafts, topics, [], stats, room);
    expect(labels(drafts).sort()).toEqual(formed);
    expect(kept).toEqual(left);
    for (const d of drafts) {
      expect(d.members.length).toBeGreaterThanOrEqual(FOUND_MIN_PAPERS);
      expect(d.topic.origin).toBe('discovered');
    }
    // Each proposes a topic, as a section found by clustering does.
    expect(topics.map((t) => t.label).sort()).toEqual(formed);
  });

  it('skips a phrase that clashes with a label already in the letter', () => {
    const drafts: Draft[] = [
      {
        members: [3, 4],
        topic: { slug: 'x', label: 'Group testing', keywords: [], categories: [], userDefined: false },
        words: ['group test'],
        source: -1,
        settled: true,
      },
    ];
    expect(formFoundSections([0, 1, 2, 5, 6, 7], drafts, [], [], stats, 2)).toEqual([5, 6, 7]);
    expect(labels(drafts)).toEqual(['Group testing', 'Metamorphic testing']);
  });

  it.each([
    ['testing', true],
    ['fuzzing', true],
    ['scheduling', true],
    ['imaging', true],
    ['improving', false],
    ['using', false],
    // "Self-dual" headed a code-theory paper and a category-theory one of an all-archives letter.
    ['Self-dual', false],
    ['primal-dual', false],
    // "Non-linear" headed two physics papers of an arXiv harvest ("Non-linear response of
    // molecular junctions"): a modifier, as "Molecular" or "Solar" alone would be.
    ['Non-linear', false],
    ['nonlinear', false],
    ['molecular', false],
    ['solar', false],
    ['radar', true],
    ['grammar', true],
  ])('"%s" may end a heading: %s', (word, head) => {
    expect(isHeadWord(word)).toBe(head);
  });
});

describe('a focused feed outside machine learning (100 arXiv papers on testing)', () => {
  const rows = readFileSync(new URL('../../fixtures/topics/focused-testing.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; title: string; abstract: string; categories: string[] });
  const papers = rows.map((r) => ({ ...paper(r.id, r.title, r.abstract), categories: r.categories }));
  const { groups } = groupPapers(papers, loadCatalogueFile());
  const label = (g: (typeof groups)[number]) => g.topic.label;

  it('names sections by the kinds of testing its titles name', () => {
    const found = groups.map(label);
    for (const heading of ['Metamorphic testing', 'Hypothesis testing', 'Group testing', 'Flaky tests'])
      expect(found).toContain(heading);
  });

  it('heads its software-testing papers "Software testing", a part of "Code generation" whose readers get it', () => {
    const testing = groups.find((g) => label(g) === 'Software testing');
    expect(testing?.topic.parent).toBe('coding-agents');
    expect(testing?.paperIds.length).toBeGreaterThanOrEqual(20);
    expect(groups.map(label)).not.toContain('Code generation');
    const titled = rows.filter((r) => /\b(?:unit tests?|test generation|software testing)\b/i.test(r.title));
    expect(titled.filter((r) => testing?.paperIds.includes(r.id)).length).toBeGreaterThanOrEqual(
      titled.length * 0.8,
    );
  });

  it('as a run groups it, reads its cs.SE papers of no topic under "Software testing", not under "Software engineering" beside it', () => {
    // cs.SE's home topic is "Code generation" (data/catalogue.json "homes"): 11 testing papers
    // that name no catalogued phrase (model-based testing of Scratch programs, white-box path
    // testing) made "Software engineering" beside "Software testing".
    const run = groupAsRun(papers);
    expect(run.groups.map(label)).not.toContain('Software engineering');
    const home = (title: string) => {
      const id = rows.find((r) => r.title.startsWith(title))?.id;
      expect(id, title).toBeDefined();
      return run.groups.find((g) => g.paperIds.includes(id as string))?.topic.label;
    };
    expect(home('Systematic Method for Path-Complete White Box Testing')).toBe('Software testing');
    expect(home('Model-based Testing of Scratch Programs')).not.toBe(OTHER_TOPIC.label);
  });

  it('heads no section by a kind of paper rather than a subject ("Literature review")', () => {
    // Two reviews (of GUI testing, of test automation maturity) headed "Literature review".
    for (const { groups: letter } of [{ groups }, groupAsRun(papers)])
      expect(letter.map(label).filter((l) => /\b(?:review|survey)s?$/i.test(l))).toEqual([]);
  });

  it('keeps most papers out of "More papers" (52% before found sections)', () => {
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0;
    expect(other / papers.length).toBeLessThanOrEqual(0.25);
  });

  it('puts every paper whose title names a found section under it, or under another subject its title names', () => {
    const metamorphic = groups.find((g) => label(g) === 'Metamorphic testing');
    const titled = rows.filter((r) => /metamorphic testing/i.test(r.title));
    const inside = titled.filter((r) => metamorphic?.paperIds.includes(r.id));
    expect(inside.length).toBeGreaterThanOrEqual(titled.length / 2);
    for (const r of titled) {
      const home = groups.find((g) => g.paperIds.includes(r.id));
      // "Metamorphic Testing for Pose Estimation Systems" may read under "Visual recognition".
      expect(home?.topic.slug).not.toBe(OTHER_TOPIC.slug);
    }
  });
});

describe('proposals only of sections a reader sees', () => {
  // Seeded letters of the fixture feeds (30-99 papers, mulberry32 + Fisher-Yates) in which a
  // section was found and later gave way to a larger one ("Representation learning", "Dirac
  // operator", "Scalar field"): its topic was returned, and a run stored it as a proposal of 0 papers.
  const cs = [...loadPlacementArxivCs(), ...loadPlacementArxivCs(true)].map(({ accept: _, ...p }) => p);
  const shipped = new Set(loadCatalogueFile().map((t) => t.slug));
  it.each<[string, PaperText[], number]>([
    ['an arXiv cs letter (seed 10)', cs, 10],
    ['an all-archives letter (seed 3)', readArxivFixture('broad-all-archives.jsonl'), 3],
    ['a 2008 harvest letter (seed 13)', readArxivFixture('broad-arxivraw-2008.jsonl'), 13],
  ])('%s: every new topic has a section', (_name, pool, seed) => {
    const random = seededRandom(seed);
    const size = 30 + Math.floor(random() * 70);
    const { groups, catalogue } = groupAsRun(shuffle(pool, random).slice(0, size));
    const shown = new Set(groups.map((g) => g.topic.slug));
    const added = catalogue.filter((t) => !shipped.has(t.slug));
    expect(added.filter((t) => !shown.has(t.slug)).map((t) => t.label)).toEqual([]);
    expect(catalogue.length).toBe(shipped.size + added.length);
  });
});
