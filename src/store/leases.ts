import type { LeaseHolder } from '../domain/index.js';
import type { StoreContext } from './context.js';

/** Who holds `sending` rows under leases not ended at `now`, with how many and until when. */
export async function listLeases(
  ctx: StoreContext,
  editionId: string | undefined,
  now: Date,
): Promise<LeaseHolder[]> {
  let query = ctx.db
    .selectFrom('deliveries')
    .select((eb) => [
      'claimed_by',
      eb.fn.countAll<string | number>().as('rows'),
      eb.fn.max('lease_until').as('until'),
    ])
    .where('state', '=', 'sending')
    .where('lease_until', '>=', now.toISOString())
    .groupBy('claimed_by')
    .orderBy('claimed_by');
  if (editionId !== undefined) query = query.where('edition_id', '=', editionId);
  const rows = await query.execute();
  return rows.map((r) => ({ holder: r.claimed_by ?? '', rows: Number(r.rows), until: String(r.until) }));
}

/**
 * Ends the leases `holder` holds (its process is known to be gone), so the rows can be claimed at
 * once instead of when the lease runs out. The next claim counts a new attempt, which fences out
 * the old holder's marks as for any lease taken over. Returns the rows released.
 */
export async function expireLeases(ctx: StoreContext, holder: string, now: Date): Promise<number> {
  const past = new Date(now.getTime() - 1).toISOString();
  const result = await ctx.db
    .updateTable('deliveries')
    .set({ lease_until: past })
    .where('state', '=', 'sending')
    .where('claimed_by', '=', holder)
    .where('lease_until', '>=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0n);
}
