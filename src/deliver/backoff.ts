/** Longest wait between two tries of one delivery. */
export const MAX_RETRY_SECONDS = 6 * 3600;

/**
 * Seconds to wait before try `attempt + 1` after `attempt` temporary failures: exponential
 * (base, 2x base, 4x base, ...), capped, with jitter in [50%, 100%] so deferred rows of one burst
 * do not all come back in the same second.
 */
export function retryDelaySeconds(
  attempt: number,
  baseSeconds: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const delay = Math.min(baseSeconds * 2 ** exponent, MAX_RETRY_SECONDS);
  return delay * (0.5 + random() * 0.5);
}

/** Resolves after `ms`, or early (false) when `signal` aborts. */
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
