import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/domain/index.js';
import {
  ageHours,
  dateUndated,
  paperDate,
  type RankWeights,
  scorePaper,
  windowEnd,
} from '../../../src/rank/index.js';

const NOW = new Date('2026-06-12T12:00:00Z');
const WEIGHTS: RankWeights = { upvotes: 1, comments: 0.5, sources: 2, recency: 1, gravity: 1.5 };

function paper(over: Partial<Paper> = {}): Paper {
  return {
    id: '2606.00001',
    title: 'A paper',
    url: '',
    authors: [],
    published: NOW.toISOString(),
    summary: '',
    aiSummary: null,
    keywords: [],
    categories: [],
    upvotes: 0,
    comments: 0,
    sources: ['hf'],
    links: { abs: null, pdf: null, code: null, hf: null },
    ...over,
  };
}

describe('ageHours', () => {
  it.each([
    ['same instant', NOW.toISOString(), 0],
    ['one day old', '2026-06-11T12:00:00Z', 24],
    ['no date is not trusted: the whole window', null, 72],
    ['garbage date is not trusted: the whole window', 'not a date', 72],
    ['a few hours ahead (time zones) counts as age 0', '2026-06-12T20:00:00Z', 0],
    ['far future date (2099) is not trusted: the whole window', '2099-01-01T00:00:00Z', 72],
    ['older than the window is as old as the window', '2024-11-28T05:00:00Z', 72],
  ])('%s', (_, published, hours) => {
    expect(ageHours(published, NOW)).toBeCloseTo(hours, 9);
  });

  it('caps at the window given', () => {
    expect(ageHours('2026-06-01T12:00:00Z', NOW, 240)).toBeCloseTo(240, 9);
    expect(ageHours('2026-06-11T12:00:00Z', NOW, 240)).toBeCloseTo(24, 9);
  });
});

describe('windowEnd', () => {
  it.each([
    [
      'the newest paper date when it is in the past',
      ['2024-11-27T05:00:00Z', '2024-11-28T05:00:00Z'],
      '2024-11-28T05:00:00.000Z',
    ],
    ['never after now', ['2026-06-12T18:00:00Z'], NOW.toISOString()],
    ['a 2099 date is ignored', ['2099-01-01T00:00:00Z', '2026-06-10T00:00:00Z'], '2026-06-10T00:00:00.000Z'],
    ['now when no paper has a date', [null], NOW.toISOString()],
  ])('%s', (_, dates, expected) => {
    const papers = dates.map((published) => ({ published, listedAt: null }));
    expect(windowEnd(papers, NOW).toISOString()).toBe(expected);
  });

  it('prefers when a paper reached a trending list over its arXiv date', () => {
    expect(paperDate({ published: '2026-05-30T00:00:00Z', listedAt: '2026-06-12T00:00:00Z' })).toBe(
      '2026-06-12T00:00:00Z',
    );
  });
});

