import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep } from '../../../src/domain/index.js';

describe('backoffDelay', () => {
  it.each([
    // step, first, max -> the longest wait (random 1); the shortest is half of it (random 0)
    [0, 60, 6 * 3600, 60],
    [1, 60, 6 * 3600, 120],
    [3, 60, 6 * 3600, 480],
    [29, 60, 6 * 3600, 6 * 3600],
    [-1, 60, 6 * 3600, 60],
    [1, 500, 30_000, 1000],
    [10, 500, 30_000, 30_000],
    [1000, 1, 2 ** 40, 2 ** 30],
  ])('step %i from %i capped at %i waits at most %i and at least half', (step, first, max, longest) => {
    expect(backoffDelay(step, first, max, () => 1)).toBe(longest);
    expect(backoffDelay(step, first, max, () => 0)).toBe(longest / 2);
  });
});

describe('sleep', () => {
  it('resolves true after the time, false at once when aborted before or during', async () => {
    expect(await sleep(5)).toBe(true);
    expect(await sleep(0)).toBe(true);
    const aborted = new AbortController();
    aborted.abort();
    expect(await sleep(60_000, aborted.signal)).toBe(false);
    const later = new AbortController();
    const pending = sleep(60_000, later.signal);
    later.abort();
    expect(await pending).toBe(false);
  });
});
