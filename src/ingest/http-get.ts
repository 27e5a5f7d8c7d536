import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** One GET's limits and headers. */
export interface HttpGetOptions {
  headers: Record<string, string>;
  /** For the whole exchange: connect, redirects and body. */
  timeoutMs: number;
  /** Cap on the decoded body; Content-Length over it is refused before reading. */
  maxBytes: number;
  maxRedirects?: number;
}

/** A response: status, headers (lower-case names) and, for 2xx, the decoded body. */
export interface HttpResponse {
  status: number;
  statusText: string;
  header(name: string): string | null;
  body: Buffer;
}

/** The body passed the cap (declared, compressed or decoded). */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/** The exchange took longer than `timeoutMs`. */
export class HttpTimeoutError extends Error {
  override name = 'TimeoutError';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET `url` with node's http/https: redirects followed, gzip, deflate and brotli bodies decoded
 * while counting, so a compression bomb stops at the cap. Node's global fetch would do the same
 * with ~60 ms more start-up (it loads undici on first use) and web-stream overhead per chunk.
 */
export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new HttpTimeoutError(`timed out (${options.timeoutMs} ms)`)),
    options.timeoutMs,
  );
  try {
    let location = new URL(url);
    for (let hop = 0; ; hop++) {
      const response = await request(location, options, controller.signal);
      const status = response.statusCode ?? 0;
      const next = response.headers.location;
      if (REDIRECTS.has(status) && next && hop < (options.maxRedirects ?? 5)) {
        response.resume();
        location = new URL(next, location);
        continue;
      }
      const header = (name: string): string | null => {
        const value = response.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      };
      const ok = status >= 200 && status < 300;
      const body = ok ? await readBody(response, options.maxBytes, controller.signal) : Buffer.alloc(0);
      if (!ok) response.resume();
      return { status, statusText: response.statusMessage ?? '', header, body };
    }
  } finally {
    clearTimeout(timer);
  }
}

function request(url: URL, options: HttpGetOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(
      url,
      { headers: { 'accept-encoding': 'gzip, deflate, br', ...options.headers }, signal },
      resolve,
    );
    req.on('error', (err) => reject(signal.aborted ? signal.reason : err));
  });
}

function decoder(response: IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  let decode: Transform | undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') decode = createGunzip();
  else if (encoding === 'deflate') decode = createInflate();
  else if (encoding === 'br') decode = createBrotliDecompress();
  if (!decode) return response;
  // pipeline, not pipe: a failing response (abort, reset) must fail the decoder too.
  pipeline(response, decode, () => {});
  return decode;
}

async function readBody(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const encoded = response.headers['content-encoding'];
  const declared = Number(response.headers['content-length']);
  // Content-Length counts compressed bytes; only trust it for an identity body.
  if (!encoded && Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new BodyTooLargeError(`body over the ${maxBytes}-byte cap`);
  }
  const stream = decoder(response);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) throw new BodyTooLargeError(`body over the ${maxBytes}-byte cap`);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    response.destroy();
    if (stream !== response) stream.destroy();
    throw signal.aborted && !(err instanceof BodyTooLargeError) ? signal.reason : err;
  }
  return Buffer.concat(chunks, total);
}
