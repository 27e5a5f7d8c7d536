import type { Context } from 'hono';
import { PaperpostError } from '../domain/errors.js';
import type { SubscriptionContext } from '../subscribers/index.js';
import type { ServerDeps, ServerLogger } from './deps.js';
import type { FormTokens } from './form-token.js';
import type { PageRenderer } from './page.js';
import type { RateLimiter } from './rate-limit.js';

/** What the route modules share: built once in `createApp`. */
export interface ServerParts {
  deps: ServerDeps;
  flows: SubscriptionContext;
  pages: PageRenderer;
  tokens: FormTokens;
  logger: ServerLogger;
  now(): Date;
  /** Counts one POST of the client; throws `rate-limited` (429) when over the limit. */
  limitIp(c: Context): void;
  /** Counts one sign-up of an address (in the store); throws `rate-limited` when over the limit. */
  limitAddress(c: Context, email: string): Promise<void>;
  /** Tells the background drainer that a mail was queued. */
  kickMailQueue(): void;
}

/** Throws `rate-limited` with a Retry-After header when `key` is over `limiter`'s limit. */
export function enforce(c: Context, limiter: RateLimiter, key: string, now: number): void {
  if (limiter.take(key, now)) return;
  c.header('Retry-After', String(limiter.retryAfter(key, now)));
  throw new PaperpostError('server', 'rate-limited', 'too many requests');
}

export type FormBody = Record<string, string | File | (string | File)[]>;

/**
 * The form body of a POST (urlencoded or multipart); empty for anything else. A body that does
 * not parse (a broken multipart boundary) is the client's mistake: `bad-request` (400), no stack.
 */
export async function readForm(c: Context): Promise<FormBody> {
  try {
    return (await c.req.parseBody({ all: true })) as FormBody;
  } catch (err) {
    if (err instanceof PaperpostError) throw err; // the body limit's too-large
    throw new PaperpostError('server', 'bad-request', 'form body could not be parsed', { cause: err });
  }
}

/** First string value of a form field, '' when absent. */
export function field(body: FormBody, name: string): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Every string value of a repeated form field (checkboxes). */
export function fields(body: FormBody, name: string): string[] {
  const value = body[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((item): item is string => typeof item === 'string').slice(0, 200);
}

/** The `token` query parameter ('' when absent: verification then fails as for any bad token). */
export function queryToken(c: Context): string {
  return c.req.query('token') ?? '';
}
