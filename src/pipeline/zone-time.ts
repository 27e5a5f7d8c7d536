import { PaperpostError } from '../domain/errors.js';

/** A wall-clock time in some zone; month 1-12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (err) {
      throw new PaperpostError('config', 'timezone-invalid', `time zone "${timeZone}": not an IANA zone`, {
        cause: err,
      });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a `config` error unless `timeZone` is a zone Intl knows (e.g. "Europe/Berlin"). */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The wall-clock time of `instant` (epoch ms) in `timeZone`. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  // The default zone needs no ICU: the first Intl.DateTimeFormat of a process costs ~30-60 ms of
  // set-up, on the critical path of every `run` (the edition's date).
  if (timeZone === 'UTC') {
    const d = new Date(instant);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type in wall) wall[part.type as keyof WallTime] = Number(part.value);
  }
  if (wall.hour === 24) wall.hour = 0;
  return wall;
}

/** A wall time as if it were UTC, in ms: orders and compares wall times. */
export function wallMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The zone's offset from UTC at `instant`, in ms (positive east of Greenwich). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallMs(wallTimeAt(whole, timeZone)) - whole;
}

const DAY_MS = 86_400_000;

/**
 * The instant (epoch ms) a wall time names in `timeZone`, with the DST rules Paperpost documents:
 * - a time that happens twice (fall-back) is its FIRST occurrence, so a job runs once;
 * - a time that never happens (spring-forward gap) is the instant the clocks jump, e.g. 02:30 on
 *   the spring-forward day in Berlin is 03:00 local time (01:00 UTC).
 */
export function instantOfWall(wall: WallTime, timeZone: string): number {
  const target = wallMs(wall);
  // Zone offsets change at most once within a day around any time of interest.
  const before = target - offsetAt(target - DAY_MS, timeZone);
  const after = target - offsetAt(target + DAY_MS, timeZone);
  const exact = [before, after].filter((t) => wallMs(wallTimeAt(t, timeZone)) === target);
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: find the first second whose wall time is past the target (the jump).
  let lo = Math.min(before, after);
  let hi = Math.max(before, after);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallMs(wallTimeAt(mid, timeZone)) > target) hi = mid;
    else lo = mid;
  }
  return hi;
}
