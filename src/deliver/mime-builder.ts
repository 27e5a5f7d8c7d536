import { randomBytes } from 'node:crypto';
import type { Delivery } from '../domain/index.js';
import {
  angleId,
  encodePhrase,
  encodeWords,
  formatDate,
  headerUrl,
  safeAddress,
  stripControls,
} from './header-text.js';
import type { PersonalizedMessage } from './ports.js';

/** Who the digest comes from (config `sender`). */
export interface MimeSender {
  fromName: string;
  fromAddress: string;
  replyTo?: string;
  /** List-Id identifier, e.g. "paperpost.example.org". */
  listId: string;
}

/** Builds the raw MIME of one recipient's message. */
export interface MimeBuilder {
  /** Envelope sender (the From address). */
  readonly envelopeFrom: string;
  /** Raw message with CRLF line ends, or null when the recipient address is unusable. */
  build(delivery: Delivery, message: PersonalizedMessage, now: Date): Buffer | null;
}

const CRLF = '\r\n';
const ASCII = /^[\u0000-\u007f]*$/;
/** Text parts travel in canonical form (RFC 2046): CRLF line ends. */
const CRLF_OR_LF = /\r?\n/g;

/** Base64 in 76-character lines (RFC 2045). */
export function base64Lines(text: string): string {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  if (b64.length <= 76) return b64;
  const lines: string[] = new Array(Math.ceil(b64.length / 76));
  for (let i = 0, n = 0; i < b64.length; i += 76, n++) lines[n] = b64.slice(i, i + 76);
  return lines.join(CRLF);
}

const MAX_LINE = 998;

/** True when `text` may travel unencoded: ASCII only, CRLF line ends, lines within 998 bytes. */
export function fitsSevenBit(text: string): boolean {
  // Same length in UTF-8 bytes as in UTF-16 units means ASCII only; twice as fast as a regex here.
  if (Buffer.byteLength(text, 'utf8') !== text.length) return false;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start > MAX_LINE || (nl !== -1 && text.charCodeAt(nl - 1) !== 13)) return false;
    if (nl === -1) return true;
    start = nl + 1;
  }
}

/** One body part in pieces: written one after the other, never joined into one string. */
interface BodyPart {
  head: string;
  body: string;
  tail: string;
}

/**
 * A body part: `7bit` as is when it fits (no encoding work, a third fewer bytes on the wire than
 * base64), else base64. The last result is reused when the same text comes again.
 */
function createBodyEncoder(boundary: string, type: string): (text: string) => BodyPart {
  const head = `--${boundary}${CRLF}Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: `;
  const sevenBit = `${head}7bit${CRLF}${CRLF}`;
  const base64 = `${head}base64${CRLF}${CRLF}`;
  let lastText = '';
  let lastPart: BodyPart | null = null;
  return (text) => {
    if (text !== lastText || lastPart === null) {
      lastText = text;
      lastPart = fitsSevenBit(text)
        ? { head: sevenBit, body: text, tail: text.endsWith(CRLF) ? '' : CRLF }
        : { head: base64, body: base64Lines(text), tail: CRLF };
    }
    return lastPart;
  };
}

/** CRLF line ends and, outside <style>/<script>, non-ASCII as numeric character references. */
export function toSevenBitHtml(html: string): string {
  const crlf = html.replace(CRLF_OR_LF, CRLF);
  if (ASCII.test(crlf)) return crlf;
  return crlf
    .split(/(<(?:style|script)\b[\s\S]*?<\/(?:style|script)>)/i)
    .map((piece, i) =>
      i % 2 === 1 ? piece : piece.replace(/[^\u0000-\u007f]/gu, (c) => `&#${c.codePointAt(0)};`),
    )
    .join('');
}

/** CRLF line ends for a text part (canonical form, RFC 2046). */
export function toCrlf(text: string): string {
  return text.replace(CRLF_OR_LF, CRLF);
}

/**
 * Prepares everything that does not depend on the recipient once (sender headers, boundary, MIME
 * skeleton) so that a message costs one header fill and two base64 encodings. Every header is on one
 * line (no folding: nodemailer issue 1654 showed folded List-Unsubscribe breaking DKIM downstream);
 * every value is stripped of CR/LF.
 */
