/** Kinds of source Paperpost can read. `auto` sniffs the content. */
export type SourceKind = 'rss' | 'arxiv-rss' | 'arxiv-api' | 'hf-daily';

/** One entry as a parser saw it, before canonical ids and merging. Text may still hold HTML. */
export interface RawEntry {
  sourceId: string;
  kind: SourceKind;
  guid: string | null;
  title: string;
  url: string | null;
  authors: string[];
  /** ISO 8601 UTC, or null when the feed gave none or garbage. */
  published: string | null;
  summary: string | null;
  aiSummary: string | null;
  keywords: string[];
  categories: string[];
  upvotes: number | null;
  comments: number | null;
  githubRepo: string | null;
  pdfUrl: string | null;
  doi: string | null;
  /** arXiv RSS `arxiv:announce_type` (new, cross, replace, replace-cross), else null. */
  announceType: string | null;
  /** Preview image of the paper (the HF API's `thumbnail`), when the source has one. */
  thumbnail?: string | null;
  /** When the entry reached the source's trending list (HF `submittedOnDailyAt`), ISO 8601 UTC. */
  listedAt?: string | null;
}

/** Feed-level facts a parser reports. */
export interface FeedInfo {
  title: string | null;
  link: string | null;
  kind: SourceKind;
}

export interface ParsedFeed {
  feed: FeedInfo;
  entries: RawEntry[];
}

export interface PaperLinks {
  abs: string | null;
  pdf: string | null;
  code: string | null;
  hf: string | null;
}

/**
 * One research paper under its canonical id (arXiv id without version, else `doi:...`, else the
 * canonical URL), merged from every source that listed it. All text is plain and sanitized.
 */
export interface Paper {
  id: string;
  title: string;
  url: string;
  authors: string[];
  published: string | null;
  summary: string;
  aiSummary: string | null;
  keywords: string[];
  categories: string[];
  upvotes: number;
  comments: number;
  /** Source ids that listed this paper. */
  sources: string[];
  links: PaperLinks;
  /** Preview image (http(s)), when a source has one. */
  thumbnail?: string | null;
  /**
   * When the paper reached a trending list (HF daily page), else when Paperpost first saw it on
   * one; null or absent for papers aged by their own date. Recency counts from here.
   */
  listedAt?: string | null;
  /** Upvotes gained per day between the stored snapshots of its sources; absent with one snapshot. */
  upvotesPerDay?: number;
}

/**
 * Whether readers pushed a paper up: upvotes, comments, or several sources listing it. A letter of
 * listings alone (arXiv, an RSS feed without votes) has none of it.
 */
export function pushedByReaders(paper: Pick<Paper, 'upvotes' | 'comments' | 'sources'>): boolean {
  return paper.upvotes > 0 || paper.comments > 0 || paper.sources.length > 1;
}

/** Trending score with its parts, for `rank --explain`. */
export interface ScoreParts {
  upvotes: number;
  comments: number;
  sources: number;
  recency: number;
  /** Upvote growth between refetches (absent in editions stored before it existed). */
  growth?: number;
  total: number;
}

export interface RankedPaper extends Paper {
  score: ScoreParts;
  /**
   * Below the edition's grouping pool, in its topic by its title alone (see planEdition): a
   * reader's cut puts the papers of the pool before it, those naming the topic second included.
   */
  belowPool?: true;
}
