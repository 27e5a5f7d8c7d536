// A separate process holding the write lock of a fresh SQLite file (rollback journal, as a file
// is before any store opened it) for a while, as a second process creating the file does (run by
// store-contract-processes.test.ts). Prints "locked" once it holds the lock.
import Database from 'better-sqlite3';

const [path, holdMs] = process.argv.slice(2);
const database = new Database(path ?? '');
database.exec('BEGIN IMMEDIATE');
database.exec('CREATE TABLE held (x)');
process.stdout.write('locked\n');
setTimeout(() => {
  database.exec('COMMIT');
  database.close();
}, Number(holdMs));
