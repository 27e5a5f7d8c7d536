import type { Delivery, RenderedVariant } from '../domain/index.js';
import { describeError, PaperpostError } from '../domain/index.js';
import { retryDelaySeconds } from './backoff.js';
import type { MimeBuilder } from './mime-builder.js';
import type { LedgerPort, Personalizer, SendResult, Transport } from './ports.js';
import type { RateLimiter } from './rate-limiter.js';

/** What one edition's batches share while it drains. */
export interface BatchContext {
  ledger: LedgerPort;
  transport: Transport;
  personalize: Personalizer;
  builder: MimeBuilder;
  limiter: RateLimiter | null;
  variants: ReadonlyMap<string, RenderedVariant>;
  now: () => Date;
  random: () => number;
  maxAttempts: number;
  retryBaseSeconds: number;
  maxConsecutiveErrors: number;
  signal?: AbortSignal;
  /** Counters of this run, updated in place. */
  tally: { sent: number; deferred: number; failed: number };
  /** Errors in a row (any kind), and the last reply; reset by a success. */
  streak: { count: number; lastReply: string };
  /** Set when the streak reached maxConsecutiveErrors. */
  paused: boolean;
  onRecorded?: () => void;
}

/** 4xx in the last BURST_WINDOW results that count as a burst (slow down). */
const BURST_WINDOW = 20;
const BURST_THRESHOLD = 5;

/** Recent temporary failures, for burst detection. */
export function createBurstDetector(): (temporary: boolean) => boolean {
  const recent: boolean[] = [];
  let temporaries = 0;
  return (temporary) => {
    recent.push(temporary);
    if (temporary) temporaries++;
    if (recent.length > BURST_WINDOW && recent.shift()) temporaries--;
    if (temporaries >= BURST_THRESHOLD) {
      recent.length = 0;
      temporaries = 0;
      return true;
    }
    return false;
  };
}

async function record(
  ctx: BatchContext,
  delivery: Delivery,
  result: SendResult,
  burst: (t: boolean) => boolean,
) {
  if (result.ok) {
    await ctx.ledger.markSent(delivery.id, result.reply, ctx.now(), delivery.attempts);
    ctx.tally.sent++;
    ctx.streak.count = 0;
    ctx.limiter?.recordSuccess();
    burst(false);
    return;
  }
  ctx.streak.count++;
  ctx.streak.lastReply = result.reply;
  if (result.permanent) {
    // Hard bounce: fail the row and suppress the address so no later edition tries it again.
    await ctx.ledger.markFailed(delivery.id, result.reply, delivery.attempts);
    await ctx.ledger.updateSubscriber(
      delivery.subscriberId,
      { status: 'suppressed', suppressedReason: result.reply },
      ctx.now(),
    );
    ctx.tally.failed++;
    burst(false);
  } else {
    if (result.code === 421 || burst(true)) ctx.limiter?.slowDown();
    if (delivery.attempts >= ctx.maxAttempts) {
      await ctx.ledger.markFailed(
        delivery.id,
        `gave up after ${delivery.attempts} attempts: ${result.reply}`,
        delivery.attempts,
      );
      ctx.tally.failed++;
    } else {
      const delay = retryDelaySeconds(delivery.attempts, ctx.retryBaseSeconds, ctx.random);
      await ctx.ledger.markDeferred(
        delivery.id,
        result.reply,
        new Date(ctx.now().getTime() + delay * 1000),
        delivery.attempts,
      );
      ctx.tally.deferred++;
    }
  }
  if (ctx.streak.count >= ctx.maxConsecutiveErrors) ctx.paused = true;
}

async function sendOne(ctx: BatchContext, delivery: Delivery, burst: (t: boolean) => boolean): Promise<void> {
  const variant = ctx.variants.get(delivery.variantKey);
  if (!variant) {
    throw new PaperpostError(
      'deliver',
      'variant-missing',
      `${delivery.editionId}: variant ${delivery.variantKey} was never rendered`,
    );
  }
  let personalized: ReturnType<Personalizer>;
  try {
    personalized = ctx.personalize(variant, delivery);
  } catch (err) {
    throw new PaperpostError(
      'deliver',
      'personalize-failed',
      `${delivery.editionId}: cannot personalize ${delivery.variantKey} (${describeError(err)})`,
      { cause: err },
    );
  }
  const raw = ctx.builder.build(delivery, personalized, ctx.now());
  if (!raw) {
    await record(
      ctx,
      delivery,
      { ok: false, permanent: true, code: null, reply: 'invalid recipient address' },
      burst,
    );
    return;
  }
  const result = await ctx.transport.send({
    editionId: delivery.editionId,
    deliveryId: delivery.id,
    from: ctx.builder.envelopeFrom,
    to: delivery.email,
    raw,
  });
  await record(ctx, delivery, result, burst);
}

/** Rows of a batch never handed to the transport, and the error that stopped it, if any. */
export interface BatchOutcome {
  unsent: Delivery[];
  error: unknown;
}

/**
 * Sends one claimed batch with `transport.concurrency` workers. Stops taking new rows on abort,
 * pause, an error, or when the lease nears its end, and returns the rows it never handed to the
 * transport so the caller releases them. A row whose send started is always recorded (sent,
 * deferred or failed), unless the ledger itself fails: then its lease runs out and it is re-claimed.
 */
export async function sendBatch(
  ctx: BatchContext,
  claimed: Delivery[],
  leaseDeadline: number,
  burst: (t: boolean) => boolean,
): Promise<BatchOutcome> {
  let next = 0;
  let error: unknown = null;
  const unsent: Delivery[] = [];
  const stop = () =>
    error !== null || ctx.paused || ctx.signal?.aborted === true || Date.now() >= leaseDeadline;
  const worker = async () => {
    while (next < claimed.length && !stop()) {
      if (ctx.limiter && !(await ctx.limiter.acquire(ctx.signal))) return;
      if (stop()) return;
      const delivery = claimed[next++]!;
      try {
        await sendOne(ctx, delivery, burst);
      } catch (err) {
        error ??= err;
        // Errors before the hand-over (variant, personalize) leave the row unsent: give it back.
        if (err instanceof PaperpostError) unsent.push(delivery);
        return;
      }
      ctx.onRecorded?.();
    }
  };
  const workers = Math.max(1, Math.min(ctx.transport.concurrency, claimed.length));
  await Promise.all(Array.from({ length: workers }, worker));
  unsent.push(...claimed.slice(next));
  return { unsent, error };
}
