/** Time as the pacer sees it; tests pass a virtual clock so no test waits for real. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
};

/** Spaces requests to the same host; one per run, shared by every source. */
export interface HostPacer {
  /** Waits until the next request to `url`'s host is allowed, and books that slot. */
  wait(url: string): Promise<void>;
  /** A server asked for a pause (Retry-After): no request to its host before `ms` from now. */
  holdOff(url: string, ms: number): void;
  /** What is left of a pause the host asked for, in ms (0 when none). */
  pausedFor(url: string): number;
}

export interface HostPacerOptions {
  /** Least time between two requests to any one host. */
  defaultIntervalMs: number;
  /** Longer intervals for some hosts (`host:port` as in a URL), e.g. arXiv's API: 3000. */
  intervals?: Record<string, number>;
  clock?: Clock;
}

function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A pacer keyed by host. Slots are booked before sleeping, so requests that arrive together
 * still leave the host one interval apart. Local files are not paced.
 */
export function createHostPacer(options: HostPacerOptions): HostPacer {
  const clock = options.clock ?? systemClock;
  const nextAt = new Map<string, number>();
  const pausedUntil = new Map<string, number>();
  const interval = (host: string) => options.intervals?.[host] ?? options.defaultIntervalMs;
  return {
    async wait(url) {
      const host = hostOf(url);
      if (!host) return;
      const now = clock.now();
      const at = Math.max(now, nextAt.get(host) ?? 0);
      nextAt.set(host, at + interval(host));
      if (at > now) await clock.sleep(at - now);
    },
    holdOff(url, ms) {
      const host = hostOf(url);
      if (!host) return;
      const until = clock.now() + ms;
      nextAt.set(host, Math.max(nextAt.get(host) ?? 0, until));
      pausedUntil.set(host, Math.max(pausedUntil.get(host) ?? 0, until));
    },
    pausedFor(url) {
      const host = hostOf(url);
      return host ? Math.max(0, (pausedUntil.get(host) ?? 0) - clock.now()) : 0;
    },
  };
}
