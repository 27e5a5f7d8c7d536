/**
 * Largest count of upvotes or comments a feed may claim. Counts are stored in 32-bit integer
 * columns (PostgreSQL `integer` tops out at 2,147,483,647); no paper has a billion upvotes.
 */
export const MAX_SIGNAL_COUNT = 1_000_000_000;

/**
 * A feed's upvote or comment count as a safe integer in 0..MAX_SIGNAL_COUNT. Anything else
 * (NaN, Infinity, 1e308, negative, 2^31, not a number) is garbage and counts as 0, so one
 * hostile number can neither stop the store nor rank its paper first.
 */
export function boundedCount(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 0;
  const n = Math.floor(value);
  return n >= 0 && n <= MAX_SIGNAL_COUNT ? n : 0;
}
