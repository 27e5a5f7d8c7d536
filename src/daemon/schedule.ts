import { PaperpostError } from '../domain/errors.js';
import { assertTimeZone, instantOfWall, type WallTime, wallMs, wallTimeAt } from '../pipeline/zone-time.js';
import { type CronFields, parseCron } from './cron-expression.js';

/**
 * A cron expression read in an IANA time zone. Slots are the instants the expression names, with
 * two DST rules (see `instantOfWall`): a wall time that happens twice is a slot once (its first
 * occurrence); a wall time skipped by spring-forward is a slot at the instant the clocks jump
 * (02:30 on that day runs at 03:00 local time, once).
 */
export interface Schedule {
  readonly expression: string;
  readonly timeZone: string;
  /** The first slot strictly after `after`. */
  next(after: Date): Date;
  /** The latest slot at or before `at`, or undefined if none within the search horizon. */
  latest(at: Date): Date | undefined;
}

// Why not croner or cron-parser (tried, December 2026, with tests/unit/daemon/schedule.test.ts):
// croner 11 runs a multi-value time in the repeated fall-back hour twice ("0,30 1 * * *" in New
// York gives four slots on 2 Nov 2025), and cron-parser 5 puts a skipped 02:30 at 03:30 instead of
// the jump (03:00). Either would break "one edition per slot" or move the documented slot.
const DAY_MS = 86_400_000;
/** How far the day walk goes: 28 years covers "Feb 29 on a Monday". */
const HORIZON_DAYS = 366 * 28;
/** Wall times this close to the reference may still resolve on its side of a DST shift. */
const SLACK_MS = 3 * 3_600_000;

function dayMatches(fields: CronFields, year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    fields.months.includes(month) && fields.days.includes(day) && fields.weekdays.includes(date.getUTCDay())
  );
}

/** Wall times of one local day named by the fields, ascending. */
function* wallTimesOfDay(fields: CronFields, dayStart: number, descending: boolean): Generator<WallTime> {
  const date = new Date(dayStart);
  const base = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  const order = <T>(list: T[]) => (descending ? [...list].reverse() : list);
  for (const hour of order(fields.hours))
    for (const minute of order(fields.minutes))
      for (const second of order(fields.seconds)) yield { ...base, hour, minute, second };
}

function localDayStart(instant: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day);
}

function search(fields: CronFields, timeZone: string, ref: number, forward: boolean): number | undefined {
  const refWall = wallMs(wallTimeAt(ref, timeZone));
  let dayStart = localDayStart(ref, timeZone);
  // A gap slot on the day before may resolve after the day boundary; start one day early forward.
  if (forward) dayStart -= DAY_MS;
  for (let i = 0; i <= HORIZON_DAYS; i++, dayStart += forward ? DAY_MS : -DAY_MS) {
    const date = new Date(dayStart);
    if (!dayMatches(fields, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) continue;
    for (const wall of wallTimesOfDay(fields, dayStart, !forward)) {
      const w = wallMs(wall);
      // Cheap skip of wall times far on the wrong side of the reference.
      if (forward ? w < refWall - SLACK_MS : w > refWall + SLACK_MS) continue;
      const instant = instantOfWall(wall, timeZone);
      if (forward ? instant > ref : instant <= ref) return instant;
    }
  }
  return undefined;
}

/** Builds a Schedule; throws a `config` error for a bad expression or time zone. */
export function createSchedule(expression: string, timeZone: string): Schedule {
  const fields = parseCron(expression);
  assertTimeZone(timeZone);
  return {
    expression,
    timeZone,
    next(after) {
      const found = search(fields, timeZone, after.getTime(), true);
      if (found === undefined) {
        throw new PaperpostError('config', 'cron-never', `cron "${expression}": never fires in ${timeZone}`);
      }
      return new Date(found);
    },
    latest(at) {
      const found = search(fields, timeZone, at.getTime(), false);
      return found === undefined ? undefined : new Date(found);
    },
  };
}

/** The first slot of `expression` in `timeZone` strictly after `after`. */
export function nextFireTime(expression: string, timeZone: string, after: Date): Date {
  return createSchedule(expression, timeZone).next(after);
}

/** The latest slot of `expression` in `timeZone` at or before `at` (the one due now). */
export function latestDueSlot(expression: string, timeZone: string, at: Date): Date | undefined {
  return createSchedule(expression, timeZone).latest(at);
}

/**
 * `createSchedule` for the config entry at `key` (e.g. "schedule.daily"): a bad expression or
 * zone, or one that never fires, fails with the key's path, like every other config error.
 */
export function scheduleFromConfig(key: string, entry: { cron: string; timezone: string }): Schedule {
  try {
    const schedule = createSchedule(entry.cron, entry.timezone);
    schedule.next(new Date(0)); // fails now for an expression that never fires (Feb 30)
    return schedule;
  } catch (err) {
    if (!(err instanceof PaperpostError)) throw err;
    throw new PaperpostError('config', err.code, `${key}: ${err.message}`, { cause: err });
  }
}
