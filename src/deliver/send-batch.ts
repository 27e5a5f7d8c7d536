import type { Delivery, RenderedVariant } from '../domain/index.js';
import { backoffDelay, describeError, PaperpostError } from '../domain/index.js';
import type { MimeBuilder } from './mime-builder.js';
import { deliveryKey } from './outbox-transport.js';
import type { LedgerPort, Personalizer, SendResult, SentMark, Transport } from './ports.js';
import type { SendPacer } from './send-pacer.js';

/** Longest wait between two tries of one delivery. */
const MAX_RETRY_SECONDS = 6 * 3600;

/** What one edition's batches share while it drains. */
export interface BatchContext {
  ledger: LedgerPort;
  /** Records an accepted message; resolves once the mark is committed (see createSentRecorder). */
  recordSent: (mark: SentMark) => Promise<void>;
  transport: Transport;
  personalize: Personalizer;
  builder: MimeBuilder;
  limiter: SendPacer | null;
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

/**
 * Group commit of "sent" marks: marks that arrive in the same turn of the event loop (replies read
 * in one poll, typically one per busy connection) go to the ledger in one write, flushed on
 * setImmediate. A commit is most of what a mark costs, so under load this takes the ledger from
 * one commit per message to about one per turn. Each caller still waits for its own mark to be
 * committed before it takes another row, so at most one accepted but unrecorded message per send
 * worker (per pool connection) exists at any time: what a crash can send twice is unchanged.
 */
export function createSentRecorder(
  ledger: Pick<LedgerPort, 'markSentMany'>,
): (mark: SentMark) => Promise<void> {
  let queue: Array<{ mark: SentMark; resolve: () => void; reject: (err: unknown) => void }> = [];
  const flush = async () => {
    const group = queue;
    queue = [];
    try {
      await ledger.markSentMany(group.map((g) => g.mark));
    } catch (err) {
      for (const g of group) g.reject(err);
      return;
    }
    for (const g of group) g.resolve();
  };
  return (mark) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ mark, resolve, reject });
      if (queue.length === 1) setImmediate(flush);
    });
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
    await ctx.recordSent({
      id: delivery.id,
      reply: result.reply,
      now: ctx.now(),
      attempt: delivery.attempts,
    });
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
      // Base, 2x base, 4x base ... after 1, 2, 3 ... temporary failures, at most 6 h.
      const delay = backoffDelay(delivery.attempts - 1, ctx.retryBaseSeconds, MAX_RETRY_SECONDS, ctx.random);
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

/**
 * Personalizes and builds one message and hands it to the transport; null when the recipient
 * address is unusable. Synchronous on purpose: the message's strings and bytes are referenced only
 * from here and by the transport, so nothing of them waits in `sendOne` while the server answers
 * (a message alive across a few minor GCs is promoted and stays until the next full GC).
 */
function startSend(ctx: BatchContext, delivery: Delivery): Promise<SendResult> | null {
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
  if (!raw) return null;
  return ctx.transport.send({
    key: deliveryKey(delivery.editionId, delivery.id),
    from: personalized.envelopeFrom ?? ctx.builder.envelopeFrom,
    to: delivery.email,
    raw,
  });
}

async function sendOne(ctx: BatchContext, delivery: Delivery, burst: (t: boolean) => boolean): Promise<void> {
  const sending = startSend(ctx, delivery);
  const result: SendResult = sending
    ? await sending
    : { ok: false, permanent: true, code: null, reply: 'invalid recipient address' };
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
 * Consumes `claimed`: the slot of each row taken is emptied.
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
      // Re-check after the wait: workers released by one group commit wait for the pacer together,
      // and the others may have taken the last rows meanwhile.
      if (stop() || next >= claimed.length) return;
      const delivery = claimed[next]!;
      // Let go of the row: held by the batch array until the batch ends, it would outlive a few
      // minor GCs and be promoted, filling the old generation with finished rows.
      claimed[next++] = undefined as never;
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
