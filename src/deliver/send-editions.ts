import { hostname } from 'node:os';
import type { DeliveryCounts, LeaseHolder, RenderedVariant } from '../domain/index.js';
import { PaperpostError } from '../domain/index.js';
import { sleep } from './backoff.js';
import { createMimeBuilder, type MimeSender, toCrlf, toSevenBitHtml } from './mime-builder.js';
import type { LedgerPort, Personalizer, Transport } from './ports.js';
import { type BatchContext, createBurstDetector, createSentRecorder, sendBatch } from './send-batch.js';
import { createSendPacer, type SendPaceOptions } from './send-pacer.js';

/** What the send loop needs from the outside; the CLI and the pipeline wire real adapters. */
export interface SendEditionsDeps {
  ledger: LedgerPort;
  transport: Transport;
  personalize: Personalizer;
  sender: MimeSender;
  /** Clock for ledger times (tests may pin it). */
  now?: () => Date;
  /** Jitter source for back-off. */
  random?: () => number;
}

/** Progress of the edition being sent, reported after every recorded message. */
export interface SendProgress {
  editionId: string;
  /** Rows in the edition's ledger. */
  total: number;
  /** Rows finished (sent, failed, cancelled) including earlier runs, as far as this run knows. */
  finished: number;
  sent: number;
  deferred: number;
  failed: number;
}

/** How the send loop runs (the CLI fills these from config `smtp`). */
export interface SendEditionsOptions {
  /** One edition; default: every unfinished edition, oldest first as the ledger lists them. */
  editionId?: string;
  /** Claimer id recorded in the ledger. Default host:pid. */
  worker?: string;
  batchSize: number;
  leaseSeconds: number;
  maxAttempts: number;
  retryBaseSeconds: number;
  maxConsecutiveErrors: number;
  /** Pace (SMTP); omitted means as fast as the transport goes (outbox). */
  rate?: SendPaceOptions;
  /** Graceful stop: no new claims, in-flight sends finish, unsent claims are released. */
  signal?: AbortSignal;
  /** Wait for deferred rows until every row is sent, failed or cancelled. */
  untilDone?: boolean;
  /**
   * Whether the process holding a lease is gone (killed): its rows are taken back at once instead
   * of when the lease ends. Default: never (leases are waited out).
   */
  isHolderGone?: (holder: string) => boolean;
  /** Longest wait for other holders' leases to end (default: the lease length plus 2 s). */
  leaseWaitMs?: number;
  onProgress?: (progress: SendProgress) => void;
}

/** What a run did. Counts are events of this run (a row deferred then sent counts in both). */
export interface SendSummary {
  editions: string[];
  sent: number;
  deferred: number;
  failed: number;
  /** Rows the ledger cancelled at claim time (unsubscribed or suppressed before their turn). */
  cancelled: number;
  elapsedMs: number;
  ratePerSecond: number;
  /** True when the signal stopped the run before the ledgers were drained. */
  aborted: boolean;
  /** Rows left `sending` under other processes' leases (0 when none), and when the last lease ends. */
  leftBehind?: { rows: number; until: string | null };
}

const finishedOf = (c: DeliveryCounts) => c.sent + c.failed + c.cancelled;
const openOf = (c: DeliveryCounts) => c.pending + c.sending + c.deferred;
const totalOf = (c: DeliveryCounts) => finishedOf(c) + openOf(c);

async function loadVariants(ledger: LedgerPort, editionId: string): Promise<Map<string, RenderedVariant>> {
  const variants = new Map<string, RenderedVariant>();
  for (const key of await ledger.listVariantKeys(editionId)) {
    const variant = await ledger.getRenderedVariant(editionId, key);
    if (!variant) {
      throw new PaperpostError(
        'deliver',
        'variant-missing',
        `${editionId}: variant ${key} was never rendered`,
      );
    }
    // Once per variant: CRLF line ends and ASCII-only HTML, so most messages go out as 7bit.
    variants.set(key, { ...variant, html: toSevenBitHtml(variant.html), text: toCrlf(variant.text) });
  }
  return variants;
}

/**
 * Drains the ledgers of the unfinished editions (or one): claims batches, personalizes, builds the
 * MIME, sends with bounded concurrency and records every outcome. A missing variant fails before
 * anything of that edition is sent. Too many errors in a row release the claimed rows and throw
 * `paused`. A crash loses nothing: rows left in `sending` are re-claimed once their lease expires.
 */
