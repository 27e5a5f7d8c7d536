import { type Kysely, sql } from 'kysely';
import { PaperpostError } from '../domain/index.js';
import { chunk, type StoreContext } from './context.js';
import type { StoreRow, StoreTable } from './types.js';

/** Key columns each table is paged by (unique per row). */
const KEYS: Record<StoreTable, readonly string[]> = {
  sources: ['id'],
  papers: ['id'],
  paper_snapshots: ['paper_id', 'seen_at'],
  topics: ['slug'],
  editions: ['id'],
  edition_papers: ['frequency', 'paper_id'],
  rendered_variants: ['edition_id', 'variant_key'],
  subscribers: ['id'],
  deliveries: ['id'],
  runs: ['id'],
  locks: ['name'],
  meta: ['key'],
  mail_queue: ['id'],
  rate_limits: ['key'],
  bounces: ['id'],
};

/** Tables with an identity id whose sequence must move past copied ids on PostgreSQL. */
const IDENTITY_TABLES: readonly StoreTable[] = ['subscribers', 'deliveries', 'mail_queue', 'bounces'];

type AnyDb = Kysely<Record<string, StoreRow>>;

function keysOf(table: string): readonly string[] {
  const keys = (KEYS as Record<string, readonly string[] | undefined>)[table];
  if (keys === undefined)
    throw new PaperpostError('store', 'unknown-table', `table ${table}: not a Paperpost table`);
  return keys;
}

/** One page of raw rows of `table` in key order, after the key of row `after` when given. */
export async function exportRows(
  ctx: StoreContext,
  table: StoreTable,
  options: { after?: StoreRow; limit: number },
): Promise<StoreRow[]> {
  const keys = keysOf(table);
  const db = ctx.db as unknown as AnyDb;
  let query = db.selectFrom(table).selectAll().limit(options.limit);
  for (const key of keys) query = query.orderBy(key);
  const after = options.after;
  if (after !== undefined) {
    const values = keys.map((k) => after[k] ?? null);
    query = query.where(sql<boolean>`(${sql.join(keys.map((k) => sql.ref(k)))}) > (${sql.join(values)})`);
  }
  return query.execute();
}

/** Rows in `table`. */
export async function countRows(ctx: StoreContext, table: StoreTable): Promise<number> {
  keysOf(table);
  const db = ctx.db as unknown as AnyDb;
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.['n'] ?? 0);
}

/**
 * Inserts raw rows exported from another store, unchanged (ids included), in one transaction;
 * on PostgreSQL identity sequences then move past the highest copied id.
 */
export async function importRows(ctx: StoreContext, table: StoreTable, rows: StoreRow[]): Promise<void> {
  keysOf(table);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] ?? {}).length || 1;
  const perInsert = Math.max(1, Math.floor(4000 / columns));
  await ctx.write(async (trx) => {
    const db = trx as unknown as AnyDb;
    for (const batch of chunk(rows, perInsert)) await db.insertInto(table).values(batch).execute();
    if (ctx.driver === 'postgres' && IDENTITY_TABLES.includes(table)) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(
        trx,
      );
    }
  });
}
