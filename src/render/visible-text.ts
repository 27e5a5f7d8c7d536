import { INVISIBLE_CHARS } from '../domain/index.js';

/** Elements whose content is never shown: the head (title, styles) and scripts. */
const HIDDEN = /<(head|style|script|title|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/** Comments, Outlook's conditional ones (`<!--[if mso]>...<![endif]-->`) included. */
const COMMENT = /<!--[\s\S]*?-->/g;

/** `<!doctype html>` and other declarations. */
const DECLARATION = /<![A-Za-z][^>]*>/g;

/** A start or end tag and its name. */
const TAG = /<\/?([A-Za-z][\w-]*)(?:\s[^<>]*)?\/?>/g;

/** Elements whose edges are word boundaries in the text a reader sees. */
const BLOCK =
  /^(?:p|div|br|hr|li|ul|ol|h[1-6]|tr|td|th|table|tbody|thead|tfoot|blockquote|pre|section|article|header|footer|dd|dt|dl|figure|figcaption|center)$/i;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;

function decode(_: string, dec?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED[name.toLowerCase()] ?? '';
  const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/**
 * The text a reader sees in HTML this program rendered (its own templates, every feed text escaped
 * by the template engine), whitespace collapsed: what the closing check of a run reads for its
 * spam estimate. The same text as `toPlainText` gives for such HTML (tested on rendered letters),
 * without loading sanitize-html and postcss for it, which cost a run ~60 ms of its ~0.9 s. Never
 * for HTML from outside (feeds, bounces, a message file given to `paperpost check`): that is
 * `toPlainText`'s job.
 */
export function visibleTextOfRendered(html: string): string {
  return html
    .replace(HIDDEN, ' ')
    .replace(COMMENT, '')
    .replace(DECLARATION, ' ')
    .replace(TAG, (_, name: string) => (BLOCK.test(name) ? ' ' : ''))
    .replace(ENTITY, decode)
    .replace(INVISIBLE_CHARS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
