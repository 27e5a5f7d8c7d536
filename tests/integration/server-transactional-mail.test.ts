import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxTransport, createSmtpTransport } from '../../src/deliver/index.js';
import {
  buildTransactionalMime,
  createTransactionalMailer,
  TRANSACTIONAL_FOLDER,
} from '../../src/server/transactional-mailer.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

const SENDER = { fromName: 'Paperpost "Digest"', fromAddress: 'digest@paperpost.test' };
const MAIL = {
  to: 'ada@example.org',
  subject: 'Confirm: Zürich\r\nBcc: evil@example.org',
  html: '<p>hé</p>',
  text: 'line 1\nline 2',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'paperpost-transactional-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('transactional mail', () => {
  it('keeps every header on one line: CR/LF in a subject cannot add a header', () => {
    const raw = buildTransactionalMime(SENDER, MAIL, new Date('2025-03-01T10:00:00Z')).toString('utf8');
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(head.split('\r\n').some((line) => /^bcc:/i.test(line))).toBe(false);
    expect(head).toMatch(
      /^From: "Paperpost \\"Digest\\"" <digest@paperpost\.test>\r\nTo: ada@example\.org\r\nSubject: =\?UTF-8\?B\?/,
    );
    expect(head).toContain('Date: Sat, 01 Mar 2025 10:00:00 +0000');
    expect(() => buildTransactionalMime(SENDER, { ...MAIL, to: 'a@b.c\r\nBcc: x@y.z' }, new Date())).toThrow(
      /unusable address/,
    );
  });

  it('files mails under <outbox>/transactional/', async () => {
    const mailer = createTransactionalMailer(createOutboxTransport(dir), SENDER);
    await mailer.sendTransactional(MAIL);
    await mailer.sendTransactional({ ...MAIL, to: 'bob@example.org' });
    const files = readdirSync(path.join(dir, TRANSACTIONAL_FOLDER));
    expect(files).toHaveLength(2);
    expect(files.some((f) => f.endsWith('-ada@example.org.eml'))).toBe(true);
    expect(readFileSync(path.join(dir, TRANSACTIONAL_FOLDER, files[0] ?? ''), 'utf8')).toContain(
      'MIME-Version: 1.0',
    );
  });

  describe('over SMTP', () => {
    let sink: SmtpSink;
    beforeEach(async () => {
      sink = await startSmtpSink({ fault: ({ to }) => (to === 'refused@example.org' ? 550 : undefined) });
    });
    afterEach(async () => sink.close());

    it('arrives intact at a real SMTP server; a refusal rejects', async () => {
      const transport = createSmtpTransport(sink.url, { maxConnections: 1 });
      try {
        const mailer = createTransactionalMailer(transport, SENDER);
        await mailer.sendTransactional(MAIL);
        expect(sink.messages).toHaveLength(1);
        expect(sink.messages[0]?.to).toEqual(['ada@example.org']);
        const parsed = await sink.messages[0]!.parse();
        expect(parsed.subject).toBe('Confirm: Zürich Bcc: evil@example.org');
        expect(parsed.bcc).toBeUndefined();
        expect(parsed.text?.trim()).toBe('line 1\nline 2');
        expect(parsed.html).toContain('<p>hé</p>');
        await expect(mailer.sendTransactional({ ...MAIL, to: 'refused@example.org' })).rejects.toMatchObject({
          code: 'mail-refused',
        });
      } finally {
        await transport.close();
      }
    });
  });
});
