import type { OutgoingMessage, SendResult } from './ports.js';

/** Settings of one nodemailer pool. */
export interface SmtpMailerOptions {
  maxConnections: number;
  maxMessagesPerConnection: number;
  socketTimeoutMs: number;
  connectTimeoutMs: number;
  /**
   * `auto` (default): the fast path when the nodemailer version it was tested with is installed,
   * else the public API; `public` always uses the public API.
   */
  path?: 'auto' | 'public';
}

/** One nodemailer pool that sends finished raw messages. */
export interface SmtpMailer {
  /** Which code sends: nodemailer's public API, or the version-pinned fast path. */
  readonly path: 'public' | 'fast';
  send(message: Pick<OutgoingMessage, 'from' | 'to' | 'raw'>): Promise<SendResult>;
  close(): void;
}

/** DKIM settings of nodemailer's signer; `privateKey` is the PEM text. */
export interface DkimOptions {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

interface SmtpError {
  message?: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

/** One line, no controls, bounded: a reply fit for the ledger and the logs. */
export function oneLine(text: string): string {
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

/** Pool settings as nodemailer names them (shared by both paths). */
export function poolOptions(url: string, options: SmtpMailerOptions) {
  return {
    url,
    pool: true as const,
    maxConnections: options.maxConnections,
    maxMessages: options.maxMessagesPerConnection,
    // Dropped connections are not re-queued inside nodemailer: the send loop decides, with
    // back-off, so every attempt is counted in the ledger.
    maxRequeues: 0,
    socketTimeout: options.socketTimeoutMs,
    connectionTimeout: options.connectTimeoutMs,
    greetingTimeout: options.connectTimeoutMs,
  };
}
