import { createHmac, timingSafeEqual } from 'node:crypto';
import { PaperpostError } from '../domain/errors.js';
import { SUBSCRIBER_KEY } from '../domain/subscriber.js';

/** What a token lets its bearer do; a token of one purpose never verifies for another. */
export type TokenPurpose = 'confirm' | 'preferences' | 'unsubscribe' | 'topic-unsubscribe';

export const TOKEN_PURPOSES: readonly TokenPurpose[] = [
  'confirm',
  'preferences',
  'unsubscribe',
  'topic-unsubscribe',
];

/**
 * Default lifetimes. A confirmation link expires after 7 days; links printed in every digest
 * (preferences, unsubscribe) must keep working for as long as old mails sit in inboxes.
 */
export const TOKEN_TTL_SECONDS: Readonly<Record<TokenPurpose, number | undefined>> = {
  confirm: 7 * 24 * 3600,
  preferences: undefined,
  unsubscribe: undefined,
  'topic-unsubscribe': undefined,
};

export interface VerifiedToken {
  /** The subscriber's random key (every token signed since keys exist). */
  subscriberKey: string | null;
  /**
   * A row id, in a token signed before keys existed; honoured only by the store that issued it
   * (see resolveToken), since ids are reassigned across an export and import.
   */
  legacyId: number | null;
  /** Free text bound to the token (requested topics, a topic slug); '' when none. */
  extra: string;
}

export interface TokenSigner {
  /**
   * A URL-safe token `key.exp.extra.mac` naming the subscriber by key; `ttlSeconds` overrides the
   * purpose's default (0: never expires), counted from `now` (default: the clock).
   */
  sign(purpose: TokenPurpose, subscriberKey: string, extra?: string, ttlSeconds?: number, now?: Date): string;
  /** The token's content when its MAC, purpose and expiry hold at `now`; else undefined. */
  verify(purpose: TokenPurpose, token: string, now?: Date): VerifiedToken | undefined;
}

const MAX_TOKEN_LENGTH = 2048;
const MAC_LENGTH = 43; // base64url of 32 bytes
const B36 = /^[0-9a-z]{1,11}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

/** Derive a key for one use of the secret, so tokens and CSRF values never share a key. */
export function deriveKey(secret: string, use: string): Buffer {
  if (secret.length < 16) {
    throw new PaperpostError(
      'subscribers',
      'secret-too-short',
      'the signing secret must be at least 16 characters',
    );
  }
  return createHmac('sha256', secret).update(`paperpost:${use}`).digest();
}

/**
 * HMAC-SHA256 signer for the links in mails. The purpose is inside the MAC (not the token), the
 * expiry and subscriber id are in the token, and MACs are compared in constant time.
 */
export function createTokenSigner(secret: string): TokenSigner {
  const key = deriveKey(secret, 'token-v1');
  const mac = (purpose: TokenPurpose, body: string): Buffer =>
    createHmac('sha256', key).update(`${purpose}|${body}`).digest();

  return {
    sign(purpose, subscriberKey, extra = '', ttlSeconds, now = new Date()) {
      if (!SUBSCRIBER_KEY.test(subscriberKey)) {
        throw new PaperpostError(
          'subscribers',
          'token-bad-id',
          `cannot sign a token for subscriber key ${JSON.stringify(subscriberKey)}`,
        );
      }
      const ttl = ttlSeconds ?? TOKEN_TTL_SECONDS[purpose] ?? 0;
      const exp = ttl > 0 ? Math.floor(now.getTime() / 1000) + ttl : 0;
      const body = `${subscriberKey}.${exp.toString(36)}.${Buffer.from(extra, 'utf8').toString('base64url')}`;
      return `${body}.${mac(purpose, body).toString('base64url')}`;
    },

    verify(purpose, token, now = new Date()) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
      const parts = token.split('.');
      if (parts.length !== 4) return undefined;
      const [subject = '', exp36 = '', extra64 = '', given = ''] = parts;
      const keyed = SUBSCRIBER_KEY.test(subject);
      if (
        !(keyed || B36.test(subject)) ||
        !B36.test(exp36) ||
        !B64URL.test(extra64) ||
        given.length !== MAC_LENGTH
      )
        return undefined;
      if (!B64URL.test(given)) return undefined;
      const expected = mac(purpose, `${subject}.${exp36}.${extra64}`);
      const actual = Buffer.from(given, 'base64url');
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
      // base64url of 32 bytes leaves 4 bits of the last character unused: only the canonical
      // spelling is the token, so a link has exactly one form.
      if (actual.toString('base64url') !== given) return undefined;
      const exp = Number.parseInt(exp36, 36);
      if (exp !== 0 && now.getTime() / 1000 >= exp) return undefined;
      const extra = Buffer.from(extra64, 'base64url').toString('utf8');
      if (keyed) return { subscriberKey: subject, legacyId: null, extra };
      const legacyId = Number.parseInt(subject, 36);
      if (!Number.isSafeInteger(legacyId) || legacyId <= 0) return undefined;
      return { subscriberKey: null, legacyId, extra };
    },
  };
}
