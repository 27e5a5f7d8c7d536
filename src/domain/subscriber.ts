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
