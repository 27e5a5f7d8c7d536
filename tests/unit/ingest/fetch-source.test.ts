import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceSpec, SourceState } from '../../../src/domain/index.js';
import { type FetchOptions, fetchSource } from '../../../src/ingest/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;
const routes = new Map<string, Handler>();
const hits = new Map<string, number>();
const seen = new Map<string, IncomingMessage['headers']>();
let server: Server;
let base: string;
let dir: string;

const options: FetchOptions = {
  timeoutMs: 2000,
  maxBytes: 100_000,
  retries: 2,
  userAgent: 'Paperpost/test',
  backoffMs: 1,
};
const spec = (location: string): SourceSpec => ({
  id: 'src',
  kind: 'auto',
  location,
  includeReplacements: false,
});
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paperpost-fetch-'));
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    seen.set(path, req.headers);
    const handler = routes.get(path);
    if (handler) handler(req, res, hit);
    else res.writeHead(404).end('nope');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  routes.set('/gzip', (_q, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(FEED)));
  routes.set('/br', (_q, res) =>
    res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(FEED)),
  );
  routes.set('/etag', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
    else res.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' }).end(FEED);
  });
  routes.set('/flaky', (_q, res, hit) =>
    hit === 1 ? res.writeHead(503).end() : res.writeHead(200).end(FEED),
  );
  routes.set('/down', (_q, res) => res.writeHead(503).end());
  routes.set('/busy', (_q, res, hit) =>
    hit === 1 ? res.writeHead(429, { 'retry-after': '0' }).end() : res.writeHead(200).end(FEED),
  );
  routes.set('/gone', (_q, res) => res.writeHead(410).end());
  routes.set('/slow', (_q, res) => {
    setTimeout(() => res.writeHead(200).end(FEED), 1500).unref();
  });
  routes.set('/moved', (_q, res) => res.writeHead(301, { location: '/gzip' }).end());
  routes.set('/loop', (_q, res) => res.writeHead(302, { location: '/loop' }).end());
  routes.set('/slow-body', (_q, res) => {
    // Headers at once, the gzip body never finishes: the timeout must still end the fetch.
    res.writeHead(200, { 'content-encoding': 'gzip' });
    res.write(gzipSync(FEED).subarray(0, 10));
  });
  routes.set('/big', (_q, res) =>
    res.writeHead(200, { 'content-length': '300000' }).end('x'.repeat(300_000)),
  );
  routes.set('/big-chunked', (_q, res) => {
    res.writeHead(200);
    for (let i = 0; i < 30; i++) res.write('y'.repeat(10_000));
    res.end();
  });
  routes.set('/bomb', (_q, res) =>
    res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(5_000_000, 0x20))),
  );
  routes.set('/cp1251', (_q, res) => {
    const prolog = Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>');
    const title = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // Привет
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(Buffer.concat([prolog, title, Buffer.from('</title></channel></rss>')]));
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(dir, { recursive: true, force: true });
});

