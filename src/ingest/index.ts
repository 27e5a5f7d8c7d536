export { charsetFromContentType, charsetFromProlog, decodeBody } from './decode-body.js';
export { detectKind, type Sniffed, sniffDocument } from './detect-kind.js';
export { type FetchOptions, type FetchResult, fetchSource, isHttpLocation } from './fetch-source.js';
export { count, isoDate } from './fields.js';
export { splitArxivDescription, splitAuthorList } from './parse-arxiv-rss.js';
export { DEFAULT_MAX_FEED_CHARS, type ParseFeedOptions, parseFeed } from './parse-feed.js';
export { backoffDelay, isRetryableStatus } from './retry.js';
export { assertNoEntityDeclarations, rootElement } from './xml-guard.js';
