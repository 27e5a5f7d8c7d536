import nodemailer from 'nodemailer';
import type { OutgoingMessage, SendResult, Transport } from './ports.js';

/** Pool and signing settings for the SMTP transport (config `smtp` and `dkim`). */
export interface SmtpTransportOptions {
  /** Pool size; also the send loop's concurrency. Default 5. */
  maxConnections?: number;
  /** Messages per connection before it is replaced. Default 100. */
  maxMessagesPerConnection?: number;
  /** DKIM signing of every message; `privateKey` is the PEM text (the CLI reads the key file). */
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  /** Socket inactivity limit in ms (a stalled server becomes a temporary failure). Default 60 s. */
  socketTimeoutMs?: number;
  /** Connect and greeting limit in ms. Default 30 s. */
  connectTimeoutMs?: number;
}

interface SmtpError {
  message?: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

/** One line, no controls, bounded: a reply fit for the ledger and the logs. */
function oneLine(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}

/**
 * Classifies a nodemailer failure. 5xx at RCPT TO or after DATA is the recipient's (permanent);
 * 4xx, dropped connections, timeouts and protocol trouble are temporary. A 5xx before any recipient
 * (greeting, AUTH, MAIL FROM) is about us, not the subscriber: temporary, so it pauses the run
 * instead of suppressing the whole list.
 */
export function classifySmtpError(err: unknown): Extract<SendResult, { ok: false }> {
  const e = (err ?? {}) as SmtpError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const reply = oneLine(e.response || e.message || String(err));
  const recipientStage = e.command === 'RCPT TO' || e.command === 'DATA' || e.command === 'DATA end';
  if (code !== null && code >= 500 && recipientStage) return { ok: false, permanent: true, code, reply };
  // nodemailer refuses an address it cannot put on the wire before talking to the server.
  if (code === null && e.code === 'EENVELOPE' && e.command === 'API')
    return { ok: false, permanent: true, code, reply };
  return { ok: false, permanent: false, code, reply };
}

/**
 * SMTP through a nodemailer pool. Messages arrive as finished raw MIME and are handed over with
 * `raw` + `envelope`, so nodemailer does no MIME work per message (only DKIM when enabled).
 * Dropped connections are not re-queued inside nodemailer (maxRequeues 0): the send loop decides,
 * with back-off, so every attempt is counted in the ledger.
 */
export function createSmtpTransport(url: string, options: SmtpTransportOptions = {}): Transport {
  const maxConnections = options.maxConnections ?? 5;
  const mailer = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections,
    maxMessages: options.maxMessagesPerConnection ?? 100,
    maxRequeues: 0,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
    connectionTimeout: options.connectTimeoutMs ?? 30_000,
    greetingTimeout: options.connectTimeoutMs ?? 30_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(options.dkim ? { dkim: options.dkim } : {}),
  });
  return {
    kind: 'smtp',
    concurrency: maxConnections,
    async send(message: OutgoingMessage): Promise<SendResult> {
      try {
        const info = await mailer.sendMail({
          envelope: { from: message.from, to: [message.to] },
          raw: message.raw,
        });
        return { ok: true, reply: oneLine(String(info.response ?? '250 accepted')) };
      } catch (err) {
        return classifySmtpError(err);
      }
    },
    async close() {
      mailer.close();
    },
  };
}
