import { describe, expect, it } from 'vitest';
import { charsetFromContentType, charsetFromProlog, decodeBody } from '../../../src/ingest/index.js';

const enc = new TextEncoder();
const bytes = (...parts: Array<number[] | string>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));

/** UTF-16/32 encoders for the BOM cases (Node has no TextEncoder for them). */
function utf16(text: string, littleEndian: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(...(littleEndian ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return out;
}
function utf32(text: string, littleEndian: boolean): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const be = [(c >>> 24) & 0xff, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff];
    out.push(...(littleEndian ? be.reverse() : be));
  }
  return out;
}

const PRIVET_1251 = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]; // "Привет" in windows-1251
const ZHONG_GB2312 = [0xd6, 0xd0, 0xce, 0xc4]; // "中文"
const ZHONG_BIG5 = [0xa4, 0xa4, 0xa4, 0xe5]; // "中文"

describe('decodeBody', () => {
  it.each<[string, Uint8Array, string | null, string]>([
    ['plain UTF-8', bytes('<rss>é</rss>'), null, '<rss>é</rss>'],
    ['UTF-8 BOM dropped', bytes([0xef, 0xbb, 0xbf], '<a/>'), null, '<a/>'],
    ['charset from header', bytes(PRIVET_1251), 'text/xml; charset=windows-1251', 'Привет'],
    ['quoted header charset', bytes(PRIVET_1251), 'text/xml; charset="Windows-1251"', 'Привет'],
    [
      'charset from prolog only',
      bytes("<?xml version='1.0' encoding='windows-1251'?><t>", PRIVET_1251, '</t>'),
      'application/xml',
      "<?xml version='1.0' encoding='windows-1251'?><t>Привет</t>",
    ],
    [
      'header beats prolog',
      bytes('<?xml version="1.0" encoding="utf-8"?>', PRIVET_1251),
      'text/xml;charset=cp1251',
      '<?xml version="1.0" encoding="utf-8"?>Привет',
    ],
    [
      'gb2312',
      bytes('<?xml version="1.0" encoding="gb2312"?>', ZHONG_GB2312),
      null,
      '<?xml version="1.0" encoding="gb2312"?>中文',
    ],
    ['big5', bytes(ZHONG_BIG5), 'text/xml; charset=big5', '中文'],
    ['latin1', bytes([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=iso-8859-1', 'café'],
    ['bogus header charset falls through', bytes('é'), 'text/xml; charset=no-such-thing', 'é'],
    ['UTF-16LE BOM', Uint8Array.from([0xff, 0xfe, ...utf16('<a>ж</a>', true)]), null, '<a>ж</a>'],
    [
      'UTF-16BE BOM',
      Uint8Array.from([0xfe, 0xff, ...utf16('<a>ж</a>', false)]),
      'text/xml; charset=utf-8',
      '<a>ж</a>',
    ],
    ['UTF-16LE without BOM', Uint8Array.from(utf16('<?xml?><a/>', true)), null, '<?xml?><a/>'],
    ['UTF-32BE BOM', Uint8Array.from([0, 0, 0xfe, 0xff, ...utf32('<a>😀</a>', false)]), null, '<a>😀</a>'],
    ['UTF-32LE BOM', Uint8Array.from([0xff, 0xfe, 0, 0, ...utf32('<a>é</a>', true)]), null, '<a>é</a>'],
    ['UTF-32LE without BOM', Uint8Array.from(utf32('<?xml?>', true)), null, '<?xml?>'],
    [
      'prolog lying about utf-16',
      bytes('<?xml version="1.0" encoding="utf-16"?><a>é</a>'),
      null,
      '<?xml version="1.0" encoding="utf-16"?><a>é</a>',
    ],
    ['invalid UTF-8 becomes U+FFFD', bytes([0x61, 0xff, 0x62]), null, 'a\ufffdb'],
    ['empty', new Uint8Array(0), null, ''],
  ])('%s', (_name, input, contentType, expected) => {
    expect(decodeBody(input, contentType)).toBe(expected);
  });
});

describe('charset helpers', () => {
  it.each([
    ['text/xml; charset=UTF-8', 'utf-8'],
    ["text/xml; charset='koi8-r'", 'koi8-r'],
    ['text/xml', undefined],
    [null, undefined],
  ])('charsetFromContentType(%j) = %j', (input, expected) => {
    expect(charsetFromContentType(input)).toBe(expected);
  });

  it.each([
    ['<?xml version="1.0" encoding="ISO-8859-1"?>', 'iso-8859-1'],
    ["  <?xml version='1.0' encoding='big5' standalone='yes'?>", 'big5'],
    ['<?xml version="1.0"?>', undefined],
    ['<rss encoding="x">', undefined],
  ])('charsetFromProlog(%j) = %j', (input, expected) => {
    expect(charsetFromProlog(new TextEncoder().encode(input))).toBe(expected);
  });
});
