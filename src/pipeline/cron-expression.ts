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

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  name: keyof CronFields;
  min: number;
  max: number;
  names?: string[];
  /** Value of the first name (jan = 1, sun = 0). */
  nameBase?: number;
}

const SPECS: FieldSpec[] = [
  { name: 'seconds', min: 0, max: 59 },
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'days', min: 1, max: 31 },
  { name: 'months', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'weekdays', min: 0, max: 7, names: WEEKDAYS, nameBase: 0 },
];

function invalid(expression: string, why: string): PaperpostError {
  return new PaperpostError('config', 'cron-invalid', `cron "${expression}": ${why}`);
}

function parseValue(raw: string, spec: FieldSpec, expression: string): number {
  const lower = raw.toLowerCase();
  const named = spec.names?.indexOf(lower.slice(0, 3)) ?? -1;
  if (spec.names && named >= 0 && /^[a-z]+$/.test(lower)) return named + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(raw)) throw invalid(expression, `${spec.name}: "${raw}" is not a number`);
  const value = Number(raw);
  if (value < spec.min || value > spec.max) {
    throw invalid(expression, `${spec.name}: ${value} is outside ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseField(text: string, spec: FieldSpec, expression: string): number[] {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1)
      throw invalid(expression, `${spec.name}: bad step "${stepText}"`);
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.name === 'weekdays' ? 6 : spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = parseValue(a, spec, expression);
      to = parseValue(b, spec, expression);
      if (to < from) throw invalid(expression, `${spec.name}: range "${range}" goes backwards`);
    } else {
      from = parseValue(range, spec, expression);
      // "5/15" means from 5 to the end in steps of 15.
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(spec.name === 'weekdays' && v === 7 ? 0 : v);
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * Parses a cron expression of 5 fields (minute hour day month weekday) or 6 (seconds first), as
 * node-cron reads it: `*`, numbers, ranges, steps, lists, month and weekday names. As in node-cron,
 * day of month and day of week must BOTH match. The `L`, `W` and `#` extensions are refused.
 */
export function parseCron(expression: string): CronFields {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    throw invalid(expression, `expected 5 or 6 fields, got ${parts.length}`);
  }
  const fields = parts.length === 5 ? ['0', ...parts] : parts;
  const [seconds, minutes, hours, days, months, weekdays] = SPECS.map((spec, i) =>
    parseField(fields[i] ?? '', spec, expression),
  );
  return {
    seconds: seconds ?? [],
    minutes: minutes ?? [],
    hours: hours ?? [],
    days: days ?? [],
    months: months ?? [],
    weekdays: weekdays ?? [],
  };
}
