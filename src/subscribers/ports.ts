import type {
  Frequency,
  NewSubscriber,
  QueuedMail,
  QueuedMailKind,
  RateDecision,
  Subscriber,
  Topic,
} from '../domain/index.js';
import type { TokenSigner } from './tokens.js';

/**
 * What the subscriber flows need from the store, by repository (the Store satisfies it
 * structurally).
 */
export interface SubscriberStore {
  subscribers: {
    upsertSubscriber(input: NewSubscriber): Promise<Subscriber>;
    getSubscriber(id: number): Promise<Subscriber | undefined>;
    getSubscriberByKey(key: string): Promise<Subscriber | undefined>;
    getSubscriberByEmail(email: string): Promise<Subscriber | undefined>;
    updateSubscriber(
      id: number,
      patch: Partial<Pick<Subscriber, 'status' | 'topics' | 'frequency' | 'name' | 'suppressedReason'>>,
      now: Date,
    ): Promise<Subscriber | undefined>;
    forgetSubscriber(email: string): Promise<boolean>;
  };
  catalogue: { listTopics(): Promise<Topic[]> };
  runs: {
    getMeta(key: string): Promise<string | undefined>;
    setMeta(key: string, value: string): Promise<void>;
  };
  mailQueue: {
    takeRateLimit(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateDecision>;
    enqueueMail(
      mail: { kind: QueuedMailKind; subscriberId: number; email: string; extra?: string },
      now: Date,
    ): Promise<void>;
    claimQueuedMails(options: { limit: number; leaseSeconds: number; now: Date }): Promise<QueuedMail[]>;
    completeQueuedMail(id: number): Promise<void>;
    retryQueuedMail(id: number, error: string, retryAt: Date): Promise<void>;
  };
}

/** A transactional mail (confirmation, welcome); `to` is always a normalized address. */
export interface TransactionalMail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Sends one transactional mail now; rejects when it could not be handed over. */
export interface TransactionalMailer {
  sendTransactional(mail: TransactionalMail): Promise<void>;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** The renderer's transactional templates. */
export interface MailTemplates {
  renderConfirmation(input: { confirmUrl: string; email: string }): RenderedMail | Promise<RenderedMail>;
  renderWelcome(input: {
    preferencesUrl: string;
    unsubscribeUrl: string;
  }): RenderedMail | Promise<RenderedMail>;
}

/** Everything the flows run on. */
export interface SubscriptionContext {
  store: SubscriberStore;
  signer: TokenSigner;
  mailer: TransactionalMailer;
  templates: MailTemplates;
  /** Public base URL without a trailing slash. */
  baseUrl: string;
  /** A pending or confirmed address gets at most one confirmation mail per interval. */
  confirmIntervalMinutes: number;
}

/** What a subscriber chose on a form or in a CSV row. */
export interface Choices {
  /** Catalogue slugs; empty means every topic. */
  topics: string[];
  frequency: Frequency;
}
