/**
 * A small, fast MIME reader for bounce mails. Bounces are structured (headers, a multipart/report
 * or a text body, an attached original), so this reads only what classification needs: headers,
 * the text of leaf parts, and nested messages. mailparser (./read-mail.ts) takes over where a
 * charset is beyond TextDecoder; the split exists because mailparser reads ~600-800 mails per
 * CPU-second here and the bounce reader must do 1,000. postal-mime 4.0.0 was measured as the only
 * parser too (same accuracy, ~720-980 mails per CPU-second with classification): bench/FIGURES.md.
 */

export type HeaderList = Array<[name: string, value: string]>;

export interface MimePart {
  headers: HeaderList;
  /** Lower-case type/subtype; text/plain when absent. */
  contentType: string;
  params: Record<string, string>;
  /** Decoded text of a leaf part ('' for multiparts). */
  text: string;
  children: MimePart[];
}

export class CharsetUnsupportedError extends Error {}

const MAX_DEPTH = 8;
const decoders = new Map<string, TextDecoder>();

function decoderFor(charset: string): TextDecoder {
  const key = charset.toLowerCase();
  let dec = decoders.get(key);
  if (!dec) {
    try {
      dec = new TextDecoder(key === 'utf8' ? 'utf-8' : key, { fatal: false });
    } catch {
      throw new CharsetUnsupportedError(charset);
    }
    decoders.set(key, dec);
  }
  return dec;
}

/** Bytes (as a latin1 string) decoded with a charset; ASCII is returned as is. */
export function decodeCharset(binary: string, charset: string | undefined): string {
  if (!/[^\x00-\x7f]/.test(binary) && !/iso-2022/i.test(charset ?? '')) return binary;
  const cs = charset && charset !== 'us-ascii' ? charset : 'utf-8';
  return decoderFor(cs).decode(Buffer.from(binary, 'latin1'));
}

function decodeQuotedPrintable(s: string): string {
  return s
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** RFC 2047 encoded words in a header value. */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(
      /=\?([^?*]+)(?:\*[^?]*)?\?([bBqQ])\?([^?]*)\?=/g,
      (whole, cs: string, enc: string, data: string) => {
        try {
          const bin =
            enc.toLowerCase() === 'b'
              ? Buffer.from(data, 'base64').toString('latin1')
              : decodeQuotedPrintable(data.replace(/_/g, ' '));
          return decodeCharset(bin, cs);
        } catch {
          return whole; // an unknown charset in a header: keep the encoded word
        }
      },
    );
}

/** Unfolded header fields of a block of header lines. */
export function parseHeaderBlock(block: string): HeaderList {
  const out: HeaderList = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '') continue;
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      const last = out[out.length - 1];
      if (last) last[1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return out;
}

/** First value of a header (names are lower-case). */
export function header(headers: HeaderList, name: string): string | undefined {
  for (const [n, v] of headers) if (n === name) return v;
  return undefined;
}

function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const [typePart = '', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  const re = /([\w.*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]+)/g;
  const joined = rest.join(';');
  for (let m = re.exec(joined); m; m = re.exec(joined)) {
    const raw = m[2] ?? '';
    params[(m[1] ?? '').toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1) : raw;
  }
  return { type: typePart.trim().toLowerCase() || 'text/plain', params };
}

function splitHead(raw: string): [string, string] {
  // An entity that starts with a blank line has no headers (RFC 2046 5.1.1: a body part without
  // header fields is text/plain); its body is all that follows, not the lines up to the next blank.
  const blank = /^\r?\n/.exec(raw);
  if (blank) return ['', raw.slice(blank[0].length)];
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return [raw, ''];
  return [raw.slice(0, m.index), raw.slice(m.index + m[0].length)];
}

/** The boundary a body really uses when the declared one is nowhere in it (broken MTAs). */
function sniffBoundary(body: string): string | undefined {
  const m = /^--([^\s-][^\s]{4,69}?)\r?$/m.exec(body);
  return m?.[1];
}

function splitMultipart(body: string, declared: string): string[] {
  const boundary = body.includes(`--${declared}`) ? declared : (sniffBoundary(body) ?? declared);
  const delim = `--${boundary}`;
  const parts: string[] = [];
  let pos = body.startsWith(delim) ? 0 : body.indexOf(`\n${delim}`);
  if (pos < 0) return [];
  while (pos >= 0) {
    const start = body.indexOf('\n', pos + 1);
    if (start < 0) break;
    const lineEnd = body.slice(pos, start);
    if (lineEnd.trimEnd().endsWith(`${delim}--`)) break;
    const next = body.indexOf(`\n${delim}`, start);
    const end = next < 0 ? body.length : next;
    parts.push(body.slice(start + 1, end > start && body[end - 1] === '\r' ? end - 1 : end));
    pos = next < 0 ? -1 : next + 1;
  }
  return parts;
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** Read one entity (a message or a body part); `raw` holds bytes as latin1 characters. */
export function readEntity(raw: string, depth = 0): MimePart {
  const [head, body] = splitHead(raw);
  const headers = parseHeaderBlock(head);
  const { type, params } = parseContentType(header(headers, 'content-type'));
  const part: MimePart = { headers, contentType: type, params, text: '', children: [] };
  if (depth >= MAX_DEPTH) return part;
  if (type.startsWith('multipart/') && params['boundary']) {
    for (const sub of splitMultipart(body, params['boundary']))
      part.children.push(readEntity(sub, depth + 1));
    if (part.children.length > 0) return part;
  }
  const decoded = decodeBody(body, header(headers, 'content-transfer-encoding'));
  if (type === 'message/rfc822' || type === 'message/global') {
    part.children.push(readEntity(decoded, depth + 1));
    return part;
  }
  part.text = decodeCharset(decoded, params['charset']);
  return part;
}

/** Every part of a tree, depth first. */
export function* walkParts(part: MimePart): Generator<MimePart> {
  yield part;
  for (const child of part.children) yield* walkParts(child);
}
