import { randomBytes } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import type { NewSubscriber } from '../domain/index.js';
import { chunk, type StoreContext } from './context.js';
import { newRow } from './subscribers.js';

type Row = ReturnType<typeof newRow>;

/** 11 columns: 500 rows keep SQLite under its parameter limit. */
const SQLITE_ROWS = 500;
/** PostgreSQL takes one array per column: rows per statement are limited by memory only. */
const POSTGRES_ROWS = 5000;

/** PostgreSQL: one INSERT ... SELECT FROM unnest(one array per column), no per-row parameters. */
async function insertPostgres(ctx: StoreContext, rows: Row[], columns: (keyof Row)[]): Promise<number> {
  return ctx.write(async (trx) => {
    let added = 0;
    for (const batch of chunk(rows, POSTGRES_ROWS)) {
      const arrays = columns.map((column) => sql`CAST(${batch.map((row) => row[column])} AS text[])`);
      const result = await sql`INSERT INTO subscribers (${sql.join(columns.map((c) => sql.ref(c)))})
        SELECT * FROM unnest(${sql.join(arrays)}) ON CONFLICT DO NOTHING`.execute(trx);
      added += Number(result.numAffectedRows ?? 0n);
    }
    return added;
  });
}

/** SQLite: multi-row INSERTs of plain SQL (Kysely's compile of 5,500 values costs more than the insert). */
async function insertSqlite(ctx: StoreContext, rows: Row[], columns: (keyof Row)[]): Promise<number> {
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const head = `INSERT INTO subscribers (${columns.map((c) => `"${c}"`).join(',')}) VALUES `;
  return ctx.write(async (trx) => {
    let added = 0;
    for (const batch of chunk(rows, SQLITE_ROWS)) {
      const text = `${head}${Array(batch.length).fill(tuple).join(',')} ON CONFLICT DO NOTHING`;
      const parameters = batch.flatMap((row) => columns.map((column) => row[column]));
      const result = await trx.executeQuery(CompiledQuery.raw(text, parameters));
      added += Number(result.numAffectedRows ?? 0n);
    }
    return added;
  });
}

/**
 * Inserts the addresses (and keys) not yet known, in one transaction; an address or key already
 * there is left as it is. Returns how many rows were added.
 */
export async function addSubscribers(ctx: StoreContext, inputs: NewSubscriber[], now: Date): Promise<number> {
  if (inputs.length === 0) return 0;
  const at = now.toISOString();
  // One draw of random bytes for every new key: a call per row was a third of a batch's time.
  const random = randomBytes(16 * inputs.length);
  let next = 0;
  const freshKey = () => random.toString('hex', 16 * next, 16 * ++next);
  const rows = inputs.map((input) => newRow(input, at, freshKey));
  const columns = Object.keys(rows[0] ?? {}) as (keyof Row)[];
  return ctx.driver === 'postgres' ? insertPostgres(ctx, rows, columns) : insertSqlite(ctx, rows, columns);
}
