/** Header-safe text helpers: nothing a user typed reaches a header with a line break in it. */

// CR, LF and the other C0/C1 controls (TAB kept as a space) never belong in a header value.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;
const NON_ASCII = /[^\u0020-\u007e]/;
/** RFC 5322 "specials" that force a display name into a quoted string. */
const SPECIALS = /[()<>[\]:;@\\,."]/;

/** Strips CR/LF and other control characters, collapsing them into one space. */
export function stripControls(value: string): string {
  return value.replace(CONTROLS, ' ').trim();
}

/**
 * RFC 2047 encoded-words (UTF-8, base64) for non-ASCII text, all on one line; ASCII passes
 * through. Words hold at most 45 bytes (60 base64 characters), split on code points.
 */
export function encodeWords(value: string): string {
  const clean = stripControls(value);
  if (!NON_ASCII.test(clean)) return clean;
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const char of clean) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > 45 && chunk !== '') {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

/** A display name as a header phrase: encoded-words when non-ASCII, quoted when it has specials. */
export function encodePhrase(value: string): string {
  const clean = stripControls(value);
  if (NON_ASCII.test(clean)) return encodeWords(clean);
  if (SPECIALS.test(clean)) return `"${clean.replace(/[\\"]/g, '\\$&')}"`;
  return clean;
}

/**
 * An address usable in a header and an envelope: no controls, no spaces, no angle brackets or
 * commas. Returns null when nothing sensible is left.
 */
export function safeAddress(value: string): string | null {
  const clean = stripControls(value).replace(/^mailto:/i, '');
  if (!/^[^\s<>,;"()\\]+@[^\s<>,;"()\\@]+$/.test(clean)) return null;
  return clean;
}

/**
 * A URL written inside a header's `<...>`: controls removed, spaces, quotes and angle brackets
 * percent-encoded. It does not judge the URL (domain's `safeHttpUrl` does, upstream).
 */
export function headerUrl(value: string): string {
  return stripControls(value).replace(
    /[\s<>"]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** `Message-ID` value in angle brackets, whatever form the ledger stored. */
export function angleId(messageId: string): string {
  const clean = stripControls(messageId).replace(/[\s<>]/g, '');
  return `<${clean}>`;
}

/** RFC 5322 date-time ("Tue, 02 Jan 2024 08:00:00 +0000"). */
export function formatDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}