describe('fetchSource over HTTP', () => {
  it.each(['/gzip', '/br'])('decompresses %s and names Paperpost in the User-Agent', async (path) => {
    const result = await fetchSource(spec(base + path), undefined, options);
    expect(result).toMatchObject({ status: 'ok', text: FEED, httpStatus: 200, bytes: FEED.length });
    expect(seen.get(path)?.['user-agent']).toBe('Paperpost/test');
    expect(seen.get(path)?.['accept-encoding']).toMatch(/gzip/);
  });

  it('returns not-modified on 304 after sending If-None-Match and If-Modified-Since', async () => {
    const first = await fetchSource(spec(`${base}/etag`), undefined, options);
    expect(first).toMatchObject({
      status: 'ok',
      etag: '"v1"',
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
    });
    const state: SourceState = {
      id: 'src',
      etag: '"v1"',
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
      lastStatus: 'ok',
      lastFetchedAt: null,
      failuresInRow: 0,
      lastError: null,
    };
    const second = await fetchSource(spec(`${base}/etag`), state, options);
    expect(second).toEqual({
      status: 'not-modified',
      etag: '"v1"',
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
      httpStatus: 304,
    });
    expect(seen.get('/etag')?.['if-modified-since']).toBe('Wed, 01 Jan 2025 00:00:00 GMT');
  });

  it('retries a 503 and then succeeds', async () => {
    const result = await fetchSource(spec(`${base}/flaky`), undefined, options);
    expect(result.status).toBe('ok');
    expect(hits.get('/flaky')).toBe(2);
  });

  it('retries a 429 honouring Retry-After', async () => {
    const result = await fetchSource(spec(`${base}/busy`), undefined, options);
    expect(result.status).toBe('ok');
    expect(hits.get('/busy')).toBe(2);
  });

  it('gives up after retries with a one-line reason', async () => {
    await expect(fetchSource(spec(`${base}/down`), undefined, options)).rejects.toMatchObject({
      stage: 'ingest',
      code: 'fetch-failed',
      message: 'src: HTTP 503 after 3 tries',
    });
    expect(hits.get('/down')).toBe(3);
  });

  it.each([
    ['/missing', 'src: HTTP 404 Not Found'],
    ['/gone', 'src: HTTP 410 Gone'],
  ])('fails at once on %s', async (path, message) => {
    await expect(fetchSource(spec(base + path), undefined, options)).rejects.toMatchObject({ message });
    expect(hits.get(path)).toBe(1);
  });

  it('times out a slow response', async () => {
    await expect(
      fetchSource(spec(`${base}/slow`), undefined, { ...options, timeoutMs: 100, retries: 1 }),
    ).rejects.toMatchObject({ code: 'fetch-failed', message: 'src: timed out (100 ms) after 2 tries' });
  });

  it('follows a redirect, and gives up on a redirect loop', async () => {
    const result = await fetchSource(spec(`${base}/moved`), undefined, options);
    expect(result.status === 'ok' && result.text).toBe(FEED);
    await expect(fetchSource(spec(`${base}/loop`), undefined, options)).rejects.toMatchObject({
      message: 'src: HTTP 302 Found',
    });
  });

  it('times out a body that never ends', async () => {
    await expect(
      fetchSource(spec(`${base}/slow-body`), undefined, { ...options, timeoutMs: 150, retries: 0 }),
    ).rejects.toMatchObject({ code: 'fetch-failed', message: 'src: timed out (150 ms)' });
  });

  it.each(['/big', '/big-chunked', '/bomb'])('refuses a body over the cap (%s)', async (path) => {
    await expect(fetchSource(spec(base + path), undefined, options)).rejects.toMatchObject({
      code: 'fetch-failed',
      message: 'src: body over the 100000-byte cap',
    });
  });

  it('decodes windows-1251 named only in the XML prolog', async () => {
    const result = await fetchSource(spec(`${base}/cp1251`), undefined, options);
    expect(result.status === 'ok' && result.text).toContain('<title>Привет</title>');
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    await expect(
      fetchSource(spec(`http://127.0.0.1:${port}/`), undefined, { ...options, retries: 1 }),
    ).rejects.toMatchObject({ message: 'src: network error ECONNREFUSED after 2 tries' });
  });
});

describe('fetchSource from local files', () => {
  it('reads a relative path against baseDir, and a file: URL', async () => {
    writeFileSync(join(dir, 'feed.xml'), FEED);
    const relative = await fetchSource(spec('feed.xml'), undefined, { ...options, baseDir: dir });
    expect(relative).toEqual({
      status: 'ok',
      text: FEED,
      etag: null,
      lastModified: null,
      httpStatus: null,
      bytes: FEED.length,
    });
    const url = await fetchSource(spec(pathToFileURL(join(dir, 'feed.xml')).href), undefined, options);
    expect(url.status === 'ok' && url.text).toBe(FEED);
  });

  it('refuses a file over the cap and a missing file', async () => {
    writeFileSync(join(dir, 'big.xml'), 'z'.repeat(200));
    await expect(
      fetchSource(spec('big.xml'), undefined, { ...options, baseDir: dir, maxBytes: 100 }),
    ).rejects.toMatchObject({ message: `src: ${join(dir, 'big.xml')} is 200 bytes, over the 100-byte cap` });
    await expect(
      fetchSource(spec('nope.xml'), undefined, { ...options, baseDir: dir }),
    ).rejects.toMatchObject({
      code: 'fetch-failed',
      message: `src: cannot read ${join(dir, 'nope.xml')} (ENOENT)`,
    });
  });
});
