import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/domain/index.js';
import {
  buildDigestView,
  clampText,
  countTextOf,
  formatDate,
  preheaderOf,
  shortenAuthors,
  whyLine,
  wrapText,
} from '../../../src/render/digest-view.js';
import { countPapers, dropLowestRanked } from '../../../src/render/edition-cut.js';
import { cutEdition } from '../../../src/render/index.js';
import { loadPapers, makeEdition } from './fixture.js';

const viewOptions = {
  title: 'Paperpost',
  baseUrl: 'https://paperpost.example/',
  postalAddress: '1 Example Street',
  fromName: 'Paperpost',
  summaryChars: 280,
};

describe('shortenAuthors', () => {
  it.each([
    [[], ''],
    [['Ada Lovelace'], 'Ada Lovelace'],
    [['A', 'B', 'C'], 'A, B, C'],
    [['A', 'B', 'C', 'D'], 'A, B, C et\u00a0al.'],
    [['  A\n', '', 'B'], 'A, B'],
  ])('%j -> %j', (authors, expected) => {
    expect(shortenAuthors(authors)).toBe(expected);
  });
});

describe('clampText', () => {
  it.each([
    ['Short text.', 50, 'Short text.'],
    ['First sentence here. Second sentence is longer than the limit allows.', 30, 'First sentence here.'],
    ['First sentence here. Second sentence is longer than the limit allows.', 40, 'First sentence here.'],
    [
      'We propose a method for retrieval, and we evaluate it on five benchmarks and',
      70,
      'We propose a method for retrieval…',
    ],
    ['one two three four five six seven', 20, 'one two three four…'],
    ['averyveryverylongwordwithoutspaces', 10, 'averyvery…'],
    ['  spaced \n\t out  ', 50, 'spaced out'],
  ])('%j at %i -> %j', (text, limit, expected) => {
    const out = clampText(text, limit);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(limit);
  });
});

describe('wrapText and formatDate', () => {
  it('wraps at 72 columns with the indent', () => {
    const lines = wrapText('word '.repeat(60).trim(), '   ').split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(72);
      expect(line.startsWith('   ')).toBe(true);
    }
  });

  it('hangs a numbered title under its text: the first line has its own indent', () => {
    const title = '1. EvoArena: Tracking Memory Evolution for Robust LLM Agents in Dynamic Environments';
    expect(wrapText(title, '     ', 72, '  ')).toBe(
      '  1. EvoArena: Tracking Memory Evolution for Robust LLM Agents in\n     Dynamic Environments',
    );
    expect(wrapText('short', '   ', 72, '')).toBe('short');
  });

  it.each([
    ['2026-06-12', 'long', 'Friday 12 June 2026'],
    ['2026-06-12', 'short', '12 Jun 2026'],
    ['2026-09-05', 'short', '5 Sep 2026'],
    ['2026-09-05', 'long', 'Saturday 5 September 2026'],
    ['2027-01-03', 'long', 'Sunday 3 January 2027'],
    ['2024-02-29', 'long', 'Thursday 29 February 2024'],
    ['garbage', 'short', 'garbage'],
  ] as const)('%s %s', (date, style, expected) => {
    expect(formatDate(date, style).replace(',', '')).toBe(expected);
  });
});

describe('countTextOf: the greeting counts the catch-all apart, it is no topic', () => {
  const section = (slug: string, n: number) => ({ slug, papers: Array.from({ length: n }) as never[] });
  it.each([
    [[section('agents', 6), section('other', 6)], '12 trending papers: 6 in 1 topic and 6 on other subjects'],
    [[section('agents', 6), section('rag', 2)], '8 trending papers in 2 topics'],
    [[section('agents', 1)], '1 trending paper in 1 topic'],
    [[section('other', 3)], '3 trending papers'],
    [[], '0 trending papers in 0 topics'],
  ])('%#: %s', (sections, expected) => {
    expect(countTextOf(sections)).toBe(expected);
  });
});

