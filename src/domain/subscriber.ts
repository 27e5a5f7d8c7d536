import type { Frequency } from './edition.js';

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'suppressed';

export interface Subscriber {
  id: number;
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
