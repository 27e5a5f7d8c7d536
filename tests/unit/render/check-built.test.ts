import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CheckReport,
  checkBuiltMessage,
  checkMessage,
  rawHeaderLines,
} from '../../../src/render/index.js';
import { buildEml, type EmlOptions } from './eml.js';
import { renderSampleDigest } from './fixture.js';

let digest: { subject: string; html: string; text: string };

beforeAll(async () => {
  digest = await renderSampleDigest();
});

function verdicts(report: CheckReport): string[] {
  return report.checks.map((c) => `${c.level}:${c.id}:${c.ok}`);
}

describe('checkBuiltMessage', () => {
  it.each<[string, EmlOptions]>([
    ['a list message', {}],
    ['no list headers', { withoutListHeaders: true }],
    ['a bad Message-ID', { messageId: '<no-at-sign>' }],
    ['a javascript: link', { html: '<p><a href="javascript:alert(1)">x</a></p>' }],
  ])('agrees with checkMessage (mailparser) on %s', async (_name, options) => {
    const raw = await buildEml(digest, options);
    const html = typeof options.html === 'string' ? options.html : digest.html;
    const built = checkBuiltMessage({ raw, subject: digest.subject, html, text: digest.text });
    const parsed = await checkMessage(raw);
    expect(verdicts(built)).toEqual(verdicts(parsed));
    expect(built.ok).toBe(parsed.ok);
    expect(built.htmlBytes).toBe(parsed.htmlBytes);
    expect(built.spamScore).toBe(parsed.spamScore);
  });

  it('reports a missing text part', () => {
    const report = checkBuiltMessage({
      raw: 'From: a@b.example\r\n\r\n',
      subject: 's',
      html: '<p>x</p>',
      text: ' ',
    });
    expect(report.checks.find((c) => c.id === 'text-part')?.ok).toBe(false);
  });
});

describe('rawHeaderLines', () => {
  it('keeps folded headers whole and stops at the blank line', () => {
    const lines = rawHeaderLines('Subject: a\r\n b\r\nList-Id: <x.example>\r\n\r\nBody: no\r\n');
    expect(lines).toEqual([
      { key: 'subject', line: 'Subject: a\r\n b' },
      { key: 'list-id', line: 'List-Id: <x.example>' },
    ]);
  });
});
