/**
 * HTML escaping for the templates and personalization. Whether a URL may be linked at all is
 * domain's `safeHttpUrl` (the one judge); escaping here only makes text safe inside HTML.
 */

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
