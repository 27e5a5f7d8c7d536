import type {
  BounceCounts,
  BounceOutcome,
  BounceRecord,
  BounceTarget,
  Delivery,
  DeliveryCounts,
  DeliveryState,
  Edition,
  Frequency,
  LeaseHolder,
  NewBounce,
  NewSubscriber,
  Paper,
  QueuedMail,
  QueuedMailKind,
  RateDecision,
  RenderedVariant,
  SoftBouncePolicy,
  SourceState,
  Subscriber,
  SubscriberStatus,
  Topic,
} from '../domain/index.js';
import type { TopicPatch } from './catalog.js';
import type { SubscriberImport } from './subscribers-import.js';

/** Where the store lives: the embedded default or PostgreSQL for scale. */
export type StoreConfig =
  | { driver: 'sqlite'; path: string }
  | {
      driver: 'postgres';
      url: string;
      /** Schema to create (if absent) and use as search path; isolates test runs. Default: public. */
      schema?: string;
    };

/** Every table of the store, in an order that respects references (for copying a store). */
export const STORE_TABLES = [
  'sources',
  'papers',
  'paper_snapshots',
  'topics',
  'editions',
  'edition_papers',
  'rendered_variants',
  'subscribers',
  'deliveries',
  'runs',
  'locks',
  'meta',
  'mail_queue',
  'rate_limits',
  'bounces',
] as const;
export type StoreTable = (typeof STORE_TABLES)[number];

/** A raw row as stored: text (JSON and times included), numbers and nulls. */
export type StoreRow = Record<string, string | number | null>;

/** A paper's signals as one fetch saw them. */
export interface PaperSnapshot {
  seenAt: string;
  upvotes: number;
  comments: number;
}

export interface UpsertResult {
  /** Papers the store had never seen. */
  inserted: number;
  /** Papers already known, refreshed with the new signals. */
  updated: number;
}

export interface EditionSummary {
  id: string;
  frequency: Frequency;
  date: string;
  createdAt: string;
  /** Papers selected: published with the edition (letter and web). */
  paperCount: number;
  /** Of those, papers in the letter (every topic); the rest are on the web only. */
  letterCount: number;
  counts: DeliveryCounts;
}

export interface RunRecord {
  id: string;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  /** `interrupted`: its process died mid-way (seen by a later process on the same host). */
  status: 'running' | 'ok' | 'failed' | 'skipped' | 'interrupted';
  editionId: string | null;
  /** Free-form JSON summary (counts, source errors, skip reason). */
  summary: unknown;
  /** `host:pid` of the process that ran it; null for runs recorded before owners were. */
  owner?: string | null;
}

export interface ClaimOptions {
  editionId?: string;
  limit: number;
  /** Who claims (worker id); recorded for diagnosis. */
  worker: string;
  leaseSeconds: number;
  now: Date;
}

/** One accepted message for `markSentMany`; `attempt` fences like `markSent`'s. */
export interface SentMark {
  id: number;
  reply: string;
  now: Date;
  attempt?: number;
}

/** What the store keeps per source: ETag, Last-Modified, last status, failures in a row (src/store/catalog.ts). */
export interface SourceRepository {
  getSourceState(id: string): Promise<SourceState | undefined>;
  saveSourceState(state: SourceState): Promise<void>;
  listSourceStates(): Promise<SourceState[]>;
}

/** Papers under their canonical ids and their signal snapshots (papers.ts, snapshots.ts). */
export interface PaperRepository {
  /** Insert new papers (first_seen = seenAt) and merge signals into known ones. */
  upsertPapers(papers: Paper[], seenAt: Date): Promise<UpsertResult>;
  getPapers(ids: string[]): Promise<Paper[]>;
  /**
   * Papers never published in an edition of this frequency (first seen at or after `since`, when
   * given), oldest first. With `abstracts: false` their abstracts are not read (`summary` '',
   * `aiSummary` null): what ranking needs of a day's 1,500 arXiv papers, read at a fraction of the cost.
   */
  listUnpublishedPapers(
    frequency: Frequency,
    since?: Date,
    options?: { abstracts?: boolean },
  ): Promise<Paper[]>;
  /**
   * Stored upvote/comment snapshots of these papers (one per upsert that carried signals), oldest
   * first, at or before `until` when given. Papers without snapshots are absent from the map.
   */
  listPaperSnapshots(ids: string[], until?: Date): Promise<Map<string, PaperSnapshot[]>>;
}

