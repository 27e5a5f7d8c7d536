import { describe, expect, it } from 'vitest';
import { wallTimeAt } from '../../../src/pipeline/zone-time.js';

// 'UTC' is read without ICU; 'Etc/UTC' is the same zone through Intl.DateTimeFormat.
describe('wallTimeAt in UTC', () => {
  it.each([
    ['2024-11-28T00:00:00Z'],
    ['2024-02-29T23:59:59Z'],
    ['2026-12-31T12:34:56.789Z'],
    ['1999-01-01T05:06:07Z'],
  ])('%s reads the same as through Intl', (iso) => {
    const instant = Date.parse(iso);
    expect(wallTimeAt(instant, 'UTC')).toEqual(wallTimeAt(instant, 'Etc/UTC'));
  });

  it('names the UTC fields of the instant', () => {
    expect(wallTimeAt(Date.parse('2024-02-29T23:59:58Z'), 'UTC')).toEqual({
      year: 2024,
      month: 2,
      day: 29,
      hour: 23,
      minute: 59,
      second: 58,
    });
  });
});
