import { CompiledQuery, type Kysely, type Selectable, sql } from 'kysely';
import type { Delivery } from '../domain/index.js';
import { chunk, type StoreContext } from './context.js';
import { toDelivery } from './rows.js';
import type { Database, DeliveriesTable } from './schema.js';
import type { ClaimOptions, SentMark } from './types.js';

/**
 * The claim's look-up: up to `limit` claimable rows in id order, locked on PostgreSQL (skipping
 * rows other claimers hold), with the subscriber's status and name. Exported for the plan test.
 */
export function claimableQuery(
  trx: Kysely<Database>,
  driver: StoreContext['driver'],
  options: Pick<ClaimOptions, 'editionId' | 'now'>,
  limit: number,
) {
  const now = options.now.toISOString();
  let query = trx
    .selectFrom('deliveries as d')
    .leftJoin('subscribers as s', 's.id', 'd.subscriber_id')
    .select(['d.id', 's.status', 's.name'])
    // The partial index's predicate, repeated as literal SQL so both engines walk that index in id
    // order and stop after `limit` rows. With bound parameters SQLite cannot prove the predicate
    // holds and falls back to (edition_id, state), reading and sorting every open row per claim:
    // O(open rows) per claim, which made small batches cost 30-95% more CPU per message at 100k.
    .where(sql<boolean>`${sql.ref('d.state')} in ('pending', 'deferred', 'sending')`)
    .where((eb) =>
      eb.or([
        eb('d.state', '=', 'pending'),
        eb.and([eb('d.state', '=', 'deferred'), eb('d.retry_at', '<=', now)]),
        eb.and([eb('d.state', '=', 'sending'), eb('d.lease_until', '<', now)]),
      ]),
    )
    .orderBy('d.id')
    .limit(limit);
  if (options.editionId !== undefined) query = query.where('d.edition_id', '=', options.editionId);
  if (driver === 'postgres') query = query.forUpdate('d').skipLocked();
  return query;
}

async function findClaimable(
  trx: Kysely<Database>,
  driver: StoreContext['driver'],
  options: ClaimOptions,
  limit: number,
): Promise<{ id: number; status: string | null; name: string | null }[]> {
  const rows = await claimableQuery(trx, driver, options, limit).execute();
  return rows.map((r) => ({ id: Number(r.id), status: r.status, name: r.name ?? null }));
}

/**
 * A claimed row as a Delivery whose strings that repeat across the batch (edition, variant, lease
 * end) are one instance each. A batch's rows wait up to a batch's sending time for their turn, so
 * some outlive two minor GCs and are promoted to the old generation: the less of each row, the less
 * old space a long send fills before V8's first major collection.
 */
function claimedDelivery(
  row: Selectable<DeliveriesTable>,
  name: string | null,
  shared: Map<string, string>,
): Delivery {
  const once = (text: string): string => {
    const known = shared.get(text);
    if (known !== undefined) return known;
    shared.set(text, text);
    return text;
  };
  const delivery = toDelivery(row);
  delivery.editionId = once(delivery.editionId);
  delivery.variantKey = once(delivery.variantKey);
  delivery.state = once(delivery.state) as Delivery['state'];
  if (delivery.leaseUntil !== null) delivery.leaseUntil = once(delivery.leaseUntil);
  delivery.name = name;
  return delivery;
}

/**
 * Claims up to `limit` due deliveries in one write transaction: rows whose subscriber is no longer
 * confirmed become `cancelled`, the others `sending` with a lease, attempts + 1. On PostgreSQL
 * `FOR UPDATE SKIP LOCKED` keeps concurrent claimers apart; on SQLite the write lock does.
 */
export async function claimDeliveries(ctx: StoreContext, options: ClaimOptions): Promise<Delivery[]> {
  if (options.limit <= 0) return [];
  const leaseUntil = new Date(options.now.getTime() + options.leaseSeconds * 1000).toISOString();
  const shared = new Map<string, string>([[leaseUntil, leaseUntil]]);
  const claimed = await ctx.write(async (trx) => {
    const out: Delivery[] = [];
    // Cancelled rows take no slot: keep looking until the batch is full or nothing is due.
    while (out.length < options.limit) {
      const wanted = options.limit - out.length;
      const found = await findClaimable(trx, ctx.driver, options, wanted);
      const gone = found.filter((r) => r.status !== 'confirmed').map((r) => r.id);
      const live = found.filter((r) => r.status === 'confirmed').map((r) => r.id);
      const names = new Map(found.map((r) => [r.id, r.name]));
      for (const ids of chunk(gone, 1000)) {
        await trx
          .updateTable('deliveries')
          .set({ state: 'cancelled', lease_until: null, claimed_by: null })
          .where('id', 'in', ids)
          .execute();
      }
      for (const ids of chunk(live, 1000)) {
        const rows = await trx
          .updateTable('deliveries')
          .set((eb) => ({
            state: 'sending',
            attempts: eb('attempts', '+', 1),
            lease_until: leaseUntil,
            claimed_by: options.worker,
          }))
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        // The greeting's name travels with the claim: no second read per message.
        for (const row of rows) out.push(claimedDelivery(row, names.get(Number(row.id)) ?? null, shared));
      }
      if (found.length < wanted) break;
    }
    return out;
  });
  return claimed.sort((a, b) => a.id - b.id);
}

