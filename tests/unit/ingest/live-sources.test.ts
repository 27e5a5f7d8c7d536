import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/domain/index.js';
import {
  arxivRssUrl,
  createHostPacer,
  hfDailyUrl,
  isoWeek,
  LIVE_ENDPOINTS,
  type ReadSourceOptions,
  readSource,
  resolveSource,
} from '../../../src/ingest/index.js';
import { FEEDS, LIVE, type StandIn, startStandIn, virtualClock } from '../../helpers/stand-in-hosts.js';

const source = (over: Partial<SourceConfig> & Pick<SourceConfig, 'id' | 'kind'>): SourceConfig => ({
  includeReplacements: false,
  ...over,
});

describe('resolveSource: each kind knows its live endpoint', () => {
  const ctx = {
    day: '2026-06-13',
    frequency: 'daily' as const,
    endpoints: LIVE_ENDPOINTS,
    baseDir: '/srv/pp',
  };
  it.each([
    [
      'HF daily: the last full day, trending',
      source({ id: 'hf', kind: 'hf-daily' }),
      ctx,
      'https://huggingface.co/api/daily_papers?date=2026-06-12&sort=trending&limit=50&p=0',
    ],
    [
      'HF daily sorted by publishedAt, 20 a page',
      source({ id: 'hf', kind: 'hf-daily', sort: 'publishedAt', pageSize: 20 }),
      ctx,
      'https://huggingface.co/api/daily_papers?date=2026-06-12&sort=publishedAt&limit=20&p=0',
    ],
    [
      'HF for a weekly edition: the last full ISO week',
      source({ id: 'hf', kind: 'hf-daily' }),
      { ...ctx, day: '2026-06-15', frequency: 'weekly' as const },
      'https://huggingface.co/api/daily_papers?week=2026-W24&sort=trending&limit=50&p=0',
    ],
    [
      'HF period "week" in a daily edition: the week of yesterday',
      source({ id: 'hf', kind: 'hf-daily', period: 'week' }),
      ctx,
      'https://huggingface.co/api/daily_papers?week=2026-W24&sort=trending&limit=50&p=0',
    ],
    [
      'arXiv RSS by categories: one combined feed',
      source({ id: 'ax', kind: 'arxiv-rss', categories: ['cs.CL', 'cs.LG'] }),
      ctx,
      'https://rss.arxiv.org/rss/cs.CL+cs.LG',
    ],
    [
      'arXiv API saved search: newest submissions first, first page',
      source({ id: 'q', kind: 'arxiv-api', query: 'abs:"long context"', maxResults: 50 }),
      ctx,
      'https://export.arxiv.org/api/query?search_query=abs%3A%22long+context%22&sortBy=submittedDate&sortOrder=descending&start=0&max_results=50',
    ],
    [
      'a location wins over the endpoint (any feed URL)',
      source({ id: 'f', kind: 'rss', location: 'https://example.org/feed.xml' }),
      ctx,
      'https://example.org/feed.xml',
    ],
    [
      'a relative file resolves against the config folder',
      source({ id: 'f', kind: 'auto', location: 'feeds/x.xml' }),
      ctx,
      'file:///srv/pp/feeds/x.xml',
    ],
    [
      'the host is a setting (a stand-in with a path prefix)',
      source({ id: 'ax', kind: 'arxiv-rss', categories: ['hep-th'] }),
      { ...ctx, endpoints: { ...LIVE_ENDPOINTS, arxivRss: 'http://127.0.0.1:9/arxiv-rss/' } },
      'http://127.0.0.1:9/arxiv-rss/rss/hep-th',
    ],
  ])('%s', (_name, config, context, url) => {
    expect(resolveSource(config, context).url).toBe(url);
  });

  it('names the source and what is missing when it has neither location nor meaning', () => {
    expect(() => resolveSource(source({ id: 'ax', kind: 'arxiv-rss' }), ctx)).toThrow(
      'source ax: kind arxiv-rss needs a location or categories',
    );
  });

  it.each([
    ['2026-06-12', '2026-W24'],
    ['2026-01-01', '2026-W01'], // a Thursday: week 1
    ['2027-01-01', '2026-W53'], // a Friday: last week of 2026
    ['2024-12-30', '2025-W01'], // a Monday in week 1 of the next year
    ['2026-06-15', '2026-W25'],
  ])('isoWeek(%s) = %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });

  it('builds paged HF URLs and encodes categories', () => {
    expect(hfDailyUrl('http://h/', { date: '2026-06-12' }, { sort: 'trending', limit: 10, page: 2 })).toBe(
      'http://h/api/daily_papers?date=2026-06-12&sort=trending&limit=10&p=2',
    );
    expect(arxivRssUrl('https://rss.arxiv.org', ['astro-ph.GA', 'q-bio.NC'])).toBe(
      'https://rss.arxiv.org/rss/astro-ph.GA+q-bio.NC',
    );
  });
});

describe('readSource against a stand-in for the live hosts', () => {
  let stand: StandIn;
  let clock: ReturnType<typeof virtualClock>;
  let options: ReadSourceOptions;

  beforeAll(async () => {
    clock = virtualClock();
    stand = await startStandIn(() => clock.now());
  });
  afterAll(() => stand.close());
  beforeEach(() => {
    stand.requests.length = 0;
    stand.hf.clear();
    stand.rss.clear();
    stand.api.clear();
    stand.apiDefault = null;
    clock.sleeps.length = 0;
    options = {
      timeoutMs: 5000,
      maxBytes: 5_000_000,
      retries: 2,
      userAgent: 'Paperpost/test (mailto:ops@example.org)',
      backoffMs: 1,
      sleep: (ms) => clock.sleep(ms),
      pacer: createHostPacer({
        defaultIntervalMs: 0,
        intervals: { [new URL(stand.base).host]: 3000 },
        clock,
      }),
    };
  });

  const ctx = (day: string, frequency: 'daily' | 'weekly' = 'daily') => ({
    day,
    frequency,
    endpoints: stand.endpoints,
    baseDir: '.',
  });

  it('HF: pages a day of 30 papers by limit and p until a short page', async () => {
    stand.hf.set('2026-06-12', path.join(LIVE, 'hf-daily-papers_2026-06-12.json'));
    const resolved = resolveSource(source({ id: 'hf', kind: 'hf-daily', pageSize: 12 }), ctx('2026-06-13'));
    const read = await readSource(resolved, undefined, options);
    expect(read.status).toBe('ok');
    expect(read.feed.entries).toHaveLength(30);
    expect(stand.requests.map((r) => r.url.search)).toEqual([
      '?date=2026-06-12&sort=trending&limit=12&p=0',
      '?date=2026-06-12&sort=trending&limit=12&p=1',
      '?date=2026-06-12&sort=trending&limit=12&p=2',
    ]);
    expect(read.requests).toHaveLength(3);
    expect(new Set(read.feed.entries.map((e) => e.guid)).size).toBe(30);
  });

  it('HF: stops at maxResults', async () => {
    stand.hf.set('2026-06-12', path.join(LIVE, 'hf-daily-papers_2026-06-12.json'));
    const resolved = resolveSource(
      source({ id: 'hf', kind: 'hf-daily', pageSize: 10, maxResults: 20 }),
      ctx('2026-06-13'),
    );
    const read = await readSource(resolved, undefined, options);
    expect(read.feed.entries).toHaveLength(20);
    expect(stand.requests).toHaveLength(2);
  });

  it('HF: a Monday edition finds Sunday and Saturday empty and reads Friday', async () => {
    stand.hf.set('2026-07-31', path.join(FEEDS, 'hf-daily-2026-07-31.json')); // a Friday
    const resolved = resolveSource(source({ id: 'hf', kind: 'hf-daily' }), ctx('2026-08-03'));
    const read = await readSource(resolved, undefined, options);
    expect(stand.requests.map((r) => r.url.searchParams.get('date'))).toEqual([
      '2026-08-02',
      '2026-08-01',
      '2026-07-31',
    ]);
    expect(read.feed.entries).toHaveLength(5);
  });

  it('HF: no conditional GET (empty days share an ETag), so a stored ETag cannot stop the look-back', async () => {
    stand.hf.set('2026-07-31', path.join(FEEDS, 'hf-daily-2026-07-31.json'));
    const state = {
      id: 'hf',
      etag: '"empty-list"',
      lastModified: 'Sat, 01 Aug 2026 08:00:00 GMT',
      lastStatus: 'ok',
      lastFetchedAt: null,
      failuresInRow: 0,
      lastError: null,
    };
    const resolved = resolveSource(source({ id: 'hf', kind: 'hf-daily' }), ctx('2026-08-03'));
    const read = await readSource(resolved, state, options);
    expect(stand.requests.map((r) => r.headers['if-none-match'] ?? r.headers['if-modified-since'])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(read.feed.entries).toHaveLength(5);
  });

  it('HF: a weekly edition reads the last full week', async () => {
    stand.hf.set('2026-W24', path.join(LIVE, 'hf-daily-papers_2026-06-12.json'));
    const resolved = resolveSource(source({ id: 'hf', kind: 'hf-daily' }), ctx('2026-06-15', 'weekly'));
    const read = await readSource(resolved, undefined, options);
    expect(read.feed.entries).toHaveLength(30);
    expect(stand.requests[0]?.url.searchParams.get('week')).toBe('2026-W24');
  });

  it('arXiv RSS by categories: the combined feed, replacements skipped as before', async () => {
    stand.rss.set('cs.CL+cs.LG', path.join(FEEDS, 'arxiv-rss-all-archives-slice.xml'));
    const config = source({ id: 'ax', kind: 'arxiv-rss', categories: ['cs.CL', 'cs.LG'] });
    const read = await readSource(resolveSource(config, ctx('2026-06-13')), undefined, options);
    expect(stand.requests[0]?.path).toBe('/arxiv-rss/rss/cs.CL+cs.LG');
    expect(read.feed.entries).toHaveLength(12); // 14 items, 2 of them "replace"
    expect(read.feed.entries.every((e) => !e.announceType?.startsWith('replace'))).toBe(true);
    const all = await readSource(
      resolveSource({ ...config, includeReplacements: true }, ctx('2026-06-13')),
      undefined,
      options,
    );
    expect(all.feed.entries).toHaveLength(14);
  });

  it('arXiv RSS: conditional GET kept (ETag sent, 304 is "not modified")', async () => {
    stand.rss.set('cs.CL', path.join(FEEDS, 'arxiv-rss-all-archives-slice.xml'));
    const resolved = resolveSource(
      source({ id: 'ax', kind: 'arxiv-rss', categories: ['cs.CL'] }),
      ctx('2026-06-13'),
    );
    const first = await readSource(resolved, undefined, options);
    expect(first.etag).toBe('"rss-1"');
    stand.failNext('/arxiv-rss', 304, { etag: '"rss-1"' });
    const state = {
      id: 'ax',
      etag: first.etag,
      lastModified: null,
      lastStatus: 'ok',
      lastFetchedAt: null,
      failuresInRow: 0,
      lastError: null,
    };
    const second = await readSource(resolved, state, options);
    expect(stand.requests[1]?.headers['if-none-match']).toBe('"rss-1"');
    expect(second.status).toBe('not-modified');
    expect(second.feed.entries).toHaveLength(0);
  });

  it('arXiv API: pages of a saved search, newest first, one request per 3 s', async () => {
    for (const start of [0, 10, 20]) {
      stand.api.set(start, path.join(LIVE, `arxiv-api-testing_s${start}_m10.xml`));
    }
    const config = source({ id: 'q', kind: 'arxiv-api', query: 'all:testing', pageSize: 10, maxResults: 30 });
    const read = await readSource(resolveSource(config, ctx('2026-06-13')), undefined, options);
    expect(read.feed.entries).toHaveLength(30);
    const asked = stand.requests.map((r) => Object.fromEntries(r.url.searchParams));
    expect(asked).toEqual(
      [0, 10, 20].map((start) => ({
        search_query: 'all:testing',
        sortBy: 'submittedDate',
        sortOrder: 'descending',
        start: String(start),
        max_results: '10',
      })),
    );
    const gaps = stand.requests.slice(1).map((r, i) => r.at - (stand.requests[i]?.at ?? 0));
    expect(gaps).toEqual([3000, 3000]);
    expect(new Set(read.feed.entries.map((e) => e.guid)).size).toBe(30);
  });

  it('arXiv API: the last page asks only for what is left, and paging stops at totalResults', async () => {
    stand.api.set(0, path.join(LIVE, 'arxiv-api-testing_s0_m10.xml'));
    stand.api.set(10, path.join(LIVE, 'arxiv-api-testing_s10_m10.xml'));
    const config = source({ id: 'q', kind: 'arxiv-api', query: 'all:testing', pageSize: 10, maxResults: 15 });
    const read = await readSource(resolveSource(config, ctx('2026-06-13')), undefined, options);
    expect(stand.requests.map((r) => r.url.searchParams.get('max_results'))).toEqual(['10', '5']);
    expect(read.feed.entries).toHaveLength(15);

    stand.requests.length = 0;
    stand.api.clear();
    stand.apiDefault = path.join(FEEDS, 'arxiv-api-transformer.xml'); // 5 entries: a short page
    const short = await readSource(
      resolveSource({ ...config, query: 'ti:transformer', maxResults: 100 }, ctx('2026-06-13')),
      undefined,
      options,
    );
    expect(stand.requests).toHaveLength(1);
    expect(short.feed.entries).toHaveLength(5);
  });

  it.each([
    [429, '2', 2000],
    [503, '7', 7000],
  ])(
    'HTTP %i with Retry-After: %s s is waited out, then the request is made again',
    async (status, after, ms) => {
      stand.rss.set('cs.CL', path.join(FEEDS, 'arxiv-rss-all-archives-slice.xml'));
      stand.failNext('/arxiv-rss', status, { 'retry-after': after });
      const resolved = resolveSource(
        source({ id: 'ax', kind: 'arxiv-rss', categories: ['cs.CL'] }),
        ctx('2026-06-13'),
      );
      const read = await readSource(resolved, undefined, options);
      expect(read.feed.entries).toHaveLength(12);
      expect(stand.requests).toHaveLength(2);
      expect(clock.sleeps).toContain(ms);
      expect((stand.requests[1]?.at ?? 0) - (stand.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(ms);
    },
  );

  it('Retry-After as an HTTP date is honoured too', async () => {
    stand.rss.set('cs.CL', path.join(FEEDS, 'arxiv-rss-all-archives-slice.xml'));
    stand.failNext('/arxiv-rss', 503, { 'retry-after': new Date(Date.now() + 5000).toUTCString() });
    const resolved = resolveSource(
      source({ id: 'ax', kind: 'arxiv-rss', categories: ['cs.CL'] }),
      ctx('2026-06-13'),
    );
    await readSource(resolved, undefined, options);
    expect(stand.requests).toHaveLength(2);
    const waited = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThan(2000);
    expect(waited).toBeLessThanOrEqual(5000);
  });

  it('a Retry-After longer than Paperpost waits fails the source at once, naming it', async () => {
    stand.failNext('/arxiv-api', 503, { 'retry-after': '3600' });
    const config = source({ id: 'q', kind: 'arxiv-api', query: 'all:testing' });
    await expect(readSource(resolveSource(config, ctx('2026-06-13')), undefined, options)).rejects.toThrow(
      'q: HTTP 503, Retry-After 3600 s: not retried this run',
    );
    expect(stand.requests).toHaveLength(1);
  });

  it('a host that asked for a pause is not asked again before it ends, by any source', async () => {
    stand.rss.set('cs.CL', path.join(FEEDS, 'arxiv-rss-all-archives-slice.xml'));
    stand.failNext('/arxiv-api', 429, { 'retry-after': '20' });
    const api = source({ id: 'q', kind: 'arxiv-api', query: 'all:testing' });
    const once = { ...options, retries: 0 };
    await expect(readSource(resolveSource(api, ctx('2026-06-13')), undefined, once)).rejects.toThrow(
      'q: HTTP 429',
    );
    const rss = source({ id: 'ax', kind: 'arxiv-rss', categories: ['cs.CL'] });
    await readSource(resolveSource(rss, ctx('2026-06-13')), undefined, once);
    expect((stand.requests[1]?.at ?? 0) - (stand.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(20_000);
  });

  it('after a pause longer than Paperpost waits, the host is not asked again this run', async () => {
    stand.failNext('/arxiv-api', 503, { 'retry-after': '600' });
    const api = source({ id: 'q', kind: 'arxiv-api', query: 'all:testing' });
    await expect(readSource(resolveSource(api, ctx('2026-06-13')), undefined, options)).rejects.toThrow(
      'Retry-After 600 s',
    );
    const rss = source({ id: 'ax', kind: 'arxiv-rss', categories: ['cs.CL'] });
    await expect(readSource(resolveSource(rss, ctx('2026-06-13')), undefined, options)).rejects.toThrow(
      `ax: ${new URL(stand.base).host} asked for a pause of 600 s (Retry-After): not asked this run`,
    );
    expect(stand.requests).toHaveLength(1);
    expect(clock.sleeps.every((ms) => ms < 30_000)).toBe(true);
  });

  it('sends the User-Agent it is given on every request', async () => {
    stand.hf.set('2026-06-12', path.join(LIVE, 'hf-daily-papers_2026-06-12.json'));
    await readSource(
      resolveSource(source({ id: 'hf', kind: 'hf-daily' }), ctx('2026-06-13')),
      undefined,
      options,
    );
    expect(stand.requests.map((r) => r.headers['user-agent'])).toEqual([
      'Paperpost/test (mailto:ops@example.org)',
    ]);
  });
});
