import { describe, expect, it } from 'vitest';
import { SeenDigests } from '../../../src/subscribers/seen-digests.js';

describe('SeenDigests', () => {
  it('remembers the first line of every value across table growth', () => {
    const seen = new SeenDigests();
    const values = Array.from({ length: 5000 }, (_, i) => `reader.${i}@example.org`);
    expect(
      values.map((value, i) => seen.firstSeen(value, i + 2)).filter((line) => line !== undefined),
    ).toEqual([]);
    expect(values.map((value) => seen.firstSeen(value, 99_999))).toEqual(values.map((_, i) => i + 2));
    expect(seen.firstSeen('someone.else@example.org', 7)).toBeUndefined();
  });
});
