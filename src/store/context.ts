import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/** What the table modules share: the query builder, the dialect and a write transaction. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly driver: 'sqlite' | 'postgres';
  /** Runs `fn` in one write transaction (SQLite: BEGIN IMMEDIATE, so writers queue, never deadlock). */
  write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
}

/** Builds the context for `db`. Transactions must not nest. */
export function createContext(db: Kysely<Database>, driver: 'sqlite' | 'postgres'): StoreContext {
  const write = async <T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> => {
    if (driver === 'postgres') return db.transaction().execute(fn);
    // Kysely's SQLite transactions start DEFERRED; a reader upgrading to writer can then fail with
    // SQLITE_BUSY at once instead of waiting. IMMEDIATE takes the write lock up front.
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (err) {
        await sql`rollback`.execute(conn);
        throw err;
      }
    });
  };
  return { db, driver, write };
}

/** Whether `err` is a unique or primary-key violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Splits `items` into arrays of at most `size` (bound-parameter limits). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A query of a table module with its context bound: one repository method. */
export type Bound<F> = F extends (ctx: StoreContext, ...args: infer A) => infer R ? (...args: A) => R : never;

/**
 * Binds `ctx` as the first argument of each query: a repository straight from a table module's
 * functions, with no hand-written pass-through per method.
 */
export function bindQueries<Q extends Record<string, (ctx: StoreContext, ...args: never[]) => unknown>>(
  ctx: StoreContext,
  queries: Q,
): { [K in keyof Q]: Bound<Q[K]> } {
  const bound: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(queries)) {
    bound[name] = (...args: never[]) => query(ctx, ...args);
  }
  return bound as { [K in keyof Q]: Bound<Q[K]> };
}
