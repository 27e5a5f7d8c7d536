import { type NewSubscriber, SUBSCRIBER_KEY, type SubscriberStatus } from '../domain/index.js';
import { checkTopicChoice, parseFrequency } from './choices.js';
import type { CsvRecord } from './csv-reader.js';
import { normalizeEmail } from './normalize-email.js';

/** Columns an import reads; `email` is required, the others optional, in any order. */
export const IMPORT_COLUMNS = [
  'email',
  'topics',
  'frequency',
  'status',
  'name',
  'created_at',
  'confirmed_at',
  'unsubscribed_at',
  'key',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
export type Columns = Partial<Record<Column, number>>;

const STATUSES: readonly SubscriberStatus[] = ['pending', 'confirmed', 'unsubscribed', 'suppressed'];

/** A row ready to store, with the line it came from. */
export interface ImportRow {
  line: number;
  subscriber: NewSubscriber;
}

/** The column positions the header names; a reason when it is not a usable header. */
export function readHeader(record: CsvRecord): Columns | string {
  if (record.error !== undefined) return `unreadable header (${record.error})`;
  const names = record.fields.map((name) => name.trim().toLowerCase());
  const columns: Columns = {};
  for (const column of IMPORT_COLUMNS) {
    const at = names.indexOf(column);
    if (at >= 0) columns[column] = at;
  }
  if (columns.email !== undefined) return columns;
  const only = record.fields[0] ?? '';
  if (record.fields.length === 1 && /[;\t]/.test(only) && /email/i.test(only))
    return 'fields are separated by ";" or tabs; expected "," (save as CSV, comma-separated)';
  if (record.fields.some((value) => normalizeEmail(value.trim()) !== undefined))
    return 'no header line: the first line must name the columns (email,topics,frequency)';
  return `the header must name an email column (got ${names.slice(0, 5).join(',').slice(0, 80)})`;
}

function cell(record: CsvRecord, at: number | undefined): string {
  return at === undefined ? '' : (record.fields[at] ?? '').trim();
}

/** An ISO time stamp, null when empty, a reason when it is not a date. */
function stamp(value: string, column: string): string | null | { reason: string } {
  if (value === '') return null;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms))
    return { reason: `${column} "${value.slice(0, 40)}" is not an ISO date` };
  return new Date(ms).toISOString();
}

/**
 * One record as a subscriber, or the reason it can't be honoured. Without a status column a row
 * is `confirmed` now (the operator vouches for consent); with one, status, consent time stamps
 * and key are kept as exported, so a move to another store brings nobody back who had left.
 */
export function readRow(record: CsvRecord, columns: Columns, catalogue: Set<string>): ImportRow | string {
  if (record.error !== undefined) return `unreadable CSV record (${record.error})`;
  const rawEmail = cell(record, columns.email);
  const email = normalizeEmail(rawEmail);
  if (email === undefined) return `invalid email "${rawEmail.slice(0, 80)}"`;
  const topics = [
    ...new Set(
      cell(record, columns.topics)
        .split(';')
        .map((slug) => slug.trim().toLowerCase())
        .filter((slug) => slug !== ''),
    ),
  ];
  const wrongTopics = checkTopicChoice(topics, catalogue);
  if (wrongTopics !== undefined) return wrongTopics;
  const rawFrequency = cell(record, columns.frequency).toLowerCase();
  const frequency = rawFrequency === '' ? 'daily' : parseFrequency(rawFrequency);
  if (frequency === undefined) return `frequency must be daily or weekly, got "${rawFrequency.slice(0, 40)}"`;
  const rawStatus = cell(record, columns.status).toLowerCase();
  const status = (rawStatus === '' ? 'confirmed' : rawStatus) as SubscriberStatus;
  if (!STATUSES.includes(status))
    return `status must be one of ${STATUSES.join(', ')}, got "${rawStatus.slice(0, 40)}"`;
  const key = cell(record, columns.key).toLowerCase();
  if (key !== '' && !SUBSCRIBER_KEY.test(key)) return `key "${key.slice(0, 40)}" is not 32 hex digits`;
  const subscriber: ImportRow['subscriber'] = { email, status, topics, frequency };
  const name = cell(record, columns.name);
  if (name !== '') subscriber.name = name;
  if (key !== '') subscriber.key = key;
  if (columns.status === undefined) return { line: record.line, subscriber };
  const created = stamp(cell(record, columns.created_at), 'created_at');
  const confirmed = stamp(cell(record, columns.confirmed_at), 'confirmed_at');
  const left = stamp(cell(record, columns.unsubscribed_at), 'unsubscribed_at');
  for (const value of [created, confirmed, left])
    if (value !== null && typeof value === 'object') return value.reason;
  // An absent stamp is set by the store from the status (now, or none).
  if (typeof created === 'string') subscriber.createdAt = created;
  if (typeof confirmed === 'string') subscriber.confirmedAt = confirmed;
  if (typeof left === 'string') subscriber.unsubscribedAt = left;
  return { line: record.line, subscriber };
}
