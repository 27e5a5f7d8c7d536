import { describe, expect, it } from 'vitest';
import { cutAtWord, safeHttpUrl, toPlainText } from '../../../src/domain/index.js';

describe('toPlainText', () => {
  it.each<[string | null, string]>([
    [null, ''],
    ['', ''],
    ['  plain   text\n\twith  spaces ', 'plain text with spaces'],
    ['<p>One</p><p>Two</p>', 'One Two'],
    ['a<br>b', 'a b'],
    ['<b>Bold</b>face', 'Boldface'],
    ['Caf&eacute; &amp; cr&egrave;me &#8212; &#x263A;', 'Café & crème — ☺'],
    ['&lt;not a tag&gt;', '<not a tag>'],
    ['x<script>alert(1)</script>y', 'xy'],
    ['<style>p{color:red}</style>Text', 'Text'],
    ['<img src=x onerror="alert(1)">Title', 'Title'],
    ['<a href="javascript:alert(1)">click</a>', 'click'],
    ['<iframe src="https://evil"></iframe>ok', 'ok'],
    ['tab\u00a0nbsp\u200bzero', 'tab nbsp zero'],
    ['AT&T', 'AT&T'],
  ])('%j -> %j', (input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });

  it.each([
    ['a<b', 'a<b'],
    ['x <= y, 1<2', 'x <= y, 1<2'],
    ['keep <script>alert(1)</script>out', 'keep out'],
    ['p < 0.05 & q', 'p < 0.05 & q'],
    ['&lt; stays', '&lt; stays'],
  ])('plain mode keeps %j literally', (input, expected) => {
    expect(toPlainText(input, undefined, { plain: true })).toBe(expected);
  });

  it.each([
    [
      '<html><title>Undeliverable</title><p>Delivery failed:</p><div>Action: failed<br>Status:&nbsp;5.1.1</div>',
      'Delivery failed:\nAction: failed\nStatus: 5.1.1',
    ],
    ['line 1\r\n\r\n   line   2 ', 'line 1\nline 2'],
    ['<style>x{}</style><table><tr><td>a</td></tr><tr><td>b &amp; c</td></tr></table>', 'a\nb & c'],
  ])('lines mode (HTML-only bounces) keeps the lines of %j', (input, expected) => {
    expect(toPlainText(input, undefined, { lines: true })).toBe(expected);
  });

  it('cuts at a word boundary with an ellipsis, within maxChars', () => {
    const out = toPlainText('The quick brown fox jumps over the lazy dog', 20);
    expect(out).toBe('The quick brown fox…');
    expect(out.length).toBeLessThanOrEqual(20);
  });
});

describe('cutAtWord', () => {
  it.each([
    ['short', 10, 'short'],
    ['abcdefghijklmnop', 8, 'abcdefg…'],
    ['one two, three', 10, 'one two…'],
    ['x', 0, ''],
    ['😀😀😀😀', 3, '😀😀…'],
  ])('%j at %i -> %j', (input, max, expected) => {
    expect(cutAtWord(input, max)).toBe(expected);
  });
});

describe('safeHttpUrl (the one URL judge) as normalize uses it', () => {
  it.each<[string | null | undefined, string | null]>([
    ['https://arxiv.org/abs/2401.00001', 'https://arxiv.org/abs/2401.00001'],
    ['http://example.com', 'http://example.com/'],
    ['  https://example.com/a b ', 'https://example.com/a%20b'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['data:text/html;base64,PHNjcmlwdD4=', null],
    ['vbscript:msgbox(1)', null],
    ['file:///etc/passwd', null],
    ['/relative/path', null],
    ['//example.com/x', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j -> %j', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });
});

describe('issue 15 item 9: what the mail stripped, the archive kept (one sanitizer now)', () => {
  it.each([
    ['right-to-left override', 'Safe\u202Efdp.exe', 'Safe fdp.exe'],
    ['bidi isolates', 'A\u2066B\u2069C\u2067D\u2068E', 'A B C D E'],
    ['embeddings and marks', '\u202Atitle\u202C\u200F', 'title'],
    ['C1 controls', 'x\u0085y\u009bz', 'x y z'],
  ])('toPlainText strips %s', (_name, input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });

  it.each([
    ['https://user:pass@arxiv.org/abs/1', null],
    ['https://user@arxiv.org/abs/1', null],
    ['https://arxiv.org/abs/1', 'https://arxiv.org/abs/1'],
  ])('safeHttpUrl(%j) -> %j', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });
});
