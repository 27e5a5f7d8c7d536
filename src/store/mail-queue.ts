import { sql } from 'kysely';
import type { QueuedMail, QueuedMailKind, RateDecision } from '../domain/index.js';
import type { StoreContext } from './context.js';

/**
 * Counts one hit of `key` in a fixed window of `windowSeconds`, in one statement (an upsert whose
 * row lock makes concurrent hits from any number of processes count one by one).
 */
export async function takeRateLimit(
  ctx: StoreContext,
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<RateDecision> {
  const at = now.toISOString();
  const end = new Date(now.getTime() + windowSeconds * 1000).toISOString();
  const expired = sql<boolean>`rate_limits.window_end <= ${at}`;
  const row = await ctx.db
    .insertInto('rate_limits')
    .values({ key, window_start: at, window_end: end, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else rate_limits.hits + 1 end`,
        window_start: sql<string>`case when ${expired} then excluded.window_start else rate_limits.window_start end`,
        window_end: sql<string>`case when ${expired} then excluded.window_end else rate_limits.window_end end`,
      }),
    )
    .returning(['hits', 'window_end'])
    .executeTakeFirstOrThrow();
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(row.window_end) - now.getTime()) / 1000));
  return { allowed: Number(row.hits) <= limit, retryAfterSeconds };
}

/** Adds one mail to the queue, due now. */
export async function enqueueMail(
  ctx: StoreContext,
  mail: { kind: QueuedMailKind; subscriberId: number; email: string; extra?: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await ctx.db
    .insertInto('mail_queue')
    .values({
      kind: mail.kind,
      subscriber_id: mail.subscriberId,
      email: mail.email,
      extra: mail.extra ?? '',
      created_at: at,
      attempts: 0,
      next_attempt_at: at,
      lease_until: null,
      last_error: null,
    })
    .execute();
}

/**
 * Leases up to `limit` due mails for `leaseSeconds` (attempts + 1), in id order; a mail whose
 * lease ran out (its sender died) is due again. Expired rate windows are swept on the way.
 */
export async function claimQueuedMails(
  ctx: StoreContext,
  options: { limit: number; leaseSeconds: number; now: Date },
): Promise<QueuedMail[]> {
  const at = options.now.toISOString();
  const leaseUntil = new Date(options.now.getTime() + options.leaseSeconds * 1000).toISOString();
  return ctx.write(async (trx) => {
    await trx.deleteFrom('rate_limits').where('window_end', '<=', at).execute();
    let query = trx
      .selectFrom('mail_queue')
      .select('id')
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .orderBy('id')
      .limit(options.limit);
    if (ctx.driver === 'postgres') query = query.forUpdate().skipLocked();
    const ids = (await query.execute()).map((r) => Number(r.id));
    if (ids.length === 0) return [];
    const rows = await trx
      .updateTable('mail_queue')
      .set((eb) => ({ lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .returningAll()
      .execute();
    return rows
      .map((r) => ({
        id: Number(r.id),
        kind: r.kind as QueuedMailKind,
        subscriberId: Number(r.subscriber_id),
        email: r.email,
        extra: r.extra,
        createdAt: r.created_at,
        attempts: Number(r.attempts),
      }))
      .sort((a, b) => a.id - b.id);
  });
}

/** A mail handed over (or given up on): it leaves the queue. */
export async function completeQueuedMail(ctx: StoreContext, id: number): Promise<void> {
  await ctx.db.deleteFrom('mail_queue').where('id', '=', id).execute();
}

/** A try failed: the mail waits until `retryAt`, with the reason kept for `status`. */
export async function retryQueuedMail(
  ctx: StoreContext,
  id: number,
  error: string,
  retryAt: Date,
): Promise<void> {
  await ctx.db
    .updateTable('mail_queue')
    .set({ lease_until: null, next_attempt_at: retryAt.toISOString(), last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

/** Mails waiting in the queue (due or not). */
export async function countQueuedMails(ctx: StoreContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('mail_queue')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
