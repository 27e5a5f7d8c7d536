/** One stored look at a paper's upvotes (the store's snapshot, as rank needs it). */
export interface UpvoteSample {
  seenAt: string;
  upvotes: number;
}

const HOUR_MS = 3_600_000;
/** Samples closer together than this say nothing about a rate. */
const MIN_SPAN_MS = 10 * 60_000;

/**
 * Upvotes gained per day over the last `spanHours` before `end`, from a paper's stored samples
 * (oldest first): (latest - earliest in the span) / elapsed days. Undefined with fewer than two
 * samples in the span or less than ten minutes between them; never negative.
 */
export function upvotesPerDay(
  samples: readonly UpvoteSample[],
  end: Date,
  spanHours = 24,
): number | undefined {
  const from = end.getTime() - spanHours * HOUR_MS;
  const inSpan = samples.filter((s) => {
    const t = Date.parse(s.seenAt);
    return !Number.isNaN(t) && t >= from && t <= end.getTime();
  });
  const first = inSpan[0];
  const last = inSpan.at(-1);
  if (!first || !last || first === last) return undefined;
  const elapsed = Date.parse(last.seenAt) - Date.parse(first.seenAt);
  if (elapsed < MIN_SPAN_MS) return undefined;
  return Math.max(0, ((last.upvotes - first.upvotes) * 24 * HOUR_MS) / elapsed);
}
