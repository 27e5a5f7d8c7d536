import { describe, expect, it } from 'vitest';
import {
  CATCH_ALL_SLUG,
  countEdition,
  describeSections,
  type Edition,
  type RankedPaper,
  type Section,
  sectionBounds,
} from '../../../src/domain/index.js';

const section = (slug: string, papers: number): Section => ({
  topic: { slug, label: slug, keywords: [slug], categories: [], userDefined: false },
  papers: Array.from({ length: papers }, () => ({}) as RankedPaper),
  more: 0,
});

const edition = (sections: Section[], overflow = 0): Edition => ({
  id: '2026-12-03-daily',
  frequency: 'daily',
  date: '2026-12-03',
  createdAt: '2026-12-03T06:00:00.000Z',
  sections,
  more: 0,
  overflowIds: Array.from({ length: overflow }, (_, i) => `p${i}`),
});

describe('countEdition: the catch-all is no topic', () => {
  it.each([
    [
      'topics and More papers',
      [section('agents', 6), section('rag', 4), section(CATCH_ALL_SLUG, 3)],
      5,
      2,
      true,
      13,
    ],
    ['topics only', [section('agents', 6), section('rag', 4)], 0, 2, false, 10],
    ['only More papers', [section(CATCH_ALL_SLUG, 2)], 1, 0, true, 2],
    ['an empty letter', [], 0, 0, false, 0],
  ])('%s', (_name, sections, overflow, topics, catchAll, inLetter) => {
    const counts = countEdition(edition(sections, overflow));
    expect(counts).toEqual({ selected: inLetter + overflow, inLetter, onWeb: overflow, topics, catchAll });
  });
});

describe('describeSections', () => {
  it.each([
    [10, true, '10 topics and More papers'],
    [1, false, '1 topic'],
    [0, true, 'More papers only'],
    [0, false, '0 topics'],
    [4, false, '4 topics'],
  ])('%i topics, catch-all %s -> %s', (topics, catchAll, text) => {
    expect(describeSections({ topics, catchAll })).toBe(text);
  });
});

describe('sectionBounds: sections a letter of n papers reads well with ("More papers" counted in)', () => {
  it.each<[number, [number, number]]>([
    [3, [1, 1]],
    [10, [1, 4]],
    [16, [2, 5]],
    [20, [3, 6]],
    [24, [3, 7]],
    [26, [4, 7]],
    [30, [4, 8]],
    [40, [6, 10]],
    [70, [7, 12]],
    [100, [8, 14]],
    [400, [16, 16]],
  ])('%i papers: %j', (n, bounds) => {
    expect(sectionBounds(n)).toEqual(bounds);
  });

  it('never allows fewer sections for more papers', () => {
    for (let n = 1; n < 300; n += 1) {
      const [lo, hi] = sectionBounds(n);
      const [nextLo, nextHi] = sectionBounds(n + 1);
      expect(lo).toBeLessThanOrEqual(hi);
      expect(nextHi).toBeGreaterThanOrEqual(hi);
      expect(nextLo).toBeGreaterThanOrEqual(lo);
    }
  });
});
