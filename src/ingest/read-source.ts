import type { ParsedFeed, RawEntry, SourceState } from '../domain/index.js';
import { arxivApiUrl, hfDailyUrl } from './endpoints.js';
import { type FetchOptions, fetchSource } from './fetch-source.js';
import { parseFeed } from './parse-feed.js';
import type { ReadPlan, ResolvedSource } from './resolve-source.js';

export interface ReadSourceOptions extends FetchOptions {
  /** Keep at most this many entries of the source. */
  maxEntries?: number;
}

/** What reading a source brought: its entries (all pages), the cache headers and every URL asked. */
export interface SourceRead {
  status: 'ok' | 'not-modified';
  feed: ParsedFeed;
  etag: string | null;
  lastModified: string | null;
  /** URLs requested, in order (local files too, as file: URLs). */
  requests: string[];
}

type Page = { status: 'ok'; feed: ParsedFeed; text: string } | { status: 'not-modified' };

/**
 * Reads a resolved source: one document, or the pages of the Hugging Face or arXiv API. Only the
 * first request is conditional (ETag, Last-Modified; not for Hugging Face, whose URL moves with
 * the date); a 304 there means "nothing new". Every
 * request goes through the options' pacer. Throws the first failing request's error.
 */
export async function readSource(
  source: ResolvedSource,
  state: SourceState | undefined,
  options: ReadSourceOptions,
): Promise<SourceRead> {
  const requests: string[] = [];
  let cache: { etag: string | null; lastModified: string | null } = { etag: null, lastModified: null };
  const get = async (url: string): Promise<Page> => {
    const first = requests.length === 0;
    requests.push(url);
    const spec = {
      id: source.id,
      kind: source.kind,
      location: url,
      includeReplacements: source.includeReplacements,
    };
    // The Hugging Face URL changes with the edition's date, and two empty days share one ETag:
    // a conditional GET there could take Sunday's empty list for Saturday's and stop looking back.
    const conditional = first && source.plan.type !== 'hf';
    const fetched = await fetchSource(spec, conditional ? state : undefined, options);
    if (conditional) cache = { etag: fetched.etag, lastModified: fetched.lastModified };
    if (fetched.status === 'not-modified') return { status: 'not-modified' };
    const feed = await parseFeed(fetched.text, {
      sourceId: source.id,
      kind: source.kind,
      includeReplacements: source.includeReplacements,
    });
    return { status: 'ok', feed, text: fetched.text };
  };
  const done = (feed: ParsedFeed | null): SourceRead => {
    if (!feed)
      return {
        status: 'not-modified',
        feed: { feed: { title: null, link: null, kind: 'rss' }, entries: [] },
        ...cache,
        requests,
      };
    const max = options.maxEntries;
    if (max !== undefined && feed.entries.length > max) feed.entries = feed.entries.slice(0, max);
    return { status: 'ok', feed, ...cache, requests };
  };
  const plan: ReadPlan = source.plan;
  if (plan.type === 'single') {
    const page = await get(source.url);
    return done(page.status === 'ok' ? page.feed : null);
  }
  if (plan.type === 'hf') {
    let last: ParsedFeed | null = null;
    for (const list of plan.lists) {
      const collected = await readPages(plan.maxResults, plan.pageSize, (page) =>
        get(hfDailyUrl(plan.base, list, { sort: plan.sort, limit: plan.pageSize, page })),
      );
      if (collected === null) return done(null);
      last = collected;
      // An empty list (a weekend, today's not yet filled) sends the edition to the day before.
      if (collected.entries.length > 0) break;
    }
    return done(last);
  }
  const collected = await readPages(plan.maxResults, plan.pageSize, (page, text) => {
    const start = page * plan.pageSize;
    const total = text === null ? undefined : totalResults(text);
    if (total !== undefined && start >= total) return null;
    return get(arxivApiUrl(plan.base, plan.query, start, Math.min(plan.pageSize, plan.maxResults - start)));
  });
  return done(collected);
}

/**
 * Pages until one comes back short or repeats, or `maxResults` entries are in. `next` may return
 * null to stop (the server said there are no more). Returns null for a 304 on the first page.
 */
async function readPages(
  maxResults: number,
  pageSize: number,
  next: (page: number, previousText: string | null) => Promise<Page> | null,
): Promise<ParsedFeed | null> {
  let feed: ParsedFeed | null = null;
  const entries: RawEntry[] = [];
  const seen = new Set<string>();
  let previous: string | null = null;
  for (let page = 0; entries.length < maxResults; page++) {
    const pending = next(page, previous);
    if (!pending) break;
    const result = await pending;
    if (result.status === 'not-modified') return page === 0 ? null : (feed ?? null);
    feed ??= result.feed;
    let fresh = 0;
    for (const entry of result.feed.entries) {
      const key = entry.guid ?? entry.url ?? entry.title;
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push(entry);
      fresh++;
    }
    previous = result.text;
    // A short page is the last; a page of nothing new means the server ignores paging.
    if (result.feed.entries.length < pageSize || fresh === 0) break;
  }
  if (!feed) return null;
  return { feed: feed.feed, entries: entries.slice(0, maxResults) };
}

/** `opensearch:totalResults` of an arXiv API reply. */
function totalResults(text: string): number | undefined {
  const match = /<opensearch:totalResults[^>]*>\s*(\d+)\s*</.exec(text);
  return match ? Number(match[1]) : undefined;
}
