import { randomBytes } from 'node:crypto';
import type { Delivery } from '../domain/index.js';
import {
  angleId,
  encodePhrase,
  encodeWords,
  formatDate,
  safeAddress,
  safeUrl,
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

/** Encodes a body, reusing the last result when the same text comes again (unpersonalized parts). */
function createBodyCache(): (text: string) => string {
  let lastText = '';
  let lastEncoded = '';
  return (text) => {
    if (text !== lastText) {
      lastText = text;
      lastEncoded = base64Lines(text);
    }
    return lastEncoded;
  };
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
  const textPartHead = `--${boundary}${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`;
  const htmlPartHead = `--${boundary}${CRLF}Content-Type: text/html; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`;
  const closing = `--${boundary}--${CRLF}`;
  const fixedAscii = ASCII.test(fixedHeaders) && ASCII.test(fromHeader);
  const encodeText = createBodyCache();
  const encodeHtml = createBodyCache();
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
        ? `<${safeUrl(message.unsubscribeUrl)}>, <mailto:${mailto}?subject=unsubscribe>`
        : `<${safeUrl(message.unsubscribeUrl)}>`;
      const head = `${fromHeader}${CRLF}To: ${to}${CRLF}Subject: ${lastSubjectEncoded}${CRLF}Date: ${lastDate}${CRLF}Message-ID: ${angleId(delivery.messageId)}${CRLF}List-Unsubscribe: ${unsubscribe}${CRLF}${fixedHeaders}${CRLF}${CRLF}`;
      const raw = `${head}${textPartHead}${encodeText(message.text.replace(CRLF_OR_LF, CRLF))}${CRLF}${htmlPartHead}${encodeHtml(message.html)}${CRLF}${closing}`;
      // Usually everything is ASCII here: latin1 then copies one byte per character, no UTF-8 work.
      return Buffer.from(raw, fixedAscii && ASCII.test(to) ? 'latin1' : 'utf8');
    },
  };
}
