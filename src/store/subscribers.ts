import { randomBytes } from 'node:crypto';
import { type Kysely, sql, type Updateable } from 'kysely';
import type { NewSubscriber, Subscriber, SubscriberStatus } from '../domain/index.js';
import { PaperpostError } from '../domain/index.js';
import { chunk, type StoreContext } from './context.js';
import { joinTopics, toSubscriber } from './rows.js';
import type { Database, SubscribersTable } from './schema.js';

type SubscriberPatch = Partial<
  Pick<Subscriber, 'status' | 'topics' | 'frequency' | 'name' | 'suppressedReason'>
>;

/** Column changes for `patch` on `before`, stamping consent times when the status changes. */
function changesFor(before: Subscriber, patch: SubscriberPatch, at: string): Updateable<SubscribersTable> {
  const set: Updateable<SubscribersTable> = { updated_at: at };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.topics !== undefined) set.topics = joinTopics(patch.topics);
  if (patch.frequency !== undefined) set.frequency = patch.frequency;
  if (patch.suppressedReason !== undefined) set.suppressed_reason = patch.suppressedReason;
  if (patch.status !== undefined && patch.status !== before.status) {
    set.status = patch.status;
    if (patch.status === 'confirmed') set.confirmed_at = at;
    if (patch.status === 'unsubscribed') set.unsubscribed_at = at;
  }
  return set;
}

async function patchSubscriber(
  db: Kysely<Database>,
  id: number,
  patch: SubscriberPatch,
  at: string,
): Promise<Subscriber | undefined> {
  const row = await db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const updated = await db
    .updateTable('subscribers')
    .set(changesFor(toSubscriber(row), patch, at))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return updated === undefined ? undefined : toSubscriber(updated);
}

/** A new subscriber key: 128 random bits as 32 hex digits. */
export function newSubscriberKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The row of a new subscriber: key and consent time stamps carried over when given (an import),
 * else a new key and stamps set from its status.
 */
export function newRow(input: NewSubscriber, at: string, freshKey: () => string = newSubscriberKey) {
  return {
    email: input.email,
    name: input.name ?? null,
    status: input.status,
    topics: joinTopics(input.topics),
    frequency: input.frequency,
    created_at: input.createdAt ?? at,
    confirmed_at:
      input.confirmedAt !== undefined ? input.confirmedAt : input.status === 'confirmed' ? at : null,
    unsubscribed_at:
      input.unsubscribedAt !== undefined ? input.unsubscribedAt : input.status === 'unsubscribed' ? at : null,
    suppressed_reason: input.suppressedReason ?? null,
    updated_at: at,
    key: input.key ?? freshKey(),
  };
}

/**
 * Inserts a subscriber, or updates topics, frequency, status (and name when given) of a known
 * address. Insert-first with ON CONFLICT DO NOTHING, so two racing sign-ups of one address end
 * as one row instead of a unique-key error.
 */
export async function upsertSubscriber(
  ctx: StoreContext,
  input: NewSubscriber,
  now = new Date(),
): Promise<Subscriber> {
  const at = now.toISOString();
  return ctx.write(async (trx) => {
    const inserted = await trx
      .insertInto('subscribers')
      .values(newRow(input, at))
      .onConflict((oc) => oc.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted !== undefined) return toSubscriber(inserted);
    const known = await trx
      .selectFrom('subscribers')
      .select('id')
      .where('email', '=', input.email)
      .executeTakeFirstOrThrow();
    const patch: SubscriberPatch = { status: input.status, topics: input.topics, frequency: input.frequency };
    if (input.name !== undefined) patch.name = input.name;
    const updated = await patchSubscriber(trx, Number(known.id), patch, at);
    if (updated === undefined) {
      throw new PaperpostError(
        'store',
        'subscriber-vanished',
        `subscriber ${input.email}: deleted during upsert`,
      );
    }
    return updated;
  });
}