/** The topic catalogue: stable slugs, labels, origin, paper counts (catalog.ts). */
export interface CatalogueRepository {
  listTopics(): Promise<Topic[]>;
  /** Insert or update topics by slug (origin and hidden of known topics stay, config aside). */
  saveTopics(topics: Topic[]): Promise<void>;
  /** Insert the topics not in the catalogue yet; known ones stay as they are. */
  seedTopics(topics: Topic[]): Promise<void>;
  /** Operator changes to one topic (label, origin, hidden); false for an unknown slug. */
  updateTopic(slug: string, patch: TopicPatch): Promise<boolean>;
  /** Merge topic `from` into `into`, subscriptions included; returns subscribers changed. */
  mergeTopics(from: string, into: string): Promise<number>;
  /** Papers each topic held over all editions, by slug. */
  topicPaperCounts(): Promise<Map<string, number>>;
  /** Add each topic's papers of one edition to its count. */
  addTopicPapers(counts: ReadonlyMap<string, number>): Promise<void>;
}

/** Editions with their papers, and each variant rendered once (editions.ts). */
export interface EditionRepository {
  /**
   * Store an edition and claim its papers for the frequency, in one transaction. Fails with
   * code `edition-conflict` when a paper already belongs to an edition of that frequency.
   */
  createEdition(edition: Edition): Promise<void>;
  getEdition(id: string): Promise<Edition | undefined>;
  listEditions(options?: { frequency?: Frequency; limit?: number }): Promise<EditionSummary[]>;
  saveRenderedVariant(editionId: string, variant: RenderedVariant): Promise<void>;
  getRenderedVariant(editionId: string, variantKey: string): Promise<RenderedVariant | undefined>;
}

/** Subscribers, their choices and consent (subscribers.ts, subscribers-bulk.ts). */
export interface SubscriberRepository {
  /** Insert, or update topics/frequency/status of an existing address. Returns the row. */
  upsertSubscriber(input: NewSubscriber): Promise<Subscriber>;
  getSubscriber(id: number): Promise<Subscriber | undefined>;
  /** The subscriber a link names by its random key (never reassigned), if any. */
  getSubscriberByKey(key: string): Promise<Subscriber | undefined>;
  /** Subscribers having any of these addresses or keys (a bulk import's look-up, in batches). */
  findSubscribers(by: { emails: readonly string[]; keys: readonly string[] }): Promise<Subscriber[]>;
  getSubscriberByEmail(email: string): Promise<Subscriber | undefined>;
  updateSubscriber(
    id: number,
    patch: Partial<Pick<Subscriber, 'status' | 'topics' | 'frequency' | 'name' | 'suppressedReason'>>,
    now: Date,
  ): Promise<Subscriber | undefined>;
  /**
   * Bulk import in one transaction (CSV import, seeding, copying a store): inserts addresses not
   * yet known, with the key and consent time stamps given (else new ones); known addresses keep
   * their row and consent untouched. Returns how many were added.
   */
  addSubscribers(inputs: NewSubscriber[], now: Date): Promise<number>;
  /**
   * A CSV import: `fn` stages the file's rows batch by batch; rows repeating an earlier row of the
   * import, and rows the store already had, come back unwritten (see subscribers-import.ts).
   */
  importSubscribers<T>(now: Date, fn: (session: SubscriberImport) => Promise<T>): Promise<T>;
  /** Erase a person's data (GDPR): subscriber row, their delivery rows, queued mails and rate windows. */
  forgetSubscriber(email: string): Promise<boolean>;
  /** Page through subscribers in id order (streams; never loads the whole list). */
  listSubscribers(options: {
    status?: SubscriberStatus;
    afterId?: number;
    limit: number;
  }): Promise<Subscriber[]>;
  countSubscribers(): Promise<Record<SubscriberStatus, number>>;
}

