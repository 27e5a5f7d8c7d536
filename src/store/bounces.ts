import { type Kysely, sql } from 'kysely';
import type {
  BounceClass,
  BounceCounts,
  BounceOutcome,
  BounceRecord,
  BounceTarget,
  NewBounce,
  SoftBouncePolicy,
} from '../domain/index.js';
import { isUniqueViolation, type StoreContext } from './context.js';
import { addCounts } from './rows.js';
import type { Database } from './schema.js';

const DAY_MS = 24 * 3600 * 1000;

function targetOf(row: {
  id: number;
  subscriber_id: number;
  edition_id: string;
  email: string;
}): BounceTarget {
  return {
    deliveryId: Number(row.id),
    subscriberId: Number(row.subscriber_id),
    editionId: row.edition_id,
    email: row.email,
  };
}

/** The delivery a signed return path names. */
export async function findBounceTarget(
  ctx: StoreContext,
  deliveryId: number,
): Promise<BounceTarget | undefined> {
  const row = await ctx.db
    .selectFrom('deliveries')
    .select(['id', 'subscriber_id', 'edition_id', 'email'])
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  return row ? targetOf(row) : undefined;
}

/** The latest delivery sent to an address (provider webhooks name the address, not the delivery). */
export async function findLatestDeliveryTo(
  ctx: StoreContext,
  email: string,
): Promise<BounceTarget | undefined> {
  for (const candidate of new Set([email, email.toLowerCase()])) {
    const row = await ctx.db
      .selectFrom('deliveries')
      .select(['id', 'subscriber_id', 'edition_id', 'email'])
      .where('email', '=', candidate)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row) return targetOf(row);
  }
  return undefined;
}

function reasonLine(b: NewBounce): string {
  const words = [b.class === 'complaint' ? `complaint (${b.feedbackType ?? 'abuse'})` : `${b.class} bounce`];
  if (b.status) words.push(b.status);
  words.push(b.reason);
  const head = words.join(' ');
  const diag = b.diagnostic ? `: ${b.diagnostic.replace(/\s+/g, ' ').slice(0, 200)}` : '';
  return `${head} via ${b.source} ${b.receivedAt.toISOString().slice(0, 10)}${diag}`;
}

async function suppress(
  trx: Kysely<Database>,
  b: NewBounce,
  why: string,
  unsubscribe: boolean,
): Promise<boolean> {
  const at = b.receivedAt.toISOString();
  const set: Record<string, string> = { status: 'suppressed', suppressed_reason: why, updated_at: at };
  if (unsubscribe) set['unsubscribed_at'] = at;
  // A complaint overrides any status; a bounce leaves someone who already left as they are.
  const statuses = unsubscribe ? ['pending', 'confirmed', 'unsubscribed'] : ['pending', 'confirmed'];
  const result = await trx
    .updateTable('subscribers')
    .set(set)
    .where('id', '=', b.subscriberId)
    .where('status', 'in', statuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Store a bounce and act on it, in one transaction: a complaint suppresses the address for good
 * (and stamps the unsubscribe), a hard bounce suppresses it, a soft bounce counts and suppresses
 * once `policy.limit` deliveries bounced softly within `policy.windowDays`. A report already
 * stored (same fingerprint) changes nothing.
 */
export async function recordBounce(
  ctx: StoreContext,
  b: NewBounce,
  policy: SoftBouncePolicy,
): Promise<BounceOutcome> {
  try {
    return await ctx.write(async (trx) => {
      await trx
        .insertInto('bounces')
        .values({
          fingerprint: b.fingerprint,
          delivery_id: b.deliveryId,
          subscriber_id: b.subscriberId,
          edition_id: b.editionId,
          email: b.email,
          class: b.class,
          reason: b.reason,
          status: b.status,
          feedback_type: b.feedbackType,
          diagnostic: b.diagnostic?.slice(0, 2000) ?? null,
          source: b.source,
          received_at: b.receivedAt.toISOString(),
        })
        .execute();
      if (b.class === 'complaint') {
        return { action: (await suppress(trx, b, reasonLine(b), true)) ? 'unsubscribed' : 'none' };
      }
      if (b.class === 'hard') {
        return { action: (await suppress(trx, b, reasonLine(b), false)) ? 'suppressed' : 'none' };
      }
      const since = new Date(b.receivedAt.getTime() - policy.windowDays * DAY_MS).toISOString();
      const row = await trx
        .selectFrom('bounces')
        .select([
          sql<number>`count(distinct delivery_id)`.as('deliveries'),
          sql<number>`sum(case when delivery_id is null then 1 else 0 end)`.as('loose'),
        ])
        .where('subscriber_id', '=', b.subscriberId)
        .where('class', '=', 'soft')
        .where('received_at', '>=', since)
        .executeTakeFirst();
      const softCount = Number(row?.deliveries ?? 0) + Number(row?.loose ?? 0);
      if (softCount >= policy.limit) {
        const why = `${softCount} soft bounces in ${policy.windowDays} days, last: ${reasonLine(b)}`;
        if (await suppress(trx, b, why, false)) return { action: 'suppressed', softCount };
      }
      return { action: 'counted', softCount };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { action: 'duplicate' };
    throw err;
  }
}

function emptyCounts(): BounceCounts {
  return { hard: 0, soft: 0, complaint: 0 };
}

/** Deliveries of an edition that bounced or complained, once per delivery and class. */
export async function countBounces(ctx: StoreContext, editionId: string): Promise<BounceCounts> {
  const rows = await ctx.db
    .selectFrom('bounces')
    .select(['class as key', sql<number>`count(distinct delivery_id)`.as('n')])
    .where('edition_id', '=', editionId)
    .groupBy('class')
    .execute();
  return addCounts(emptyCounts(), rows);
}

/** Every bounce and complaint ever stored, by class (for /metrics). */
export async function bounceTotals(ctx: StoreContext): Promise<BounceCounts> {
  const rows = await ctx.db
    .selectFrom('bounces')
    .select(['class as key', sql<number>`count(*)`.as('n')])
    .groupBy('class')
    .execute();
  return addCounts(emptyCounts(), rows);
}

/** The bounces of a subscriber, newest first. */
export async function listBounces(
  ctx: StoreContext,
  options: { subscriberId?: number; editionId?: string; limit: number },
): Promise<BounceRecord[]> {
  let q = ctx.db.selectFrom('bounces').selectAll();
  if (options.subscriberId !== undefined) q = q.where('subscriber_id', '=', options.subscriberId);
  if (options.editionId !== undefined) q = q.where('edition_id', '=', options.editionId);
  const rows = await q.orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    fingerprint: r.fingerprint,
    deliveryId: r.delivery_id === null ? null : Number(r.delivery_id),
    subscriberId: Number(r.subscriber_id),
    editionId: r.edition_id,
    email: r.email,
    class: r.class as Exclude<BounceClass, 'ignore'>,
    reason: r.reason,
    status: r.status,
    feedbackType: r.feedback_type,
    diagnostic: r.diagnostic,
    source: r.source as BounceRecord['source'],
    receivedAt: r.received_at,
  }));
}
