import { describe, expect, it } from 'vitest';
import { editionHeading } from '../../../src/server/routes-archive.js';

// Regression: the web edition's h1 "Paperpost · daily · 2026-12-02" wrapped as "2026-" / "12-02"
// at 375 px; the heading now names the day and keeps "2 December 2026" on one line.
describe('editionHeading: the web edition names its day, the date unbroken', () => {
  it.each([
    ['daily', '2026-12-02', 'Daily edition of Wednesday,', '2 December 2026'],
    ['weekly', '2026-06-12', 'Weekly edition of Friday,', '12 June 2026'],
    ['daily', 'not-a-date', 'Daily edition of', 'not-a-date'],
  ])('%s %s', (frequency, date, heading, headingDate) => {
    expect(editionHeading(frequency, date)).toEqual({ heading, headingDate });
  });
});