describe('scorePaper', () => {
  it.each([
    [
      'fresh paper, no signals: only the recency point',
      paper(),
      { upvotes: 0, comments: 0, sources: 0, recency: 1 },
    ],
    [
      'upvotes count as they are',
      paper({ upvotes: 99 }),
      { upvotes: 99, comments: 0, sources: 0, recency: 1 },
    ],
    ['comments weigh half', paper({ comments: 3 }), { upvotes: 0, comments: 1.5, sources: 0, recency: 1 }],
    [
      'sources are log-damped',
      paper({ sources: ['a', 'b', 'c', 'd'] }),
      { upvotes: 0, comments: 0, sources: 4, recency: 1 },
    ],
    [
      'two sources add one doubling',
      paper({ sources: ['a', 'b'] }),
      { upvotes: 0, comments: 0, sources: 2, recency: 1 },
    ],
    [
      'duplicate source ids count once',
      paper({ sources: ['a', 'a'] }),
      { upvotes: 0, comments: 0, sources: 0, recency: 1 },
    ],
    [
      'negative counts are treated as 0',
      paper({ upvotes: -5 }),
      { upvotes: 0, comments: 0, sources: 0, recency: 1 },
    ],
  ])('%s', (_, p, parts) => {
    const s = scorePaper(p, NOW, WEIGHTS);
    expect(s.upvotes).toBeCloseTo(parts.upvotes, 9);
    expect(s.comments).toBeCloseTo(parts.comments, 9);
    expect(s.sources).toBeCloseTo(parts.sources, 9);
    expect(s.recency).toBeCloseTo(parts.recency, 9);
    expect(s.total).toBeCloseTo(parts.upvotes + parts.comments + parts.sources + parts.recency, 9);
  });

  it('decays every part by ((age + 2) / 2) ^ gravity', () => {
    const fresh = scorePaper(paper({ upvotes: 10 }), NOW, WEIGHTS);
    const old = scorePaper(paper({ upvotes: 10, published: '2026-06-11T12:00:00Z' }), NOW, WEIGHTS);
    const decay = (26 / 2) ** 1.5;
    expect(old.total).toBeCloseTo(fresh.total / decay, 9);
    expect(old.upvotes).toBeCloseTo(fresh.upvotes / decay, 9);
    expect(old.recency).toBeCloseTo(1 / decay, 9);
  });

  it.each([
    ['more upvotes rank higher at equal age', paper({ upvotes: 50 }), paper({ upvotes: 5 })],
    [
      'a fresher paper ranks higher at equal votes',
      paper({ upvotes: 5 }),
      paper({ upvotes: 5, published: '2026-06-10T12:00:00Z' }),
    ],
    ['a paper in more sources ranks higher', paper({ sources: ['a', 'b', 'c'] }), paper({ sources: ['a'] })],
    [
      'a day-old hit beats a fresh paper with no votes',
      paper({ upvotes: 200, published: '2026-06-11T20:00:00Z' }),
      paper(),
    ],
  ])('%s', (_, better, worse) => {
    expect(scorePaper(better, NOW, WEIGHTS).total).toBeGreaterThan(scorePaper(worse, NOW, WEIGHTS).total);
  });

  it('regression (issue 14): a 2099 date does not beat a day-old paper with 50 upvotes', () => {
    const future = scorePaper(paper({ published: '2099-01-01T00:00:00Z' }), NOW, WEIGHTS);
    const dayOld = scorePaper(paper({ upvotes: 50, published: '2026-06-11T12:00:00Z' }), NOW, WEIGHTS);
    expect(dayOld.total).toBeGreaterThan(future.total);
    expect(future.recency).toBeLessThan(0.01);
  });

  it('an HF paper is aged by when it reached the daily page, not by its arXiv date', () => {
    const hf = paper({ published: '2026-05-30T00:00:00Z', listedAt: '2026-06-12T10:00:00Z', upvotes: 10 });
    const s = scorePaper(hf, NOW, WEIGHTS);
    expect(s.upvotes).toBeCloseTo(10 / 2 ** 1.5, 9);
  });

  it('upvote growth between refetches adds its own part, weighted and decayed', () => {
    const s = scorePaper(paper({ upvotes: 10, upvotesPerDay: 30 }), NOW, { ...WEIGHTS, growth: 2 });
    expect(s.growth).toBeCloseTo(60, 9);
    expect(s.total).toBeCloseTo(10 + 60 + 1, 9);
    expect(scorePaper(paper({ upvotes: 10 }), NOW, { ...WEIGHTS, growth: 2 }).growth).toBe(0);
  });

  it('zero gravity means no decay', () => {
    const s = scorePaper(paper({ upvotes: 10, published: '2020-01-01T00:00:00Z' }), NOW, {
      ...WEIGHTS,
      gravity: 0,
    });
    expect(s.total).toBeCloseTo(11, 9);
  });
});

describe('dateUndated', () => {
  it.each<[string, Partial<Paper>, string | null | undefined]>([
    ['an undated feed item: from when Paperpost first saw it', { published: null }, NOW.toISOString()],
    ['a dated paper keeps its date', { published: '2026-06-10T00:00:00Z' }, undefined],
    [
      'a paper listed on a trending page keeps that',
      { published: null, listedAt: '2026-06-11T00:00:00Z' },
      '2026-06-11T00:00:00Z',
    ],
  ])('%s', (_, over, listedAt) => {
    const [out] = dateUndated([paper(over)], NOW);
    expect(out?.listedAt).toBe(listedAt);
  });

  it('ranks an undated paper seen now as fresh, not as old as the window', () => {
    const [undated] = dateUndated([paper({ published: null })], NOW);
    const dated = paper({ published: '2026-06-11T12:00:00Z' });
    const end = windowEnd([undated as Paper, dated], NOW);
    expect(scorePaper(undated as Paper, end, WEIGHTS).total).toBeGreaterThan(
      scorePaper(dated, end, WEIGHTS).total,
    );
  });
});
