import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/domain/index.js';
import { mergePaperSignals } from '../../../src/store/papers.js';

const base: Paper = {
  id: '2501.00001',
  title: 'Known title',
  url: 'https://arxiv.org/abs/2501.00001',
  authors: ['A'],
  published: '2025-01-01T00:00:00.000Z',
  summary: 'medium summary',
  aiSummary: null,
  keywords: ['a'],
  categories: ['cs.LG'],
  upvotes: 5,
  comments: 2,
  sources: ['arxiv'],
  links: { abs: 'https://arxiv.org/abs/2501.00001', pdf: null, code: null, hf: null },
};

describe('mergePaperSignals', () => {
  it.each<[string, Partial<Paper>, Partial<Paper>]>([
    ['keeps the higher upvotes', { upvotes: 3 }, { upvotes: 5 }],
    ['takes higher upvotes from the newcomer', { upvotes: 50 }, { upvotes: 50 }],
    ['takes the max of comments', { comments: 9 }, { comments: 9 }],
    ['unions sources in order', { sources: ['hf', 'arxiv'] }, { sources: ['arxiv', 'hf'] }],
    ['unions keywords', { keywords: ['b', 'a'] }, { keywords: ['a', 'b'] }],
    ['unions categories', { categories: ['cs.CL'] }, { categories: ['cs.LG', 'cs.CL'] }],
    ['keeps the longer summary', { summary: 'short' }, { summary: 'medium summary' }],
    [
      'takes a longer summary',
      { summary: 'a much longer summary text' },
      { summary: 'a much longer summary text' },
    ],
    ['fills a missing AI summary', { aiSummary: 'tl;dr' }, { aiSummary: 'tl;dr' }],
    ['keeps the known title', { title: 'Other title' }, { title: 'Known title' }],
    [
      'keeps the known date',
      { published: '2025-02-01T00:00:00.000Z' },
      { published: '2025-01-01T00:00:00.000Z' },
    ],
    ['takes the longer author list', { authors: ['A', 'B'] }, { authors: ['A', 'B'] }],
    [
      'fills missing links only',
      { links: { abs: 'x', pdf: 'p', code: 'c', hf: 'h' } },
      { links: { abs: 'https://arxiv.org/abs/2501.00001', pdf: 'p', code: 'c', hf: 'h' } },
    ],
  ])('%s', (_name, next, expected) => {
    expect(mergePaperSignals(base, { ...base, ...next })).toEqual({ ...base, ...expected });
  });

  it('fills an empty known title from the newcomer', () => {
    expect(mergePaperSignals({ ...base, title: '' }, { ...base, title: 'New' }).title).toBe('New');
  });
});
