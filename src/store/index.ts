import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely } from 'kysely';
import { describeError, PaperpostError } from '../domain/index.js';
import { KyselyStore } from './kysely-store.js';
import type { Database } from './schema.js';
import { acquireSqlite } from './sqlite-registry.js';
import type { Store, StoreConfig } from './types.js';

export type {
  ClaimOptions,
  EditionSummary,
  RunRecord,
  SentMark,
  Store,
  StoreConfig,
  UpsertResult,
} from './types.js';

function openSqlite(path: string): ReturnType<typeof acquireSqlite> {
  try {
    if (path === '') throw new Error('empty path');
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return acquireSqlite(path);
  } catch (err) {
    throw new PaperpostError('store', 'open-failed', `sqlite ${path}: cannot open: ${describeError(err)}`, {
      cause: err,
    });
  }
}

/**
 * Opens the store `config` names and applies pending migrations. For SQLite the parent directory
 * of the file is created; for PostgreSQL with a `schema`, the schema is created and used.
 */
export async function createStore(config: StoreConfig): Promise<Store> {
  let store: KyselyStore;
  if (config.driver === 'sqlite') {
    const { db, release } = openSqlite(config.path);
    store = new KyselyStore(db, 'sqlite', release);
  } else {
    // pg loads only for PostgreSQL: a SQLite run never pays for it.
    const { createPostgresDialect, ensurePostgresSchema } = await import('./postgres.js');
    if (config.schema !== undefined) {
      const schema = config.schema;
      await ensurePostgresSchema(config.url, schema).catch((err: unknown) => {
        throw new PaperpostError('store', 'open-failed', `postgres schema ${schema}: ${describeError(err)}`, {
          cause: err,
        });
      });
    }
    const db = new Kysely<Database>({ dialect: createPostgresDialect(config.url, config.schema) });
    store = new KyselyStore(db, 'postgres', () => db.destroy());
  }
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
