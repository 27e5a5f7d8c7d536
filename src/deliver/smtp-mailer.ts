import { PassThrough, type Readable } from 'node:stream';
import DKIM from 'nodemailer/lib/dkim';
import SMTPPool from 'nodemailer/lib/smtp-pool';
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
 * The one place nodemailer is used: its SMTP pool, fed finished raw MIME directly. Going below
 * `sendMail` skips the per-message MailComposer work (a MIME tree, address parsing, a generated
 * Message-ID, a stream pipeline) that a raw message does not need: about an eighth of the CPU per
 * message in the profile. DKIM, when enabled, signs each message with nodemailer's own signer.
 * Dropped connections are not re-queued inside nodemailer (maxRequeues 0): the send loop decides,
 * with back-off, so every attempt is counted in the ledger. The mail object below is what the pool
 * reads of a MailMessage in nodemailer 10.6 (pinned); tests/integration/deliver-*.test.ts cover it.
 */
export function createSmtpMailer(url: string, options: SmtpMailerOptions): SmtpMailer {
  const pool = new SMTPPool({
    url,
    maxConnections: options.maxConnections,
    maxMessages: options.maxMessagesPerConnection,
    maxRequeues: 0,
    socketTimeout: options.socketTimeoutMs,
    connectionTimeout: options.connectTimeoutMs,
    greetingTimeout: options.connectTimeoutMs,
  });
  // Failures reach each send's callback; a pool-level error event must not crash the process.
  pool.on('error', () => undefined);
  const dkim = options.dkim ? new DKIM(options.dkim) : null;
  return {
    send(message) {
      const envelope = { from: message.from, to: [message.to] };
      const mail = {
        data: {},
        message: {
          getEnvelope: () => envelope,
          messageId: () => '',
          getHeader: () => '',
          createReadStream: (): Readable => {
            const raw = new PassThrough();
            raw.end(message.raw);
            return dkim ? dkim.sign(raw) : raw;
          },
        },
      } as unknown as Parameters<SMTPPool['send']>[0];
      return new Promise<SendResult>((resolve) => {
        pool.send(mail, (err, info) => {
          if (err) resolve(classifySmtpError(err));
          else resolve({ ok: true, reply: oneLine(String(info?.response ?? '250 accepted')) });
        });
      });
    },
    close() {
      pool.close();
    },
  };
}
