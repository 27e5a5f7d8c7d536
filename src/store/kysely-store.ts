import { type Kysely, Migrator, sql } from 'kysely';
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
import { describeError, PaperpostError } from '../domain/index.js';
import * as bounces from './bounces.js';
import * as catalog from './catalog.js';
import * as claim from './claim.js';
import { createContext, type StoreContext } from './context.js';
import * as editions from './editions.js';
import * as leases from './leases.js';
import * as ledger from './ledger.js';
import * as mailQueue from './mail-queue.js';
import { migrationProvider } from './migrations/index.js';
import * as papers from './papers.js';
import * as runs from './runs.js';
import type { Database } from './schema.js';
import * as snapshots from './snapshots.js';
import * as subscribers from './subscribers.js';
import { addSubscribers } from './subscribers-bulk.js';
import * as tableIo from './table-io.js';
import type {
  ClaimOptions,
  EditionSummary,
  PaperSnapshot,
  RunRecord,
  SentMark,
  Store,
  StoreRow,
  StoreTable,
  UpsertResult,
} from './types.js';

/** The Store on Kysely: one implementation, the dialect decides the engine. */
export class KyselyStore implements Store {
  readonly driver: 'sqlite' | 'postgres';
  readonly #db: Kysely<Database>;
  readonly #ctx: StoreContext;
  readonly #release: () => Promise<void>;

  /** `release` closes the connection (or drops this store's share of it). */
  constructor(db: Kysely<Database>, driver: 'sqlite' | 'postgres', release: () => Promise<void>) {
    this.driver = driver;
    this.#db = db;
    this.#release = release;
    this.#ctx = createContext(this.#db, driver);
  }

