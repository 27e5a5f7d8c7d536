import { STORE_TABLES, type Store, type StoreTable } from '../store/types.js';

/** Rows per page while counting; rendered variants are large, so they go a few at a time. */
const pageOf = (table: StoreTable) => (table === 'rendered_variants' ? 20 : 5000);

/** Rows of one table, counted by paging through it in key order (the Store has no COUNT per table). */
export async function countTableRows(store: Store, table: StoreTable): Promise<number> {
  const limit = pageOf(table);
  let total = 0;
  let page = await store.exportRows(table, { limit });
  while (page.length > 0) {
    total += page.length;
    const last = page.at(-1);
    if (page.length < limit || last === undefined) break;
    page = await store.exportRows(table, { limit, after: last });
  }
  return total;
}

/** Row counts of every table of `store`. */
export async function countStoreRows(store: Store): Promise<Record<StoreTable, number>> {
  const out = {} as Record<StoreTable, number>;
  for (const table of STORE_TABLES) out[table] = await countTableRows(store, table);
  return out;
}
