import { parse } from 'csv-parse/sync';
import type { Subscriber, Topic } from '../domain/index.js';
import { parseFrequency } from './choices.js';
import { normalizeEmail } from './normalize-email.js';
import type { SubscriberStore } from './ports.js';

export interface ImportProblem {
  /** 1-based line of the file (the last line, for a record spanning several). */
  line: number;
  reason: string;
}

export interface ImportReport {
  added: number;
  updated: number;
  /** Rows refused on purpose: the address unsubscribed or bounced; an import never re-subscribes it. */
  skipped: ImportProblem[];
  /** Rows that are wrong (syntax, email, topic, frequency, duplicates). */
  errors: ImportProblem[];
}

interface Row {
  line: number;
  email: string;
  topics: string[];
  frequency: 'daily' | 'weekly';
}

type Columns = { email: number; topics: number; frequency: number };

function readHeader(record: string[]): Columns | undefined {
  const names = record.map((name) => name.toLowerCase());
  const email = names.indexOf('email');
  return email < 0
    ? undefined
    : { email, topics: names.indexOf('topics'), frequency: names.indexOf('frequency') };
}

function readRow(
  record: string[],
  columns: Columns,
  line: number,
  catalogue: Set<string>,
): Row | ImportProblem {
  const rawEmail = record[columns.email] ?? '';
  const email = normalizeEmail(rawEmail);
  if (email === undefined) return { line, reason: `invalid email "${rawEmail.slice(0, 80)}"` };
  const topics = (columns.topics < 0 ? '' : (record[columns.topics] ?? ''))
    .split(';')
    .map((slug) => slug.trim().toLowerCase())
    .filter((slug) => slug !== '');
  const unknown = catalogue.size > 0 ? topics.filter((slug) => !catalogue.has(slug)) : [];
  if (unknown.length > 0) return { line, reason: `unknown topic ${unknown.map((s) => `"${s}"`).join(', ')}` };
  const rawFrequency = columns.frequency < 0 ? '' : (record[columns.frequency] ?? '').toLowerCase();
  const frequency = rawFrequency === '' ? 'daily' : parseFrequency(rawFrequency);
  if (frequency === undefined)
    return { line, reason: `frequency must be daily or weekly, got "${rawFrequency}"` };
  return { line, email, topics: [...new Set(topics)], frequency };
}

/** Parse the CSV; rows with syntax errors are reported by line and the rest kept. */
function parseRows(text: string, catalogue: Set<string>): { rows: Row[]; errors: ImportProblem[] } {
  const errors: ImportProblem[] = [];
  const records = parse(text, {
    bom: true,
    trim: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      errors.push({
        line: Number(err?.lines ?? 0),
        reason: `unreadable CSV record (${err?.code ?? 'syntax error'})`,
      });
    },
  }) as unknown as { info: { lines: number }; record: string[] }[];
  const [first, ...rest] = records;
  const columns = first ? readHeader(first.record) : undefined;
  if (!columns)
    return {
      rows: [],
      errors: [
        { line: first?.info.lines ?? 1, reason: 'header must name an email column (email,topics,frequency)' },
      ],
    };
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const { info, record } of rest) {
    const row = readRow(record, columns, info.lines, catalogue);
    if (!('email' in row)) {
      errors.push(row);
      continue;
    }
    const earlier = seen.get(row.email);
    if (earlier !== undefined) {
      errors.push({ line: row.line, reason: `duplicate of line ${earlier}` });
      continue;
    }
    seen.set(row.email, row.line);
    rows.push(row);
  }
  return { rows, errors };
}

/**
 * Import `email,topics,frequency` rows (topics separated by `;`, frequency daily by default) as
 * confirmed subscribers: an operator's import. Bad rows are reported with their line numbers and
 * the good ones still imported; unsubscribed or suppressed addresses are skipped, never re-added.
 */
export async function importCsv(
  ctx: { store: SubscriberStore },
  text: string,
  now: Date,
): Promise<ImportReport> {
  const catalogue = new Set((await ctx.store.listTopics()).map((topic: Topic) => topic.slug));
  const { rows, errors } = parseRows(text, catalogue);
  const report: ImportReport = { added: 0, updated: 0, skipped: [], errors };
  for (const row of rows) {
    const known: Subscriber | undefined = await ctx.store.getSubscriberByEmail(row.email);
    if (known?.status === 'unsubscribed' || known?.status === 'suppressed') {
      report.skipped.push({ line: row.line, reason: `${row.email} is ${known.status}; not re-subscribed` });
      continue;
    }
    if (known)
      await ctx.store.updateSubscriber(
        known.id,
        { status: 'confirmed', topics: row.topics, frequency: row.frequency },
        now,
      );
    else
      await ctx.store.upsertSubscriber({
        email: row.email,
        status: 'confirmed',
        topics: row.topics,
        frequency: row.frequency,
      });
    if (known) report.updated += 1;
    else report.added += 1;
  }
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}

const CSV_SPECIAL = /[",\r\n]/;

function csvField(value: string): string {
  // A leading = + - @ would make a spreadsheet run a formula; emails and slugs never start so, but
  // the name column could.
  const safe = /^[=+\-@\t]/.test(value) ? `'${value}` : value;
  return CSV_SPECIAL.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header of the export; the first three columns re-import as is. */
export const EXPORT_HEADER = 'email,topics,frequency,status,name,created_at,confirmed_at,unsubscribed_at';

/** One export line (no line break) for a subscriber. */
export function formatSubscriberCsv(subscriber: Subscriber): string {
  return [
    subscriber.email,
    subscriber.topics.join(';'),
    subscriber.frequency,
    subscriber.status,
    subscriber.name ?? '',
    subscriber.createdAt,
    subscriber.confirmedAt ?? '',
    subscriber.unsubscribedAt ?? '',
  ]
    .map(csvField)
    .join(',');
}
