import type { Delivery, DeliveryCounts, LeaseHolder, RenderedVariant } from '../domain/index.js';

/**
 * The ledger methods the send loop uses. Names and signatures match the store's repositories
 * (ledger, plus the editions' variants and the suppression of a subscriber): the CLI builds it
 * from the store (ledgerPortOf in cli/wiring.ts).
 */
export interface LedgerPort {
  claimDeliveries(options: {
    editionId?: string;
    limit: number;
    worker: string;
    leaseSeconds: number;
    now: Date;
  }): Promise<Delivery[]>;
  /**
   * sending -> sent for each mark, committed together (all or none). `attempt` (the claim's
   * attempts value) fences out a worker whose lease was taken over.
   */
  markSentMany(marks: readonly SentMark[]): Promise<void>;
  markDeferred(id: number, reply: string, retryAt: Date, attempt?: number): Promise<void>;
  markFailed(id: number, reply: string, attempt?: number): Promise<void>;
  releaseDeliveries(ids: number[], worker?: string): Promise<void>;
  countDeliveries(editionId: string): Promise<DeliveryCounts>;
  listUnfinishedEditions(): Promise<string[]>;
  nextWakeUp(editionId?: string): Promise<Date | undefined>;
  /** Holders of unexpired leases (optional: a ledger without it is never waited on). */
  listLeases?(editionId: string | undefined, now: Date): Promise<LeaseHolder[]>;
  /** End the leases of a holder whose process is gone. */
  expireLeases?(holder: string, now: Date): Promise<number>;
  listVariantKeys(editionId: string): Promise<string[]>;
  getRenderedVariant(editionId: string, variantKey: string): Promise<RenderedVariant | undefined>;
  updateSubscriber(
    id: number,
    patch: { status?: 'suppressed'; suppressedReason?: string | null },
    now: Date,
  ): Promise<unknown>;
}

/** One message the server accepted, to be recorded as sent. */
export interface SentMark {
  id: number;
  reply: string;
  now: Date;
  attempt?: number;
}

/** What one recipient gets: the variant with their placeholders filled (string fill, no MJML). */
export interface PersonalizedMessage {
  subject: string;
  html: string;
  text: string;
  /** One-click https URL (RFC 8058 target). */
  unsubscribeUrl: string;
  /** `mailto:` target without the scheme (an address), or null for none. */
  unsubscribeMailto: string | null;
  /** The delivery's own envelope sender (a VERP return path); default: the builder's. */
  envelopeFrom?: string;
}

/** Fills one variant for one delivery; injected by the wiring (render's personalize + token URLs). */
export type Personalizer = (rendered: RenderedVariant, delivery: Delivery) => PersonalizedMessage;

/** A finished message for one recipient: the raw MIME is built here, the transport only carries it. */
export interface OutgoingMessage {
  /**
   * Names the message where a transport keeps it (the outbox's `<folder>/<name>` file): opaque to
   * the transport, the same key for a re-send of the same message (see `deliveryKey`).
   */
  key: string;
  /** Envelope sender (bounce address). */
  from: string;
  /** Envelope recipient. */
  to: string;
  /** Complete RFC 5322 message, CRLF line ends. */
  raw: Buffer;
}

/** Outcome of one send: accepted, or refused temporarily (retry) or permanently (bounce). */
export type SendResult =
  | { ok: true; reply: string }
  | { ok: false; permanent: boolean; code: number | null; reply: string };

/** Where messages go: the file outbox or an SMTP relay. */
export interface Transport {
  readonly kind: 'outbox' | 'smtp';
  /** How many sends may run at once (the pool size; the outbox takes a few). */
  readonly concurrency: number;
  /** Never rejects for a refused message: the refusal is a SendResult. */
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): Promise<void>;
}
