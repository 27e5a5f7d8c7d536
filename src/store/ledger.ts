import { sql } from 'kysely';
import {
  DELIVERY_STATES,
  type Delivery,
  type DeliveryCounts,
  type DeliveryState,
  type Frequency,
} from '../domain/index.js';
import { chunk, type StoreContext } from './context.js';
import { addCounts, toDelivery } from './rows.js';

/** States a delivery can still leave. */
export const OPEN_STATES: readonly DeliveryState[] = ['pending', 'deferred', 'sending'];

/** Counts with every state at 0. */
export function emptyCounts(): DeliveryCounts {
  return Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as DeliveryCounts;
}

/**
 * One pending delivery per confirmed subscriber of `frequency`, written by ONE
 * INSERT ... SELECT ... ON CONFLICT DO NOTHING: atomic, idempotent, nothing streamed through JS.
 * A subscriber whose variant `skip` says is empty (nothing of their topics) gets a `skipped` row
 * instead: recorded, never claimed. `skip` is asked once per distinct variant, in the same write
 * transaction.
 */
export async function createLedger(
  ctx: StoreContext,
  editionId: string,
  frequency: Frequency,
  messageIdDomain: string,
  skip?: (variantKey: string) => boolean,
): Promise<number> {
  const variantKey = sql`CAST(${frequency} AS TEXT) || ':' || CASE WHEN s.topics = '' THEN '*' ELSE s.topics END`;
  const result = await ctx.write(async (trx) => {
    let skipped: string[] = [];
    if (skip) {
      const keys = await sql<{ key: string }>`
        SELECT DISTINCT ${variantKey} AS key FROM subscribers s
        WHERE s.status = 'confirmed' AND s.frequency = ${frequency}`.execute(trx);
      skipped = keys.rows.map((r) => r.key).filter(skip);
    }
    const state =
      skipped.length === 0
        ? sql`'pending'`
        : sql`CASE WHEN ${variantKey} IN (${sql.join(skipped)}) THEN 'skipped' ELSE 'pending' END`;
    return sql`
      INSERT INTO deliveries
        (edition_id, subscriber_id, subscriber_key, email, variant_key, state, attempts, message_id)
      SELECT ${editionId}, s.id, s.key, s.email, ${variantKey}, ${state}, 0,
        '<' || CAST(${editionId} AS TEXT) || '.' || CAST(s.id AS TEXT) || '@' || CAST(${messageIdDomain} AS TEXT) || '>'
      FROM subscribers s
      WHERE s.status = 'confirmed' AND s.frequency = ${frequency}
      ORDER BY s.id
      ON CONFLICT (edition_id, subscriber_id) DO NOTHING`.execute(trx);
  });
  const created = Number(result.numAffectedRows ?? 0n);
  // PostgreSQL plans the claim from the table's statistics, stale right after this insert (it
  // would expect a handful of rows and sort every open row per claim instead of walking the
  // primary key past the sent ones). SQLite's plan does not depend on statistics.
  if (ctx.driver === 'postgres' && created > 0) await sql`ANALYZE deliveries`.execute(ctx.db);
  return created;
}

/** Distinct variant keys of an edition's ledger, sorted; not those of `skipped` rows (no mail). */
export async function listVariantKeys(ctx: StoreContext, editionId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('deliveries')
    .select('variant_key')
    .distinct()
    .where('edition_id', '=', editionId)
    .where('state', '<>', 'skipped')
    .orderBy('variant_key')
    .execute();
  return rows.map((r) => r.variant_key);
}

/** Delivery counts per state for each edition asked (every state present, 0 when none). */
export async function countDeliveriesOf(
  ctx: StoreContext,
  editionIds: readonly string[],
): Promise<Map<string, DeliveryCounts>> {
  const out = new Map<string, DeliveryCounts>(editionIds.map((id) => [id, emptyCounts()]));
  for (const ids of chunk([...new Set(editionIds)], 500)) {
    const rows = await ctx.db
      .selectFrom('deliveries')
      .select(['edition_id', 'state as key'])
      .select((eb) => eb.fn.countAll().as('n'))
      .where('edition_id', 'in', ids)
      .groupBy(['edition_id', 'state'])
      .execute();
    for (const row of rows) {
      const counts = out.get(row.edition_id);
      if (counts !== undefined) addCounts(counts, [row]);
    }
  }
  return out;
}

/** Delivery counts per state of one edition. */
export async function countDeliveries(ctx: StoreContext, editionId: string): Promise<DeliveryCounts> {
  return (await countDeliveriesOf(ctx, [editionId])).get(editionId) ?? emptyCounts();
}

/** Deliveries of an edition in id order, optionally of one state. */
export async function listDeliveries(
  ctx: StoreContext,
  editionId: string,
  options: { state?: DeliveryState; limit: number; afterId?: number },
): Promise<Delivery[]> {
  let query = ctx.db
    .selectFrom('deliveries')
    .selectAll()
    .where('edition_id', '=', editionId)
    .orderBy('id')
    .limit(options.limit);
  if (options.state !== undefined) query = query.where('state', '=', options.state);
  if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
  return (await query.execute()).map(toDelivery);
}

/** Editions whose ledger still has pending, deferred or sending rows. */
export async function listUnfinishedEditions(ctx: StoreContext): Promise<string[]> {
  // Oldest edition first (daily and weekly interleave by time, not by name).
  const rows = await ctx.db
    .selectFrom('editions as e')
    .select(['e.id', 'e.created_at'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('deliveries as d')
          .select('d.id')
          .whereRef('d.edition_id', '=', 'e.id')
          .where('d.state', 'in', OPEN_STATES),
      ),
    )
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Earliest retry_at of deferred rows or lease_until of sending rows (ISO strings sort as times). */
export async function nextWakeUp(ctx: StoreContext, editionId?: string): Promise<Date | undefined> {
  let query = ctx.db
    .selectFrom('deliveries')
    .select((eb) => [
      eb.fn.min(eb.case().when('state', '=', 'deferred').then(eb.ref('retry_at')).end()).as('retry'),
      eb.fn.min(eb.case().when('state', '=', 'sending').then(eb.ref('lease_until')).end()).as('lease'),
    ])
    .where('state', 'in', ['deferred', 'sending']);
  if (editionId !== undefined) query = query.where('edition_id', '=', editionId);
  const row = await query.executeTakeFirst();
  const times = [row?.retry, row?.lease].filter((t): t is string => typeof t === 'string' && t !== '');
  if (times.length === 0) return undefined;
  return new Date(times.sort()[0] as string);
}

/** Deliveries of every edition by state (for /metrics). */
export async function deliveryTotals(ctx: StoreContext): Promise<DeliveryCounts> {
  const rows = await ctx.db
    .selectFrom('deliveries')
    .select(['state as key', sql<number>`count(*)`.as('n')])
    .groupBy('state')
    .execute();
  return addCounts(emptyCounts(), rows);
}
