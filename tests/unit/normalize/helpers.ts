import type { Paper, RawEntry } from '../../../src/domain/index.js';

/** A RawEntry with defaults, for tables. */
export function rawEntry(fields: Partial<RawEntry>): RawEntry {
  return {
    sourceId: 's',
    kind: 'rss',
    guid: null,
    title: 'Title',
    url: null,
    authors: [],
    published: null,
    summary: null,
    aiSummary: null,
    keywords: [],
    categories: [],
    upvotes: null,
    comments: null,
    githubRepo: null,
    pdfUrl: null,
    doi: null,
    announceType: null,
    ...fields,
  };
}

/** A Paper with defaults, for tables. */
export function paper(fields: Partial<Paper>): Paper {
  return {
    id: '2401.00001',
    title: 'Title',
    url: 'https://arxiv.org/abs/2401.00001',
    authors: [],
    published: null,
    summary: '',
    aiSummary: null,
    keywords: [],
    categories: [],
    upvotes: 0,
    comments: 0,
    sources: ['s'],
    links: { abs: null, pdf: null, code: null, hf: null },
    ...fields,
  };
}