/** The ledger: one delivery per (edition, subscriber), claims, marks and leases (ledger.ts, claim.ts, leases.ts). */
export interface LedgerRepository {
  /**
   * Write one pending delivery per confirmed subscriber of the edition's frequency, in one
   * transaction; `skipped` instead for a subscriber whose variant key `skip` says is empty (the
   * edition holds nothing of their topics). Idempotent: a second call adds nothing. Returns the
   * number of rows created (skipped ones too).
   */
  createLedger(
    editionId: string,
    frequency: Frequency,
    messageIdDomain: string,
    skip?: (variantKey: string) => boolean,
  ): Promise<number>;
  /**
   * Distinct variant keys of an edition's ledger ("daily:*", "daily:a,b"), but those of `skipped`
   * rows: what is rendered and sent.
   */
  listVariantKeys(editionId: string): Promise<string[]>;
  /**
   * Claim up to `limit` deliveries that are pending, deferred and due, or sending with an expired
   * lease: set them to `sending` with a lease. Rows whose subscriber is no longer confirmed are
   * set to `cancelled` instead and not returned. Concurrent claimers never get the same row.
   */
  claimDeliveries(options: ClaimOptions): Promise<Delivery[]>;
  /** `attempt` (the claim's attempts value) fences out a worker whose lease was taken over. */
  markSent(id: number, reply: string, now: Date, attempt?: number): Promise<void>;
  /** `markSent` for several rows, committed together (all or none). */
  markSentMany(marks: readonly SentMark[]): Promise<void>;
  markDeferred(id: number, reply: string, retryAt: Date, attempt?: number): Promise<void>;
  markFailed(id: number, reply: string, attempt?: number): Promise<void>;
  /** Give claimed rows back (graceful shutdown): sending -> pending, attempt not counted. */
  releaseDeliveries(ids: number[], worker?: string): Promise<void>;
  countDeliveries(editionId: string): Promise<DeliveryCounts>;
  /** Deliveries of an edition in id order; `afterId` pages on from the last id seen. */
  listDeliveries(
    editionId: string,
    options: { state?: DeliveryState; limit: number; afterId?: number },
  ): Promise<Delivery[]>;
  /** Editions whose ledger still has pending, deferred or sending rows. */
  listUnfinishedEditions(): Promise<string[]>;
  /** Earliest retry_at / lease_until among unfinished rows, for waiting. */
  nextWakeUp(editionId?: string): Promise<Date | undefined>;
  /** Holders of `sending` rows whose leases have not ended at `now` (one edition or all). */
  listLeases(editionId: string | undefined, now: Date): Promise<LeaseHolder[]>;
  /** End `holder`'s unexpired leases (its process is gone); returns the rows released. */
  expireLeases(holder: string, now: Date): Promise<number>;

  /** Every delivery by state, across editions. */
  deliveryTotals(): Promise<DeliveryCounts>;
}