  async migrate(): Promise<void> {
    let schema: string | undefined;
    try {
      schema = await this.#bookkeepingSchema();
    } catch (err) {
      throw this.#migrationFailed(err, '');
    }
    const migrator = new Migrator({
      db: this.#db,
      provider: migrationProvider,
      ...(schema === undefined ? {} : { migrationTableSchema: schema }),
    });
    let { error, results } = await migrator.migrateToLatest();
    // Processes opening a fresh SQLite file at once race inside Kysely's migrator (no lock on
    // SQLite): the loser fails with SQLITE_BUSY or "table already exists", retries, finds it done.
    for (let retry = 1; retry <= 3 && error !== undefined && this.driver === 'sqlite'; retry++) {
      await new Promise((done) => setTimeout(done, 50 * retry));
      ({ error, results } = await migrator.migrateToLatest());
    }
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw this.#migrationFailed(error, failed === undefined ? '' : ` at ${failed}`);
    }
  }

  #migrationFailed(error: unknown, where: string): PaperpostError {
    return new PaperpostError(
      'store',
      'migration-failed',
      `${this.driver} store: migration failed${where}: ${describeError(error)}`,
      { cause: error },
    );
  }

  /**
   * PostgreSQL: the schema unqualified tables land in (the configured `schema`, else the first of
   * the search path, usually public), where Kysely has always created its migration tables.
   * Named, Kysely looks for them there only: unnamed, it looks in every schema of the database,
   * takes another schema's kysely_migration_lock for its own, skips creating one and then cannot
   * read it through this store's search path (stores in separate schemas of one database).
   */
  async #bookkeepingSchema(): Promise<string | undefined> {
    if (this.driver !== 'postgres') return undefined;
    const { rows } = await sql<{ name: string | null }>`SELECT current_schema() AS name`.execute(this.#db);
    return rows[0]?.name ?? undefined;
  }

  close(): Promise<void> {
    return this.#release();
  }

  getSourceState(id: string): Promise<SourceState | undefined> {
    return catalog.getSourceState(this.#ctx, id);
  }
  saveSourceState(state: SourceState): Promise<void> {
    return catalog.saveSourceState(this.#ctx, state);
  }
  listSourceStates(): Promise<SourceState[]> {
    return catalog.listSourceStates(this.#ctx);
  }

  upsertPapers(list: Paper[], seenAt: Date): Promise<UpsertResult> {
    return papers.upsertPapers(this.#ctx, list, seenAt);
  }
  getPapers(ids: string[]): Promise<Paper[]> {
    return papers.getPapers(this.#ctx, ids);
  }
  listUnpublishedPapers(frequency: Frequency, since?: Date): Promise<Paper[]> {
    return papers.listUnpublishedPapers(this.#ctx, frequency, since);
  }
  listPaperSnapshots(ids: string[], until?: Date): Promise<Map<string, PaperSnapshot[]>> {
    return snapshots.listPaperSnapshots(this.#ctx, ids, until);
  }

  listTopics(): Promise<Topic[]> {
    return catalog.listTopics(this.#ctx);
  }
  saveTopics(topics: Topic[]): Promise<void> {
    return catalog.saveTopics(this.#ctx, topics);
  }
  seedTopics(topics: Topic[]): Promise<void> {
    return catalog.seedTopics(this.#ctx, topics);
  }
  updateTopic(slug: string, patch: catalog.TopicPatch): Promise<boolean> {
    return catalog.updateTopic(this.#ctx, slug, patch);
  }
  mergeTopics(from: string, into: string): Promise<number> {
    return catalog.mergeTopics(this.#ctx, from, into);
  }
  topicPaperCounts(): Promise<Map<string, number>> {
    return catalog.topicPaperCounts(this.#ctx);
  }
  addTopicPapers(counts: ReadonlyMap<string, number>): Promise<void> {
    return catalog.addTopicPapers(this.#ctx, counts);
  }

  createEdition(edition: Edition): Promise<void> {
    return editions.createEdition(this.#ctx, edition);
  }
  getEdition(id: string): Promise<Edition | undefined> {
    return editions.getEdition(this.#ctx, id);
  }
  listEditions(options?: { frequency?: Frequency; limit?: number }): Promise<EditionSummary[]> {
    return editions.listEditions(this.#ctx, options);
  }
  saveRenderedVariant(editionId: string, variant: RenderedVariant): Promise<void> {
    return editions.saveRenderedVariant(this.#ctx, editionId, variant);
  }
  getRenderedVariant(editionId: string, variantKey: string): Promise<RenderedVariant | undefined> {
    return editions.getRenderedVariant(this.#ctx, editionId, variantKey);
  }

  upsertSubscriber(input: NewSubscriber): Promise<Subscriber> {
    return subscribers.upsertSubscriber(this.#ctx, input);
  }
  getSubscriber(id: number): Promise<Subscriber | undefined> {
    return subscribers.getSubscriber(this.#ctx, id);
  }
  getSubscriberByKey(key: string): Promise<Subscriber | undefined> {
    return subscribers.getSubscriberByKey(this.#ctx, key);
  }
  findSubscribers(by: { emails: readonly string[]; keys: readonly string[] }): Promise<Subscriber[]> {
    return subscribers.findSubscribers(this.#ctx, by);
  }
  getSubscriberByEmail(email: string): Promise<Subscriber | undefined> {
    return subscribers.getSubscriberByEmail(this.#ctx, email);
  }
  updateSubscriber(
    id: number,
    patch: Partial<Pick<Subscriber, 'status' | 'topics' | 'frequency' | 'name' | 'suppressedReason'>>,
    now: Date,
  ): Promise<Subscriber | undefined> {
    return subscribers.updateSubscriber(this.#ctx, id, patch, now);
  }
  addSubscribers(inputs: NewSubscriber[], now: Date): Promise<number> {
    return addSubscribers(this.#ctx, inputs, now);
  }
  forgetSubscriber(email: string): Promise<boolean> {
    return subscribers.forgetSubscriber(this.#ctx, email);
  }
  listSubscribers(options: {
    status?: SubscriberStatus;
    afterId?: number;
    limit: number;
  }): Promise<Subscriber[]> {
    return subscribers.listSubscribers(this.#ctx, options);
  }
  countSubscribers(): Promise<Record<SubscriberStatus, number>> {
    return subscribers.countSubscribers(this.#ctx);
  }

  createLedger(editionId: string, frequency: Frequency, messageIdDomain: string): Promise<number> {
    return ledger.createLedger(this.#ctx, editionId, frequency, messageIdDomain);
  }
  listVariantKeys(editionId: string): Promise<string[]> {
    return ledger.listVariantKeys(this.#ctx, editionId);
  }
  claimDeliveries(options: ClaimOptions): Promise<Delivery[]> {
    return claim.claimDeliveries(this.#ctx, options);
  }
  markSent(id: number, reply: string, now: Date, attempt?: number): Promise<void> {
    return claim.markSent(this.#ctx, id, reply, now, attempt);
  }
  markSentMany(marks: readonly SentMark[]): Promise<void> {
    return claim.markSentMany(this.#ctx, marks);
  }
  markDeferred(id: number, reply: string, retryAt: Date, attempt?: number): Promise<void> {
    return claim.markDeferred(this.#ctx, id, reply, retryAt, attempt);
  }
  markFailed(id: number, reply: string, attempt?: number): Promise<void> {
    return claim.markFailed(this.#ctx, id, reply, attempt);
  }
  releaseDeliveries(ids: number[], worker?: string): Promise<void> {
    return claim.releaseDeliveries(this.#ctx, ids, worker);
  }
  countDeliveries(editionId: string): Promise<DeliveryCounts> {
    return ledger.countDeliveries(this.#ctx, editionId);
  }
  listDeliveries(
    editionId: string,
    options: { state?: DeliveryState; limit: number; afterId?: number },
  ): Promise<Delivery[]> {
    return ledger.listDeliveries(this.#ctx, editionId, options);
  }
  listUnfinishedEditions(): Promise<string[]> {
    return ledger.listUnfinishedEditions(this.#ctx);
  }
  nextWakeUp(editionId?: string): Promise<Date | undefined> {
    return ledger.nextWakeUp(this.#ctx, editionId);
  }
  listLeases(editionId: string | undefined, now: Date): Promise<LeaseHolder[]> {
    return leases.listLeases(this.#ctx, editionId, now);
  }
  expireLeases(holder: string, now: Date): Promise<number> {
    return leases.expireLeases(this.#ctx, holder, now);
  }

  takeRateLimit(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateDecision> {
    return mailQueue.takeRateLimit(this.#ctx, key, limit, windowSeconds, now);
  }
  enqueueMail(
    mail: { kind: QueuedMailKind; subscriberId: number; email: string; extra?: string },
    now: Date,
  ): Promise<void> {
    return mailQueue.enqueueMail(this.#ctx, mail, now);
  }
  claimQueuedMails(options: { limit: number; leaseSeconds: number; now: Date }): Promise<QueuedMail[]> {
    return mailQueue.claimQueuedMails(this.#ctx, options);
  }
  completeQueuedMail(id: number): Promise<void> {
    return mailQueue.completeQueuedMail(this.#ctx, id);
  }
  retryQueuedMail(id: number, error: string, retryAt: Date): Promise<void> {
    return mailQueue.retryQueuedMail(this.#ctx, id, error, retryAt);
  }
  countQueuedMails(): Promise<number> {
    return mailQueue.countQueuedMails(this.#ctx);
  }

  startRun(kind: string, now: Date, owner?: string): Promise<string> {
    return runs.startRun(this.#ctx, kind, now, owner);
  }
  finishRun(
    id: string,
    status: RunRecord['status'],
    summary: unknown,
    editionId: string | null,
    now: Date,
  ): Promise<void> {
    return runs.finishRun(this.#ctx, id, status, summary, editionId, now);
  }
  listRuns(limit: number): Promise<RunRecord[]> {
    return runs.listRuns(this.#ctx, limit);
  }
  tryLock(name: string, holder: string, ttlSeconds: number, now: Date): Promise<boolean> {
    return runs.tryLock(this.#ctx, name, holder, ttlSeconds, now);
  }
  releaseLock(name: string, holder: string): Promise<void> {
    return runs.releaseLock(this.#ctx, name, holder);
  }
  getMeta(key: string): Promise<string | undefined> {
    return runs.getMeta(this.#ctx, key);
  }
  setMeta(key: string, value: string): Promise<void> {
    return runs.setMeta(this.#ctx, key, value);
  }

  findBounceTarget(deliveryId: number): Promise<BounceTarget | undefined> {
    return bounces.findBounceTarget(this.#ctx, deliveryId);
  }
  findLatestDeliveryTo(email: string): Promise<BounceTarget | undefined> {
    return bounces.findLatestDeliveryTo(this.#ctx, email);
  }
  recordBounce(bounce: NewBounce, policy: SoftBouncePolicy): Promise<BounceOutcome> {
    return bounces.recordBounce(this.#ctx, bounce, policy);
  }
  countBounces(editionId: string): Promise<BounceCounts> {
    return bounces.countBounces(this.#ctx, editionId);
  }
  bounceTotals(): Promise<BounceCounts> {
    return bounces.bounceTotals(this.#ctx);
  }
  deliveryTotals(): Promise<DeliveryCounts> {
    return bounces.deliveryTotals(this.#ctx);
  }
  listBounces(options: {
    subscriberId?: number;
    editionId?: string;
    limit: number;
  }): Promise<BounceRecord[]> {
    return bounces.listBounces(this.#ctx, options);
  }

  exportRows(table: StoreTable, options: { after?: StoreRow; limit: number }): Promise<StoreRow[]> {
    return tableIo.exportRows(this.#ctx, table, options);
  }
  countRows(table: StoreTable): Promise<number> {
    return tableIo.countRows(this.#ctx, table);
  }
  importRows(table: StoreTable, rows: StoreRow[]): Promise<void> {
    return tableIo.importRows(this.#ctx, table, rows);
  }
}
