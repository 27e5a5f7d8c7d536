import Database from 'better-sqlite3';
import { type Dialect, SqliteDialect } from 'kysely';

/** Statements kept per connection; the ledger's hot queries are a handful of SQL strings. */
const STATEMENT_CACHE_SIZE = 500;
/** Page cache per connection, in KiB. */
const PAGE_CACHE_KB = 2000;
/** How long a connection waits for another process's lock before failing, in ms. */
const BUSY_TIMEOUT_MS = 5000;
/** The longest pause between tries of switching a fresh file to WAL, in ms. */
const WAL_RETRY_MAX_MS = 100;

/**
 * Opens an SQLite database file (or `:memory:`) for Kysely: WAL journal so readers never block
 * the writer, a 5 s busy timeout so a second process waits instead of failing, foreign keys on.
 * Kysely prepares every query afresh; sending 10k messages prepares the same three statements 20k
 * times, so prepared statements are cached by SQL text (iteration, which would hold a statement
 * busy, always gets a fresh one).
 */
export function createSqliteDialect(path: string): Dialect {
  const database = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  if (path !== ':memory:') switchToWal(database);
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  // SQLite's own default page cache (2 MB; better-sqlite3 builds with 16 MB). A send walks the
  // ledger once in id order, so a big cache only fills up: at 100k deliveries it added 13-28 MB
  // to the sending process's peak RSS (malloc, outside V8) and saved no CPU there or in imports
  // (bench/FIGURES.md, "Flat send memory").
  database.pragma(`cache_size = -${PAGE_CACHE_KB}`);
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cache.set(sql, statement);
    }
    return statement;
  };
  return new SqliteDialect({
    database: {
      close: () => database.close(),
      prepare: (sql: string) => {
        const statement = prepared(sql);
        return {
          reader: statement.reader,
          all: (parameters: ReadonlyArray<unknown>) => statement.all(parameters),
          run: (parameters: ReadonlyArray<unknown>) => statement.run(parameters),
          iterate: (parameters: ReadonlyArray<unknown>) => database.prepare(sql).iterate(parameters),
        };
      },
    },
  });
}

/**
 * Sets the WAL journal, waiting out another process that is doing the same. On a file not yet in
 * WAL mode the switch reads the header and then needs the write lock; when a second process holds
 * that lock (it is switching or migrating the fresh file too), SQLite answers SQLITE_BUSY at once
 * instead of calling the busy handler (waiting while holding a read lock could deadlock). So the
 * switch is tried again, with growing pauses, until the busy timeout; by then the other process
 * has made the file WAL and the switch is a no-op.
 */
function switchToWal(database: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, WAL_RETRY_MAX_MS)) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (!isBusy(err) || Date.now() + pause > deadline) throw err;
      // Opening is synchronous (better-sqlite3); a short blocking pause keeps it so.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
    }
  }
}

function isBusy(err: unknown): boolean {
  return err instanceof Database.SqliteError && err.code.startsWith('SQLITE_BUSY');
}
