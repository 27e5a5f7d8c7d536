import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { PaperpostError } from '../../domain/index.js';
import { copyStore } from '../../store/copy-store.js';
import { createStore } from '../../store/index.js';
import { STORE_TABLES, type Store, type StoreConfig, type StoreTable } from '../../store/types.js';
import { type GlobalOptions, readConfig, storeConfigFor } from '../context.js';
import { createLogger } from '../logger.js';
import { countStoreRows } from '../store-counts.js';

interface MigrateStoreOptions {
  to: string;
  schema?: string;
  json?: boolean;
}

/** One line per table: rows in the source, rows copied, rows found in the target afterwards. */
export interface TableReport {
  table: StoreTable;
  source: number;
  copied: number;
  target: number;
}

/** Locks belong to running processes: not copied, not compared. */
const NOT_COPIED: ReadonlySet<StoreTable> = new Set(['locks']);

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function describeStore(config: StoreConfig): string {
  return config.driver === 'sqlite' ? `sqlite ${config.path}` : `postgres ${redact(config.url)}`;
}

function checkTarget(from: StoreConfig, opts: MigrateStoreOptions): StoreConfig {
  if (!/^postgres(ql)?:\/\//.test(opts.to)) {
    throw new PaperpostError('cli', 'bad-input', `--to ${redact(opts.to)}: expected postgres://...`);
  }
  const to: StoreConfig = {
    driver: 'postgres',
    url: opts.to,
    ...(opts.schema ? { schema: opts.schema } : {}),
  };
  if (from.driver === 'postgres' && from.url === to.url && from.schema === to.schema) {
    throw new PaperpostError('cli', 'bad-input', '--to names the configured store itself');
  }
  if (from.driver === 'sqlite' && from.path !== ':memory:' && !existsSync(from.path)) {
    throw new PaperpostError('cli', 'bad-input', `${from.path}: no store to copy (DATABASE_URL?)`);
  }
  return to;
}

function formatReport(from: string, to: string, rows: TableReport[]): string {
  const lines = [`copied ${from} -> ${to}`, 'table              source    copied    target'];
  for (const r of rows) {
    const note = NOT_COPIED.has(r.table) ? '  (not copied: held by running processes)' : '';
    lines.push(
      `${r.table.padEnd(18)} ${String(r.source).padStart(6)} ${String(r.copied).padStart(9)} ${String(r.target).padStart(9)}${note}`,
    );
  }
  lines.push(`counts verified; set DATABASE_URL to the --to URL, then start \`paperpost worker\` processes`);
  return `${lines.join('\n')}\n`;
}

/** Copies, then counts both sides table by table; any difference fails the command. */
async function migrate(from: Store, to: Store, log: (table: StoreTable, n: number) => void) {
  const copied = await copyStore(from, to, { onProgress: log });
  const [sourceCounts, targetCounts] = [await countStoreRows(from), await countStoreRows(to)];
  const rows: TableReport[] = STORE_TABLES.map((table) => ({
    table,
    source: sourceCounts[table],
    copied: copied[table],
    target: targetCounts[table],
  }));
  for (const r of rows) {
    if (NOT_COPIED.has(r.table)) continue;
    if (r.source !== r.copied || r.copied !== r.target) {
      throw new PaperpostError(
        'store',
        'job-failed',
        `migrate-store: table ${r.table}: ${r.source} rows in the source, ${r.copied} copied, ${r.target} in the target`,
      );
    }
  }
  return rows;
}

/**
 * `paperpost migrate-store --to postgres://...`: copies the configured store (SQLite by default)
 * into an empty PostgreSQL store, migrations applied first, and verifies the row counts. Refuses a
 * target that holds any row. Run it with no other Paperpost process writing.
 */
export function registerMigrateStore(program: Command): void {
  program
    .command('migrate-store')
    .description('copy the configured store (SQLite by default) into an empty PostgreSQL store')
    .requiredOption('--to <url>', 'target PostgreSQL URL (postgres://user@host:5432/db)')
    .option('--schema <name>', 'PostgreSQL schema to create and use (default: public)')
    .option('--json', 'print the per-table counts as one JSON object')
    .action(async (opts: MigrateStoreOptions, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & MigrateStoreOptions>();
      const config = readConfig(global);
      const logger = createLogger(config.logLevel, { json: global.json });
      const source = storeConfigFor(config);
      const target = checkTarget(source, opts);
      const from = await createStore(source);
      try {
        const to = await createStore(target);
        try {
          let mark: { table: StoreTable | null; at: number } = { table: null, at: 0 };
          const rows = await migrate(from, to, (table, n) => {
            if (mark.table !== table) mark = { table, at: 0 };
            if (n - mark.at < 50_000) return;
            logger.info({ table, copied: n }, 'copying');
            mark.at = n;
          });
          const fromText = describeStore(source);
          const toText = describeStore(target);
          process.stdout.write(
            global.json
              ? `${JSON.stringify({ from: fromText, to: toText, tables: rows })}\n`
              : formatReport(fromText, toText, rows),
          );
        } finally {
          await to.close();
        }
      } finally {
        await from.close();
      }
    });
}