/** Transactional mail queue and the shared rate windows (mail-queue.ts). */
export interface MailQueueRepository {
  /**
   * Counts one hit of `key` in a fixed window; allowed while the window holds at most `limit`
   * hits. Atomic across processes and replicas (one upsert).
   */
  takeRateLimit(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateDecision>;
  /** Queue a transactional mail (due now). */
  enqueueMail(
    mail: { kind: QueuedMailKind; subscriberId: number; email: string; extra?: string },
    now: Date,
  ): Promise<void>;
  /** Lease up to `limit` due queued mails; concurrent drainers never get the same one. */
  claimQueuedMails(options: { limit: number; leaseSeconds: number; now: Date }): Promise<QueuedMail[]>;
  /** Remove a queued mail (sent, or no longer wanted). */
  completeQueuedMail(id: number): Promise<void>;
  /** Put a queued mail back until `retryAt` after a failed try. */
  retryQueuedMail(id: number, error: string, retryAt: Date): Promise<void>;
  countQueuedMails(): Promise<number>;
}

/** Runs, named locks and small facts (runs.ts). */
export interface RunRepository {
  /** Records a run as `running`, owned by `owner` (`host:pid`). */
  startRun(kind: string, now: Date, owner?: string): Promise<string>;
  finishRun(
    id: string,
    status: RunRecord['status'],
    summary: unknown,
    editionId: string | null,
    now: Date,
  ): Promise<void>;
  listRuns(limit: number): Promise<RunRecord[]>;
  /** Take a named lock until `ttlSeconds` from now; false when someone else holds it. */
  tryLock(name: string, holder: string, ttlSeconds: number, now: Date): Promise<boolean>;
  releaseLock(name: string, holder: string): Promise<void>;
  /** Key/value for small facts (last scheduled slot per frequency, ...). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
}

/** Bounces and complaints tied to their deliveries (bounces.ts). */
export interface BounceRepository {
  /** The delivery with this id, as a bounce target. */
  findBounceTarget(deliveryId: number): Promise<BounceTarget | undefined>;
  /** The latest delivery to an address (for provider reports that name only the address). */
  findLatestDeliveryTo(email: string): Promise<BounceTarget | undefined>;
  /**
   * Store a bounce or complaint and apply it to the subscriber in one transaction: complaint and
   * hard bounce suppress, soft bounces suppress at `policy.limit` within `policy.windowDays`. A
   * report with a known fingerprint changes nothing (`duplicate`).
   */
  recordBounce(bounce: NewBounce, policy: SoftBouncePolicy): Promise<BounceOutcome>;
  /** Deliveries of an edition that bounced (hard, soft) or complained, once per delivery. */
  countBounces(editionId: string): Promise<BounceCounts>;
  /** Every stored bounce and complaint by class. */
  bounceTotals(): Promise<BounceCounts>;
  /** Stored bounces, newest first, of one subscriber or edition. */
  listBounces(options: { subscriberId?: number; editionId?: string; limit: number }): Promise<BounceRecord[]>;
}

/** Raw rows, for `paperpost migrate-store` (copyStore) and row counts (table-io.ts). */
export interface TableRepository {
  /** One page of raw rows of `table` in key order, after the row `after` when given. */
  exportRows(table: StoreTable, options: { after?: StoreRow; limit: number }): Promise<StoreRow[]>;
  /** Number of rows in `table` (one COUNT, for status reports and checking a copy). */
  countRows(table: StoreTable): Promise<number>;
  /** Inserts rows exported by another store, ids included, in one transaction. */
  importRows(table: StoreTable, rows: StoreRow[]): Promise<void>;
}

/**
 * The only door to the database: one repository per concern, each built from its table module.
 * SQLite and PostgreSQL implement it and pass the same contract tests
 * (tests/integration/store-contract.ts, run by store-contract-sqlite.test.ts and
 * store-contract-postgres.test.ts). Consumers declare the repositories and methods they use.
 */
export interface Store {
  readonly driver: 'sqlite' | 'postgres';
  readonly sources: SourceRepository;
  readonly papers: PaperRepository;
  readonly catalogue: CatalogueRepository;
  readonly editions: EditionRepository;
  readonly subscribers: SubscriberRepository;
  readonly ledger: LedgerRepository;
  readonly mailQueue: MailQueueRepository;
  readonly runs: RunRepository;
  readonly bounces: BounceRepository;
  readonly tables: TableRepository;
  /** Apply pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}
