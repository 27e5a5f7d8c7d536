import { describe, expect, it } from 'vitest';
import { upvotesPerDay } from '../../../src/rank/index.js';

const END = new Date('2026-06-12T12:00:00Z');
const s = (seenAt: string, upvotes: number) => ({ seenAt, upvotes });

describe('upvotesPerDay', () => {
  it.each([
    ['one snapshot says nothing', [s('2026-06-12T06:00:00Z', 10)], undefined],
    ['no snapshot', [], undefined],
    [
      '30 upvotes in 6 hours is 120 a day',
      [s('2026-06-12T06:00:00Z', 10), s('2026-06-12T12:00:00Z', 40)],
      120,
    ],
    [
      'only the last day counts',
      [s('2026-06-10T12:00:00Z', 0), s('2026-06-12T00:00:00Z', 100), s('2026-06-12T12:00:00Z', 110)],
      20,
    ],
    [
      'snapshots minutes apart say nothing',
      [s('2026-06-12T11:55:00Z', 10), s('2026-06-12T12:00:00Z', 40)],
      undefined,
    ],
    [
      'fewer upvotes later (a recount) is no growth',
      [s('2026-06-12T06:00:00Z', 40), s('2026-06-12T12:00:00Z', 30)],
      0,
    ],
    [
      'a snapshot after the end is ignored',
      [s('2026-06-12T06:00:00Z', 10), s('2026-06-12T18:00:00Z', 99)],
      undefined,
    ],
  ])('%s', (_, samples, expected) => {
    const rate = upvotesPerDay(samples, END);
    if (expected === undefined) expect(rate).toBeUndefined();
    else expect(rate).toBeCloseTo(expected, 9);
  });
});
