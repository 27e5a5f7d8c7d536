/** Fixed-window counters per key, in memory. */
export interface RateLimiter {
  /** Count one hit for `key`; false when the key is over its limit in the current window. */
  take(key: string, now: number): boolean;
  /** Seconds until the window of `key` resets. */
  retryAfter(key: string, now: number): number;
  readonly size: number;
}

/** Keys beyond this are swept (expired windows first) so the map cannot grow without bound. */
const MAX_KEYS = 50_000;

/** A fixed-window limiter: at most `limit` hits per key per `windowMs`. */
export function createRateLimiter(options: { limit: number; windowMs: number }): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();

  const sweep = (now: number): void => {
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
    // Still full of live windows (a flood of distinct keys): forget the oldest half.
    if (windows.size >= MAX_KEYS) {
      let drop = Math.floor(windows.size / 2);
      for (const key of windows.keys()) {
        if (drop-- <= 0) break;
        windows.delete(key);
      }
    }
  };

  return {
    take(key, now) {
      let window = windows.get(key);
      if (window === undefined || window.resetAt <= now) {
        if (windows.size >= MAX_KEYS) sweep(now);
        window = { count: 0, resetAt: now + options.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return window.count <= options.limit;
    },
    retryAfter(key, now) {
      const window = windows.get(key);
      return window === undefined ? 0 : Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    },
    get size() {
      return windows.size;
    },
  };
}
