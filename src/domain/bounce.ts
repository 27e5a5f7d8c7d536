/** What Paperpost does with a mail that came back (README "Bounces and complaints"). */
export type BounceClass = 'hard' | 'soft' | 'complaint' | 'ignore';
export const BOUNCE_CLASSES: readonly BounceClass[] = ['hard', 'soft', 'complaint', 'ignore'];

/** How a bounce arrived. */
export type BounceSource = 'smtp' | 'import' | 'imap' | 'ses' | 'postmark';

/** One bounce or complaint, tied to the delivery it answers. */
export interface NewBounce {
  /** Identifies the report (provider message id, hash of the mail); a second copy is ignored. */
  fingerprint: string;
  deliveryId: number | null;
  subscriberId: number;
  editionId: string | null;
  email: string;
  class: Exclude<BounceClass, 'ignore'>;
  reason: string;
  status: string | null;
  feedbackType: string | null;
  /** The remote server's words, as received (bounded). */
  diagnostic: string | null;
  source: BounceSource;
  receivedAt: Date;
}

export interface BounceRecord extends Omit<NewBounce, 'receivedAt'> {
  id: number;
  receivedAt: string;
}

/** When soft bounces suppress an address: `limit` of them within `windowDays`. */
export interface SoftBouncePolicy {
  limit: number;
  windowDays: number;
}

/** What recording a bounce did to the subscriber. */
export type BounceAction = 'suppressed' | 'unsubscribed' | 'counted' | 'none' | 'duplicate';

export interface BounceOutcome {
  action: BounceAction;
  /** Soft bounces of the subscriber within the window, this one included (soft only). */
  softCount?: number;
}

/** Deliveries that bounced (by class) and complained, counted once per delivery. */
export interface BounceCounts {
  hard: number;
  soft: number;
  complaint: number;
}

/** The delivery a bounce belongs to. */
export interface BounceTarget {
  deliveryId: number;
  subscriberId: number;
  editionId: string;
  email: string;
}
