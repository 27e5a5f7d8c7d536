import { beforeAll, describe, expect, it } from 'vitest';
import { checkMessage, formatCheckReport } from '../../../src/render/index.js';
import { buildEml, type EmlOptions } from './eml.js';
import { renderSampleDigest } from './fixture.js';

let digest: { subject: string; html: string; text: string };

beforeAll(async () => {
  digest = await renderSampleDigest();
});

function failing(report: Awaited<ReturnType<typeof checkMessage>>): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => `${c.level}:${c.id}`);
}

describe('checkMessage', () => {
  it('passes a rendered edition built as a list message', async () => {
    const report = await checkMessage(await buildEml(digest));
    expect(failing(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.spamScore).toBe(0);
    expect(report.htmlBytes).toBeGreaterThan(20_000);
    expect(formatCheckReport(report)).toMatch(/result: passes\n$/);
  });

  it('takes a string as well as a Buffer', async () => {
    const report = await checkMessage((await buildEml(digest)).toString('utf8'));
    expect(report.ok).toBe(true);
  });

  const big = `<html><body>${'<p>word word word word word</p>'.repeat(4000)}</body></html>`;
  it.each<[string, EmlOptions, string[], boolean]>([
    [
      'no list headers',
      { withoutListHeaders: true },
      [
        'error:list-unsubscribe',
        'warning:list-unsubscribe-mailto',
        'error:list-unsubscribe-post',
        'error:list-id',
      ],
      false,
    ],
    ['no text part', { text: false }, ['error:text-part'], false],
    ['HTML over the Gmail clip', { html: big }, ['error:html-size'], false],
    [
      'a javascript: link',
      {
        html: '<p>Read <a href="javascript:alert(1)">this</a> and <a href="https://ok.example/">that</a>.</p>',
      },
      ['error:links'],
      false,
    ],
    [
      'an unfilled placeholder',
      { html: '<p><a href="%%UNSUBSCRIBE_URL%%">leave</a> now please.</p>' },
      ['error:links'],
      false,
    ],
    [
      'an image without alt text',
      { html: `<p>${'Real words about papers. '.repeat(20)}<img src="https://x.example/a.png"></p>` },
      ['warning:image-alt'],
      true,
    ],
    [
      'a wrong List-Unsubscribe-Post',
      { headers: { 'List-Unsubscribe-Post': 'yes' } },
      ['error:list-unsubscribe-post'],
      false,
    ],
    // Regression (issue 14): the demo's own .eml failed the check and counted "22 links to bare
    // IP addresses" as spam, against the default local base URL.
    [
      'a letter made for a look, linking to the local base URL (warned, not failed)',
      {
        headers: {
          'List-Unsubscribe': '<http://127.0.0.1:8080/unsubscribe?t=1>, <mailto:u@paperpost.example>',
        },
        html: `<p>${'Real words about papers. '.repeat(20)}<a href="http://127.0.0.1:8080/archive/x">web</a></p>`,
      },
      ['warning:list-unsubscribe'],
      true,
    ],
    [
      'links to a local address in a letter whose List-Unsubscribe is public',
      { html: `<p>${'Real words about papers. '.repeat(20)}<a href="http://localhost:3000/a">web</a></p>` },
      ['warning:local-links'],
      true,
    ],
    [
      'List-Unsubscribe over plain http to a public host',
      { headers: { 'List-Unsubscribe': '<http://paperpost.example/u>, <mailto:u@paperpost.example>' } },
      ['error:list-unsubscribe'],
      false,
    ],
    [
      'List-Unsubscribe with mailto only',
      { headers: { 'List-Unsubscribe': '<mailto:u@paperpost.example>' } },
      ['error:list-unsubscribe'],
      false,
    ],
  ])('flags %s', async (_name, options, expected, ok) => {
    const report = await checkMessage(await buildEml(digest, options));
    expect(failing(report)).toEqual(expected);
    expect(report.ok).toBe(ok);
    expect(report.spamScore).toBeLessThan(2.5);
    expect(formatCheckReport(report)).toMatch(ok ? /result: passes with 1 warning/ : /result: FAILS/);
  });

  it('estimates a high spam score for a spammy message', async () => {
    const report = await checkMessage(
      await buildEml(
        {
          subject: 'FREE MONEY WINNER!!!',
          html: '<p>Click here! Act now! <a href="http://bit.ly/x">$$$</a></p>',
          text: 'x',
        },
        { withoutListHeaders: true },
      ),
    );
    expect(report.spamScore).toBeGreaterThanOrEqual(5);
    expect(report.spamReasons.join(' ')).toMatch(/capitals/);
    expect(report.checks.find((c) => c.id === 'spam-score')?.level).toBe('error');
  });

  it('reports a missing Message-ID and Date of a hand-written message', async () => {
    const eml = [
      'From: Paperpost <digest@paperpost.example>',
      'To: ada@example.org',
      'Subject: Hello',
      'List-Unsubscribe: <https://paperpost.example/u/t>, <mailto:u@paperpost.example>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      'List-Id: Paperpost <paperpost.example>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Plain text only.',
      '',
    ].join('\r\n');
    const report = await checkMessage(eml);
    expect(failing(report)).toEqual(['warning:html-part', 'error:message-id', 'error:date']);
  });
});
