/**
 * Field readers for parsed feed trees. Each returns a value or null/[] for garbage: one bad field
 * never fails an entry, one bad entry never fails a feed.
 */

/** Text of a node: a string, a number, `{ _: text }` from xml2js, or the first of an array. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.length > 0 ? text(value[0]) : null;
  if (value && typeof value === 'object' && '_' in value) return text((value as { _: unknown })._);
  return null;
}

/** Trimmed text, or null when empty. */
export function trimmed(value: unknown): string | null {
  const t = text(value)?.trim();
  return t ? t : null;
}

/** An attribute of an xml2js node (`{ $: { term } }`), or null. */
export function attr(value: unknown, name: string): string | null {
  const node = Array.isArray(value) ? value[0] : value;
  if (!node || typeof node !== 'object' || !('$' in node)) return null;
  const attrs = (node as { $: unknown }).$;
  if (!attrs || typeof attrs !== 'object') return null;
  return trimmed((attrs as Record<string, unknown>)[name]);
}

/** A value as an array (xml2js gives one node or many). */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A non-negative integer, or null (accepts numeric strings). */
export function count(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

/**
 * ISO 8601 UTC (`2024-11-28T05:00:00.000Z`) of an RFC 822 or ISO 8601 date, or null for garbage
 * and for years outside 1000-9999.
 */
export function isoDate(value: unknown): string | null {
  const t = trimmed(value);
  // V8's Date.parse takes "42" for 2042: ask for a 4-digit year or an RFC 822 "28 Nov 04".
  if (!t || !/\d{4}|\b\d{1,2}\s+[A-Za-z]{3,}\s+\d{2}\b/.test(t)) return null;
  const ms = Date.parse(fixTimezone(t));
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? date.toISOString() : null;
}

/** Date.parse knows GMT/UT/EST/EDT/...; map a few more RFC 822 zone names and `Z` spellings. */
function fixTimezone(value: string): string {
  return value
    .replace(/\s+(UTC|Z)$/i, ' GMT')
    .replace(/\s+([+-]\d{2}):?(\d{2})$/, ' $1$2')
    .replace(/\b(\d{4}-\d{2}-\d{2})[ ](\d{2}:\d{2})/, '$1T$2');
}

/** Distinct non-empty trimmed strings, in order. */
export function distinct(values: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  for (const v of values) {
    const t = v?.trim();
    if (t) seen.add(t);
  }
  return [...seen];
}
