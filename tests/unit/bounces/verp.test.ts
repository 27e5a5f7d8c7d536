import { describe, expect, it } from 'vitest';
import { createVerpCodec } from '../../../src/bounces/verp.js';
import { deriveKey } from '../../../src/subscribers/tokens.js';

const SECRET = 'a-test-secret-of-enough-length-0123456789';
const codec = createVerpCodec(deriveKey(SECRET, 'verp-v1'), 'Bounces.Example.org');

describe('VERP return paths', () => {
  it('signs one delivery and subscriber into bounces+<token>@<domain> and reads it back', () => {
    const address = codec.address({ deliveryId: 123_456, subscriberId: 42 });
    expect(address).toMatch(/^bounces\+[0-9a-z]+-[0-9a-z]+-[0-9a-f]{20}@bounces\.example\.org$/);
    expect(codec.verify(address)).toEqual({ deliveryId: 123_456, subscriberId: 42 });
    // Forwarders that change the case of local parts or domains do not break it.
    expect(codec.verify(address.toUpperCase())).toEqual({ deliveryId: 123_456, subscriberId: 42 });
    expect(codec.findTarget(['someone@else.org', `<${address}>`])).toEqual({
      deliveryId: 123_456,
      subscriberId: 42,
    });
  });

  const good = codec.address({ deliveryId: 7, subscriberId: 9 });
  const [local = '', domain = ''] = good.split('@');
  const mac = local.slice(-20);
  it.each([
    ['another delivery id under the same MAC', good.replace('bounces+7-', 'bounces+8-')],
    ['another subscriber id under the same MAC', good.replace('-9-', '-a-')],
    ['a flipped MAC digit', `${local.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}@${domain}`],
    ['no MAC', `bounces+7-9@${domain}`],
    ['another domain', `${local}@example.com`],
    [
      'a key of another purpose',
      createVerpCodec(deriveKey(SECRET, 'token-v1'), domain).address({ deliveryId: 7, subscriberId: 9 }),
    ],
    [
      'another secret',
      createVerpCodec(deriveKey(`${SECRET}x`, 'verp-v1'), domain).address({ deliveryId: 7, subscriberId: 9 }),
    ],
    ['not an address', 'bounces+7-9-00'],
    ['a plain address', `postmaster@${domain}`],
  ])('refuses %s', (_label, address) => {
    expect(codec.verify(address)).toBeUndefined();
  });

  it('refuses a bounce domain that is no domain name', () => {
    expect(() => createVerpCodec(deriveKey(SECRET, 'verp-v1'), 'not a domain')).toThrow(/not a domain name/);
  });
});
