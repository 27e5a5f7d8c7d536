import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/domain/index.js';
import { ageHours, type RankWeights, scorePaper } from '../../../src/rank/index.js';

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
    ['no date counts as age 0', null, 0],
    ['garbage date counts as age 0', 'not a date', 0],
    ['future date counts as age 0', '2026-06-13T12:00:00Z', 0],
  ])('%s', (_, published, hours) => {
    expect(ageHours(published, NOW)).toBeCloseTo(hours, 9);
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

  it('zero gravity means no decay', () => {
    const s = scorePaper(paper({ upvotes: 10, published: '2020-01-01T00:00:00Z' }), NOW, {
      ...WEIGHTS,
      gravity: 0,
    });
    expect(s.total).toBeCloseTo(11, 9);
  });
});
