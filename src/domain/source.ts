import type { SourceKind } from './paper.js';

/** What the store remembers of a source between runs. */
export interface SourceState {
  id: string;
  etag: string | null;
  lastModified: string | null;
  lastStatus: string | null;
  lastFetchedAt: string | null;
  failuresInRow: number;
  lastError: string | null;
}

export interface SourceSpec {
  id: string;
  kind: SourceKind | 'auto';
  /** http(s) URL or local path. */
  location: string;
  /** arXiv RSS: keep `replace` announcements (default false). */
  includeReplacements: boolean;
}

/** Which Hugging Face list a source reads: the edition's (day for daily, week for weekly), or fixed. */
export type HfPeriod = 'edition' | 'day' | 'week';

/**
 * A source as the operator configures it: by meaning (arXiv categories, an arXiv search, the
 * Hugging Face list) or by `location` (any feed URL or file, or an OPML list of feeds).
 */
export interface SourceConfig {
  id: string;
  kind: SourceKind | 'auto' | 'opml';
  /** http(s) URL or local path; optional for kinds that know their endpoint. */
  location?: string | undefined;
  includeReplacements: boolean;
  /** arxiv-rss: categories such as `cs.CL`, read as one combined feed. */
  categories?: string[] | undefined;
  /** arxiv-api: a query in arXiv's search syntax (`abs:"long context"`). */
  query?: string | undefined;
  /** arxiv-api: most results read per run; hf-daily: most papers per list. */
  maxResults?: number | undefined;
  /** Results per request (arXiv API `max_results`, HF `limit`). */
  pageSize?: number | undefined;
  /** hf-daily: `trending` or `publishedAt`. */
  sort?: 'trending' | 'publishedAt' | undefined;
  /** hf-daily: the list to read (default: the edition's). */
  period?: HfPeriod | undefined;
}
