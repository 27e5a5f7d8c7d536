import { describe, expect, it } from 'vitest';
import { refreshKeywords } from '../../../src/topics/index.js';

const words = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('refreshKeywords', () => {
  it.each([
    [
      'appends new keywords when there is room',
      ['a', 'b'],
      ['c', 'b', 'd'],
      { max: 5, maxNew: 2 },
      ['a', 'b', 'c', 'd'],
    ],
    ['keeps the list as it is when nothing is new', ['a', 'b', 'c'], ['c', 'a'], { max: 3 }, ['a', 'b', 'c']],
    [
      'ignores case when telling new from known',
      ['KV cache'],
      ['kv cache', 'prefill'],
      { max: 3, maxNew: 1 },
      ['KV cache', 'prefill'],
    ],
    [
      'replaces unconfirmed keywords past the anchor, from the end',
      ['a', 'b', 'c', 'd', 'e', 'f'],
      ['x', 'y', 'e'],
      { max: 6, anchored: 3, maxNew: 2 },
      ['a', 'b', 'c', 'e', 'x', 'y'],
    ],
    [
      'never drops an anchored keyword, so fewer come in',
      ['a', 'b', 'c', 'd'],
      ['x', 'y', 'z'],
      { max: 4, anchored: 3, maxNew: 3 },
      ['a', 'b', 'c', 'x'],
    ],
    [
      'keeps confirmed keywords, even in the tail',
      ['a', 'b', 'c', 'd'],
      ['d', 'c', 'x'],
      { max: 4, anchored: 2 },
      ['a', 'b', 'c', 'd'],
    ],
    ['brings in at most maxNew', ['a'], ['x', 'y', 'z'], { max: 10, maxNew: 2 }, ['a', 'x', 'y']],
  ])('%s', (_, keywords, fresh, options, expected) => {
    expect(refreshKeywords(keywords, fresh, options)).toEqual(expected);
  });

  it('stays within bounds over many refreshes, and keeps the anchor (24 keywords: 12 anchored, 6 new a run)', () => {
    const start = words('old', 24);
    let keywords = start;
    for (let day = 0; day < 30; day += 1) {
      const next = refreshKeywords(keywords, words(`day${day}-`, 10));
      expect(next.length).toBeLessThanOrEqual(24);
      expect(next.filter((k) => !keywords.includes(k)).length).toBeLessThanOrEqual(6);
      keywords = next;
    }
    expect(keywords.slice(0, 12)).toEqual(start.slice(0, 12));
  });

  it('does not modify its input', () => {
    const keywords = ['a', 'b'];
    refreshKeywords(keywords, ['c'], { max: 2, anchored: 0 });
    expect(keywords).toEqual(['a', 'b']);
  });
});
