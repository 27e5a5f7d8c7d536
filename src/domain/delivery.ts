/**
 * `cancelled`: the subscriber left (or was suppressed) before the row was claimed. `skipped`: the
 * edition held nothing of the subscriber's topics, so no mail (recorded, never sent later).
 */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'deferred' | 'failed' | 'cancelled' | 'skipped';
export const DELIVERY_STATES: readonly DeliveryState[] = [
  'pending',
  'sending',
  'sent',
  'deferred',
  'failed',
  'cancelled',
  'skipped',
];

/** The ledger row: the only truth about what was sent. */
export interface Delivery {
  id: number;
  editionId: string;
  subscriberId: number;
  /** The subscriber's key: the links of this mail name it. */
  subscriberKey: string;
  email: string;
  /** The subscriber's name, as the claim read it (for the greeting); absent outside a claim. */
  name?: string | null;
  variantKey: string;
  state: DeliveryState;
  attempts: number;
  lastReply: string | null;
  /** Stable per delivery, so a resent in-flight message carries the same id. */
  messageId: string;
  retryAt: string | null;
  leaseUntil: string | null;
  sentAt: string | null;
}

export type DeliveryCounts = Record<DeliveryState, number>;

/** Rows a claimer holds in `sending` under leases that have not ended yet. */
export interface LeaseHolder {
  /** The claimer's id (`host:pid` for `send` and `run`). */
  holder: string;
  rows: number;
  /** When its last lease ends (ISO time). */
  until: string;
}
