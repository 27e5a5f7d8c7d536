import { resolve } from 'node:path';
import { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { createSqliteDialect } from './sqlite.js';

interface Shared {
  db: Kysely<Database>;
  refs: number;
}

const open = new Map<string, Shared>();

/**
 * One Kysely (one connection) per SQLite file per process, shared by every store opened on it.
 * better-sqlite3 is synchronous: a second connection in the same process waiting on the write
 * lock would block the very event loop the lock holder needs, so in-process users queue on
 * Kysely's connection mutex instead, and other processes wait on busy_timeout.
 */
export function acquireSqlite(path: string): { db: Kysely<Database>; release: () => Promise<void> } {
  if (path === ':memory:') {
    const db = new Kysely<Database>({ dialect: createSqliteDialect(path) });
    return { db, release: () => db.destroy() };
  }
  const key = resolve(path);
  let shared = open.get(key);
  if (shared === undefined) {
    shared = { db: new Kysely<Database>({ dialect: createSqliteDialect(key) }), refs: 0 };
    open.set(key, shared);
  }
  shared.refs += 1;
  const entry = shared;
  let released = false;
  return {
    db: entry.db,
    release: async () => {
      if (released) return;
      released = true;
      entry.refs -= 1;
      if (entry.refs === 0) {
        open.delete(key);
        await entry.db.destroy();
      }
    },
  };
}
