import { domainToASCII } from 'node:url';

/** RFC 5321 limits: whole path 254, local part 64, domain label 63. */
const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_LABEL = 63;

/** Unquoted local part (RFC 5322 dot-atom): no spaces, quotes, brackets, commas or controls. */
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Anything that could end a header line or hide in one: controls, DEL, Unicode line breaks. */
const UNSAFE = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

function normalizeDomain(raw: string): string | undefined {
  if (raw.startsWith('[')) return undefined; // address literals: no real subscriber uses them
  const lower = raw.toLowerCase().replace(/\.$/, '');
  // Plain ASCII names need no IDNA mapping (domainToASCII costs ~15 µs, most of an import's row);
  // punycode labels (xn--) still go through it to be checked.
  const ascii = /^[a-z0-9.-]+$/.test(lower) && !lower.includes('xn--') ? lower : domainToASCII(lower);
  if (ascii === '' || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2) return undefined;
  for (const label of labels) {
    if (label.length > MAX_LABEL || !LABEL.test(label)) return undefined;
  }
  const tld = labels[labels.length - 1] ?? '';
  return /^[0-9]+$/.test(tld) ? undefined : ascii;
}

/**
 * The canonical form of an email address, or undefined when it is not one Paperpost will mail.
 * Trims surrounding spaces, lowercases the whole address (pragmatic: no real mailbox differs by
 * case), converts an IDN domain to punycode and rejects control characters (CR/LF: no header
 * injection), spaces, quotes, address literals, non-ASCII local parts and over-long addresses.
 */
export function normalizeEmail(input: string): string | undefined {
  if (typeof input !== 'string' || input.length > MAX_ADDRESS * 4 || UNSAFE.test(input)) return undefined;
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return undefined;
  const local = trimmed.slice(0, at).toLowerCase();
  if (local.length > MAX_LOCAL || !LOCAL_PART.test(local)) return undefined;
  const domain = normalizeDomain(trimmed.slice(at + 1));
  if (domain === undefined) return undefined;
  const address = `${local}@${domain}`;
  return address.length > MAX_ADDRESS ? undefined : address;
}
