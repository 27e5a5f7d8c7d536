import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounce } from '../../src/bounces/read-mail.js';
import type { BounceReading } from '../../src/bounces/types.js';

/**
 * The bounce corpus (tests/fixtures/bounces: 411 real mails of ~70 MTAs with Sisimai's expected
 * readings; see its README). Floors, measured figures in README "Figures".
 */
const DIR = path.join(import.meta.dirname, '..', 'fixtures', 'bounces');

interface Expectation {
  file: string;
  status: string;
  reason: string;
  feedbackType: string | null;
  paperpostClass: BounceReading['class'];
}

const expectations: Expectation[] = readFileSync(path.join(DIR, 'EXPECTATIONS.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Expectation);

const readings = new Map<string, BounceReading>();
for (const e of expectations)
  readings.set(e.file, await readBounce(readFileSync(path.join(DIR, 'eml', e.file))));
const got = (e: Expectation): BounceReading => readings.get(e.file)!;

function share(list: Expectation[], ok: (e: Expectation) => boolean): number {
  return list.filter(ok).length / list.length;
}

describe('bounce corpus conformance', () => {
  it('reads all 411 mails', () => {
    expect(expectations).toHaveLength(411);
  });

  it('gives the expected class to at least 97% of the mails', () => {
    expect(share(expectations, (e) => got(e).class === e.paperpostClass)).toBeGreaterThanOrEqual(0.97);
  });

  it('never gives hard to a mail expected soft or ignore (a wrong hard removes a reader)', () => {
    const wrong = expectations.filter((e) => got(e).class === 'hard' && e.paperpostClass !== 'hard');
    expect(wrong.map((e) => e.file)).toEqual([]);
  });

  it('reads every complaint as a complaint, with its feedback type', () => {
    const complaints = expectations.filter((e) => e.paperpostClass === 'complaint');
    expect(complaints.map((e) => [e.file, got(e).class])).toEqual(
      complaints.map((e) => [e.file, 'complaint']),
    );
    const typed = complaints.filter((e) => e.feedbackType);
    expect(share(typed, (e) => got(e).feedbackType === e.feedbackType)).toBeGreaterThanOrEqual(0.8);
  });

  it('finds the hard bounces (recall of hard at least 85%)', () => {
    const hard = expectations.filter((e) => e.paperpostClass === 'hard');
    expect(share(hard, (e) => got(e).class === 'hard')).toBeGreaterThanOrEqual(0.85);
  });

  it('names the status code the mail gives in at least 75% of the mails that have one', () => {
    const withStatus = expectations.filter(
      (e) => /^[245]\.\d+\.\d+$/.test(e.status) && !/\.9\d\d$/.test(e.status),
    );
    expect(share(withStatus, (e) => got(e).status === e.status)).toBeGreaterThanOrEqual(0.75);
  });

  it.each([
    ['userunknown', 0.8],
    ['mailboxfull', 0.8],
    ['expired', 0.6],
    ['feedback', 1],
  ])('names reason %s right in at least %s of its mails', (reason, floor) => {
    const list = expectations.filter((e) => e.reason === reason);
    expect(share(list, (e) => got(e).reason === reason)).toBeGreaterThanOrEqual(floor);
  });
});
