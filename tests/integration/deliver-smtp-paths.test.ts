/**
 * The SMTP mailer's two paths, nodemailer's public API and the version-pinned fast path, into a
 * real SMTP server: the same bytes arrive, the same refusals come back, and the fast path is chosen
 * only for the nodemailer release it was tested with.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_PATH_NODEMAILER, fastPathSupported } from '../../src/deliver/smtp-fast-path.js';
import { createSmtpMailer, type SmtpMailer } from '../../src/deliver/smtp-mailer.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

const FROM = 'bounces+tag@paperpost.test';

/** Messages that need each kind of DATA escaping, and one that needs none. */
const BODIES: Array<[string, string]> = [
  ['plain CRLF text', 'line one\r\nline two\r\n'],
  ['a dot at the start of a line', 'one\r\n.two\r\n..three\r\n.\r\n'],
  ['bare LF and bare CR', 'one\ntwo\rthree\r\n'],
  ['no final line break', 'last line without a break'],
  ['40 KB of long lines', `${'x'.repeat(76)}\r\n`.repeat(540)],
];

function message(i: number, body: string): Buffer {
  return Buffer.from(`From: a@paperpost.test\r\nTo: r${i}@x.test\r\nSubject: m${i}\r\n\r\n${body}`, 'latin1');
}

let sink: SmtpSink;
beforeEach(async () => {
  sink = await startSmtpSink({ fault: ({ to }) => (to === 'refused@x.test' ? 550 : undefined) });
});
afterEach(() => sink.close());

const settings = {
  maxConnections: 2,
  maxMessagesPerConnection: 3,
  socketTimeoutMs: 5000,
  connectTimeoutMs: 5000,
};

async function sendAll(mailer: SmtpMailer): Promise<Map<string, Buffer>> {
  try {
    const results = await Promise.all(
      BODIES.map(([, body], i) => mailer.send({ from: FROM, to: `r${i}@x.test`, raw: message(i, body) })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const refused = await mailer.send({ from: FROM, to: 'refused@x.test', raw: message(99, 'x\r\n') });
    expect(refused).toMatchObject({ ok: false, permanent: true, code: 550 });
  } finally {
    mailer.close();
  }
  const received = new Map<string, Buffer>();
  for (const m of sink.messages) {
    expect(m.from).toBe(FROM);
    received.set(m.to.join(','), m.raw);
  }
  sink.messages.length = 0;
  return received;
}

describe('SMTP mailer paths', () => {
  it('the public API and the fast path deliver the same bytes and classify refusals alike', async () => {
    const publicMailer = createSmtpMailer(sink.url, { ...settings, path: 'public' });
    expect(publicMailer.path).toBe('public');
    const viaPublic = await sendAll(publicMailer);
    const autoMailer = createSmtpMailer(sink.url, settings);
    // The installed nodemailer is the pinned one: auto picks the fast path.
    expect(autoMailer.path).toBe('fast');
    const viaFast = await sendAll(autoMailer);
    expect(viaPublic.size).toBe(BODIES.length);
    for (const [to, bytes] of viaPublic) expect(viaFast.get(to)?.equals(bytes), to).toBe(true);
    // What arrives is the message as given, line ends made CRLF where they were bare.
    expect(viaPublic.get('r0@x.test')?.toString('latin1')).toBe(message(0, BODIES[0]![1]).toString('latin1'));
    expect(viaPublic.get('r1@x.test')?.toString('latin1')).toContain('\r\n.two\r\n..three\r\n.\r\n');
  });

  it.each<[string, boolean]>([
    [FAST_PATH_NODEMAILER, true],
    ['10.6.1', false],
    ['10.7.0', false],
    ['9.0.0', false],
    ['11.0.0', false],
  ])('nodemailer %s: fast path %s', (version, supported) => {
    expect(fastPathSupported(version)).toBe(supported);
  });
});