describe('digest view', () => {
  const edition = makeEdition(loadPapers().slice(0, 20), 5);

  it('builds the subject "<title> · <date>: <top paper> + N more"', () => {
    const view = buildDigestView(edition, viewOptions);
    expect(view.subject).toMatch(/^Paperpost · 12 Jun 2026: On the Limits of LLM Adaptability.* \+ 19 more$/);
    expect(view.subject.length).toBeLessThan(120);
    expect(view.archiveUrl).toBe('https://paperpost.example/archive/daily-2026-06-12');
  });

  it.each<[string, (p: Paper, i: number) => Partial<Paper>, number]>([
    [
      'papers with upvotes or comments',
      (_p, i) => ({ upvotes: i < 4 ? 10 : 0, comments: 0, sources: ['a'] }),
      3,
    ],
    [
      'papers listed by several sources',
      (_p, i) => ({ upvotes: 0, comments: 0, sources: i < 2 ? ['a', 'b'] : ['a'] }),
      2,
    ],
    // arXiv listings alone: nothing says which papers readers pushed up, so no "Top papers".
    ['no paper with a trending signal', () => ({ upvotes: 0, comments: 0, sources: ['arxiv'] }), 0],
  ])('picks its top papers among %s', (_name, signals, expected) => {
    const papers = loadPapers()
      .slice(0, 20)
      .map((p, i) => ({ ...p, ...signals(p, i) }));
    const view = buildDigestView(makeEdition(papers, 5), viewOptions);
    expect(view.top).toHaveLength(expected);
    for (const p of view.top) {
      const paper = papers.find((x) => x.id === p.id);
      expect((paper?.upvotes ?? 0) + (paper?.comments ?? 0) + (paper?.sources.length ?? 0)).toBeGreaterThan(
        1,
      );
    }
  });

  it('lists no top papers in a letter of one section: they would be its first three again', () => {
    const papers = loadPapers()
      .slice(0, 8)
      .map((p) => ({ ...p, upvotes: 10 }));
    expect(buildDigestView(makeEdition(papers, 8), viewOptions).top).toEqual([]);
    expect(buildDigestView(makeEdition(papers, 4), viewOptions).top).toHaveLength(3);
  });

  it("says a weekly letter is the week's, in its date line, greeting, subject and preheader", () => {
    const weekly = buildDigestView({ ...edition, frequency: 'weekly' }, viewOptions);
    const daily = buildDigestView(edition, viewOptions);
    expect(weekly.dateLong).toBe(`Weekly edition of ${daily.dateLong}`);
    expect(weekly.countText).toBe(`this week's ${daily.countText}`);
    expect(weekly.subject).toBe(daily.subject.replace('Paperpost · ', 'Paperpost · week of '));
    expect(weekly.preheader).toBe(daily.preheader.replace('this edition', 'this week'));
    expect(daily.dateLong).not.toContain('edition');
  });

  it('says so when the edition is empty', () => {
    const view = buildDigestView({ ...edition, sections: [] }, viewOptions);
    expect(view.subject).toBe('Paperpost · 12 Jun 2026: no new papers');
    expect(view.preheader).toBe('No new papers in this edition.');
  });

  it('preheader names the count and the topics', () => {
    const view = buildDigestView(edition, viewOptions);
    expect(view.preheader).toBe(
      '20 trending papers this edition: Language models, Computer vision, Robotics, Machine learning.',
    );
    expect(preheaderOf(view.sections.slice(0, 1), 1)).toBe('1 trending paper this edition: Language models.');
  });

  it('uses the AI summary when present and caps summaries', () => {
    const view = buildDigestView(edition, { ...viewOptions, summaryChars: 100 });
    const first = view.sections[0]?.papers[0];
    expect(first?.summary.startsWith('Large language models exhibit limited ability')).toBe(true);
    for (const s of view.sections)
      for (const p of s.papers) expect(p.summary.length).toBeLessThanOrEqual(100);
  });

  it("starts an abstract's card at what the paper does, an AI summary's where it starts", () => {
    const abstract =
      'Large language models (LLMs) have seen significant advancements, achieving superior performance in various tasks. However, they remain vulnerable to backdoors. In this paper, we propose a defense that neutralizes backdoors through information conflicts.';
    const [one, two] = loadPapers().slice(0, 2) as [Paper, Paper];
    const papers = [
      { ...one, summary: abstract, aiSummary: null },
      { ...two, summary: abstract, aiSummary: 'A defense neutralizes backdoors.' },
    ];
    const view = buildDigestView(makeEdition(papers, 1), viewOptions);
    const cards = new Map(view.sections.flatMap((s) => s.papers).map((p) => [p.title, p.summary]));
    expect(cards.get(one.title)).toBe(
      'We propose a defense that neutralizes backdoors through information conflicts.',
    );
    expect(cards.get(two.title)).toBe('A defense neutralizes backdoors.');
  });
});

