import { buildSingleMime, type SingleMailSender, type Transport } from '../deliver/index.js';
import { PaperpostError } from '../domain/errors.js';
import type { TransactionalMail, TransactionalMailer } from '../subscribers/index.js';

export type TransactionalSender = SingleMailSender;

/** Outbox folder name (`<outboxDir>/transactional/`) and the edition id the transport files under. */
export const TRANSACTIONAL_FOLDER = 'transactional';

/** The raw MIME of a transactional mail (deliver's one-off builder); a bad address throws. */
export function buildTransactionalMime(
  sender: TransactionalSender,
  mail: TransactionalMail,
  now: Date,
): Buffer {
  const raw = buildSingleMime(sender, mail, now);
  if (!raw) throw new PaperpostError('server', 'bad-address', 'transactional mail: unusable address');
  return raw;
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
  return {
    async sendTransactional(mail) {
      const at = now();
      const raw = buildTransactionalMime(sender, mail, at);
      // Unique per process and over restarts: milliseconds of the day plus a counter.
      sequence = (sequence + 1) % 1000;
      const serial = (at.getTime() % 86_400_000) * 1000 + sequence;
      const result = await transport.send({
        key: `${TRANSACTIONAL_FOLDER}/${serial}`,
        from: sender.fromAddress,
        to: mail.to,
        raw,
      });
      if (!result.ok) {
        throw new PaperpostError('server', 'mail-refused', `transactional mail refused: ${result.reply}`);
      }
    },
  };
}
