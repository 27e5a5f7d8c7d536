import type { Subscriber } from '../domain/index.js';

const CSV_SPECIAL = /[",\r\n]/;

export interface ExportOptions {
  /**
   * Prefix `'` to fields a spreadsheet would run as a formula (leading = + - @ or a tab). For
   * opening the file in a spreadsheet only: such a file does not re-import the same addresses.
   */
  spreadsheetSafe?: boolean;
}

function csvField(value: string, options: ExportOptions): string {
  const safe = options.spreadsheetSafe && /^[=+\-@\t]/.test(value) ? `'${value}` : value;
  return CSV_SPECIAL.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header of the export; `subscribers import` reads every column back. */
export const EXPORT_HEADER = 'email,topics,frequency,status,name,created_at,confirmed_at,unsubscribed_at,key';

/** One export line (no line break) for a subscriber; every value exactly as stored by default. */
export function formatSubscriberCsv(subscriber: Subscriber, options: ExportOptions = {}): string {
  return [
    subscriber.email,
    subscriber.topics.join(';'),
    subscriber.frequency,
    subscriber.status,
    subscriber.name ?? '',
    subscriber.createdAt,
    subscriber.confirmedAt ?? '',
    subscriber.unsubscribedAt ?? '',
    subscriber.key,
  ]
    .map((value) => csvField(value, options))
    .join(',');
}
