/**
 * An absolute http(s) address, or null: `javascript:`, `data:`, `vbscript:`, relative and
 * malformed addresses and addresses with credentials never reach a link.
 */
export function safeUrl(u: string | null | undefined): string | null {
  if (typeof u !== 'string') return null;
  const t = u.trim();
  if (t === '' || t.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // `https://user:pass@host/` can make a link read as another site; no feed needs credentials.
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}