export function createMimeBuilder(sender: MimeSender): MimeBuilder {
  const fromAddress = safeAddress(sender.fromAddress);
  if (!fromAddress) throw new Error(`sender.fromAddress is not a usable address: ${sender.fromAddress}`);
  const replyTo = sender.replyTo ? safeAddress(sender.replyTo) : null;
  const boundary = `=_pp_${randomBytes(12).toString('hex')}`;
  const listId = stripControls(sender.listId).replace(/[\s<>]/g, '');
  const fixedHeaders = [
    'MIME-Version: 1.0',
    ...(replyTo ? [`Reply-To: ${replyTo}`] : []),
    `List-Id: ${encodePhrase(sender.fromName)} <${listId}>`,
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ].join(CRLF);
  const fromHeader = `From: ${encodePhrase(sender.fromName)} <${fromAddress}>`;
  const closing = `--${boundary}--${CRLF}`;
  const fixedAscii = ASCII.test(fixedHeaders) && ASCII.test(fromHeader);
  const encodeText = createBodyEncoder(boundary, 'text/plain');
  const encodeHtml = createBodyEncoder(boundary, 'text/html');
  let lastSubject = '';
  let lastSubjectEncoded = '';
  let lastSecond = -1;
  let lastDate = '';

  return {
    envelopeFrom: fromAddress,
    build(delivery, message, now) {
      const to = safeAddress(delivery.email);
      if (!to) return null;
      if (message.subject !== lastSubject) {
        lastSubject = message.subject;
        lastSubjectEncoded = encodeWords(message.subject);
      }
      const second = Math.floor(now.getTime() / 1000);
      if (second !== lastSecond) {
        lastSecond = second;
        lastDate = formatDate(now);
      }
      const mailto = message.unsubscribeMailto ? safeAddress(message.unsubscribeMailto) : null;
      const unsubscribe = mailto
        ? `<${headerUrl(message.unsubscribeUrl)}>, <mailto:${mailto}?subject=unsubscribe>`
        : `<${headerUrl(message.unsubscribeUrl)}>`;
      const head = `${fromHeader}${CRLF}To: ${to}${CRLF}Subject: ${lastSubjectEncoded}${CRLF}Date: ${lastDate}${CRLF}Message-ID: ${angleId(delivery.messageId)}${CRLF}List-Unsubscribe: ${unsubscribe}${CRLF}${fixedHeaders}${CRLF}${CRLF}`;
      const text = encodeText(message.text);
      const html = encodeHtml(message.html);
      const pieces = [head, text.head, text.body, text.tail, html.head, html.body, html.tail, closing];
      return writePieces(pieces, fixedAscii && ASCII.test(to));
    },
  };
}

/**
 * The message from its pieces, each written straight into one Buffer: no 40 KB joined string to
 * build and drop. When everything is ASCII (usual), latin1 copies one byte per character.
 */
function writePieces(pieces: readonly string[], ascii: boolean): Buffer {
  const encoding = ascii ? 'latin1' : 'utf8';
  let size = 0;
  for (const piece of pieces) size += ascii ? piece.length : Buffer.byteLength(piece);
  const raw = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of pieces) at += raw.write(piece, at, encoding);
  return at === size ? raw : raw.subarray(0, at);
}

/** Who a one-off mail comes from (config `sender`). */
export interface SingleMailSender {
  fromName: string;
  fromAddress: string;
  replyTo?: string;
  /** Domain of the Message-ID; default the from address's domain. */
  messageIdDomain?: string;
}

/** A one-off mail to one person (confirmation, welcome). */
export interface SingleMail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/**
 * The raw MIME of a one-off mail (no list headers: it is not a list message): the same one-line,
 * CR/LF-stripped headers and body parts as a digest, a fresh random Message-ID and
 * `Auto-Submitted`. Null when the sender or recipient address is unusable.
 */
export function buildSingleMime(sender: SingleMailSender, mail: SingleMail, now: Date): Buffer | null {
  const from = safeAddress(sender.fromAddress);
  const to = safeAddress(mail.to);
  if (!from || !to) return null;
  const replyTo = sender.replyTo ? safeAddress(sender.replyTo) : null;
  const domain = sender.messageIdDomain ?? from.split('@')[1] ?? 'paperpost.invalid';
  const boundary = `=_pp_${randomBytes(12).toString('hex')}`;
  const head = [
    `From: ${encodePhrase(sender.fromName)} <${from}>`,
    `To: ${to}`,
    `Subject: ${encodeWords(mail.subject)}`,
    `Date: ${formatDate(now)}`,
    `Message-ID: ${angleId(`${randomBytes(16).toString('hex')}@${domain.replace(/[^A-Za-z0-9.-]/g, '')}`)}`,
    ...(replyTo ? [`Reply-To: ${replyTo}`] : []),
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ].join(CRLF);
  const text = createBodyEncoder(boundary, 'text/plain')(toCrlf(mail.text));
  const html = createBodyEncoder(boundary, 'text/html')(toCrlf(mail.html));
  const pieces = [`${head}${CRLF}${CRLF}`, text.head, text.body, text.tail, html.head, html.body, html.tail];
  return writePieces(
    [...pieces, `--${boundary}--${CRLF}`],
    pieces.every((piece) => ASCII.test(piece)),
  );
}
