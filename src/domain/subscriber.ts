import type { Frequency } from './edition.js';

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'suppressed';

export interface Subscriber {
  id: number;
  /** Random and never reassigned (an id is, across an export and import): links name this. */
  key: string;
  email: string;
  name: string | null;
  status: SubscriberStatus;
  /** Topic slugs; empty means every topic. */
  topics: string[];
  frequency: Frequency;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  /** Last reply that suppressed the address (hard bounce), if any. */
  suppressedReason: string | null;
}

export interface NewSubscriber {
  email: string;
  name?: string | null;
  status: SubscriberStatus;
  topics: string[];
  frequency: Frequency;
  /** Carried over from another store (import); a new random key when absent. */
  key?: string;
  /** Consent history carried over (import); when absent, stamped from now and the status. */
  createdAt?: string;
  confirmedAt?: string | null;
  unsubscribedAt?: string | null;
  suppressedReason?: string | null;
}

/** A transactional mail waiting in the store's queue (rendered and sent when drained). */
export type QueuedMailKind = 'confirm' | 'welcome';

export interface QueuedMail {
  id: number;
  kind: QueuedMailKind;
  subscriberId: number;
  email: string;
  /** What the mail carries besides the address (the choices of a confirmation link). */
  extra: string;
  createdAt: string;
  /** Tries so far, this claim included. */
  attempts: number;
}

/** The answer of a shared rate window: allowed or not, and when the window ends. */
export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** A subscriber key: 128 random bits as 32 lowercase hex digits. */
export const SUBSCRIBER_KEY = /^[0-9a-f]{32}$/;

/**
 * Meta key holding the highest subscriber id a store had issued when links started naming keys:
 * older links (naming an id) are honoured for those ids in that store only.
 */
export const LEGACY_TOKEN_MAX_ID = 'tokens:legacy-max-subscriber-id';
