import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backoffDelay, PaperpostError, type SourceSpec, type SourceState, sleep } from '../domain/index.js';
import { decodeBody } from './decode-body.js';
import type { HostPacer } from './host-pacer.js';
import { BodyTooLargeError, HttpTimeoutError, httpGet } from './http-get.js';
import { describeFetchError, isRetryableStatus } from './retry.js';

/** Limits and identity of one fetch. */
export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Extra tries after the first, on 5xx, 429, timeouts and network errors only. */
  retries: number;
  /** Sent as is; name Paperpost in it (`Paperpost/0.1 (+https://...)`). */
  userAgent: string;
  /** Relative local paths resolve against this folder (default: the working directory). */
  baseDir?: string;
  /** First back-off delay in ms, doubled per try, plus up to the same again as jitter (default 500). */
  backoffMs?: number;
  /** Longest single back-off in ms, also the cap on a server's Retry-After (default 30 000). */
  maxBackoffMs?: number;
  /** Spaces requests per host (and keeps a server's Retry-After for its host); none by default. */
  pacer?: HostPacer;
  /** Waits between tries (default: a real timer); tests pass a virtual one. */
  sleep?: (ms: number) => Promise<void>;
}

export type FetchResult =
  | {
      status: 'ok';
      text: string;
      etag: string | null;
      lastModified: string | null;
      httpStatus: number | null;
      bytes: number;
    }
  | { status: 'not-modified'; etag: string | null; lastModified: string | null; httpStatus: 304 };

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

/** True for `http:`/`https:` locations; everything else is a local path or `file:` URL. */
export function isHttpLocation(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/**
 * Fetches a source's bytes and decodes them: over HTTP with a conditional GET, timeout, byte cap
 * and retries, or from a local file. Throws `PaperpostError('ingest', 'fetch-failed', ...)`.
 */
export async function fetchSource(
  spec: SourceSpec,
  state: SourceState | undefined,
  options: FetchOptions,
): Promise<FetchResult> {
  if (!isHttpLocation(spec.location)) return readLocal(spec, options);
  return fetchHttp(spec, state, options);
}

async function readLocal(spec: SourceSpec, options: FetchOptions): Promise<FetchResult> {
  let path: string;
  try {
    path = spec.location.startsWith('file:')
      ? fileURLToPath(spec.location)
      : isAbsolute(spec.location)
        ? spec.location
        : resolve(options.baseDir ?? '.', spec.location);
  } catch (err) {
    throw fail(spec, `bad location ${JSON.stringify(spec.location)}`, err);
  }
  try {
    const info = await stat(path);
    if (!info.isFile()) throw fail(spec, `${path} is not a file`);
    if (info.size > options.maxBytes) {
      throw fail(spec, `${path} is ${info.size} bytes, over the ${options.maxBytes}-byte cap`);
    }
    const bytes = await readFile(path);
    return {
      status: 'ok',
      text: decodeBody(bytes, null),
      etag: null,
      lastModified: null,
      httpStatus: null,
      bytes: bytes.byteLength,
    };
  } catch (err) {
    if (err instanceof PaperpostError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? describeFetchError(err);
    throw fail(spec, `cannot read ${path} (${code})`, err);
  }
}

async function fetchHttp(
  spec: SourceSpec,
  state: SourceState | undefined,
  options: FetchOptions,
): Promise<FetchResult> {
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: ACCEPT };
  if (state?.etag) headers['if-none-match'] = state.etag;
  if (state?.lastModified) headers['if-modified-since'] = state.lastModified;
  const tries = Math.max(0, options.retries) + 1;
  let lastReason = '';
  let lastCause: unknown;
  for (let attempt = 0; attempt < tries; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      // A host that asked for a longer pause than we ever wait is not asked again this run.
      const paused = options.pacer?.pausedFor(spec.location) ?? 0;
      if (paused > (options.maxBackoffMs ?? 30_000)) {
        throw fail(
          spec,
          `${new URL(spec.location).host} asked for a pause of ${Math.ceil(paused / 1000)} s (Retry-After): not asked this run`,
        );
      }
      await options.pacer?.wait(spec.location);
      const response = await httpGet(spec.location, {
        headers,
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxBytes,
      });
      const etag = response.header('etag');
      const lastModified = response.header('last-modified');
      if (response.status === 304) {
        return {
          status: 'not-modified',
          etag: etag ?? state?.etag ?? null,
          lastModified: lastModified ?? state?.lastModified ?? null,
          httpStatus: 304,
        };
      }
      if (response.status >= 200 && response.status < 300) {
        const text = decodeBody(response.body, response.header('content-type'));
        return {
          status: 'ok',
          text,
          etag,
          lastModified,
          httpStatus: response.status,
          bytes: response.body.byteLength,
        };
      }
      const reason = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      if (!isRetryableStatus(response.status)) throw fail(spec, reason);
      lastReason = `HTTP ${response.status}`;
      retryAfterMs = parseRetryAfter(response.header('retry-after'));
      if (retryAfterMs !== undefined) {
        options.pacer?.holdOff(spec.location, retryAfterMs);
        // A server asking for a longer pause than we wait gets it: no early retry, fail this run.
        const cap = options.maxBackoffMs ?? 30_000;
        if (retryAfterMs > cap) {
          throw fail(
            spec,
            `${lastReason}, Retry-After ${Math.ceil(retryAfterMs / 1000)} s: not retried this run`,
          );
        }
      }
    } catch (err) {
      if (err instanceof PaperpostError) throw err;
      if (err instanceof BodyTooLargeError) throw fail(spec, err.message);
      lastCause = err;
      lastReason =
        err instanceof HttpTimeoutError ? `timed out (${options.timeoutMs} ms)` : describeFetchError(err);
    }
    if (attempt + 1 < tries) {
      const base = options.backoffMs ?? 500;
      const max = options.maxBackoffMs ?? 30_000;
      // Retry-After (already capped above) is honoured as given, but never below the first back-off;
      // else base * 2^attempt plus up to the same again as jitter, at most `max`.
      const wait =
        retryAfterMs !== undefined
          ? Math.max(retryAfterMs, base)
          : Math.round(backoffDelay(attempt + 1, base, max));
      await (options.sleep ?? sleep)(wait);
    }
  }
  const suffix = tries > 1 ? ` after ${tries} tries` : '';
  throw fail(spec, `${lastReason}${suffix}`, lastCause);
}

/** Retry-After in ms (seconds or an HTTP date), or undefined. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function fail(spec: SourceSpec, reason: string, cause?: unknown): PaperpostError {
  return new PaperpostError('ingest', 'fetch-failed', `${spec.id}: ${reason}`, { cause });
}
