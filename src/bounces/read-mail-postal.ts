/**
 * PROTOTYPE, not adopted (see README "Figures"): postal-mime 4.0.0 as the MIME parser for bounces,
 * its output rebuilt as the MIME tree the classifier reads. Measured by bench/bounces-postal-bench.ts
 * against the light reader (./mime-lite.ts); removed again in the next commit.
 */
import PostalMime, { type Email } from 'postal-mime';
import { type MimePart, parseHeaderBlock } from './mime-lite.js';
import { classifyMail } from './read-bounce.js';
import type { BounceReading } from './types.js';

const MAX_DEPTH = 4;

function contentTypeOf(email: Email): { type: string; params: Record<string, string> } {
  const value = email.headers.find((h) => h.key === 'content-type')?.value ?? '';
  const [typePart = '', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const m of rest.join(';').matchAll(/([\w.*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]+)/g)) {
    const raw = m[2] ?? '';
    params[(m[1] ?? '').toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1) : raw;
  }
  return { type: typePart.trim().toLowerCase() || 'text/plain', params };
}

const leaf = (contentType: string, text: string): MimePart => ({
  headers: [],
  contentType,
  params: {},
  text,
  children: [],
});

function splitHead(bytes: ArrayBuffer | Uint8Array): [string, string] {
  const str = Buffer.from(bytes as Uint8Array).toString('latin1');
  const m = /\r?\n\r?\n/.exec(str);
  return m ? [str.slice(0, m.index), str.slice(m.index + m[0].length)] : [str, ''];
}

export interface PostalOptions {
  /** Read only the headers of a returned original (unless it is itself a report). */
  originalHeadersOnly?: boolean;
}

async function toTree(raw: ArrayBuffer | Uint8Array, depth: number, opts: PostalOptions): Promise<MimePart> {
  const email = await PostalMime.parse(raw, { forceRfc822Attachments: true, maxRfc822NestingDepth: 0 });
  const headers = parseHeaderBlock(email.headerLines.map((h) => h.line).join('\n'));
  const { type, params } = contentTypeOf(email);
  const children: MimePart[] = [];
  if (email.text) children.push(leaf('text/plain', email.text));
  else if (email.html) children.push(leaf('text/html', email.html));
  if (!email.text && !email.html && email.attachments.length === 0)
    // a multipart whose declared boundary is not in the body: read the body as text
    children.push(leaf('text/plain', splitHead(raw as Uint8Array)[1]));
  for (const att of email.attachments) {
    const t = att.mimeType.toLowerCase();
    const bytes = att.content as ArrayBuffer;
    if (t === 'message/rfc822' || t === 'message/global') {
      if (depth >= MAX_DEPTH) continue;
      const h = opts.originalHeadersOnly ? parseHeaderBlock(splitHead(bytes)[0]) : [];
      const ct = (h.find(([n]) => n === 'content-type')?.[1] ?? '').toLowerCase();
      const inner =
        opts.originalHeadersOnly && !ct.startsWith('multipart/report')
          ? { ...leaf('text/plain', ''), headers: h }
          : await toTree(bytes, depth + 1, opts);
      children.push({ ...leaf(t, ''), children: [inner] });
    } else if (t.startsWith('message/') || t.startsWith('text/')) {
      children.push(leaf(t, Buffer.from(bytes).toString('utf8')));
    }
  }
  const rootType = type.startsWith('multipart/') ? type : 'multipart/mixed';
  return { headers, contentType: rootType, params, text: '', children };
}

/** postal-mime alone, parse only. */
export function parseOnly(raw: Buffer): Promise<Email> {
  return PostalMime.parse(raw, { forceRfc822Attachments: true, maxRfc822NestingDepth: 0 });
}

export async function readBouncePostal(raw: Buffer, opts: PostalOptions = {}): Promise<BounceReading> {
  return classifyMail(await toTree(raw, 0, opts));
}
