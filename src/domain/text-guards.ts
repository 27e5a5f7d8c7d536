/**
 * The one sanitizer for feed text and links wherever they are shown: normalize/ applies it when
 * papers come in, render/ again in the mail, server/ again in the web archive (papers stored
 * before a guard existed are shown through it too).
 */

/**
 * Controls and invisible characters: C0/C1 controls, zero-width and bidi marks (U+200B-U+200F),
 * line/paragraph separators, bidi embeddings and overrides (U+202A-U+202E), bidi isolates
 * (U+2066-U+2069) and the BOM. They can reorder or hide what a title or author seems to say.
 */
export const INVISIBLE_CHARS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Plain text with controls and invisible characters removed and whitespace collapsed. */
export function cleanText(value: string | null | undefined): string {
  if (!value) return '';
  return value.replace(INVISIBLE_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The one judge of URLs: `value` parsed if it is an absolute http(s) URL with a host and without
 * credentials (`https://user:pass@host/` can make a link read as another site); otherwise null.
 * Callers with stricter needs (the SNS certificate host, the site's base URL) check the result.
 */
export function parseHttpUrl(value: string | null | undefined): URL | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (trimmed.length > 4096 || !/^https?:\/\//i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url;
}

/** The URL normalized if `parseHttpUrl` accepts it (a link may point there); otherwise null. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  return parseHttpUrl(value)?.href ?? null;
}
