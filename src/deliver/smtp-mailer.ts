import nodemailer from 'nodemailer';
import type { OutgoingMessage, SendResult } from './ports.js';
import { createFastSmtpMailer, fastPathSupported } from './smtp-fast-path.js';
import {
  classifySmtpError,
  type DkimOptions,
  oneLine,
  poolOptions,
  type SmtpMailer,
  type SmtpMailerOptions,
} from './smtp-shared.js';

export { classifySmtpError, type DkimOptions, type SmtpMailer, type SmtpMailerOptions };

/**
 * nodemailer's public API: a pooled transport, each message handed over as finished raw MIME
 * with its envelope (`sendMail({ envelope, raw })`). The envelope sender is the message's own
 * `from` (the bounce address, per message when the sender uses VERP).
 */
function createPublicSmtpMailer(url: string, options: SmtpMailerOptions): SmtpMailer {
  const transporter = nodemailer.createTransport(poolOptions(url, options));
  // Failures reach each send's promise; a pool-level error event must not crash the process.
  transporter.on('error', () => undefined);
  return {
    path: 'public',
    send(message) {
      return transporter
        .sendMail({ envelope: { from: message.from, to: [message.to] }, raw: message.raw })
        .then(
          (info): SendResult => ({ ok: true, reply: oneLine(String(info.response ?? '250 accepted')) }),
          (err: unknown) => classifySmtpError(err),
        );
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * The SMTP mailer: the fast path (`smtp-fast-path.ts`) when the nodemailer release it was tested
 * with is installed, nodemailer's public API otherwise (or when `path: 'public'`). Both put the
 * same bytes on the wire (tests/integration/deliver-smtp-paths.test.ts).
 */
export function createSmtpMailer(url: string, options: SmtpMailerOptions): SmtpMailer {
  if (options.path !== 'public' && fastPathSupported()) return createFastSmtpMailer(url, options);
  return createPublicSmtpMailer(url, options);
}

/**
 * DKIM signing with nodemailer's own signer through its public API (a stream transport with the
 * `dkim` option, raw message in, signed bytes out). Used once per message before any transport,
 * so the outbox, the preview and SMTP carry the same signed bytes.
 */
export function createDkimSigner(
  dkim: DkimOptions,
): (message: Pick<OutgoingMessage, 'from' | 'to' | 'raw'>) => Promise<Buffer> {
  const signer = nodemailer.createTransport({ streamTransport: true, buffer: true, dkim });
  return async (message) => {
    const info = await signer.sendMail({
      envelope: { from: message.from, to: [message.to] },
      raw: message.raw,
    });
    return info.message as Buffer;
  };
}
