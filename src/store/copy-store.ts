import { PaperpostError } from '../domain/index.js';
import { STORE_TABLES, type Store, type StoreTable } from './types.js';

export interface CopyStoreOptions {
  /** Rows per page (default 1000; rendered variants go 20 at a time, they are large). */
  batchSize?: number;
  /** Called after each page with the table and the rows copied so far. */
  onProgress?: (table: StoreTable, copied: number) => void;
}

/** Locks are held by running processes; a copy starts without any. */
const SKIPPED: ReadonlySet<StoreTable> = new Set(['locks']);

/**
 * Copies every row of `from` into the empty store `to` (e.g. SQLite -> PostgreSQL for
 * `paperpost migrate-store`), ids and time stamps unchanged, table by table in reference order,
 * page by page so memory stays flat. Run it with no process writing to either store.
 */
export async function copyStore(
  from: Store,
  to: Store,
  options: CopyStoreOptions = {},
): Promise<Record<StoreTable, number>> {
  for (const table of STORE_TABLES) {
    if ((await to.tables.exportRows(table, { limit: 1 })).length > 0) {
      throw new PaperpostError(
        'store',
        'copy-target-not-empty',
        `copy to ${to.driver}: table ${table} already has rows`,
      );
    }
  }
  const copied = Object.fromEntries(STORE_TABLES.map((t) => [t, 0])) as Record<StoreTable, number>;
  for (const table of STORE_TABLES) {
    if (SKIPPED.has(table)) continue;
    const limit = table === 'rendered_variants' ? 20 : (options.batchSize ?? 1000);
    let page = await from.tables.exportRows(table, { limit });
    while (page.length > 0) {
      await to.tables.importRows(table, page);
      copied[table] += page.length;
      options.onProgress?.(table, copied[table]);
      if (page.length < limit) break;
      page = await from.tables.exportRows(table, { limit, ...(page.at(-1) ? { after: page.at(-1) } : {}) });
    }
  }
  return copied;
}
