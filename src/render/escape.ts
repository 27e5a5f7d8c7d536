/** Plain-text and URL guards shared by the templates and personalization. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Escape a template value for HTML and break any `%%` so feed text can never form a
 * per-subscriber placeholder (`%&#37;` still shows as `%%`).
 */
export function escapeTemplateHtml(value: unknown): string {
  return escapeHtml(String(value ?? '')).replace(/%%/g, '%&#37;');
}

/** Same guard for the text part: `%%` becomes `% %`. */
export function escapeTemplateText(value: unknown): string {
  return String(value ?? '').replace(/%%/g, '% %');
}

/**
 * The URL if it is an absolute http(s) URL without credentials, normalized; otherwise null.
 * Feed URLs were sanitized upstream; this is the second line of defence.
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.href;
}

/** Plain text with control characters removed and whitespace collapsed. */
export function cleanText(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
