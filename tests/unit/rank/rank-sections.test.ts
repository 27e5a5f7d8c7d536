import { describe, expect, it } from 'vitest';
import type { Paper, Topic, TopicGroup } from '../../../src/domain/index.js';
import { PaperpostError } from '../../../src/domain/index.js';
import { crossListed, type RankOptions, rankPapers, rankSections } from '../../../src/rank/index.js';

const NOW = new Date('2026-06-12T12:00:00Z');
const OPTIONS: RankOptions = {
  now: NOW,
  weights: { upvotes: 1, comments: 0.5, sources: 2, recency: 1, gravity: 1.5 },
  maxPerEdition: 50,
  maxPerSection: 8,
};

function paper(id: string, upvotes = 0): Paper {
  return {
    id,
    title: id,
    url: '',
    authors: [],
    published: NOW.toISOString(),
    summary: '',
    aiSummary: null,
    keywords: [],
    categories: [],
    upvotes,
    comments: 0,
    sources: ['hf'],
    links: { abs: null, pdf: null, code: null, hf: null },
  };
}

/** A paper of an arXiv listing (no votes, the one date all have) with its categories, primary first. */
const listed = (id: string, categories: string[]): Paper => ({
  ...paper(id),
  categories,
  sources: ['arxiv'],
});

const topic = (slug: string): Topic => ({
  slug,
  label: slug,
  keywords: [],
  categories: [],
  userDefined: false,
});
const group = (slug: string, ids: string[]): TopicGroup => ({ topic: topic(slug), paperIds: ids });

/** Papers named by their upvotes: "p30" has 30 upvotes. */
const PAPERS = ['p1', 'p2', 'p3', 'p5', 'p8', 'p10', 'p20', 'p30', 'p40'].map((id) =>
  paper(id, Number(id.slice(1))),
);

const view = (r: ReturnType<typeof rankSections>) => ({
  sections: r.sections.map((s) => `${s.topic.slug}:${s.papers.map((p) => p.id).join(',')}+${s.more}`),
  more: r.more,
});

