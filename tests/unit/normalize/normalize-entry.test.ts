import { describe, expect, it } from 'vitest';
import { authorKey, normalizeEntry } from '../../../src/normalize/index.js';
import { rawEntry } from './helpers.js';

describe('normalizeEntry', () => {
  it('maps an arXiv RSS entry to a Paper with arXiv links', () => {
    const p = normalizeEntry(
      rawEntry({
        sourceId: 'arxiv-cs',
        kind: 'arxiv-rss',
        guid: 'oai:arXiv.org:2411.17700v1',
        title: '  A  Title\n  on two lines ',
        url: 'https://arxiv.org/abs/2411.17700',
        authors: ['Jun Cui', 'Jun  Cui', 'Ann Lee'],
        published: '2024-11-28T05:00:00.000Z',
        summary: 'We show that p<0.05 & more.',
        categories: ['cs.CY', 'cs.CY'],
      }),
    );
    expect(p).toEqual({
      id: '2411.17700',
      title: 'A Title on two lines',
      url: 'https://arxiv.org/abs/2411.17700',
      authors: ['Jun Cui', 'Ann Lee'],
      published: '2024-11-28T05:00:00.000Z',
      summary: 'We show that p<0.05 & more.',
      aiSummary: null,
      keywords: [],
      categories: ['cs.CY'],
      upvotes: 0,
      comments: 0,
      sources: ['arxiv-cs'],
      links: {
        abs: 'https://arxiv.org/abs/2411.17700',
        pdf: 'https://arxiv.org/pdf/2411.17700',
        code: null,
        hf: null,
      },
    });
  });

  it('maps an HF entry with hf and code links, upvotes and comments', () => {
    const p = normalizeEntry(
      rawEntry({
        sourceId: 'hf',
        kind: 'hf-daily',
        guid: '2607.23193',
        url: 'https://huggingface.co/papers/2607.23193',
        upvotes: 3,
        comments: 2,
        aiSummary: 'Short.',
        keywords: ['LLM', 'llm', 'tokens'],
        githubRepo: 'https://github.com/MAC-AutoML/OmniScope',
      }),
    );
    expect(p?.links).toEqual({
      abs: 'https://arxiv.org/abs/2607.23193',
      pdf: 'https://arxiv.org/pdf/2607.23193',
      code: 'https://github.com/MAC-AutoML/OmniScope',
      hf: 'https://huggingface.co/papers/2607.23193',
    });
    expect([p?.upvotes, p?.comments, p?.aiSummary, p?.keywords]).toEqual([3, 2, 'Short.', ['LLM', 'tokens']]);
  });

  it('keeps a non-arXiv paper under its canonical URL, with only safe links', () => {
    const p = normalizeEntry(
      rawEntry({
        url: 'http://Blog.example.com/post/1/?utm_source=x',
        pdfUrl: 'javascript:alert(1)',
        githubRepo: 'data:text/html,x',
        title: '<script>alert(1)</script>Real <b>title</b>',
        summary: '<p onclick="x()">Hello <img src=x onerror=alert(1)>world</p>',
      }),
    );
    expect(p).toMatchObject({
      id: 'https://blog.example.com/post/1',
      // The link as the feed gives it, without its tracker.
      url: 'http://blog.example.com/post/1/',
      title: 'Real title',
      summary: 'Hello world',
      links: { abs: 'http://blog.example.com/post/1/', pdf: null, code: null, hf: null },
    });
  });

  it('uses doi.org for a DOI-only paper', () => {
    const p = normalizeEntry(rawEntry({ doi: '10.1000/ABC', url: 'ftp://x' }));
    expect([p?.id, p?.url]).toEqual(['doi:10.1000/abc', 'https://doi.org/10.1000/abc']);
  });

  it.each([
    ['no id', rawEntry({ guid: 'urn:nothing' })],
    ['no title', rawEntry({ guid: '2401.00001', title: '   ' })],
    ['title only markup', rawEntry({ guid: '2401.00001', title: '<img src=x>' })],
  ])('returns undefined for %s', (_name, entry) => {
    expect(normalizeEntry(entry)).toBeUndefined();
  });

  it('cuts the summary to maxSummaryChars', () => {
    const p = normalizeEntry(rawEntry({ guid: '2401.00001', summary: 'word '.repeat(100) }), {
      maxSummaryChars: 30,
    });
    expect(p?.summary.length).toBeLessThanOrEqual(30);
    expect(p?.summary.endsWith('…')).toBe(true);
  });

  it('turns a garbage date into null', () => {
    expect(
      normalizeEntry(rawEntry({ guid: '2401.00001', published: 'yesterday-ish' }))?.published,
    ).toBeNull();
  });
});

// Regression, issue 15 finding 1: a feed's 2147483648 or 1e308 upvotes reached the store (which
// PostgreSQL refused, stopping the run) and the mail ("1e+308 upvotes").
describe('normalizeEntry bounds every count a feed sends', () => {
  it.each([
    [42, 42],
    [42.9, 42],
    [1_000_000_000, 1_000_000_000],
    [2147483648, 0],
    [1e308, 0],
    [Number.POSITIVE_INFINITY, 0],
    [Number.NaN, 0],
    [-1, 0],
    [null, 0],
  ])('upvotes and comments %s -> %s', (given, expected) => {
    const p = normalizeEntry(
      rawEntry({ kind: 'hf-daily', guid: '2411.17700', upvotes: given, comments: given }),
    );
    expect(p?.upvotes).toBe(expected);
    expect(p?.comments).toBe(expected);
  });
});

describe('authorKey', () => {
  // ASCII names take a fast path; each pair must key the same as through NFKD (the slow path).
  it.each([
    ['J. Doe', 'J Doe', true],
    ['Jean-Luc Picard', 'jean luc picard', true],
    ['José Núñez', 'Jose Nunez', true],
    ['Zoë Ｘu', 'zoe xu', true],
    ["O'Brien, K.", 'OBrien K', true],
    ['Ann Lee', 'Anne Lee', false],
    ['李 明', '李明', true],
    ['Jörg', 'Jorg 2', false],
  ])('%s and %s are one author: %s', (a, b, same) => {
    expect(authorKey(a) === authorKey(b)).toBe(same);
  });

  it.each([
    ['J. Doe', 'jdoe'],
    ["  Mary-Ann  O'Neil ", 'maryannoneil'],
    ['José Núñez', 'josenunez'],
    ['', ''],
  ])('keys %j as %j', (name, key) => {
    expect(authorKey(name)).toBe(key);
  });
});
