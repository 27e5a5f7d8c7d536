import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT } from './cli.js';

export const LIVE = path.join(ROOT, 'tests', 'fixtures', 'live');
export const FEEDS = path.join(ROOT, 'tests', 'fixtures', 'feeds');

/** One request as the stand-in saw it. */
export interface SeenRequest {
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** When it arrived, by the stand-in's clock (a test's virtual clock, or Date.now). */
  at: number;
}

/**
 * A loopback HTTP server standing in for huggingface.co (`/hf`), rss.arxiv.org (`/arxiv-rss`)
 * and export.arxiv.org (`/arxiv-api`), serving recorded real replies. HF lists are paged by
 * `limit` and `p` like the real API; arXiv API pages are chosen by `start`.
 */
export interface StandIn {
  base: string;
  endpoints: { huggingface: string; arxivRss: string; arxivApi: string };
  requests: SeenRequest[];
  /** HF list by `date` (YYYY-MM-DD) or `week` (YYYY-Www) -> JSON file; others are `[]`. */
  hf: Map<string, string>;
  /** arXiv RSS by category path (`cs.CL+cs.LG`) -> XML file; others 404. */
  rss: Map<string, string>;
  /** arXiv API page by `start` -> XML file; others get `apiDefault` or an empty result. */
  api: Map<number, string>;
  apiDefault: string | null;
  /** The next requests whose path starts with `prefix` get this status and headers, once each. */
  failNext(prefix: string, status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const EMPTY_API = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
<id>https://arxiv.org/api/empty</id><title>arXiv Query</title><updated>2026-01-01T00:00:00Z</updated>
<opensearch:totalResults>0</opensearch:totalResults></feed>`;

export async function startStandIn(clock: () => number = Date.now): Promise<StandIn> {
  const failures: Array<{ prefix: string; status: number; headers: Record<string, string> }> = [];
  const stand = {
    requests: [] as SeenRequest[],
    hf: new Map<string, string>(),
    rss: new Map<string, string>(),
    api: new Map<number, string>(),
    apiDefault: null as string | null,
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    stand.requests.push({ path: url.pathname, url, headers: req.headers, at: clock() });
    const failure = failures.findIndex((f) => url.pathname.startsWith(f.prefix));
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      res.writeHead(f?.status ?? 500, f?.headers).end();
      return;
    }
    if (url.pathname === '/hf/api/daily_papers') {
      const key = url.searchParams.get('date') ?? url.searchParams.get('week') ?? '';
      const file = stand.hf.get(key);
      const all = file ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const page = Number(url.searchParams.get('p') ?? 0);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(all.slice(page * limit, (page + 1) * limit)));
      return;
    }
    const rss = /^\/arxiv-rss\/rss\/(.+)$/.exec(url.pathname);
    if (rss) {
      const file = stand.rss.get(decodeURIComponent(rss[1] ?? ''));
      if (!file) res.writeHead(404).end('no such feed');
      else
        res
          .writeHead(200, { 'content-type': 'application/rss+xml', etag: '"rss-1"' })
          .end(readFileSync(file));
      return;
    }
    if (url.pathname === '/arxiv-api/api/query') {
      const file = stand.api.get(Number(url.searchParams.get('start') ?? 0)) ?? stand.apiDefault;
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      res.end(file ? readFileSync(file) : EMPTY_API);
      return;
    }
    res.writeHead(404).end('not a stand-in path');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(stand, {
    base,
    endpoints: { huggingface: `${base}/hf`, arxivRss: `${base}/arxiv-rss`, arxivApi: `${base}/arxiv-api` },
    failNext(prefix: string, status: number, headers: Record<string, string> = {}) {
      failures.push({ prefix, status, headers });
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  });
}

/** A clock that only moves when someone sleeps on it; every sleep is recorded. */
export function virtualClock(start = 1_000_000): {
  now(): number;
  sleep(ms: number): Promise<void>;
  sleeps: number[];
} {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    sleeps,
  };
}
