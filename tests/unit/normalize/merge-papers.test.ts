import { describe, expect, it } from 'vitest';
import { mergePapers } from '../../../src/normalize/index.js';
import { paper } from './helpers.js';

const arxiv = paper({
  id: '2401.00001',
  title: 'arXiv title',
  url: 'https://arxiv.org/abs/2401.00001',
  authors: ['A One', 'B Two', 'C Three'],
  summary: 'The full arXiv abstract, which is the longest one.',
  published: '2024-01-02T00:00:00.000Z',
  categories: ['cs.LG', 'cs.AI'],
  sources: ['arxiv'],
  links: {
    abs: 'https://arxiv.org/abs/2401.00001',
    pdf: 'https://arxiv.org/pdf/2401.00001',
    code: null,
    hf: null,
  },
});
const hf = paper({
  id: '2401.00001',
  title: 'HF title',
  url: 'https://arxiv.org/abs/2401.00001',
  authors: ['B. Two', 'D Four'],
  summary: 'Short.',
  aiSummary: 'AI says.',
  published: '2024-01-01T00:00:00.000Z',
  keywords: ['LLM'],
  upvotes: 12,
  comments: 3,
  sources: ['hf'],
  links: {
    abs: 'https://arxiv.org/abs/2401.00001',
    pdf: 'https://arxiv.org/pdf/2401.00001',
    code: 'https://github.com/x/y',
    hf: 'https://huggingface.co/papers/2401.00001',
  },
});
const other = paper({ id: 'https://example.com/a', title: 'Other', sources: ['blog'], upvotes: 1 });

describe('mergePapers', () => {
  it('merges records of one paper and keeps the order of first appearance', () => {
    const merged = mergePapers([hf, other, arxiv]);
    expect(merged.map((p) => p.id)).toEqual(['2401.00001', 'https://example.com/a']);
    expect(merged[0]).toEqual({
      id: '2401.00001',
      title: 'arXiv title',
      url: 'https://arxiv.org/abs/2401.00001',
      authors: ['A One', 'B Two', 'C Three', 'D Four'],
      published: '2024-01-01T00:00:00.000Z',
      summary: 'The full arXiv abstract, which is the longest one.',
      aiSummary: 'AI says.',
      keywords: ['LLM'],
      categories: ['cs.LG', 'cs.AI'],
      upvotes: 12,
      comments: 3,
      sources: ['hf', 'arxiv'],
      links: {
        abs: 'https://arxiv.org/abs/2401.00001',
        pdf: 'https://arxiv.org/pdf/2401.00001',
        code: 'https://github.com/x/y',
        hf: 'https://huggingface.co/papers/2401.00001',
      },
    });
    expect(merged[1]).toBe(other);
  });

  it.each([
    ['empty', [], 0],
    ['one', [arxiv], 1],
    ['same source twice', [arxiv, arxiv], 1],
  ])('%s', (_name, input, length) => {
    const merged = mergePapers(input);
    expect(merged).toHaveLength(length);
    if (length) expect(merged[0]?.sources).toEqual(['arxiv']);
  });

  it('is idempotent', () => {
    const once = mergePapers([arxiv, hf, other]);
    expect(mergePapers(once)).toEqual(once);
  });
});
