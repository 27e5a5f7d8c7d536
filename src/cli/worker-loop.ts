import { type SendSummary, sleep } from '../deliver/index.js';
import type { LedgerRepository } from '../store/types.js';

/** What the loop reads between passes to decide whether (and how long) to wait. */
export type WorkerLedger = Pick<
  LedgerRepository,
  'listUnfinishedEditions' | 'countDeliveries' | 'nextWakeUp'
>;

/** One drain of every unfinished edition (sendWith without `untilDone`). */
export type DrainPass = (signal: AbortSignal) => Promise<SendSummary>;

export interface WorkerLoopOptions {
  /** Exit once nothing is pending or sending (dead workers' leases waited out) instead of polling. */
  untilIdle: boolean;
  /** Graceful stop: the pass in progress finishes its in-flight sends and gives the rest back. */
  signal: AbortSignal;
  /** First idle poll interval (default 2000 ms); doubles while idle up to `maxIdleMs`. */
  idleMs?: number;
  /** Longest idle poll interval (default 15000 ms). */
  maxIdleMs?: number;
  /** Called after each pass that did something, and with each error of a pass in polling mode. */
  onPass?: (pass: SendSummary) => void;
  onError?: (err: unknown) => void;
}

/** What a worker did over its whole life. */
export interface WorkerSummary extends SendSummary {
  passes: number;
  /** Rows left deferred (retry later) when an `--until-idle` worker exited. */
  deferredLeft: number;
  /** Earliest retry time of those rows (ISO), or null. */
  nextRetryAt: string | null;
}

interface OpenWork {
  /** Pending plus sending rows: work now, or leases to wait out. */
  active: number;
  deferred: number;
  wake: Date | undefined;
}

async function readOpenWork(ledger: WorkerLedger): Promise<OpenWork> {
  let active = 0;
  let deferred = 0;
  for (const id of await ledger.listUnfinishedEditions()) {
    const c = await ledger.countDeliveries(id);
    active += c.pending + c.sending;
    deferred += c.deferred;
  }
  return { active, deferred, wake: active + deferred > 0 ? await ledger.nextWakeUp() : undefined };
}

/** Milliseconds until `wake`, clamped to [min, max]; `max` when there is no wake-up. */
function untilWake(wake: Date | undefined, min: number, max: number): number {
  if (!wake) return max;
  return Math.min(max, Math.max(min, wake.getTime() - Date.now()));
}

const didWork = (s: SendSummary) => s.sent + s.deferred + s.failed + s.cancelled > 0;

/**
 * The `paperpost worker` loop: drain passes over every unfinished edition, as many workers as
 * wanted on a shared PostgreSQL ledger (claims are exclusive, leases expire). Between passes it
 * polls, sooner when a lease or retry falls due, backing off while idle. With `untilIdle` it
 * returns once no row is pending or sending; rows claimed by a dead worker are `sending` until
 * their lease expires, so it waits for them and sends them. Deferred rows due later stay for the
 * next worker. In polling mode a failed pass is reported and retried after the longest interval.
 */
export async function runWorkerLoop(
  ledger: WorkerLedger,
  drain: DrainPass,
  options: WorkerLoopOptions,
): Promise<WorkerSummary> {
  const started = Date.now();
  const baseIdle = options.idleMs ?? 2000;
  const maxIdle = Math.max(baseIdle, options.maxIdleMs ?? 15_000);
  const { signal } = options;
  const total: WorkerSummary = {
    editions: [],
    passes: 0,
    sent: 0,
    deferred: 0,
    failed: 0,
    cancelled: 0,
    elapsedMs: 0,
    ratePerSecond: 0,
    aborted: false,
    deferredLeft: 0,
    nextRetryAt: null,
  };
  let idle = baseIdle;

  while (!signal.aborted) {
    let pass: SendSummary | null = null;
    try {
      pass = await drain(signal);
    } catch (err) {
      if (options.untilIdle) throw err;
      options.onError?.(err);
      if (!(await sleep(maxIdle, signal))) break;
      continue;
    }
    total.passes++;
    total.sent += pass.sent;
    total.deferred += pass.deferred;
    total.failed += pass.failed;
    total.cancelled += pass.cancelled;
    if (didWork(pass)) {
      for (const id of pass.editions) if (!total.editions.includes(id)) total.editions.push(id);
      options.onPass?.(pass);
    }
    if (signal.aborted) break;

    const open = await readOpenWork(ledger);
    if (options.untilIdle) {
      if (open.active === 0) {
        total.deferredLeft = open.deferred;
        total.nextRetryAt = open.deferred > 0 ? (open.wake?.toISOString() ?? null) : null;
        break;
      }
      // Rows others hold (live or dead): look again soon, at the latest when the first lease ends.
      if (!(await sleep(untilWake(open.wake, 50, 1000), signal))) break;
      continue;
    }
    if (didWork(pass)) {
      idle = baseIdle;
      continue;
    }
    if (!(await sleep(untilWake(open.wake, 50, idle), signal))) break;
    idle = Math.min(maxIdle, idle * 2);
  }

  total.aborted = signal.aborted;
  total.elapsedMs = Date.now() - started;
  total.ratePerSecond = total.elapsedMs > 0 ? Math.round((total.sent * 1000) / total.elapsedMs) : total.sent;
  return total;
}
