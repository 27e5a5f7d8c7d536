import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import { createPostgresDialect, ensurePostgresSchema } from './postgres.js';
import type { Database } from './schema.js';
import { acquireSqlite } from './sqlite-registry.js';
import type { Store, StoreConfig } from './types.js';

export type { ClaimOptions, EditionSummary, RunRecord, Store, StoreConfig, UpsertResult } from './types.js';

/**
 * Opens the store `config` names and applies pending migrations. For SQLite the parent directory
 * of the file is created; for PostgreSQL with a `schema`, the schema is created and used.
 */
export async function createStore(config: StoreConfig): Promise<Store> {
  let store: KyselyStore;
  if (config.driver === 'sqlite') {
    if (config.path !== ':memory:' && config.path !== '')
      mkdirSync(dirname(config.path), { recursive: true });
    const { db, release } = acquireSqlite(config.path);
    store = new KyselyStore(db, 'sqlite', release);
  } else {
    if (config.schema !== undefined) await ensurePostgresSchema(config.url, config.schema);
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
