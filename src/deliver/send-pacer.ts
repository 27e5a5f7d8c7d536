import { sleep } from '../domain/index.js';

/** Sending pace (config `smtp`): messages per second plus optional hourly and daily caps. */
export interface SendPaceOptions {
  perSecond: number;
  hourlyCap?: number;
  dailyCap?: number;
  /** Floor for the adaptive slow-down. Default: 1/s or perSecond when lower. */
  minPerSecond?: number;
}

/** Paces sends; slows down when the server pushes back, recovers while it accepts. */
export interface SendPacer {
  /** Waits for the next slot; false when `signal` aborted the wait. */
  acquire(signal?: AbortSignal): Promise<boolean>;
  /** Halve the pace (421, or a burst of 4xx). */
  slowDown(): void;
  /** One accepted message: after a run of them the pace creeps back up. */
  recordSuccess(): void;
  /** Current pace in messages per second. */
  readonly perSecond: number;
}

const BURST_MS = 50;
const RECOVER_AFTER = 50;

/**
 * A GCRA pacer (a token bucket that allows BURST_MS of burst) with fixed hour and day windows for
 * the caps. Caps count this process's sends only: the store keeps no sliding counter.
 */
export function createSendPacer(options: SendPaceOptions, clock: () => number = Date.now): SendPacer {
  const maxRate = options.perSecond;
  const minRate = Math.min(options.minPerSecond ?? 1, maxRate);
  let rate = maxRate;
  let tat = 0;
  let successes = 0;
  const windows = [
    { cap: options.hourlyCap, length: 3_600_000, start: 0, count: 0 },
    { cap: options.dailyCap, length: 86_400_000, start: 0, count: 0 },
  ];

  async function waitForCaps(signal?: AbortSignal): Promise<boolean> {
    for (const w of windows) {
      if (w.cap === undefined) continue;
      let now = clock();
      if (now - w.start >= w.length) {
        w.start = now;
        w.count = 0;
      }
      if (w.count >= w.cap) {
        if (!(await sleep(w.start + w.length - now, signal))) return false;
        now = clock();
        w.start = now;
        w.count = 0;
      }
      w.count++;
    }
    return true;
  }

  return {
    get perSecond() {
      return rate;
    },
    async acquire(signal) {
      if (!(await waitForCaps(signal))) return false;
      for (;;) {
        const now = clock();
        const interval = 1000 / rate;
        const allowedAt = tat - Math.max(BURST_MS, interval);
        if (now >= allowedAt) {
          tat = Math.max(tat, now) + interval;
          return true;
        }
        if (!(await sleep(allowedAt - now, signal))) return false;
      }
    },
    slowDown() {
      rate = Math.max(minRate, rate / 2);
      successes = 0;
    },
    recordSuccess() {
      if (rate >= maxRate) return;
      successes++;
      if (successes >= RECOVER_AFTER) {
        rate = Math.min(maxRate, rate * 1.25);
        successes = 0;
      }
    },
  };
}
