import { describe, expect, it } from 'vitest';
import { groupingPoolSize } from '../../../src/pipeline/build-edition.js';
import type { RunOptions } from '../../../src/pipeline/types.js';

/**
 * Only the best-scoring papers are grouped (1,500 arXiv papers a day would cost time for nothing:
 * the rest are listed on the web under "More papers"), but a day only a little larger than the
 * pool is grouped whole: the demo's 107 papers left 7 agent, code and image papers under "More
 * papers" on the web beside their own topics' sections.
 */
describe('groupingPoolSize', () => {
  const config = (maxPapersPerEdition: number) =>
    ({ limits: { maxPapersPerEdition, maxPapersPerSection: 6 } }) as unknown as Readonly<RunOptions>;

  it.each([
    // [letter size, candidates, papers grouped]
    [40, 30, 100],
    [40, 107, 107],
    [40, 150, 150],
    [40, 151, 100],
    [40, 1504, 100],
    [80, 200, 200],
    [80, 241, 160],
  ])('a letter of %i papers, %i candidates: the best %i are grouped', (max, candidates, pool) => {
    expect(groupingPoolSize(config(max), candidates)).toBe(pool);
  });

  it("is the section caps' pool when the candidates are not given", () => {
    expect(groupingPoolSize(config(40))).toBe(100);
    expect(groupingPoolSize(config(80))).toBe(160);
  });
});
