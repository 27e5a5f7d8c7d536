import type { Kysely } from 'kysely';
import type { Paper } from '../domain/index.js';
import { chunk, type StoreContext } from './context.js';
import type { Database } from './schema.js';
import type { PaperSnapshot } from './types.js';

const IDS_PER_SELECT = 500;
// 4 columns per row: far below both engines' parameter limits.
const ROWS_PER_INSERT = 200;

/**
 * One snapshot per paper that carries signals (upvotes or comments), inside the upsert's
 * transaction. A second upsert at the same time stamp keeps the first row.
 */
export async function insertSnapshots(trx: Kysely<Database>, papers: Paper[], seenAt: string): Promise<void> {
  const rows = papers
    .filter((p) => p.upvotes > 0 || p.comments > 0)
    .map((p) => ({ paper_id: p.id, seen_at: seenAt, upvotes: p.upvotes, comments: p.comments }));
  for (const batch of chunk(rows, ROWS_PER_INSERT)) {
    await trx
      .insertInto('paper_snapshots')
      .values(batch)
      .onConflict((oc) => oc.columns(['paper_id', 'seen_at']).doNothing())
      .execute();
  }
}

/** Snapshots of these papers, oldest first, at or before `until` when given. */
export async function listPaperSnapshots(
  ctx: StoreContext,
  ids: string[],
  until?: Date,
): Promise<Map<string, PaperSnapshot[]>> {
  const out = new Map<string, PaperSnapshot[]>();
  for (const batch of chunk([...new Set(ids)], IDS_PER_SELECT)) {
    let query = ctx.db
      .selectFrom('paper_snapshots')
      .selectAll()
      .where('paper_id', 'in', batch)
      .orderBy('paper_id')
      .orderBy('seen_at');
    if (until !== undefined) query = query.where('seen_at', '<=', until.toISOString());
    for (const row of await query.execute()) {
      const list = out.get(row.paper_id) ?? [];
      list.push({ seenAt: row.seen_at, upvotes: Number(row.upvotes), comments: Number(row.comments) });
      out.set(row.paper_id, list);
    }
  }
  return out;
}
