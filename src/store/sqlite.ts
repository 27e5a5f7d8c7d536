import Database from 'better-sqlite3';
import { type Dialect, SqliteDialect } from 'kysely';

/**
 * Opens an SQLite database file (or `:memory:`) for Kysely: WAL journal so readers never block
 * the writer, a 5 s busy timeout so a second process waits instead of failing, foreign keys on.
 */
export function createSqliteDialect(path: string): Dialect {
  const database = new Database(path);
  if (path !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  return new SqliteDialect({ database });
}
