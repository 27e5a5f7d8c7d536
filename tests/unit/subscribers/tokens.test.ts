import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenSigner, deriveKey, TOKEN_PURPOSES } from '../../../src/subscribers/tokens.js';

const SECRET = 'x'.repeat(40);
const DAY = 24 * 3600 * 1000;
const key = (n: number): string => n.toString(16).padStart(32, 'a');

describe('createTokenSigner', () => {
  const signer = createTokenSigner(SECRET);

  it.each(TOKEN_PURPOSES)('round-trips a %s token with its extra text', (purpose) => {
    const token = signer.sign(purpose, key(42), 'machine-learning');
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(signer.verify(purpose, token)).toEqual({
      subscriberKey: key(42),
      legacyId: null,
      extra: 'machine-learning',
    });
  });

  it('never verifies a token for another purpose', () => {
    for (const purpose of TOKEN_PURPOSES) {
      const token = signer.sign(purpose, key(7));
      for (const other of TOKEN_PURPOSES.filter((p) => p !== purpose)) {
        expect(signer.verify(other, token)).toBeUndefined();
      }
    }
  });

  it('expires confirmation tokens after 7 days, keeps unsubscribe tokens', () => {
    const now = Date.now();
    const confirm = signer.sign('confirm', key(1));
    const unsubscribe = signer.sign('unsubscribe', key(1));
    expect(signer.verify('confirm', confirm, new Date(now + 6 * DAY))).toBeDefined();
    expect(signer.verify('confirm', confirm, new Date(now + 7 * DAY + 1000))).toBeUndefined();
    expect(signer.verify('unsubscribe', unsubscribe, new Date(now + 3650 * DAY))).toEqual({
      subscriberKey: key(1),
      legacyId: null,
      extra: '',
    });
  });

  it('honours an explicit ttl', () => {
    const token = signer.sign('preferences', key(3), '', 60);
    expect(signer.verify('preferences', token, new Date(Date.now() + 30_000))).toBeDefined();
    expect(signer.verify('preferences', token, new Date(Date.now() + 61_000))).toBeUndefined();
  });

  it('rejects tampered, truncated, foreign and garbage tokens', () => {
    const token = signer.sign('unsubscribe', key(5), 'a');
    const [id, exp, extra, mac] = token.split('.') as [string, string, string, string];
    const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.at(-1);
    const cases = [
      `${key(6)}.${exp}.${extra}.${mac}`, // another subscriber
      `${id}.${exp}.${Buffer.from('b').toString('base64url')}.${mac}`, // another extra
      `${id}.${exp}.${extra}.${flipped}`,
      token.slice(0, -1),
      `${token}.x`,
      '',
      'not-a-token',
      'a.b.c.d',
      `${'z'.repeat(3000)}`,
      createTokenSigner('y'.repeat(40)).sign('unsubscribe', key(5), 'a'),
    ];
    for (const bad of cases) expect(signer.verify('unsubscribe', bad)).toBeUndefined();
  });

  it('refuses a short secret and bad keys', () => {
    expect(() => createTokenSigner('short')).toThrow(/at least 16/);
    for (const bad of ['', '1', key(1).toUpperCase(), `${key(1)}0`, 'g'.repeat(32)]) {
      expect(() => signer.sign('confirm', bad)).toThrow();
    }
  });

  // Regression, issue 15 finding 2: links named a row id, which an export and import reassigns.
  it('names the subscriber by key; a token in the former id format verifies as legacy', () => {
    const token = signer.sign('unsubscribe', key(9));
    expect(token.split('.')[0]).toBe(key(9));
    const body = `${(7).toString(36)}.0.`;
    const mac = createHmac('sha256', deriveKey(SECRET, 'token-v1')).update(`unsubscribe|${body}`).digest();
    expect(signer.verify('unsubscribe', `${body}.${mac.toString('base64url')}`)).toEqual({
      subscriberKey: null,
      legacyId: 7,
      extra: '',
    });
  });
});

describe('issue 15 item 14: tokens accepted a changed last character within unused bits', () => {
  const signer = createTokenSigner(SECRET);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  it.each(TOKEN_PURPOSES)('accepts only the canonical spelling of a %s token', (purpose) => {
    const token = signer.sign(purpose, key(42), 'llm');
    const last = token.at(-1) ?? 'A';
    for (const flip of [1, 2, 3]) {
      const twin = `${token.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ flip]}`;
      const mac = (t: string) => Buffer.from(t.split('.')[3] ?? '', 'base64url');
      expect(mac(twin)).toEqual(mac(token)); // the same bytes...
      expect(signer.verify(purpose, twin)).toBeUndefined(); // ...but not the token
    }
    expect(signer.verify(purpose, token)).toEqual({ subscriberKey: key(42), legacyId: null, extra: 'llm' });
  });
});
