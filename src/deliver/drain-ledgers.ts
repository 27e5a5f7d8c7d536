import { hostname } from 'node:os';
import { sleep } from '../domain/index.js';
import { createMimeBuilder, type MimeSender } from './mime-builder.js';
import type { LedgerPort, Personalizer, Transport } from './ports.js';
import { createSentRecorder } from './send-batch.js';
import { drainEdition, type EditionDrain, type SendProgress } from './send-editions.js';
import { createSendPacer, type SendPaceOptions } from './send-pacer.js';

/** What draining needs from the outside; the CLI and the pipeline wire real adapters. */
export interface DrainDeps {
  ledger: LedgerPort;
  transport: Transport;
  personalize: Personalizer;
  sender: MimeSender;
  /** Clock for ledger times (tests may pin it). */
  now?: () => Date;
  /** Jitter source for back-off. */
  random?: () => number;
}

/**
 * - `once`: one pass over the unfinished editions (`paperpost send`, `run`, the daemon).
 * - `until-empty`: passes until no row is pending, sending or deferred, waiting for leases and
 *   retry times (`send --until-done`); with `leaveDeferred`, until only deferred rows are left
 *   (`worker --until-idle`).
 * - `forever`: passes until the signal aborts, polling while idle (`paperpost worker`); a failed
 *   pass is reported to `onError` and retried after the longest idle interval.
 */
export type DrainMode = 'once' | 'until-empty' | 'forever';

/** How the drain runs (the CLI fills the sending part from config `smtp`). */
export interface DrainOptions {
  mode: DrainMode;
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
  /** `until-empty`: stop once only deferred rows are left (reported in `deferredLeft`). */
  leaveDeferred?: boolean;
  /**
   * Whether the process holding a lease is gone (killed): its rows are taken back at once instead
   * of when the lease ends. Default: never (leases are waited out).
   */
  isHolderGone?: (holder: string) => boolean;
  /** Longest wait for other holders' leases to end in a pass (default: the lease length plus 2 s). */
  leaseWaitMs?: number;
  /** `forever`: first idle poll interval (default 2000 ms), doubling while idle up to `maxIdleMs` (15000). */
  idleMs?: number;
  maxIdleMs?: number;
  /** Work before each pass (the CLI sends queued confirmation mails). */
  beforePass?: () => Promise<unknown>;
  onProgress?: (progress: SendProgress) => void;
  /** After each pass that sent, deferred, failed or cancelled something. */
  onPass?: (pass: SendSummary) => void;
  /** `forever`: a pass that failed (other modes throw). */
  onError?: (err: unknown) => void;
}

/** What a drain did. Counts are events of this drain (a row deferred then sent counts in both). */
export interface SendSummary {
  editions: string[];
  passes: number;
  sent: number;
  deferred: number;
  failed: number;
  /** Rows the ledger cancelled at claim time (unsubscribed or suppressed before their turn). */
  cancelled: number;
  elapsedMs: number;
  ratePerSecond: number;
  /** True when the signal stopped the drain before the ledgers were drained. */
  aborted: boolean;
  /** Rows the last pass left `sending` under other processes' leases, and when the last lease ends. */
  leftBehind: { rows: number; until: string | null };
  /** Rows left deferred (retried later) when the drain ended, and the earliest retry time (ISO). */
  deferredLeft: number;
  nextRetryAt: string | null;
}

function emptySummary(): SendSummary {
  return {
    editions: [],
    passes: 0,
    sent: 0,
    deferred: 0,
    failed: 0,
    cancelled: 0,
    elapsedMs: 0,
    ratePerSecond: 0,
    aborted: false,
    leftBehind: { rows: 0, until: null },
    deferredLeft: 0,
    nextRetryAt: null,
  };
}

/** Open rows of the editions drained: pending plus sending (work now, or leases), and deferred. */
async function readOpenWork(ledger: LedgerPort, editionId: string | undefined) {
  let active = 0;
  let deferred = 0;
  for (const id of editionId ? [editionId] : await ledger.listUnfinishedEditions()) {
    const c = await ledger.countDeliveries(id);
    active += c.pending + c.sending;
    deferred += c.deferred;
  }
  return { active, deferred, wake: active + deferred > 0 ? await ledger.nextWakeUp(editionId) : undefined };
}

/** Milliseconds until `wake`, clamped to [min, max]; `max` when there is no wake-up. */
function untilWake(wake: Date | undefined, now: Date, min: number, max: number): number {
  if (!wake) return max;
  return Math.min(max, Math.max(min, wake.getTime() - now.getTime()));
}

const didWork = (s: SendSummary) => s.sent + s.deferred + s.failed + s.cancelled > 0;

