import { describe, expect, it } from 'vitest';
import { groupingTimes } from '../../../src/pipeline/run-edition.js';

describe("groupingTimes: the grouping as a run logs it, with the collector's pauses inside it", () => {
  const grouping = { papers: 100, ms: 140, startedAt: 1000 };

  it.each([
    { name: 'no pause', pauses: [], collectorMs: 0 },
    { name: 'a pause inside', pauses: [{ start: 1010, end: 1035 }], collectorMs: 25 },
    {
      name: 'a pause before and one after',
      pauses: [
        { start: 900, end: 950 },
        { start: 1150, end: 1160 },
      ],
      collectorMs: 0,
    },
    {
      name: 'pauses across its start and its end count in part',
      pauses: [
        { start: 990, end: 1004 },
        { start: 1130, end: 1150 },
      ],
      collectorMs: 14,
    },
    {
      name: 'several, rounded',
      pauses: [
        { start: 1001.2, end: 1002.5 },
        { start: 1100, end: 1108.6 },
      ],
      collectorMs: 10,
    },
  ])('$name', ({ pauses, collectorMs }) => {
    expect(groupingTimes(grouping, { pauses })).toEqual({ papers: 100, ms: 140, collectorMs });
  });

  it('without a watch (not at debug level): papers and ms only, never its clock', () => {
    expect(groupingTimes(grouping)).toEqual({ papers: 100, ms: 140 });
  });
});