/** sending -> sent, with the server's reply. No-op unless the row is still `sending`. */
export async function markSent(
  ctx: StoreContext,
  id: number,
  reply: string,
  now: Date,
  attempt?: number,
): Promise<void> {
  await markSentMany(ctx, [{ id, reply, now, attempt }]);
}

/** Compiled SQL of sent marks per store, by shape (see `sentMarksQuery`); a few shapes in practice. */
const sentSqlCache = new WeakMap<Kysely<Database>, Map<string, string>>();
const SENT_SHAPES_KEPT = 64;

/**
 * Several sending -> sent marks in one UPDATE, so one commit instead of one per message (the
 * commit is most of what a mark costs on SQLite). Each row is fenced like `markSent`.
 */
export async function markSentMany(ctx: StoreContext, marks: readonly SentMark[]): Promise<void> {
  if (marks.length === 0) return;
  await ctx.db.executeQuery(sentMarksQuery(ctx.db, marks));
}

/**
 * The marks' UPDATE (per-row values as CASE id WHEN .. THEN .. END: portable, and still one
 * statement). Its SQL depends only on the shape of the group (how many marks, which carry an
 * attempt), so it is compiled once per shape and reused with the marks' values: a query built and
 * compiled per mark allocated ~2 KB of Kysely nodes per message, enough of which lived through two
 * minor GCs to be a third of what a long send promotes to V8's old generation.
 */
function sentMarksQuery(db: Kysely<Database>, marks: readonly SentMark[]): CompiledQuery {
  // Parameters in the order they appear in the SQL below.
  const parameters: unknown[] = [];
  for (const m of marks) parameters.push(m.id, m.reply);
  for (const m of marks) parameters.push(m.id, m.now.toISOString());
  let shape = String(marks.length);
  for (const m of marks) {
    parameters.push(m.id);
    if (m.attempt === undefined) shape += 'u';
    else parameters.push(m.attempt);
  }
  let cache = sentSqlCache.get(db);
  if (!cache) {
    cache = new Map();
    sentSqlCache.set(db, cache);
  }
  const known = cache.get(shape);
  if (known !== undefined) return CompiledQuery.raw(known, parameters);
  const perRow = (value: (mark: SentMark) => string) =>
    sql`case ${sql.ref('id')} ${sql.join(
      marks.map((m) => sql`when ${m.id} then ${value(m)}`),
      sql` `,
    )} end`;
  const rows = sql.join(
    marks.map((m) =>
      m.attempt === undefined ? sql`(id = ${m.id})` : sql`(id = ${m.id} and attempts = ${m.attempt})`,
    ),
    sql` or `,
  );
  const compiled = sql`update deliveries set state = 'sent', lease_until = null,
    retry_at = null, last_reply = ${perRow((m) => m.reply)}, sent_at = ${perRow((m) => m.now.toISOString())}
    where state = 'sending' and (${rows})`.compile(db);
  // Kept only when its parameters are the ones listed above, in that order.
  const same =
    compiled.parameters.length === parameters.length &&
    compiled.parameters.every((p, i) => p === parameters[i]);
  if (same && cache.size < SENT_SHAPES_KEPT) cache.set(shape, compiled.sql);
  return compiled;
}

/**
 * The claim's attempt number is its fencing token: a worker whose lease expired and whose row
 * was claimed again by another worker (attempts + 1) can no longer change that row.
 */
function fenced<Q extends { where(column: 'attempts', op: '=', value: number): Q }>(
  query: Q,
  attempt: number | undefined,
): Q {
  return attempt === undefined ? query : query.where('attempts', '=', attempt);
}

/** sending -> deferred until `retryAt` (temporary failure). */
export async function markDeferred(
  ctx: StoreContext,
  id: number,
  reply: string,
  retryAt: Date,
  attempt?: number,
): Promise<void> {
  await fenced(
    ctx.db
      .updateTable('deliveries')
      .set({ state: 'deferred', last_reply: reply, retry_at: retryAt.toISOString(), lease_until: null })
      .where('id', '=', id)
      .where('state', '=', 'sending'),
    attempt,
  ).execute();
}

/** sending -> failed (permanent failure or attempts exhausted). */
export async function markFailed(
  ctx: StoreContext,
  id: number,
  reply: string,
  attempt?: number,
): Promise<void> {
  await fenced(
    ctx.db
      .updateTable('deliveries')
      .set({ state: 'failed', last_reply: reply, lease_until: null })
      .where('id', '=', id)
      .where('state', '=', 'sending'),
    attempt,
  ).execute();
}

/** sending -> pending for rows given back unsent; the claim is not counted as an attempt. */
export async function releaseDeliveries(ctx: StoreContext, ids: number[], worker?: string): Promise<void> {
  for (const batch of chunk(ids, 1000)) {
    let query = ctx.db
      .updateTable('deliveries')
      .set((eb) => ({
        state: 'pending',
        attempts: eb('attempts', '-', 1),
        lease_until: null,
        claimed_by: null,
      }))
      .where('id', 'in', batch)
      .where('state', '=', 'sending');
    // Only the claimer gives a row back (another worker may have re-claimed it after a lease).
    if (worker !== undefined) query = query.where('claimed_by', '=', worker);
    await query.execute();
  }
}