describe('rankSections', () => {
  it.each([
    {
      name: 'papers by score inside a section, sections by their best paper',
      groups: [group('a', ['p1', 'p20', 'p3']), group('b', ['p2', 'p30'])],
      options: {},
      expected: { sections: ['b:p30,p2+0', 'a:p20,p3,p1+0'], more: 0 },
    },
    {
      name: 'per-section cap counts the cut papers in Section.more',
      groups: [group('a', ['p1', 'p2', 'p3', 'p5', 'p8'])],
      options: { maxPerSection: 2 },
      expected: { sections: ['a:p8,p5+3'], more: 0 },
    },
    {
      name: 'per-edition cap keeps the best papers overall; a dropped section is counted in `more`',
      groups: [group('a', ['p10', 'p40']), group('b', ['p30', 'p20']), group('c', ['p2', 'p3'])],
      options: { maxPerEdition: 4 },
      expected: { sections: ['a:p40,p10+0', 'b:p30,p20+0'], more: 2 },
    },
    {
      name: 'a section emptied by the edition cap is dropped and its section cuts move to `more`',
      groups: [group('a', ['p40', 'p30']), group('b', ['p1', 'p2', 'p3'])],
      options: { maxPerEdition: 2, maxPerSection: 2 },
      expected: { sections: ['a:p40,p30+0'], more: 3 },
    },
    {
      name: 'empty groups make no section',
      groups: [group('a', []), group('b', ['p5'])],
      options: {},
      expected: { sections: ['b:p5+0'], more: 0 },
    },
  ])('$name', ({ groups, options, expected }) => {
    expect(view(rankSections(groups, PAPERS, { ...OPTIONS, ...options }))).toEqual(expected);
  });

  const sub = (slug: string, parent: string, ids: string[]): TopicGroup => ({
    topic: { ...topic(slug), parent },
    paperIds: ids,
  });
  const other = (ids: string[]): TopicGroup => group('other', ids);

  // After the edition cap, no section but the catch-all ("other") ever shows a single paper.
  it.each([
    {
      name: 'a section whose second paper misses the cap enters with its best two (filling by rank)',
      groups: [group('a', ['p40', 'p1']), group('b', ['p30', 'p20', 'p10']), group('c', ['p8', 'p5'])],
      options: { maxPerEdition: 4 },
      expected: { sections: ['a:p40,p1+0', 'b:p30,p20+1'], more: 2 },
    },
    {
      name: 'a section that cannot get two papers in the room left stays out; the rest fills by rank',
      groups: [group('a', ['p40', 'p30']), group('b', ['p20', 'p10']), group('c', ['p8', 'p5', 'p3'])],
      options: { maxPerEdition: 3 },
      expected: { sections: ['a:p40,p30+0'], more: 5 },
    },
    {
      name: 'an open section takes the odd slot instead of a new section of one',
      groups: [group('a', ['p40', 'p30', 'p1']), group('b', ['p20', 'p10'])],
      options: { maxPerEdition: 3 },
      expected: { sections: ['a:p40,p30,p1+0'], more: 2 },
    },
    {
      name: 'the demo case: a 40-paper cap over sections of 6 never leaves one alone',
      groups: [group('a', ['p40', 'p30', 'p20']), group('b', ['p10', 'p8']), group('c', ['p5', 'p3', 'p2'])],
      options: { maxPerEdition: 5, maxPerSection: 6 },
      expected: { sections: ['a:p40,p30,p20+0', 'b:p10,p8+0'], more: 3 },
    },
    {
      name: 'the catch-all may show one paper, and stays last',
      groups: [group('a', ['p20', 'p10']), other(['p40', 'p1'])],
      options: { maxPerEdition: 3 },
      expected: { sections: ['a:p20,p10+0', 'other:p40+1'], more: 0 },
    },
    {
      name: 'the catch-all keeps at most ~15 % of the edition (never fewer than 2) when topics fill it',
      groups: [other(['p40', 'p30', 'p20', 'p10']), group('a', ['p8', 'p5', 'p3']), group('b', ['p2', 'p1'])],
      options: { maxPerEdition: 7, maxPerSection: 3 },
      expected: { sections: ['a:p8,p5,p3+0', 'b:p2,p1+0', 'other:p40,p30+2'], more: 0 },
    },
    {
      name: 'the catch-all takes the room the topics leave: a letter shows what it has room for',
      groups: [other(['p40', 'p30', 'p20', 'p10', 'p8']), group('a', ['p5', 'p3'])],
      options: { maxPerEdition: 20, maxPerSection: 6 },
      expected: { sections: ['a:p5,p3+0', 'other:p40,p30,p20,p10,p8+0'], more: 0 },
    },
    {
      name: "a topic's split parts stay next to each other",
      groups: [sub('t-1', 't', ['p40', 'p1']), group('b', ['p30', 'p20']), sub('t-2', 't', ['p10', 'p8'])],
      options: {},
      expected: { sections: ['t-1:p40,p1+0', 't-2:p10,p8+0', 'b:p30,p20+0'], more: 0 },
    },
    {
      name: 'a whole group of one (grouping decided) is shown as it is',
      groups: [group('a', ['p40'])],
      options: { maxPerEdition: 3 },
      expected: { sections: ['a:p40+0'], more: 0 },
    },
  ])('$name', ({ groups, options, expected }) => {
    const result = rankSections(groups, PAPERS, { ...OPTIONS, ...options });
    expect(view(result)).toEqual(expected);
    const cut = groups.filter((g) => g.paperIds.length > 1 && g.topic.slug !== 'other');
    for (const s of result.sections) {
      if (cut.some((g) => g.topic.slug === s.topic.slug)) expect(s.papers.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps every group ranked and uncapped for readers of a few topics, with the caps it used', () => {
    const groups = [group('a', ['p10', 'p40', 'p5']), group('b', ['p30', 'p20']), group('c', ['p2', 'p3'])];
    const r = rankSections(groups, PAPERS, { ...OPTIONS, maxPerEdition: 4, maxPerSection: 2 });
    // The letter had room for a and b only, two papers each ...
    expect(view(r).sections).toEqual(['a:p40,p10+1', 'b:p30,p20+0']);
    // ... a reader's own cut is made from all of them, best first, in letter order.
    expect(
      r.topicSections.map((s) => `${s.topic.slug}:${s.papers.map((p) => p.id).join(',')}+${s.more}`),
    ).toEqual(['a:p40,p10,p5+0', 'b:p30,p20+0', 'c:p3,p2+0']);
    expect(r.caps).toEqual({ perSection: 2, catchAll: 2, perEdition: 4 });
    // With room to spare (50 papers, its three topics hold 7), "More papers" may fill the rest.
    expect(rankSections(groups, PAPERS, OPTIONS).caps).toEqual({
      perSection: 8,
      catchAll: 43,
      perEdition: 50,
    });
  });

  it.each([
    {
      name: 'papers held for closeness alone come after those that name the subject',
      close: ['p20', 'p5'],
      expected: ['a:p30,p10,p20,p5+0'],
    },
    {
      name: 'one that trends more than every paper naming the subject keeps the lead',
      close: ['p40'],
      expected: ['a:p40,p20,p5+0'],
    },
    { name: 'none held for closeness: by score', close: [], expected: ['a:p40,p20,p5+0'] },
  ])('$name', ({ close, expected }) => {
    const ids = close.length === 2 ? ['p5', 'p10', 'p20', 'p30'] : ['p5', 'p20', 'p40'];
    const grouped = { ...group('a', ids), closeOnly: close };
    const r = rankSections([grouped], PAPERS, OPTIONS);
    expect(
      r.topicSections.map((s) => `${s.topic.slug}:${s.papers.map((p) => p.id).join(',')}+${s.more}`),
    ).toEqual(expected);
    // The letter's cap keeps the same order: a section of two shows the papers on its subject.
    const capped = rankSections([grouped], PAPERS, { ...OPTIONS, maxPerSection: 2 });
    expect(capped.sections[0]?.papers.map((p) => p.id)).toEqual(
      r.topicSections[0]?.papers.slice(0, 2).map((p) => p.id),
    );
  });

  it.each([
    // A listing: the newest paper would lead; the one whose title names the subject does.
    [
      'a listing opens a section on the papers whose titles name its subject',
      ['arxiv'],
      ['named', 'newest', 'older'],
    ],
    // Readers pushed them (two sources each): rank decides, as before.
    ['a letter readers pushed keeps rank order', ['arxiv', 'hf'], ['newest', 'older', 'named']],
  ])('%s', (_case, sources, expected) => {
    const ages = { newest: 1, older: 5, named: 9 };
    const listed = Object.entries(ages).map(([id, hours]) => ({
      ...paper(id),
      sources,
      published: new Date(NOW.getTime() - hours * 3_600_000).toISOString(),
    }));
    const grouped = { ...group('a', ['newest', 'older', 'named']), titled: ['named'] };
    const r = rankSections([grouped], listed, OPTIONS);
    expect(r.topicSections[0]?.papers.map((p) => p.id)).toEqual(expected);
  });

  it('opens the largest sections first in a listing (no reader pushed a paper), when it opens only so many', () => {
    // 12 topics of 5 listed papers and one of 8, the oldest of all: by age it would stay out.
    const sizes = [...Array.from({ length: 12 }, () => 5), 8];
    const groups = sizes.map((n, t) =>
      group(
        `t${String(t).padStart(2, '0')}`,
        Array.from({ length: n }, (_, i) => `t${t}p${i}`),
      ),
    );
    const listing = groups.flatMap((g, t) =>
      g.paperIds.map((id, i) => ({
        ...paper(id),
        sources: ['arxiv'],
        published: new Date(NOW.getTime() - (t * 10 + i + 1) * 60_000).toISOString(),
      })),
    );
    const r = rankSections(groups, listing, { ...OPTIONS, maxPerEdition: 40, maxPerSection: 6 });
    const shown = r.sections.map((s) => s.topic.slug);
    expect(shown).toContain('t12');
    expect(shown).toHaveLength(9);
    // The largest leads a listing letter (see orderSections).
    expect(shown[0]).toBe('t12');
  });

  it('puts the catch-all of an arXiv class after the topics, in a listing and in a letter readers pushed', () => {
    // A cs.LG listing: "Machine learning" holds 27 papers on as many subjects, the class's
    // catch-all; "Time series" nine. The topic opens the letter, the class follows, "More papers" last.
    const bin: TopicGroup = {
      topic: {
        ...topic('machine-learning'),
        label: 'Machine learning',
        categories: ['cs.LG'],
        classCatchAll: true,
      },
      paperIds: ['c1', 'c2', 'c3', 'c4'],
    };
    const groups = [bin, group('time-series', ['t1', 't2']), group('other', ['o1'])];
    const ids = ['c1', 'c2', 'c3', 'c4', 't1', 't2', 'o1'];
    const listing = ids.map((id, i) => ({
      ...paper(id),
      sources: ['arxiv'],
      published: new Date(NOW.getTime() - (i + 1) * 60_000).toISOString(),
    }));
    const order = (papers: Paper[], g = groups) =>
      rankSections(g, papers, OPTIONS).sections.map((s) => s.topic.slug);
    expect(order(listing)).toEqual(['time-series', 'machine-learning', 'other']);
    // Pushed by readers: the class's best paper trends most, and still follows the topic.
    const pushed = ids.map((id) => paper(id, id === 'c1' ? 50 : 1));
    expect(order(pushed)).toEqual(['time-series', 'machine-learning', 'other']);
    // A section of a field no topic covers ("Mathematics" of an all-archives listing) is a subject
    // heading of its own: it leads by size.
    const field = [
      { ...bin, topic: { ...topic('mathematics'), categories: ['math.AG'] } },
      ...groups.slice(1),
    ];
    expect(order(listing, field)).toEqual(['mathematics', 'time-series', 'other']);
  });

  it('puts the rest of a broad area ("Other computer vision") after the letter\'s topics, however large', () => {
    // A broad letter: "Other computer vision" holds the most papers and the day's best paper, and
    // still follows "3D vision" and the other topics; "More papers" closes the letter.
    const rest: TopicGroup = {
      topic: { ...topic('computer-vision'), label: 'Other computer vision' },
      paperIds: ['v1', 'v2', 'v3', 'v4', 'v5'],
    };
    const groups = [
      rest,
      group('3d-vision', ['d1', 'd2', 'd3']),
      group('robotics', ['r1', 'r2']),
      group('other', ['o1']),
    ];
    const ids = groups.flatMap((g) => g.paperIds);
    const order = (papers: Paper[]) =>
      rankSections(groups, papers, OPTIONS).sections.map((s) => s.topic.slug);
    const listing = ids.map((id, i) => ({
      ...paper(id),
      sources: ['arxiv'],
      published: new Date(NOW.getTime() - (i + 1) * 60_000).toISOString(),
    }));
    expect(order(listing)).toEqual(['3d-vision', 'robotics', 'computer-vision', 'other']);
    const pushed = ids.map((id) => paper(id, id === 'v1' ? 50 : 1));
    expect(order(pushed)).toEqual(['3d-vision', 'robotics', 'computer-vision', 'other']);
  });

  it('closes a letter of one field on the rest of its classes, before "More papers"', () => {
    // A mathematician's listing: "Other mathematics" (the papers of classes with no section of
    // their own) holds the most papers and the day's best, and still follows every class's section.
    const ofClass = (
      slug: string,
      label: string,
      category: string,
      ids: string[],
      flag?: true,
    ): TopicGroup => ({
      topic: { ...topic(slug), label, categories: [category], ...(flag ? { classCatchAll: flag } : {}) },
      paperIds: ids,
    });
    const groups = [
      ofClass('other-mathematics', 'Other mathematics', 'math.GN', ['r1', 'r2', 'r3', 'r4', 'r5'], true),
      ofClass('optimization-and-control', 'Optimization and control', 'math.OC', ['o1', 'o2', 'o3'], true),
      ofClass('combinatorics', 'Combinatorics', 'math.CO', ['c1', 'c2', 'c3']),
      group('other', ['x1']),
    ];
    const ids = groups.flatMap((g) => g.paperIds);
    const listing = ids.map((id, i) => ({
      ...paper(id),
      sources: ['arxiv'],
      published: new Date(NOW.getTime() - (i + 1) * 60_000).toISOString(),
    }));
    const order = (papers: Paper[]) =>
      rankSections(groups, papers, OPTIONS).sections.map((s) => s.topic.slug);
    expect(order(listing)).toEqual([
      'combinatorics',
      'optimization-and-control',
      'other-mathematics',
      'other',
    ]);
    const pushed = ids.map((id) => paper(id, id === 'r1' ? 50 : 1));
    expect(order(pushed)).toEqual([
      'combinatorics',
      'optimization-and-control',
      'other-mathematics',
      'other',
    ]);
  });

  it('keeps a closeness-held paper after the papers naming the subject in a listing, whatever its age', () => {
    // No upvotes, comments or second source: scores differ by age alone and lead nothing.
    const listing = ['old', 'new'].map((id, i) => ({
      ...paper(id),
      sources: ['arxiv'],
      published: new Date(NOW.getTime() - (i === 0 ? 30 : 2) * 3_600_000).toISOString(),
    }));
    const r = rankSections([{ ...group('a', ['old', 'new']), closeOnly: ['new'] }], listing, OPTIONS);
    expect(
      (r.topicSections[0]?.papers[0]?.score.total ?? 0) < (r.topicSections[0]?.papers[1]?.score.total ?? 0),
    ).toBe(true);
    expect(r.topicSections[0]?.papers.map((p) => p.id)).toEqual(['old', 'new']);
  });

  it('takes a section in its own order: a letter with room for all shows all, one short shows its first', () => {
    // p30 is held for closeness and trends less than p40: it comes last, after p1.
    const grouped = { ...group('a', ['p1', 'p30', 'p40']), closeOnly: ['p30'] };
    const roomy = rankSections([grouped, group('b', ['p20', 'p2'])], PAPERS, OPTIONS);
    expect(view(roomy).sections).toEqual(['a:p40,p1,p30+0', 'b:p20,p2+0']);
    const short = rankSections([grouped, group('b', ['p20', 'p2'])], PAPERS, {
      ...OPTIONS,
      maxPerEdition: 4,
    });
    expect(view(short).sections).toEqual(['a:p40,p1+1', 'b:p20,p2+0']);
  });

  describe('a letter of 30 papers or more opens as many sections as it reads well with', () => {
    // 13 topics of 5 papers and a catch-all of 5; each topic's i-th paper trends about as much as
    // the others' (t00 a little more than t01...): every topic would open with its best two.
    const many = Array.from({ length: 13 }, (_, t) => {
      const slug = `t${String(t).padStart(2, '0')}`;
      return group(
        slug,
        Array.from({ length: 5 }, (_, i) => `${slug}p${i}`),
      );
    });
    const all = [...many, group('other', ['o0', 'o1', 'o2', 'o3', 'o4'])];
    const papers = all.flatMap((g, t) => g.paperIds.map((id, i) => paper(id, 200 - 20 * i - t)));
    const topicsShown = (r: ReturnType<typeof rankSections>) =>
      r.sections.filter((s) => s.topic.slug !== 'other').map((s) => s.topic.slug);
    const count = (r: ReturnType<typeof rankSections>) => r.sections.reduce((n, s) => n + s.papers.length, 0);

    it.each([
      // 10 sections at most for 40 papers (see sectionBounds), one of them "More papers": nine
      // topics of four, not thirteen of two or three.
      ['40 papers: the nine best topics and "More papers"', 40, 6, 9, true],
      // A personal digest of 20: every topic it has room for, two papers each.
      ['20 papers (a short letter): no limit', 20, 6, 10, false],
      // Nine topics of 3 and "More papers" take 30 of 40: the next topics open, by rank.
      ['40 papers, 3 a section: more open when the nine cannot take the letter', 40, 3, 13, true],
    ])('%s', (_case, maxPerEdition, maxPerSection, topics, other) => {
      const r = rankSections(all, papers, { ...OPTIONS, maxPerEdition, maxPerSection });
      // The best topics, in order; the others' papers are counted for the web.
      expect(topicsShown(r)).toEqual(many.slice(0, topics).map((g) => g.topic.slug));
      expect(count(r)).toBe(maxPerEdition);
      expect(r.sections.at(-1)?.topic.slug === 'other').toBe(other);
      expect(count(r) + r.more + r.sections.reduce((n, s) => n + s.more, 0)).toBe(papers.length);
    });
  });

  it('breaks score ties by paper id, then section ties by slug', () => {
    const tied = ['z', 'b', 'm', 'a'].map((id) => paper(id, 7));
    const r = rankSections([group('t2', ['z', 'm']), group('t1', ['b', 'a'])], tied, OPTIONS);
    expect(view(r).sections).toEqual(['t1:a,b+0', 't2:m,z+0']);
  });

  it("puts a followed category's own papers before its cross-lists when they score alike", () => {
    // A cs.LG listing: one date, no votes. By ids alone the two eess.SP papers cross-listed into
    // cs.LG ("a", "b") would lead and fill a letter with room for two.
    const day = [
      listed('a', ['eess.SP', 'cs.LG']),
      listed('b', ['eess.SP', 'cs.AI', 'cs.LG']),
      listed('c', ['cs.LG', 'stat.ML']),
      listed('d', ['cs.LG']),
    ];
    const groups = [group('t', ['a', 'b', 'c', 'd'])];
    const followed = new Set(['cs.LG']);
    const short = { ...OPTIONS, maxPerSection: 2, followed };
    expect(view(rankSections(groups, day, short)).sections).toEqual(['t:c,d+2']);
    // The ranking a run pools its papers from, too; without followed categories, by id.
    expect(rankPapers(day, NOW, OPTIONS.weights, undefined, followed).map((p) => p.id)).toEqual([
      'c',
      'd',
      'a',
      'b',
    ]);
    expect(view(rankSections(groups, day, { ...OPTIONS, maxPerSection: 2 })).sections).toEqual(['t:a,b+2']);
    // Across sections as well: a letter with room for one paper of each takes their own papers.
    const two = [group('s', ['a', 'c']), group('t', ['b', 'd'])];
    const one = { ...OPTIONS, maxPerEdition: 2, maxPerSection: 1 };
    expect(view(rankSections(two, day, { ...one, followed })).sections).toEqual(['s:c+1', 't:d+1']);
    expect(view(rankSections(two, day, one)).sections).toEqual(['s:a+1', 't:b+1']);
    // A score still decides first: an upvoted cross-list leads.
    const pushed = day.map((p) => (p.id === 'b' ? { ...p, upvotes: 3 } : p));
    expect(view(rankSections(groups, pushed, short)).sections).toEqual(['t:b,c+2']);
  });

  it("puts a listing's section of cross-lists after those of the followed category's own papers, however large", () => {
    const day = [
      ...['x1', 'x2', 'x3', 'x4'].map((id) => listed(id, ['eess.SP', 'cs.LG'])),
      ...['a1', 'a2', 'b1', 'b2', 'b3'].map((id) => listed(id, ['cs.LG'])),
    ];
    const groups = [
      group('x', ['x1', 'x2', 'x3', 'x4']),
      group('a', ['a1', 'a2']),
      group('b', ['b1', 'b2', 'b3']),
    ];
    const followed = new Set(['cs.LG']);
    expect(view(rankSections(groups, day, { ...OPTIONS, followed })).sections).toEqual([
      'b:b1,b2,b3+0',
      'a:a1,a2+0',
      'x:x1,x2,x3,x4+0',
    ]);
    // Without followed categories the largest leads, as before.
    expect(view(rankSections(groups, day, OPTIONS)).sections[0]).toBe('x:x1,x2,x3,x4+0');
    // A letter of 30 opens its seven largest sections first (see letterSections): six own sections
    // of five and the cross-lists' four, not the own section of three, unless cs.LG is followed.
    const own = ['s1', 's2', 's3', 's4', 's5', 's6'].map((slug) =>
      group(
        slug,
        [1, 2, 3, 4, 5].map((k) => `${slug}-${k}`),
      ),
    );
    const wide = [...own, group('t', ['t-1', 't-2', 't-3']), group('x', ['x1', 'x2', 'x3', 'x4'])];
    const papers = [
      ...day.filter((p) => p.id.startsWith('x')),
      ...wide.flatMap((g) =>
        g.paperIds.filter((id) => !id.startsWith('x')).map((id) => listed(id, ['cs.LG'])),
      ),
    ];
    const opened = (options: RankOptions): string[] =>
      rankSections(wide, papers, { ...options, maxPerEdition: 30 }).sections.map((s) => s.topic.slug);
    expect(opened(OPTIONS)).toContain('x');
    expect(opened({ ...OPTIONS, followed })).not.toContain('x');
    expect(opened({ ...OPTIONS, followed })).toContain('t');
  });

  it.each([
    { categories: ['eess.SP', 'cs.LG'], followed: ['cs.LG'], cross: true },
    { categories: ['cs.LG', 'eess.SP'], followed: ['cs.LG'], cross: false },
    // No followed category at all: another source's paper, not a cross-list.
    { categories: ['hep-th', 'gr-qc'], followed: ['cs.LG'], cross: false },
    // From Hugging Face: no categories.
    { categories: [], followed: ['cs.LG'], cross: false },
    // Nothing followed: a letter of other sources.
    { categories: ['eess.SP', 'cs.LG'], followed: [], cross: false },
    // A followed archive covers its classes.
    { categories: ['astro-ph.GA', 'astro-ph.CO'], followed: ['astro-ph'], cross: false },
    { categories: ['gr-qc', 'astro-ph.CO'], followed: ['astro-ph'], cross: true },
    { categories: ['hep-th'], followed: ['hep-th'], cross: false },
    { categories: ['math-ph', 'hep-th'], followed: ['hep-th'], cross: true },
  ])('reads $categories as a cross-list into $followed: $cross', ({ categories, followed, cross }) => {
    expect(crossListed({ categories }, new Set(followed))).toBe(cross);
  });

  it('leads with the larger section when the best papers score alike (a letter of listings)', () => {
    // No upvotes, one date: by ids alone "a" (its paper "a1") would lead with two papers.
    const tied = ['a1', 'a2', 'b1', 'b2', 'b3'].map((id) => paper(id));
    const r = rankSections([group('a', ['a1', 'a2']), group('b', ['b1', 'b2', 'b3'])], tied, OPTIONS);
    expect(view(r).sections).toEqual(['b:b1,b2,b3+0', 'a:a1,a2+0']);
    // Counted with the papers a capped letter leaves to the web.
    const capped = rankSections([group('a', ['a1', 'a2']), group('b', ['b1', 'b2', 'b3'])], tied, {
      ...OPTIONS,
      maxPerSection: 2,
    });
    expect(view(capped).sections).toEqual(['b:b1,b2+1', 'a:a1,a2+0']);
  });

  it("leads with the larger section in a letter no reader pushed, whatever its papers' dates", () => {
    // An RSS listing without votes: "a" holds the newest paper, "b" three older ones.
    const hoursAgo = (id: string, hours: number): Paper => ({
      ...paper(id),
      published: new Date(NOW.getTime() - hours * 3_600_000).toISOString(),
    });
    const listing = [
      hoursAgo('a1', 1),
      hoursAgo('a2', 40),
      hoursAgo('b1', 20),
      hoursAgo('b2', 30),
      hoursAgo('b3', 50),
    ];
    const groups = [group('a', ['a1', 'a2']), group('b', ['b1', 'b2', 'b3'])];
    expect(view(rankSections(groups, listing, OPTIONS)).sections).toEqual(['b:b1,b2,b3+0', 'a:a1,a2+0']);
    // One paper with an upvote: sections follow their best paper again.
    const pushed = listing.map((p) => (p.id === 'a1' ? { ...p, upvotes: 1 } : p));
    expect(view(rankSections(groups, pushed, OPTIONS)).sections).toEqual(['a:a1,a2+0', 'b:b1,b2,b3+0']);
  });

  it('is deterministic whatever the order of groups and papers', () => {
    const groups = [group('a', ['p1', 'p20', 'p3']), group('b', ['p2', 'p30']), group('c', ['p5', 'p8'])];
    const first = view(rankSections(groups, PAPERS, OPTIONS));
    const shuffled = view(
      rankSections(
        [...groups].reverse().map((g) => ({ ...g, paperIds: [...g.paperIds].reverse() })),
        [...PAPERS].reverse(),
        OPTIONS,
      ),
    );
    expect(shuffled).toEqual(first);
  });

  it('exposes the score parts on each ranked paper', () => {
    const r = rankSections([group('a', ['p40'])], PAPERS, OPTIONS);
    const score = r.sections[0]?.papers[0]?.score;
    expect(score?.upvotes).toBeCloseTo(40, 9);
    expect(score?.recency).toBeCloseTo(1, 9);
    expect(score?.total).toBeCloseTo(41, 9);
  });

  it('rejects a group naming a paper that is not in the input', () => {
    expect(() => rankSections([group('a', ['missing'])], PAPERS, OPTIONS)).toThrow(PaperpostError);
    expect(() => rankSections([group('a', ['missing'])], PAPERS, OPTIONS)).toThrow(/topic a: paper missing/);
  });
});
