import { parse, validateDetailed } from 'node-cron';
import { PaperpostError } from '../domain/errors.js';

/** The allowed values of each field of a parsed cron expression, sorted ascending. */
export interface CronFields {
  seconds: number[];
  minutes: number[];
  hours: number[];
  /** Days of the month, 1-31. */
  days: number[];
  /** Months, 1-12. */
  months: number[];
  /** Days of the week, 0-6 (0 = Sunday; 7 in the expression also means Sunday). */
  weekdays: number[];
}

/** node-cron's field names, as this module names them in messages. */
const FIELD_NAMES: Record<string, keyof CronFields> = {
  second: 'seconds',
  minute: 'minutes',
  hour: 'hours',
  dayOfMonth: 'days',
  month: 'months',
  dayOfWeek: 'weekdays',
};

function invalid(expression: string, why: string): PaperpostError {
  return new PaperpostError('config', 'cron-invalid', `cron "${expression}": ${why}`);
}

function numbers(expression: string, field: keyof CronFields, values: (number | string)[]): number[] {
  const out = new Set<number>();
  for (const value of values) {
    // node-cron's L, W and # extensions have no fixed set of days: catch-up cannot list slots.
    if (typeof value !== 'number') {
      throw invalid(expression, `${field}: "${value}" is not supported (no L, W or # extensions)`);
    }
    out.add(value);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Parses a cron expression of 5 fields (minute hour day month weekday) or 6 (seconds first) with
 * node-cron's own parser, so the slots computed here (next run, catch-up after downtime) are the
 * ones node-cron fires. As in node-cron, day of month and day of week must BOTH match. node-cron's
 * `L`, `W` and `#` extensions are refused: they have no fixed set of days.
 */
export function parseCron(expression: string): CronFields {
  const check = validateDetailed(expression);
  if (!check.valid) {
    const first = check.errors[0];
    const field = first ? FIELD_NAMES[first.field] : undefined;
    // node-cron says "25 is a invalid expression for hour"; its other messages read well as they are.
    const message = first?.message ?? 'not a cron expression';
    const why = /is a invalid expression/.test(message) ? `"${first?.value}" is not a valid value` : message;
    throw invalid(expression, `${field ? `${field}: ` : ''}${why}`);
  }
  const fields = parse(expression);
  return {
    seconds: numbers(expression, 'seconds', fields.second),
    minutes: numbers(expression, 'minutes', fields.minute),
    hours: numbers(expression, 'hours', fields.hour),
    days: numbers(expression, 'days', fields.dayOfMonth),
    months: numbers(expression, 'months', fields.month),
    weekdays: numbers(expression, 'weekdays', fields.dayOfWeek),
  };
}
