import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../../src/subscribers/normalize-email.js';

describe('normalizeEmail', () => {
  it.each([
    ['Alice@Example.COM', 'alice@example.com'],
    ['  bob@example.org  ', 'bob@example.org'],
    ['first.last+tag@sub.example.co.uk', 'first.last+tag@sub.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
    ['user@BÜCHER.de', 'user@xn--bcher-kva.de'],
    ['user@例え.jp', 'user@xn--r8jz45g.jp'],
    ['user@example.com.', 'user@example.com'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it.each([
    ['a@b.c\r\nBcc: x@y.z'],
    ['a@b.com\nBcc: x@y.z'],
    ['a@b.com\r'],
    ['a@b.com\u2028x'],
    ['a b@example.com'],
    ['"quoted"@example.com'],
    ['a"b@example.com'],
    ['<a@example.com>'],
    ['Alice <a@example.com>'],
    ['a@example.com, b@example.com'],
    ['a@b@example.com'],
    ['@example.com'],
    ['alice@'],
    ['alice'],
    [''],
    ['alice@localhost'],
    ['alice@[127.0.0.1]'],
    ['alice@1.2.3.4'],
    ['.alice@example.com'],
    ['alice.@example.com'],
    ['al..ice@example.com'],
    ['alice@-example.com'],
    ['alice@example-.com'],
    ['alice@exa_mple.com'],
    ['alice@example..com'],
    ['ålice@example.com'],
    [`${'a'.repeat(65)}@example.com`],
    [`a@${'b'.repeat(64)}.com`],
    [`${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.com`],
  ])('rejects %j', (input) => {
    expect(normalizeEmail(input)).toBeUndefined();
  });

  it('accepts an address of exactly 254 characters', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(address.length).toBe(254);
    expect(normalizeEmail(address)).toBe(address);
  });
});
