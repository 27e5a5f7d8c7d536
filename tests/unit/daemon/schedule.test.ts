import { describe, expect, it } from 'vitest';
import { parseCron } from '../../../src/daemon/cron-expression.js';
import {
  createSchedule,
  latestDueSlot,
  nextFireTime,
  scheduleFromConfig,
} from '../../../src/daemon/schedule.js';
import { PaperpostError } from '../../../src/domain/errors.js';

/** Every slot in [from, to), walked with next(). */
function slotsBetween(expression: string, zone: string, from: string, to: string): string[] {
  const schedule = createSchedule(expression, zone);
  const out: string[] = [];
  let at = new Date(new Date(from).getTime() - 1);
  for (;;) {
    at = schedule.next(at);
    if (at.getTime() >= new Date(to).getTime()) return out;
    out.push(at.toISOString());
  }
}

describe('parseCron', () => {
  it.each([
    ['0 8 * * *', 'hours', [8]],
    ['0 8 * * 1', 'weekdays', [1]],
    ['0 8 * * mon-fri', 'weekdays', [1, 2, 3, 4, 5]],
    ['0 8 * * 7', 'weekdays', [0]],
    ['0 8 * * *', 'weekdays', [0, 1, 2, 3, 4, 5, 6]],
    ['0 0 1 jan,jul *', 'months', [1, 7]],
    ['*/20 * * * *', 'minutes', [0, 20, 40]],
    ['0 8 * * fri-mon', 'weekdays', [0, 1, 5, 6]],
    ['10-12,30 * * * *', 'minutes', [10, 11, 12, 30]],
    ['*/30 * * * * *', 'seconds', [0, 30]],
    ['0 8 * * *', 'seconds', [0]],
  ] as const)('%s -> %s %j', (expression, field, values) => {
    expect(parseCron(expression)[field]).toEqual(values);
  });

  it.each([
    ['0 8 * *', /expected 5 or 6 fields/],
    ['61 * * * *', /minutes: "61" is not a valid value/],
    ['0 8 * * L', /weekdays: "L" is not a valid value/],
    ['0 8 L * *', /days: "L" is not supported/],
    ['0 8 * * 1#2', /weekdays: "1#2" is not supported/],
    ['*/0 * * * *', /minutes: "\*\/0" is not a valid value/],
    ['5/20 * * * *', /minutes: "5\/20" is not a valid value/],
  ])('refuses %s with a config error', (expression, message) => {
    const error = (() => {
      try {
        parseCron(expression);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(PaperpostError);
    expect((error as PaperpostError).stage).toBe('config');
    expect((error as PaperpostError).message).toMatch(message);
  });

  it('refuses an unknown time zone with a config error', () => {
    expect(() => createSchedule('0 8 * * *', 'Mars/Olympus_Mons')).toThrow(/not an IANA zone/);
  });
});

describe('nextFireTime across DST changes', () => {
  // Europe/Berlin 2025: spring-forward 30 Mar 02:00 -> 03:00 (01:00Z); fall-back 26 Oct 03:00 -> 02:00 (01:00Z).
  // America/New_York 2025: spring-forward 9 Mar 02:00 -> 03:00 (07:00Z); fall-back 2 Nov 02:00 -> 01:00 (06:00Z).
  it.each([
    // plain days, both zones
    ['0 8 * * *', 'Europe/Berlin', '2025-01-15T12:00:00Z', '2025-01-16T07:00:00.000Z'],
    ['0 8 * * *', 'Europe/Berlin', '2025-07-15T05:00:00Z', '2025-07-15T06:00:00.000Z'],
    ['0 8 * * *', 'America/New_York', '2025-01-15T12:00:00Z', '2025-01-15T13:00:00.000Z'],
    ['0 8 * * *', 'UTC', '2025-01-15T08:00:00Z', '2025-01-16T08:00:00.000Z'],
    // 08:00 on the change days keeps its local time (offset changes)
    ['0 8 * * *', 'Europe/Berlin', '2025-03-29T12:00:00Z', '2025-03-30T06:00:00.000Z'],
    ['0 8 * * *', 'Europe/Berlin', '2025-10-25T12:00:00Z', '2025-10-26T07:00:00.000Z'],
    ['0 8 * * *', 'America/New_York', '2025-03-08T18:00:00Z', '2025-03-09T12:00:00.000Z'],
    ['0 8 * * *', 'America/New_York', '2025-11-01T18:00:00Z', '2025-11-02T13:00:00.000Z'],
    // weekly Monday 08:00 across the change
    ['0 8 * * 1', 'Europe/Berlin', '2025-03-29T00:00:00Z', '2025-03-31T06:00:00.000Z'],
    ['0 8 * * 1', 'America/New_York', '2025-11-01T00:00:00Z', '2025-11-03T13:00:00.000Z'],
    // spring-forward: 02:30 does not exist that day -> runs when the clocks jump (03:00 local)
    ['30 2 * * *', 'Europe/Berlin', '2025-03-29T12:00:00Z', '2025-03-30T01:00:00.000Z'],
    ['30 2 * * *', 'Europe/Berlin', '2025-03-30T01:00:00Z', '2025-03-31T00:30:00.000Z'],
    ['30 2 * * *', 'America/New_York', '2025-03-08T12:00:00Z', '2025-03-09T07:00:00.000Z'],
    ['30 2 * * *', 'America/New_York', '2025-03-09T07:00:00Z', '2025-03-10T06:30:00.000Z'],
    // fall-back: the repeated time runs at its first occurrence only
    ['30 2 * * *', 'Europe/Berlin', '2025-10-25T12:00:00Z', '2025-10-26T00:30:00.000Z'],
    ['30 2 * * *', 'Europe/Berlin', '2025-10-26T00:30:00Z', '2025-10-27T01:30:00.000Z'],
    ['30 1 * * *', 'America/New_York', '2025-11-01T12:00:00Z', '2025-11-02T05:30:00.000Z'],
    ['30 1 * * *', 'America/New_York', '2025-11-02T05:30:00Z', '2025-11-03T06:30:00.000Z'],
    // "after" inside the repeated hour's second pass: 01:30 does not fire again
    ['30 1 * * *', 'America/New_York', '2025-11-02T06:10:00Z', '2025-11-03T06:30:00.000Z'],
  ])('%s in %s after %s -> %s', (expression, zone, after, expected) => {
    expect(nextFireTime(expression, zone, new Date(after)).toISOString()).toBe(expected);
  });
});

describe('slots on the DST change days: exactly once', () => {
  it.each([
    [
      '30 2 * * *',
      'Europe/Berlin',
      '2025-03-29T23:00:00Z',
      '2025-03-30T22:00:00Z',
      ['2025-03-30T01:00:00.000Z'],
    ],
    [
      '30 2 * * *',
      'Europe/Berlin',
      '2025-10-25T22:00:00Z',
      '2025-10-26T23:00:00Z',
      ['2025-10-26T00:30:00.000Z'],
    ],
    [
      '30 2 * * *',
      'America/New_York',
      '2025-03-09T05:00:00Z',
      '2025-03-10T04:00:00Z',
      ['2025-03-09T07:00:00.000Z'],
    ],
    [
      '30 1 * * *',
      'America/New_York',
      '2025-11-02T04:00:00Z',
      '2025-11-03T05:00:00Z',
      ['2025-11-02T05:30:00.000Z'],
    ],
    // every 15 minutes of the skipped hour collapses into one slot at the jump, then 03:00 is the same slot
    [
      '*/15 2-3 * * *',
      'Europe/Berlin',
      '2025-03-29T23:00:00Z',
      '2025-03-30T02:00:00Z',
      [
        '2025-03-30T01:00:00.000Z',
        '2025-03-30T01:15:00.000Z',
        '2025-03-30T01:30:00.000Z',
        '2025-03-30T01:45:00.000Z',
      ],
    ],
    // the repeated hour (01:00-02:00 in New York) is walked once
    [
      '0,30 1 * * *',
      'America/New_York',
      '2025-11-02T04:00:00Z',
      '2025-11-02T08:00:00Z',
      ['2025-11-02T05:00:00.000Z', '2025-11-02T05:30:00.000Z'],
    ],
  ])('%s in %s from %s to %s', (expression, zone, from, to, expected) => {
    expect(slotsBetween(expression, zone, from, to)).toEqual(expected);
  });
});

describe('latestDueSlot', () => {
  it.each([
    ['0 8 * * *', 'UTC', '2025-01-01T07:59:59Z', '2024-12-31T08:00:00.000Z'],
    ['0 8 * * *', 'UTC', '2025-01-01T08:00:00Z', '2025-01-01T08:00:00.000Z'],
    ['0 8 * * 1', 'Europe/Berlin', '2025-04-02T10:00:00Z', '2025-03-31T06:00:00.000Z'],
    ['30 2 * * *', 'Europe/Berlin', '2025-03-30T00:59:59Z', '2025-03-29T01:30:00.000Z'],
    ['30 2 * * *', 'Europe/Berlin', '2025-03-30T01:00:00Z', '2025-03-30T01:00:00.000Z'],
    ['30 2 * * *', 'Europe/Berlin', '2025-10-26T01:45:00Z', '2025-10-26T00:30:00.000Z'],
    ['30 2 * * *', 'America/New_York', '2025-03-09T08:00:00Z', '2025-03-09T07:00:00.000Z'],
    ['30 1 * * *', 'America/New_York', '2025-11-02T06:45:00Z', '2025-11-02T05:30:00.000Z'],
    ['30 1 * * *', 'America/New_York', '2025-11-02T05:29:59Z', '2025-11-01T05:30:00.000Z'],
  ])('%s in %s at %s -> %s', (expression, zone, at, expected) => {
    expect(latestDueSlot(expression, zone, new Date(at))?.toISOString()).toBe(expected);
  });

  it('agrees with next(): the slot after latest(t) is after t', () => {
    const schedule = createSchedule('30 2 * * *', 'Europe/Berlin');
    for (
      let t = Date.parse('2025-03-28T00:00:00Z');
      t < Date.parse('2025-04-01T00:00:00Z');
      t += 17 * 60_000
    ) {
      const latest = schedule.latest(new Date(t));
      expect(latest && latest.getTime() <= t).toBe(true);
      expect(schedule.next(latest ?? new Date(t)).getTime()).toBeGreaterThan(t);
    }
  });

  it('refuses a date that never comes (node-cron checks day against month)', () => {
    const at = new Date('2025-01-01T00:00:00Z');
    expect(() => latestDueSlot('0 0 30 2 *', 'UTC', at)).toThrow(/days: 30 2 is an impossible day of month/);
    expect(() => nextFireTime('0 0 30 2 *', 'UTC', at)).toThrow(/days: 30 2 is an impossible day of month/);
  });
});

describe('scheduleFromConfig', () => {
  it.each([
    [{ cron: '0 8 * *', timezone: 'UTC' }, /^schedule\.daily: cron "0 8 \* \*": expected 5 or 6 fields/],
    [{ cron: '0 8 * * *', timezone: 'Europe/Berlinn' }, /^schedule\.daily: time zone "Europe\/Berlinn"/],
    [
      { cron: '0 0 30 2 *', timezone: 'UTC' },
      /^schedule\.daily: cron "0 0 30 2 \*": days: 30 2 is an impossible day/,
    ],
  ])('%j fails with the key path', (entry, message) => {
    expect(() => scheduleFromConfig('schedule.daily', entry)).toThrow(message);
  });

  it('accepts the defaults', () => {
    expect(scheduleFromConfig('schedule.weekly', { cron: '0 8 * * 1', timezone: 'UTC' }).expression).toBe(
      '0 8 * * 1',
    );
  });
});
