import { randomBytes } from 'node:crypto';
import { encodePhrase, encodeWords, formatDate, safeAddress } from '../deliver/header-text.js';
import { base64Lines, type Transport } from '../deliver/index.js';
import { PaperpostError } from '../domain/errors.js';
import type { TransactionalMail, TransactionalMailer } from '../subscribers/index.js';

export interface TransactionalSender {
  fromName: string;
  fromAddress: string;
  replyTo?: string;
  /** Domain of the Message-IDs; default the from address's domain. */
  messageIdDomain?: string;
}

/** Outbox folder name (`<outboxDir>/transactional/`) and the edition id the transport files under. */
export const TRANSACTIONAL_FOLDER = 'transactional';

const CRLF = '\r\n';

/** The raw MIME of a transactional mail: one-line headers, CR/LF stripped, base64 parts. */
export function buildTransactionalMime(
  sender: TransactionalSender,
  mail: TransactionalMail,
  now: Date,
): Buffer {
  const from = safeAddress(sender.fromAddress);
  const to = safeAddress(mail.to);
  if (!from || !to) throw new PaperpostError('server', 'bad-address', 'transactional mail: unusable address');
  const replyTo = sender.replyTo ? safeAddress(sender.replyTo) : null;
  const domain = sender.messageIdDomain ?? from.split('@')[1] ?? 'paperpost.invalid';
  const boundary = `=_pp_${randomBytes(12).toString('hex')}`;
  const headers = [
    `From: ${encodePhrase(sender.fromName)} <${from}>`,
    `To: ${to}`,
    `Subject: ${encodeWords(mail.subject)}`,
    `Date: ${formatDate(now)}`,
    `Message-ID: <${randomBytes(16).toString('hex')}@${domain.replace(/[^A-Za-z0-9.-]/g, '')}>`,
    ...(replyTo ? [`Reply-To: ${replyTo}`] : []),
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) =>
    `--${boundary}${CRLF}Content-Type: ${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(body)}${CRLF}`;
  const raw = `${headers.join(CRLF)}${CRLF}${CRLF}${part('text/plain', mail.text.replace(/\r?\n/g, CRLF))}${part('text/html', mail.html)}--${boundary}--${CRLF}`;
  return Buffer.from(raw, 'utf8');
}

/**
 * Confirmation and welcome mails through a deliver/ transport (the file outbox under
 * `transactional/`, or SMTP). A refusal rejects, so the page can say "try again later".
 */
export function createTransactionalMailer(
  transport: Transport,
  sender: TransactionalSender,
  now: () => Date = () => new Date(),
): TransactionalMailer {
  let sequence = 0;
  const from = safeAddress(sender.fromAddress) ?? sender.fromAddress;
  return {
    async sendTransactional(mail) {
      const at = now();
      const raw = buildTransactionalMime(sender, mail, at);
      // Unique per process and over restarts: milliseconds of the day plus a counter.
      sequence = (sequence + 1) % 1000;
      const serial = (at.getTime() % 86_400_000) * 1000 + sequence;
      const result = await transport.send({
        key: `${TRANSACTIONAL_FOLDER}/${serial}`,
        from,
        to: mail.to,
        raw,
      });
      if (!result.ok) {
        throw new PaperpostError('server', 'mail-refused', `transactional mail refused: ${result.reply}`);
      }
    },
  };
}