describe('cutEdition and dropLowestRanked', () => {
  const edition = makeEdition(loadPapers().slice(0, 20), 5);

  it.each([
    [[], 4],
    [['robotics'], 1],
    [['robotics', 'language-models', 'unknown'], 2],
    [['unknown'], 0],
    [['!robotics'], 3],
    [['!robotics', '!language-models'], 2],
    [['!unknown'], 4],
  ])('topics %j keep %i sections', (topics, sections) => {
    const cut = cutEdition(edition, topics);
    expect(cut.sections.length).toBe(sections);
    expect(cut.id).toBe(edition.id);
  });

  it('gives the sub-sections of a topic to its subscribers, and leaves them out for "all except" it', () => {
    const parted = {
      ...edition,
      sections: edition.sections.map((s, i) =>
        i < 2 ? { ...s, topic: { ...s.topic, slug: `long-context--part-${i}`, parent: 'long-context' } } : s,
      ),
    };
    expect(cutEdition(parted, ['long-context']).sections.map((s) => s.topic.slug)).toEqual([
      'long-context--part-0',
      'long-context--part-1',
    ]);
    expect(cutEdition(parted, ['!long-context']).sections).toHaveLength(2);
  });

  type SectionOf = (typeof edition.sections)[number];
  /**
   * A section whose papers `<prefix>-0`, `<prefix>-1`... carry these topics (`paperTopics`; ''
   * for a paper that names none), as a broad area's section or "More papers" has them.
   */
  const taggedSection = (
    slug: string,
    label: string,
    prefix: string,
    topics: string[],
    topicLabels: Record<string, string>,
  ): SectionOf => {
    const base = edition.sections[0] as SectionOf;
    const paper = base.papers[0] as SectionOf['papers'][number];
    return {
      ...base,
      topic: {
        ...base.topic,
        slug,
        label,
        paperTopics: Object.fromEntries(topics.flatMap((t, i) => (t ? [[`${prefix}-${i}`, t]] : []))),
        topicLabels,
      },
      papers: topics.map((_, i) => ({ ...paper, id: `${prefix}-${i}` })),
    };
  };

  /** A broad area's section ("Computer vision") of papers a-0, a-1... of these topics. */
  const areaSection = (topics: string[]): SectionOf =>
    taggedSection('area-vision', 'Computer vision', 'a', topics, {
      'video-generation': 'Video generation',
      '3d-vision': '3D vision',
    });

  it.each([
    [[], ['a-0', 'a-1', 'a-2']],
    [['video-generation'], ['a-0', 'a-2']],
    [['3d-vision', 'robotics'], ['a-1']],
    [['robotics'], []],
    [['!video-generation'], ['a-1']],
    [['!robotics'], ['a-0', 'a-1', 'a-2']],
    [['!video-generation', '!3d-vision'], []],
    [['!area-vision'], []],
  ])("gives a broad area's section, for topics %j, the papers of those topics: %j", (topics, ids) => {
    const area = areaSection(['video-generation', '3d-vision', 'video-generation']);
    const cut = cutEdition({ ...edition, sections: [area] }, topics);
    expect(cut.sections.flatMap((s) => s.papers.map((p) => p.id))).toEqual(ids);
    expect(cut.sections.every((s) => s.topic.label === 'Computer vision')).toBe(true);
  });

  it("links a broad area's section to the one topic its papers are of, and to none for several", () => {
    const whole = { ...edition, sections: [areaSection(['video-generation', '3d-vision'])] };
    expect(buildDigestView(whole, viewOptions).sections[0]?.unsubscribe).toBeNull();
    const cut = buildDigestView(cutEdition(whole, ['3d-vision']), viewOptions).sections[0];
    expect(cut?.unsubscribe).toBe('%%TOPIC_UNSUBSCRIBE_URL:3d-vision%%');
    // The link says what it leaves: the topic, not the area's heading.
    expect(cut?.stopLabel).toBe('3D vision');
    expect(cut?.label).toBe('Computer vision');
    expect(buildDigestView(edition, viewOptions).sections.every((s) => s.stopLabel === s.label)).toBe(true);
  });

  it("says each paper's own topic first in a broad area's section, and nowhere else", () => {
    const area = areaSection(['video-generation', '3d-vision']);
    const view = buildDigestView(
      { ...edition, sections: [area, edition.sections[1] as typeof area] },
      viewOptions,
    );
    const [first, second] = view.sections;
    expect(first?.papers.map((p) => p.why.split(' · ')[0])).toEqual(['Video generation', '3D vision']);
    expect(first?.papers.every((p) => p.why.split(' · ').length >= 2)).toBe(true);
    expect(second?.papers.some((p) => /^(Video generation|3D vision)/.test(p.why))).toBe(false);
  });

  /** "More papers" of papers m-0, m-1... naming these topics ('' for a paper that names none). */
  const catchAll = (topics: string[]): SectionOf =>
    taggedSection('other', 'More papers', 'm', topics, {
      robotics: 'Robot learning',
      'time-series': 'Time series',
    });

  // Papers m-0 (robotics), m-1 (no topic), m-2 (time series): [id, section label] per reader.
  it.each([
    [
      [],
      [
        ['m-0', 'More papers'],
        ['m-1', 'More papers'],
        ['m-2', 'More papers'],
      ],
    ],
    [['robotics'], [['m-0', 'Robot learning']]],
    [
      ['robotics', 'time-series'],
      [
        ['m-0', 'Robot learning'],
        ['m-2', 'Time series'],
      ],
    ],
    [['other'], [['m-1', 'More papers']]],
    [
      ['other', 'robotics'],
      [
        ['m-0', 'Robot learning'],
        ['m-1', 'More papers'],
      ],
    ],
    [['language-models'], []],
    [
      ['!robotics'],
      [
        ['m-1', 'More papers'],
        ['m-2', 'More papers'],
      ],
    ],
    [
      ['!other'],
      [
        ['m-0', 'More papers'],
        ['m-2', 'More papers'],
      ],
    ],
    [['!other', '!time-series'], [['m-0', 'More papers']]],
    [
      ['!language-models'],
      [
        ['m-0', 'More papers'],
        ['m-1', 'More papers'],
        ['m-2', 'More papers'],
      ],
    ],
  ])(
    'gives "More papers", for topics %j, the papers of those topics (under their own headings for a reader of a few) and, for "other", the rest: %j',
    (topics, expected) => {
      const more = catchAll(['robotics', '', 'time-series']);
      const cut = cutEdition({ ...edition, sections: [more] }, topics);
      expect(cut.sections.flatMap((s) => s.papers.map((p) => [p.id, s.topic.label]))).toEqual(expected);
      // A heading of the reader's own topic is that topic's, with no "more" of the catch-all.
      for (const s of cut.sections)
        if (s.topic.label !== 'More papers')
          expect([s.topic.slug, s.more, s.topic.paperTopics]).toEqual([
            s.topic.label === 'Robot learning' ? 'robotics' : 'time-series',
            0,
            undefined,
          ]);
    },
  );

  it('says the topic a paper of "More papers" names first; its link leaves "More papers", or the topic of a reader of a few', () => {
    // Beside a topic's section (alone in its letter, "More papers" has no link: lone-catch-all.test.ts).
    const topicSection = edition.sections[0] as (typeof edition.sections)[number];
    const view = buildDigestView(
      { ...edition, sections: [topicSection, catchAll(['robotics', '', 'time-series'])] },
      viewOptions,
    );
    const more = view.sections.find((s) => s.slug === 'other');
    expect(more?.papers.map((p) => p.why.split(' · ')[0])).toEqual([
      'Robot learning',
      expect.not.stringMatching(/Robot learning|Time series/),
      'Time series',
    ]);
    expect(more?.unsubscribe).toBe('%%TOPIC_UNSUBSCRIBE_URL:other%%');
    expect(more?.stopLabel).toBe('More papers');
    // A reader of robotics alone gets the robotics paper under "Robot learning", and a link that
    // leaves robotics: leaving "More papers" would not stop it.
    const mine = buildDigestView(
      cutEdition({ ...edition, sections: [catchAll(['robotics', '', 'time-series'])] }, ['robotics']),
      viewOptions,
    );
    const cut = mine.sections[0];
    expect(cut?.papers.map((p) => p.id)).toEqual(['m-0']);
    expect(cut?.label).toBe('Robot learning');
    expect(cut?.unsubscribe).toBe('%%TOPIC_UNSUBSCRIBE_URL:robotics%%');
    expect(cut?.stopLabel).toBe('Robot learning');
    expect(mine.countText).toBe('1 trending paper in 1 topic');
    expect(cut?.papers[0]?.why).not.toMatch(/^Robot learning/);
    // Everyone but the readers of "More papers" alone: the paper says its topic there.
    const except = buildDigestView(
      cutEdition({ ...edition, sections: [catchAll(['robotics', '', 'time-series'])] }, ['!other']),
      viewOptions,
    ).sections[0];
    expect(except?.label).toBe('More papers');
    expect(except?.unsubscribe).toBeNull();
    // Papers of several topics and none of no topic: no one topic to leave.
    const several = buildDigestView(
      { ...edition, sections: [topicSection, catchAll(['robotics', 'time-series'])] },
      viewOptions,
    );
    expect(several.sections.find((s) => s.slug === 'other')?.unsubscribe).toBeNull();
  });

  /** A section of the arXiv class cs.CL of papers c-0, c-1... naming these topics ('' for none). */
  const classSection = (topics: string[]): SectionOf =>
    taggedSection('natural-language-processing', 'Natural language processing', 'c', topics, {
      'long-context': 'Long context',
    });

  it.each([
    [[], ['c-0', 'c-1']],
    [['long-context'], ['c-1']],
    [['!long-context'], ['c-0']],
    [['natural-language-processing'], ['c-0', 'c-1']],
    [['!natural-language-processing'], []],
    [['robotics'], []],
  ])('gives a section of an arXiv class, for topics %j, the papers of those topics: %j', (topics, ids) => {
    const cut = cutEdition({ ...edition, sections: [classSection(['', 'long-context'])] }, topics);
    expect(cut.sections.flatMap((s) => s.papers.map((p) => p.id))).toEqual(ids);
  });

  it('links a section of an arXiv class to itself while it shows a paper that names no topic', () => {
    const whole = { ...edition, sections: [classSection(['', 'long-context'])] };
    const [full] = buildDigestView(whole, viewOptions).sections;
    expect(full?.unsubscribe).toBe('%%TOPIC_UNSUBSCRIBE_URL:natural-language-processing%%');
    expect(full?.stopLabel).toBe('Natural language processing');
    expect(full?.papers.map((p) => p.why.split(' · ')[0])).toEqual([
      expect.not.stringMatching(/Long context/),
      'Long context',
    ]);
    const [cut] = buildDigestView(cutEdition(whole, ['long-context']), viewOptions).sections;
    expect(cut?.unsubscribe).toBe('%%TOPIC_UNSUBSCRIBE_URL:long-context%%');
    expect(cut?.stopLabel).toBe('Long context');
  });

  it('keeps the edition order', () => {
    const cut = cutEdition(edition, ['robotics', 'language-models']);
    expect(cut.sections.map((s) => s.topic.slug)).toEqual(['language-models', 'robotics']);
  });

  it('drops the lowest scores into "more"', () => {
    const trimmed = dropLowestRanked(edition, 7);
    expect(countPapers(trimmed)).toBe(13);
    expect(trimmed.sections.length).toBe(3);
    expect(trimmed.more).toBe(5);
    expect(trimmed.sections[2]?.more).toBe(2);
    expect(trimmed.sections[2]?.papers.map((p) => p.score.total)).toEqual([990, 989, 988]);
    expect(countPapers(edition)).toBe(20);
  });

  // Size-budget trimming never leaves a section showing one paper (the catch-all "other" may).
  const scored = (slug: string, totals: number[]) => {
    const base = edition.sections[0] as (typeof edition.sections)[number];
    const paper = base.papers[0] as (typeof base.papers)[number];
    return {
      topic: { ...base.topic, slug },
      papers: totals.map((total, i) => ({ ...paper, id: `${slug}-${i}`, score: { ...paper.score, total } })),
      more: 0,
    };
  };
  it.each([
    {
      drop: 1,
      sections: [
        ['a', [90, 80]],
        ['b', [70, 10]],
      ],
      shown: 'a:2',
      more: 2,
    },
    {
      drop: 1,
      sections: [
        ['a', [90, 80]],
        ['b', [70, 60, 10]],
      ],
      shown: 'a:2 b:2',
      more: 0,
    },
    {
      drop: 2,
      sections: [
        ['a', [90, 80, 5]],
        ['b', [70, 60, 10]],
      ],
      shown: 'a:2 b:2',
      more: 0,
    },
    {
      drop: 1,
      sections: [
        ['a', [90, 80]],
        ['other', [70, 10]],
      ],
      shown: 'a:2 other:1',
      more: 0,
    },
    {
      drop: 1,
      sections: [
        ['a', [90]],
        ['b', [70, 60, 10]],
      ],
      shown: 'a:1 b:2',
      more: 0,
    },
  ] as const)('dropping $drop of $sections shows $shown', ({ drop, sections, shown, more }) => {
    const input = { ...edition, more: 0, sections: sections.map(([slug, t]) => scored(slug, [...t])) };
    const trimmed = dropLowestRanked(input, drop);
    expect(trimmed.sections.map((s) => `${s.topic.slug}:${s.papers.length}`).join(' ')).toBe(shown);
    expect(trimmed.more).toBe(more);
    const total = (e: typeof input) => countPapers(e) + e.more + e.sections.reduce((n, s) => n + s.more, 0);
    expect(total(trimmed)).toBe(total(input));
  });
});

