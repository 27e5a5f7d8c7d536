import { describe, expect, it } from 'vitest';
import { count, isoDate } from '../../../src/ingest/index.js';

describe('isoDate', () => {
  it.each<[unknown, string | null]>([
    ['Thu, 28 Nov 2024 00:00:00 -0500', '2024-11-28T05:00:00.000Z'],
    ['Thu, 28 Nov 2024 00:00:00 GMT', '2024-11-28T00:00:00.000Z'],
    ['Thu, 28 Nov 2024 00:00:00 UTC', '2024-11-28T00:00:00.000Z'],
    ['Thu, 28 Nov 2024 00:00:00 EST', '2024-11-28T05:00:00.000Z'],
    ['Thu, 28 Nov 2024 00:00:00 +01:00', '2024-11-27T23:00:00.000Z'],
    ['2026-06-11T17:59:49Z', '2026-06-11T17:59:49.000Z'],
    ['2026-05-30T00:00:00.000Z', '2026-05-30T00:00:00.000Z'],
    ['2004-02-28T18:14:55-08:00', '2004-02-29T02:14:55.000Z'],
    ['2003-12-31', '2003-12-31T00:00:00.000Z'],
    ['2003-12-31 10:14:55Z', '2003-12-31T10:14:55.000Z'],
    ['  2003-12-31T10:14:55Z  ', '2003-12-31T10:14:55.000Z'],
    ['not a date', null],
    ['', null],
    ['0000-01-01', null],
    [null, null],
    [42, null],
    [{ _: '2003-12-31' }, '2003-12-31T00:00:00.000Z'],
  ])('%j -> %j', (input, expected) => {
    expect(isoDate(input)).toBe(expected);
  });
});

describe('count', () => {
  it.each<[unknown, number | null]>([
    [3, 3],
    ['12', 12],
    [2.7, 2],
    [-1, null],
    ['x', null],
    ['', null],
    [null, null],
    [Number.NaN, null],
  ])('%j -> %j', (input, expected) => {
    expect(count(input)).toBe(expected);
  });
});
