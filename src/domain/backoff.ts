/**
 * Waiting between tries, shared by ingest/ (HTTP retries, ms) and deliver/ (deferred rows, s):
 * one formula, one sleep.
 */

/**
 * Exponential back-off with "equal jitter": `first * 2^step` (step 0 waits `first`), capped at
 * `max`, then scaled by a random factor in [50%, 100%] so tries of one burst do not all come back
 * at the same moment. The unit is the caller's (ms or s).
 */
export function backoffDelay(
  step: number,
  first: number,
  max: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(step, 30));
  return Math.min(first * 2 ** exponent, max) * (0.5 + random() * 0.5);
}

/** Resolves after `ms` (true), or early (false) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