/** The subscriber `id`, if any. */
export async function getSubscriber(ctx: StoreContext, id: number): Promise<Subscriber | undefined> {
  const row = await ctx.db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toSubscriber(row);
}

/** The subscriber a link names by its key, if any. */
export async function getSubscriberByKey(ctx: StoreContext, key: string): Promise<Subscriber | undefined> {
  const row = await ctx.db.selectFrom('subscribers').selectAll().where('key', '=', key).executeTakeFirst();
  return row === undefined ? undefined : toSubscriber(row);
}

/** The subscribers having any of these (normalized) addresses or keys, for a bulk import. */
export async function findSubscribers(
  ctx: StoreContext,
  by: { emails: readonly string[]; keys: readonly string[] },
): Promise<Subscriber[]> {
  const out = new Map<number, Subscriber>();
  for (const [column, values] of [
    ['email', by.emails],
    ['key', by.keys],
  ] as const) {
    // PostgreSQL: one array parameter (binding 5,000 parameters costs more than the look-up).
    for (const batch of chunk([...new Set(values)], ctx.driver === 'postgres' ? 10_000 : 500)) {
      const rows = await ctx.db
        .selectFrom('subscribers')
        .selectAll()
        .where(
          ctx.driver === 'postgres'
            ? sql<boolean>`${sql.ref(column)} = any(cast(${batch} as text[]))`
            : sql<boolean>`${sql.ref(column)} in (${sql.join(batch)})`,
        )
        .execute();
      for (const row of rows) out.set(Number(row.id), toSubscriber(row));
    }
  }
  return [...out.values()];
}

/** The subscriber with this (already normalized) address, if any. */
export async function getSubscriberByEmail(
  ctx: StoreContext,
  email: string,
): Promise<Subscriber | undefined> {
  const row = await ctx.db
    .selectFrom('subscribers')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
  return row === undefined ? undefined : toSubscriber(row);
}

/** Applies `patch`; confirmed_at / unsubscribed_at are set when the status changes to that value. */
export async function updateSubscriber(
  ctx: StoreContext,
  id: number,
  patch: SubscriberPatch,
  now: Date,
): Promise<Subscriber | undefined> {
  return ctx.write((trx) => patchSubscriber(trx, id, patch, now.toISOString()));
}

/** Deletes the subscriber with `email` and their deliveries; false when unknown. */
export async function forgetSubscriber(ctx: StoreContext, email: string): Promise<boolean> {
  return ctx.write(async (trx) => {
    const row = await trx
      .selectFrom('subscribers')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (row === undefined) return false;
    await trx.deleteFrom('deliveries').where('subscriber_id', '=', row.id).execute();
    await trx.deleteFrom('mail_queue').where('subscriber_id', '=', row.id).execute();
    // Rate windows are keyed `<purpose>:<address>`.
    await trx.deleteFrom('rate_limits').where('key', 'like', `%:${email}`).execute();
    await trx.deleteFrom('subscribers').where('id', '=', row.id).execute();
    return true;
  });
}

/** One page of subscribers in id order. */
export async function listSubscribers(
  ctx: StoreContext,
  options: { status?: SubscriberStatus; afterId?: number; limit: number },
): Promise<Subscriber[]> {
  let query = ctx.db.selectFrom('subscribers').selectAll().orderBy('id').limit(options.limit);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
  return (await query.execute()).map(toSubscriber);
}

/** Subscriber counts per status, every status present. */
export async function countSubscribers(ctx: StoreContext): Promise<Record<SubscriberStatus, number>> {
  const counts: Record<SubscriberStatus, number> = {
    pending: 0,
    confirmed: 0,
    unsubscribed: 0,
    suppressed: 0,
  };
  const rows = await ctx.db
    .selectFrom('subscribers')
    .select('status')
    .select((eb) => eb.fn.countAll().as('n'))
    .groupBy('status')
    .execute();
  for (const row of rows) {
    if (row.status in counts) counts[row.status as SubscriberStatus] = Number(row.n);
  }
  return counts;
}
