import { STORE_TABLES, type Store, type StoreTable } from '../store/types.js';

/** Row counts of every table of `store` (migrate-store checks the copy against them). */
export async function countStoreRows(store: Store): Promise<Record<StoreTable, number>> {
  const out = {} as Record<StoreTable, number>;
  for (const table of STORE_TABLES) out[table] = await store.tables.countRows(table);
  return out;
}
