export { type MessageSigner, withDkim } from './dkim-transport.js';
export {
  type DrainDeps,
  type DrainMode,
  type DrainOptions,
  drainLedgers,
  type SendSummary,
} from './drain-ledgers.js';
export {
  base64Lines,
  buildSingleMime,
  createMimeBuilder,
  type MimeBuilder,
  type MimeSender,
  type SingleMail,
  type SingleMailSender,
} from './mime-builder.js';
export { forgetOutboxMail, sweepOutboxTemps } from './outbox-files.js';
export { createOutboxTransport, deliveryKey, outboxPath } from './outbox-transport.js';
export type {
  LedgerPort,
  OutgoingMessage,
  PersonalizedMessage,
  Personalizer,
  SendResult,
  SentMark,
  Transport,
} from './ports.js';
export { isOwnerGone, isPidGone, processOwner } from './process-owner.js';
export type { SendProgress } from './send-editions.js';
export { createSendPacer, type SendPaceOptions, type SendPacer } from './send-pacer.js';
export { createDkimSigner, type DkimOptions } from './smtp-mailer.js';
export { classifySmtpError, createSmtpTransport, type SmtpTransportOptions } from './smtp-transport.js';
