import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely } from 'kysely';
import { describeError, PaperpostError } from '../domain/index.js';
import { createContext } from './context.js';
import { migrateStore } from './migrate.js';
import { createRepositories } from './repositories.js';
import type { Database } from './schema.js';
import { acquireSqlite } from './sqlite-registry.js';
import type { Store, StoreConfig } from './types.js';

export type {
  BounceRepository,
  CatalogueRepository,
  ClaimOptions,
  EditionRepository,
  EditionSummary,
  LedgerRepository,
  MailQueueRepository,
  PaperRepository,
  RunRecord,
  RunRepository,
  SentMark,
  SourceRepository,
  Store,
  StoreConfig,
  SubscriberRepository,
  TableRepository,
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

/** The store on `db`: its repositories on one context; `release` closes the connection. */
function storeOn(db: Kysely<Database>, driver: 'sqlite' | 'postgres', release: () => Promise<void>): Store {
  return {
    driver,
    ...createRepositories(createContext(db, driver)),
    migrate: () => migrateStore(db, driver),
    close: release,
  };
}

/**
 * Opens the store `config` names and applies pending migrations. For SQLite the parent directory
 * of the file is created; for PostgreSQL with a `schema`, the schema is created and used.
 */
export async function createStore(config: StoreConfig): Promise<Store> {
  let store: Store;
  if (config.driver === 'sqlite') {
    const { db, release } = openSqlite(config.path);
    store = storeOn(db, 'sqlite', release);
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
    store = storeOn(db, 'postgres', () => db.destroy());
  }
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}
