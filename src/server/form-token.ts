import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { PaperpostError } from '../domain/errors.js';
import { deriveKey } from '../subscribers/index.js';

export const CSRF_COOKIE = 'pp_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * Signed double-submit CSRF tokens: a random cookie, and in each form an HMAC of it. A forged
 * form from another site can neither read the cookie nor compute the HMAC.
 */
export interface FormTokens {
  /** The form token for this browser, setting its cookie when missing. */
  issue(c: Context): string;
  /** Throws `csrf-failed` (403) unless the form carries the token of the cookie. */
  check(c: Context, submitted: unknown): void;
}

export function createFormTokens(secret: string, options: { secureCookie: boolean }): FormTokens {
  const key = deriveKey(secret, 'csrf-v1');
  const sign = (nonce: string): Buffer => createHmac('sha256', key).update(nonce).digest();

  return {
    issue(c) {
      let nonce = getCookie(c, CSRF_COOKIE);
      if (!nonce || !/^[A-Za-z0-9_-]{22,64}$/.test(nonce)) {
        nonce = randomBytes(18).toString('base64url');
        setCookie(c, CSRF_COOKIE, nonce, {
          path: '/',
          httpOnly: true,
          sameSite: 'Lax',
          secure: options.secureCookie,
          maxAge: 7 * 24 * 3600,
        });
      }
      return sign(nonce).toString('base64url');
    },
    check(c, submitted) {
      const nonce = getCookie(c, CSRF_COOKIE);
      const given = typeof submitted === 'string' ? Buffer.from(submitted, 'base64url') : Buffer.alloc(0);
      const expected = nonce ? sign(nonce) : undefined;
      const canonical = typeof submitted === 'string' && given.toString('base64url') === submitted;
      if (!expected || !canonical || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new PaperpostError('server', 'csrf-failed', 'form token missing or wrong');
      }
    },
  };
}