/**
 * The one loop that drains delivery ledgers, for `send`, `worker`, `run` and the daemon: passes
 * over the unfinished editions (or one), each claiming batches, personalizing, building the MIME,
 * sending with bounded concurrency and recording every outcome; `mode` says when to stop. Any
 * number of drains may share a PostgreSQL ledger (claims are exclusive, leases expire). A crash
 * loses nothing: rows left `sending` are taken back once their holder is gone or its lease ends.
 */
export async function drainLedgers(deps: DrainDeps, options: DrainOptions): Promise<SendSummary> {
  const started = Date.now();
  const { ledger } = deps;
  const { mode, signal } = options;
  const now = deps.now ?? (() => new Date());
  const limiter = options.rate ? createSendPacer(options.rate) : null;
  const drain: EditionDrain = {
    batch: {
      ledger,
      recordSent: createSentRecorder(ledger),
      transport: deps.transport,
      personalize: deps.personalize,
      builder: createMimeBuilder(deps.sender),
      limiter,
      now,
      random: deps.random ?? Math.random,
      maxAttempts: options.maxAttempts,
      retryBaseSeconds: options.retryBaseSeconds,
      maxConsecutiveErrors: options.maxConsecutiveErrors,
      signal,
      tally: { sent: 0, deferred: 0, failed: 0 },
    },
    worker: options.worker ?? `${hostname()}:${process.pid}`,
    leaseSeconds: options.leaseSeconds,
    leaseWaitMs: options.leaseWaitMs ?? options.leaseSeconds * 1000 + 2000,
    // At the current pace a claimed batch must be sent within half its lease.
    batchLimit: () => {
      const paced = limiter ? Math.floor((limiter.perSecond * options.leaseSeconds) / 2) : options.batchSize;
      return Math.max(1, Math.min(options.batchSize, paced));
    },
    isHolderGone: options.isHolderGone ?? (() => false),
    onProgress: options.onProgress,
  };
  const total = emptySummary();
  const baseIdle = options.idleMs ?? 2000;
  const maxIdle = Math.max(baseIdle, options.maxIdleMs ?? 15_000);
  let idle = baseIdle;

  while (!signal?.aborted) {
    let pass: SendSummary;
    try {
      await options.beforePass?.();
      pass = await drainPass(drain, options.editionId);
    } catch (err) {
      if (mode !== 'forever') throw err;
      options.onError?.(err);
      if (!(await sleep(maxIdle, signal))) break;
      continue;
    }
    total.passes++;
    total.sent += pass.sent;
    total.deferred += pass.deferred;
    total.failed += pass.failed;
    total.cancelled += pass.cancelled;
    total.leftBehind = pass.leftBehind;
    for (const id of pass.editions) if (!total.editions.includes(id)) total.editions.push(id);
    if (didWork(pass)) options.onPass?.(pass);
    if (signal?.aborted) break;

    const open = await readOpenWork(ledger, options.editionId);
    total.deferredLeft = open.deferred;
    total.nextRetryAt = open.deferred > 0 ? (open.wake?.toISOString() ?? null) : null;
    if (mode === 'once') break;
    if (mode === 'until-empty') {
      if (open.active === 0 && (open.deferred === 0 || options.leaveDeferred)) break;
      // Rows others hold (live or dead): look again soon, at the latest when the first lease ends.
      const wait =
        open.active > 0 ? untilWake(open.wake, now(), 50, 1000) : untilWake(open.wake, now(), 20, 60_000);
      if (!(await sleep(wait, signal))) break;
      continue;
    }
    if (didWork(pass)) {
      idle = baseIdle;
      continue;
    }
    if (!(await sleep(untilWake(open.wake, now(), 50, idle), signal))) break;
    idle = Math.min(maxIdle, idle * 2);
  }

  total.aborted = signal?.aborted === true;
  total.elapsedMs = Date.now() - started;
  total.ratePerSecond = total.elapsedMs > 0 ? Math.round((total.sent * 1000) / total.elapsedMs) : total.sent;
  return total;
}

/** One pass: every unfinished edition (or one), one after the other. */
async function drainPass(drain: EditionDrain, editionId: string | undefined): Promise<SendSummary> {
  const { ledger, tally, signal } = drain.batch;
  const before = { ...tally };
  const pass = emptySummary();
  for (const id of editionId ? [editionId] : await ledger.listUnfinishedEditions()) {
    if (signal?.aborted) break;
    pass.editions.push(id);
    const outcome = await drainEdition(drain, id);
    pass.cancelled += outcome.cancelled;
    pass.leftBehind.rows += outcome.leftBehind.rows;
    const until = outcome.leftBehind.until;
    if (until !== null && (pass.leftBehind.until === null || until > pass.leftBehind.until)) {
      pass.leftBehind.until = until;
    }
  }
  pass.passes = 1;
  pass.sent = tally.sent - before.sent;
  pass.deferred = tally.deferred - before.deferred;
  pass.failed = tally.failed - before.failed;
  return pass;
}
