import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { encodeWords, safeAddress, stripControls } from '../../../src/deliver/header-text.js';
import { base64Lines, createMimeBuilder } from '../../../src/deliver/index.js';
import { fitsSevenBit, toCrlf, toSevenBitHtml } from '../../../src/deliver/mime-builder.js';
import type { Delivery } from '../../../src/domain/index.js';
import { makeVariant, personalize, SENDER } from './fixtures.js';

const delivery: Delivery = {
  id: 7,
  editionId: 'daily-2024-01-02',
  subscriberId: 3,
  subscriberKey: '03'.padStart(32, '0'),
  email: 'ada@example.org',
  variantKey: 'daily:*',
  state: 'sending',
  attempts: 1,
  lastReply: null,
  messageId: 'daily-2024-01-02.7@paperpost.test',
  retryAt: null,
  leaseUntil: null,
  sentAt: null,
};

function headerLines(raw: Buffer): string[] {
  const text = raw.toString('utf8');
  return text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n');
}

describe('createMimeBuilder', () => {
  it('builds a multipart/alternative message with every list header on one line', async () => {
    const raw = createMimeBuilder(SENDER).build(
      delivery,
      personalize(makeVariant(), delivery),
      new Date('2024-01-02T08:00:00Z'),
    )!;
    const lines = headerLines(raw);
    // No folded continuation lines at all.
    expect(lines.every((l) => !/^[ \t]/.test(l))).toBe(true);
    expect(lines).toContain('Message-ID: <daily-2024-01-02.7@paperpost.test>');
    expect(lines).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(lines).toContain(
      'List-Unsubscribe: <https://paperpost.test/u/3?t=tok7>, <mailto:unsubscribe@paperpost.test?subject=unsubscribe>',
    );
    expect(lines).toContain('List-Id: Paperpost Digest <digest.paperpost.test>');
    expect(lines).toContain('Date: Tue, 02 Jan 2024 08:00:00 +0000');
    expect(lines).toContain('To: ada@example.org');
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('Paperpost daily — 12 papers');
    expect(mail.from?.value[0]).toEqual({ address: 'digest@paperpost.test', name: 'Paperpost Digest' });
    expect(mail.html).toContain('Unsubscribe ada@example.org');
    expect(mail.html).toContain('résumé');
    expect(mail.text).toContain('https://paperpost.test/u/3?t=tok7');
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  });

  it('keeps CR/LF from user input out of the headers (header injection)', async () => {
    const evil = personalize(makeVariant(), delivery);
    evil.subject = 'Hi\r\nBcc: victim@example.org';
    evil.unsubscribeUrl = 'https://x.test/u?a=1\r\nX-Evil: 1 <b>';
    const raw = createMimeBuilder({ ...SENDER, fromName: 'Eve\nX-Injected: yes' }).build(
      delivery,
      evil,
      new Date(),
    )!;
    const lines = headerLines(raw);
    expect(lines.some((l) => /^(Bcc|X-Evil|X-Injected):/i.test(l))).toBe(false);
    const mail = await simpleParser(raw);
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.subject).toBe('Hi Bcc: victim@example.org');
  });

  it('returns null for an address that cannot go on the wire', () => {
    const bad = { ...delivery, email: 'a@b.test>\r\nRCPT TO:<c@d.test' };
    expect(createMimeBuilder(SENDER).build(bad, personalize(makeVariant(), bad), new Date())).toBeNull();
  });
});

describe('header text', () => {
  it.each([
    ['plain ascii', 'plain ascii'],
    ['a\r\nb', 'a b'],
    ['\u0000x\u0007', 'x'],
  ])('stripControls(%j) = %j', (input, expected) => {
    expect(stripControls(input)).toBe(expected);
  });

  it('encodes non-ASCII subjects as RFC 2047 words on one line', () => {
    const encoded = encodeWords('Ünïcödé '.repeat(20));
    expect(encoded).not.toMatch(/[\r\n]/);
    expect(
      encoded.split(' ').every((w) => /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/.test(w) && w.length <= 75),
    ).toBe(true);
  });

  it.each([
    ['ada@example.org', 'ada@example.org'],
    ['mailto:ada@example.org', 'ada@example.org'],
    ['ada@example.org>', null],
    ['a b@example.org', null],
    ['no-at-sign', null],
  ])('safeAddress(%j) = %j', (input, expected) => {
    expect(safeAddress(input)).toBe(expected);
  });

  it('wraps base64 at 76 characters', () => {
    const lines = base64Lines('x'.repeat(1000)).split('\r\n');
    expect(lines.slice(0, -1).every((l) => l.length === 76)).toBe(true);
    expect(Buffer.from(lines.join(''), 'base64').toString()).toBe('x'.repeat(1000));
  });
});

describe('7bit bodies', () => {
  it('sends ASCII HTML with CRLF and short lines unencoded, and escapes non-ASCII outside <style>', async () => {
    const html = toSevenBitHtml('<html><style>p{font-family:"Ré"}</style><p>résumé — ok</p>\n</html>\n');
    expect(html).toBe(
      '<html><style>p{font-family:"Ré"}</style><p>r&#233;sum&#233; &#8212; ok</p>\r\n</html>\r\n',
    );
    expect(fitsSevenBit('<p>r&#233;</p>\r\n')).toBe(true);
    expect(fitsSevenBit('<p>ok</p>\n')).toBe(false);
    expect(fitsSevenBit(`<p>${'x'.repeat(999)}</p>`)).toBe(false);
    const variant = makeVariant();
    variant.html = toSevenBitHtml(variant.html);
    variant.text = toCrlf(variant.text);
    const raw = createMimeBuilder(SENDER).build(delivery, personalize(variant, delivery), new Date())!;
    expect(raw.toString('latin1')).toContain(
      'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 7bit',
    );
    const mail = await simpleParser(raw);
    expect(mail.html).toContain('r&#233;sum&#233;');
    expect(mail.text).toMatch(/^Papers today\r?\n\r?\nUnsubscribe: https:\/\/paperpost\.test\/u\/3\?t=tok7/);
  });
});
