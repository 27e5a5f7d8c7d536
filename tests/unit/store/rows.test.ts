import { describe, expect, it } from 'vitest';
import { chunk } from '../../../src/store/context.js';
import { joinTopics, parseJson } from '../../../src/store/rows.js';

describe('joinTopics', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['nlp'], 'nlp'],
    [['vision', 'nlp'], 'nlp,vision'],
    [['nlp', 'nlp', ' vision '], 'nlp,vision'],
    [['', ' '], ''],
  ])('%j -> %j', (topics, expected) => {
    expect(joinTopics(topics)).toBe(expected);
  });
});

describe('parseJson', () => {
  it.each<[string | null, unknown]>([
    ['["a","b"]', ['a', 'b']],
    ['{"x":1}', { x: 1 }],
    [null, 'fallback'],
    ['', 'fallback'],
    ['{broken', 'fallback'],
  ])('%j', (text, expected) => {
    expect(parseJson(text, 'fallback')).toEqual(expected);
  });
});

describe('chunk', () => {
  it.each<[number[], number, number[][]]>([
    [[], 3, []],
    [[1, 2, 3], 3, [[1, 2, 3]]],
    [[1, 2, 3, 4], 3, [[1, 2, 3], [4]]],
    [[1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]],
  ])('%j by %i', (items, size, expected) => {
    expect(chunk(items, size)).toEqual(expected);
  });
});
