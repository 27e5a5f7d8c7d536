import type { DeliveryCounts, LeaseHolder, RenderedVariant } from '../domain/index.js';
import { PaperpostError, sleep } from '../domain/index.js';
import { toCrlf, toSevenBitHtml } from './mime-builder.js';
import type { LedgerPort } from './ports.js';
import { type BatchContext, createBurstDetector, sendBatch } from './send-batch.js';

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

/** What draining one edition needs beyond the batch context (built once per drain). */
export interface EditionDrain {
  batch: Omit<BatchContext, 'variants' | 'streak' | 'paused' | 'onRecorded'>;
  worker: string;
  leaseSeconds: number;
  /** Longest wait for other holders' leases to end. */
  leaseWaitMs: number;
  /** Rows claimed per batch (they must be sendable well within their lease). */
  batchLimit: () => number;
  /** Whether the process holding a lease is gone: its rows are taken back at once. */
  isHolderGone: (holder: string) => boolean;
  onProgress?: (progress: SendProgress) => void;
}

/** What one edition's drain left: rows cancelled at claim time, rows under others' leases. */
export interface EditionOutcome {
  cancelled: number;
  leftBehind: { rows: number; until: string | null };
}

export const finishedOf = (c: DeliveryCounts) => c.sent + c.failed + c.cancelled + c.skipped;
export const openOf = (c: DeliveryCounts) => c.pending + c.sending + c.deferred;

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

/** Takes back the leases of holders that are gone; returns the others' leases still running. */
async function othersLeases(
  drain: EditionDrain,
  editionId: string,
): Promise<{ live: LeaseHolder[]; takenBack: number }> {
  const { ledger, now } = drain.batch;
  const live: LeaseHolder[] = [];
  let takenBack = 0;
  for (const lease of (await ledger.listLeases?.(editionId, now())) ?? []) {
    if (lease.holder === drain.worker) continue;
    if (ledger.expireLeases && drain.isHolderGone(lease.holder)) {
      takenBack += await ledger.expireLeases(lease.holder, now());
    } else live.push(lease);
  }
  return { live, takenBack };
}

/**
 * One pass over one edition's ledger: claims batches and sends them until nothing is claimable.
 * Rows under other processes' leases are taken back when their holder is gone, else waited for
 * (up to `leaseWaitMs`) and reported in `leftBehind`. Deferred rows not yet due are left. A missing
 * variant fails before anything is sent; too many errors in a row release the claims and throw
 * `paused`.
 */
export async function drainEdition(drain: EditionDrain, editionId: string): Promise<EditionOutcome> {
  const { ledger, now, tally, signal } = drain.batch;
  const before = await ledger.countDeliveries(editionId);
  const ctx: BatchContext = {
    ...drain.batch,
    variants: await loadVariants(ledger, editionId),
    streak: { count: 0, lastReply: '' },
    paused: false,
  };
  if (drain.onProgress) {
    const report = drain.onProgress;
    const base = { ...tally };
    const total = finishedOf(before) + openOf(before);
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
  await othersLeases(drain, editionId); // a killed run's or send's rows come back before the first claim
  let waitingSince: number | null = null;

  while (!signal?.aborted) {
    const claimedAt = Date.now();
    const claimed = await ledger.claimDeliveries({
      editionId,
      limit: drain.batchLimit(),
      worker: drain.worker,
      leaseSeconds: drain.leaseSeconds,
      now: now(),
    });
    if (claimed.length === 0) {
      const counts = await ledger.countDeliveries(editionId);
      if (counts.sending === 0) break; // done, or only deferred rows not yet due
      // Rows under others' leases: finish them once the leases end (their holder may be dead).
      const { live, takenBack } = await othersLeases(drain, editionId);
      if (takenBack > 0) continue; // a dead holder's rows: claim them now
      waitingSince ??= Date.now();
      const end = Math.min(...live.map((l) => Date.parse(l.until)));
      if (live.length === 0 || end - now().getTime() > drain.leaseWaitMs - (Date.now() - waitingSince)) break;
      if (!(await sleep(Math.min(Math.max(end - now().getTime() + 10, 20), 1000), signal))) break;
      continue;
    }
    const outcome = await sendBatch(ctx, claimed, claimedAt + drain.leaseSeconds * 750, burst);
    if (outcome.unsent.length > 0) {
      await ledger.releaseDeliveries(
        outcome.unsent.map((d) => d.id),
        drain.worker,
      );
    }
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
  const leftBehind = { rows: 0, until: null as string | null };
  if (after.sending > 0) {
    for (const lease of (await othersLeases(drain, editionId)).live) {
      leftBehind.rows += lease.rows;
      if (leftBehind.until === null || lease.until > leftBehind.until) leftBehind.until = lease.until;
    }
  }
  return { cancelled: Math.max(0, after.cancelled - before.cancelled), leftBehind };
}
