import { type Kysely, Migrator, sql } from 'kysely';
import { describeError, PaperpostError } from '../domain/index.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

function migrationFailed(driver: 'sqlite' | 'postgres', error: unknown, where: string): PaperpostError {
  return new PaperpostError(
    'store',
    'migration-failed',
    `${driver} store: migration failed${where}: ${describeError(error)}`,
    { cause: error },
  );
}

/**
 * PostgreSQL: the schema unqualified tables land in (the configured `schema`, else the first of
 * the search path, usually public), where Kysely has always created its migration tables.
 * Named, Kysely looks for them there only: unnamed, it looks in every schema of the database,
 * takes another schema's kysely_migration_lock for its own, skips creating one and then cannot
 * read it through this store's search path (stores in separate schemas of one database).
 */
async function bookkeepingSchema(db: Kysely<Database>, driver: 'sqlite' | 'postgres') {
  if (driver !== 'postgres') return undefined;
  const { rows } = await sql<{ name: string | null }>`SELECT current_schema() AS name`.execute(db);
  return rows[0]?.name ?? undefined;
}

/** Applies pending migrations; safe to call on every start. */
export async function migrateStore(db: Kysely<Database>, driver: 'sqlite' | 'postgres'): Promise<void> {
  let schema: string | undefined;
  try {
    schema = await bookkeepingSchema(db, driver);
  } catch (err) {
    throw migrationFailed(driver, err, '');
  }
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Processes opening a fresh SQLite file at once race inside Kysely's migrator (no lock on
  // SQLite): the loser fails with SQLITE_BUSY or "table already exists", retries, finds it done.
  for (let retry = 1; retry <= 3 && error !== undefined && driver === 'sqlite'; retry++) {
    await new Promise((done) => setTimeout(done, 50 * retry));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw migrationFailed(driver, error, failed === undefined ? '' : ` at ${failed}`);
  }
}
