import type { Transport } from './ports.js';
import { createSmtpMailer } from './smtp-mailer.js';

export { classifySmtpError } from './smtp-mailer.js';

/** Pool settings for the SMTP transport (config `smtp`). DKIM is not here: see `withDkim`. */
export interface SmtpTransportOptions {
  /** Pool size; also the send loop's concurrency. Default 5. */
  maxConnections?: number;
  /** Messages per connection before it is replaced. Default 100. */
  maxMessagesPerConnection?: number;
  /** Socket inactivity limit in ms (a stalled server becomes a temporary failure). Default 60 s. */
  socketTimeoutMs?: number;
  /** Connect and greeting limit in ms. Default 30 s. */
  connectTimeoutMs?: number;
  /** `public` forces nodemailer's public API; default `auto` (see `createSmtpMailer`). */
  path?: 'auto' | 'public';
}

/**
 * SMTP through a nodemailer pool (used when SMTP_URL is set). Messages arrive as finished raw MIME;
 * refusals come back as SendResults, classified temporary or permanent.
 */
export function createSmtpTransport(url: string, options: SmtpTransportOptions = {}): Transport {
  const maxConnections = options.maxConnections ?? 5;
  const mailer = createSmtpMailer(url, {
    maxConnections,
    maxMessagesPerConnection: options.maxMessagesPerConnection ?? 100,
    socketTimeoutMs: options.socketTimeoutMs ?? 60_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
    path: options.path,
  });
  return {
    kind: 'smtp',
    concurrency: maxConnections,
    send: (message) => mailer.send(message),
    async close() {
      mailer.close();
    },
  };
}
