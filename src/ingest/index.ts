export { charsetFromContentType, charsetFromProlog, decodeBody } from './decode-body.js';
export { detectKind, type Sniffed, sniffDocument } from './detect-kind.js';
export {
  ARXIV_API_INTERVAL_MS,
  addDays,
  arxivApiUrl,
  arxivRssUrl,
  type Endpoints,
  hfDailyUrl,
  isoWeek,
  LIVE_ENDPOINTS,
} from './endpoints.js';
export { type FetchOptions, type FetchResult, fetchSource, isHttpLocation } from './fetch-source.js';
export { count, isoDate } from './fields.js';
export { type Clock, createHostPacer, type HostPacer, systemClock } from './host-pacer.js';
export { type OpmlFeed, opmlSources, parseOpml } from './opml.js';
export { splitArxivDescription, splitAuthorList } from './parse-arxiv-rss.js';
export { DEFAULT_MAX_FEED_CHARS, type ParseFeedOptions, parseFeed } from './parse-feed.js';
export { type ReadSourceOptions, readSource, type SourceRead } from './read-source.js';
export {
  HF_LOOKBACK_DAYS,
  type ResolveContext,
  type ResolvedSource,
  resolveSource,
} from './resolve-source.js';
export { isRetryableStatus } from './retry.js';
export { assertNoEntityDeclarations, rootElement } from './xml-guard.js';