describe('whyLine (issue 14: why a paper is in the letter)', () => {
  const base = {
    id: '2606.13681',
    title: 'T',
    url: 'https://arxiv.org/abs/2606.13681',
    authors: [],
    published: null,
    summary: '',
    aiSummary: null,
    keywords: [],
    score: { upvotes: 0, comments: 0, sources: 0, recency: 1, total: 1 },
  };
  const links = (hf: boolean) => ({
    abs: 'https://arxiv.org/abs/2606.13681',
    pdf: null,
    code: null,
    hf: hf ? 'https://huggingface.co/papers/2606.13681' : null,
  });
  it.each([
    [
      'HF daily paper with votes',
      { upvotes: 118, comments: 3, sources: ['hf'], categories: [], links: links(true) },
      '▲ 118 upvotes · 3 comments · in HF daily',
    ],
    [
      'in HF daily and an arXiv feed',
      { upvotes: 1, comments: 0, sources: ['hf', 'arxiv'], categories: ['cs.CL'], links: links(true) },
      '▲ 1 upvote · in HF daily and arXiv cs.CL',
    ],
    [
      'arXiv and one more feed',
      {
        upvotes: 0,
        comments: 0,
        sources: ['arxiv', 'api'],
        categories: ['cs.CL', 'cs.AI'],
        links: links(false),
      },
      'in arXiv cs.CL and 1 more feed',
    ],
    [
      'growth between refetches',
      { upvotes: 50, comments: 0, sources: ['hf'], categories: [], links: links(true), upvotesPerDay: 40.4 },
      '▲ 50 upvotes · +40 today · in HF daily',
    ],
    [
      'a generic feed alone says nothing',
      {
        upvotes: 0,
        comments: 0,
        sources: ['blog'],
        categories: ['news'],
        links: { abs: 'https://blog.example/a', pdf: null, code: null, hf: null },
      },
      '',
    ],
  ])('%s', (_, over, expected) => {
    const paper = { ...base, ...over };
    expect(whyLine(paper, paper.upvotes)).toBe(expected);
  });

  // A lab's letter of journal feeds: a card says which of its feeds list the paper, by the names
  // the config gives them, not "in 2 sources".
  const journal = { abs: 'https://pubmed.ncbi.nlm.nih.gov/1/', pdf: null, code: null, hf: null };
  const names = new Map([
    ['pubmed', 'PubMed search'],
    ['zookeys', 'ZooKeys'],
  ]);
  it.each([
    ['two named feeds', ['pubmed', 'zookeys'], 'in PubMed search and ZooKeys'],
    ['one named feed', ['zookeys'], 'in ZooKeys'],
    ['a named feed and an unnamed one', ['pubmed', 'blog'], 'in PubMed search and 1 more feed'],
    ['unnamed feeds: their number', ['blog', 'news'], 'in 2 sources'],
  ])('generic feeds, %s', (_, sources, expected) => {
    const paper = { ...base, upvotes: 0, comments: 0, sources, categories: [], links: journal };
    expect(whyLine(paper, 0, names)).toBe(expected);
  });

  it('arXiv and HF papers keep their venues whatever the names', () => {
    const paper = { ...base, upvotes: 0, comments: 0, sources: ['hf'], categories: [], links: links(true) };
    expect(whyLine(paper, 0, new Map([['hf', 'Hugging Face trending']]))).toBe('in HF daily');
  });
});