export async function sendEditions(
  deps: SendEditionsDeps,
  options: SendEditionsOptions,
): Promise<SendSummary> {
  const started = Date.now();
  const { ledger } = deps;
  const now = deps.now ?? (() => new Date());
  const worker = options.worker ?? `${hostname()}:${process.pid}`;
  const limiter = options.rate ? createSendPacer(options.rate) : null;
  const builder = createMimeBuilder(deps.sender);
  const tally = { sent: 0, deferred: 0, failed: 0 };
  const recordSent = createSentRecorder(ledger);
  const summary: SendSummary = {
    editions: [],
    sent: 0,
    deferred: 0,
    failed: 0,
    cancelled: 0,
    elapsedMs: 0,
    ratePerSecond: 0,
    aborted: false,
  };
  const leftBehind = { rows: 0, until: null as string | null };
  const leaseWaitMs = options.leaseWaitMs ?? options.leaseSeconds * 1000 + 2000;
  const isHolderGone = options.isHolderGone ?? (() => false);
  /** Takes back the leases of holders that are gone; returns the others' leases still running. */
  const othersLeases = async (editionId: string): Promise<{ live: LeaseHolder[]; takenBack: number }> => {
    const live: LeaseHolder[] = [];
    let takenBack = 0;
    for (const lease of (await ledger.listLeases?.(editionId, now())) ?? []) {
      if (lease.holder === worker) continue;
      if (ledger.expireLeases && isHolderGone(lease.holder)) {
        takenBack += await ledger.expireLeases(lease.holder, now());
      } else live.push(lease);
    }
    return { live, takenBack };
  };
  const editions = options.editionId ? [options.editionId] : await ledger.listUnfinishedEditions();
  // Rows claimed per batch must be sendable well within their lease at the current pace.
  const batchLimit = () => {
    const pace = limiter ? Math.floor((limiter.perSecond * options.leaseSeconds) / 2) : options.batchSize;
    return Math.max(1, Math.min(options.batchSize, pace));
  };

  for (const editionId of editions) {
    if (options.signal?.aborted) break;
    const before = await ledger.countDeliveries(editionId);
    summary.editions.push(editionId);
    const ctx: BatchContext = {
      ledger,
      recordSent,
      transport: deps.transport,
      personalize: deps.personalize,
      builder,
      limiter,
      variants: await loadVariants(ledger, editionId),
      now,
      random: deps.random ?? Math.random,
      maxAttempts: options.maxAttempts,
      retryBaseSeconds: options.retryBaseSeconds,
      maxConsecutiveErrors: options.maxConsecutiveErrors,
      signal: options.signal,
      tally,
      streak: { count: 0, lastReply: '' },
      paused: false,
    };
    const base = { ...tally };
    const total = totalOf(before);
    if (options.onProgress) {
      const report = options.onProgress;
      ctx.onRecorded = () =>
        report({
          editionId,
          total,
          finished: Math.min(total, finishedOf(before) + tally.sent - base.sent + tally.failed - base.failed),
          sent: tally.sent,
          deferred: tally.deferred,
          failed: tally.failed,
        });
    }
    const burst = createBurstDetector();
    await othersLeases(editionId); // a killed run's or send's rows come back before the first claim
    let waitingSince: number | null = null;

    for (;;) {
      if (options.signal?.aborted) break;
      const claimedAt = Date.now();
      const claimed = await ledger.claimDeliveries({
        editionId,
        limit: batchLimit(),
        worker,
        leaseSeconds: options.leaseSeconds,
        now: now(),
      });
      if (claimed.length === 0) {
        const counts = await ledger.countDeliveries(editionId);
        if (openOf(counts) === 0) break;
        if (!options.untilDone) {
          // Rows under others' leases: finish them once the leases end (their holder may be dead).
          const { live, takenBack } =
            counts.sending > 0 ? await othersLeases(editionId) : { live: [], takenBack: 0 };
          if (takenBack > 0) continue; // a dead holder's rows: claim them now
          waitingSince ??= Date.now();
          const end = Math.min(...live.map((l) => Date.parse(l.until)));
          if (live.length === 0 || end - now().getTime() > leaseWaitMs - (Date.now() - waitingSince)) break;
          const waitMs = Math.min(Math.max(end - now().getTime() + 10, 20), 1000);
          if (!(await sleep(waitMs, options.signal))) break;
          continue;
        }
        const wake = await ledger.nextWakeUp(editionId);
        const waitMs = wake ? wake.getTime() - now().getTime() : 1000;
        if (!(await sleep(Math.min(Math.max(waitMs, 20), 60_000), options.signal))) break;
        continue;
      }
      const outcome = await sendBatch(ctx, claimed, claimedAt + options.leaseSeconds * 750, burst);
      if (outcome.unsent.length > 0)
        await ledger.releaseDeliveries(
          outcome.unsent.map((d) => d.id),
          worker,
        );
      if (outcome.error !== null) throw outcome.error;
      if (ctx.paused) {
        throw new PaperpostError(
          'deliver',
          'paused',
          `${editionId}: paused after ${ctx.streak.count} consecutive errors (last: ${ctx.streak.lastReply})`,
        );
      }
    }
    const after = await ledger.countDeliveries(editionId);
    summary.cancelled += Math.max(0, after.cancelled - before.cancelled);
    if (after.sending > 0) {
      for (const lease of (await othersLeases(editionId)).live) {
        leftBehind.rows += lease.rows;
        if (leftBehind.until === null || lease.until > leftBehind.until) leftBehind.until = lease.until;
      }
    }
  }

  summary.aborted = options.signal?.aborted === true;
  summary.leftBehind = leftBehind;
  summary.sent = tally.sent;
  summary.deferred = tally.deferred;
  summary.failed = tally.failed;
  summary.elapsedMs = Date.now() - started;
  summary.ratePerSecond =
    summary.elapsedMs > 0 ? Math.round((tally.sent * 1000) / summary.elapsedMs) : tally.sent;
  return summary;
}
