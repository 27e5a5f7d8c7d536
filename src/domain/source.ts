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
