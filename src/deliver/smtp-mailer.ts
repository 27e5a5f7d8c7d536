import nodemailer from 'nodemailer';
import type { OutgoingMessage, SendResult } from './ports.js';

/** Settings of one nodemailer pool. */
export interface SmtpMailerOptions {
  maxConnections: number;
  maxMessagesPerConnection: number;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  socketTimeoutMs: number;
  connectTimeoutMs: number;
}

/** One nodemailer pool that sends finished raw messages. */
export interface SmtpMailer {
  send(message: Pick<OutgoingMessage, 'from' | 'to' | 'raw'>): Promise<SendResult>;
  close(): void;
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
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
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
 * The one place nodemailer is used: a pool that gets finished raw MIME with `raw` + `envelope`, so
 * nodemailer does no MIME work per message (only DKIM when enabled). Dropped connections are not
 * re-queued inside nodemailer (maxRequeues 0): the send loop decides, with back-off, so every
 * attempt is counted in the ledger.
 */
export function createSmtpMailer(url: string, options: SmtpMailerOptions): SmtpMailer {
  const mailer = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections,
    maxMessages: options.maxMessagesPerConnection,
    maxRequeues: 0,
    socketTimeout: options.socketTimeoutMs,
    connectionTimeout: options.connectTimeoutMs,
    greetingTimeout: options.connectTimeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(options.dkim ? { dkim: options.dkim } : {}),
  });
  return {
    async send(message) {
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
    close() {
      mailer.close();
    },
  };
}
