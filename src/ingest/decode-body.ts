/**
 * Turns fetched bytes into text: charset from the Content-Type header, else the byte order mark,
 * else the XML prolog's `encoding=`, else UTF-8. rss-parser only sees strings, so this is the one
 * place where windows-1251, gb2312, big5, latin1 ... feeds are made readable.
 */

const PROLOG_SCAN_BYTES = 1024;

/** Charset named by a Content-Type header (`text/xml; charset="windows-1251"`), lowercased. */
export function charsetFromContentType(contentType: string | null): string | undefined {
  if (!contentType) return undefined;
  const match = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return match?.[1]?.toLowerCase();
}

type Sniffed = { charset: string; skip: number };

/** Byte order marks first; then the byte pattern of `<?` in UTF-16/32 without a BOM. */
function sniffBom(b: Uint8Array): Sniffed | undefined {
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return { charset: 'utf-32be', skip: 4 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return { charset: 'utf-32le', skip: 4 };
  if (b0 === 0xfe && b1 === 0xff) return { charset: 'utf-16be', skip: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0x00 && b3 === 0x3c) return { charset: 'utf-32be', skip: 0 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00) return { charset: 'utf-32le', skip: 0 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { charset: 'utf-16be', skip: 0 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { charset: 'utf-16le', skip: 0 };
  return undefined;
}

/** `encoding="..."` of an ASCII-compatible XML prolog, lowercased. */
export function charsetFromProlog(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PROLOG_SCAN_BYTES));
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  const charset = match?.[1]?.toLowerCase();
  // A prolog readable as ASCII cannot be UTF-16/32, whatever it claims.
  return charset && /^(utf-?(16|32)|ucs-?[24])/.test(charset) ? undefined : charset;
}

/** UTF-32 is outside the WHATWG Encoding standard, so TextDecoder cannot do it. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 3 < bytes.byteLength; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    chunk.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

function tryDecode(bytes: Uint8Array, charset: string): string | undefined {
  const label = charset.replace(/^(utf-?32|ucs-?4)$/, 'utf-32be');
  if (label === 'utf-32be' || label === 'utf-32le') {
    return decodeUtf32(bytes, label === 'utf-32le');
  }
  try {
    // A BOM of the same encoding is dropped by TextDecoder itself.
    return new TextDecoder(label).decode(bytes);
  } catch {
    return undefined; // unknown label: try the next clue
  }
}

/**
 * Decodes a feed body. Order of clues: a byte order mark (it is what the bytes are, as in the
 * WHATWG decode algorithm), the Content-Type charset, UTF-16/32 byte patterns without a BOM, the
 * XML prolog's `encoding=`, then UTF-8. Unknown or bogus charset names fall through to the next
 * clue; invalid bytes become U+FFFD rather than failing the feed.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const sniffed = sniffBom(bytes);
  const candidates: Array<[Uint8Array, string | undefined]> = [];
  if (sniffed && sniffed.skip > 0) candidates.push([bytes.subarray(sniffed.skip), sniffed.charset]);
  candidates.push([bytes, charsetFromContentType(contentType)]);
  if (sniffed && sniffed.skip === 0) candidates.push([bytes, sniffed.charset]);
  candidates.push([bytes, charsetFromProlog(bytes)]);
  for (const [body, charset] of candidates) {
    const text = charset ? tryDecode(body, charset) : undefined;
    if (text !== undefined) return stripBom(text);
  }
  return stripBom(new TextDecoder('utf-8').decode(bytes));
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
