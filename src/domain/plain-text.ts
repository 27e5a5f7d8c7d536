import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';
import { INVISIBLE_CHARS } from './text-guards.js';

const require = createRequire(import.meta.url);
let sanitizer: typeof SanitizeHtml | undefined;

/** sanitize-html (with postcss) takes ~0.1 s to load and most feeds never need it: load on use. */
function sanitizeHtml(...args: Parameters<typeof SanitizeHtml>): string {
  sanitizer ??= require('sanitize-html') as typeof SanitizeHtml;
  return sanitizer(...args);
}

/** Block elements whose boundaries must stay word boundaries once tags are gone. */
const BLOCK_TAG =
  /<(\/?)(p|div|br|hr|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|section|article|header|footer|dd|dt|dl|figure|figcaption)\b/gi;

/** A complete tag (the complement of NOT_A_TAG). */
const COMPLETE_TAG = /<\/?[A-Za-z][\w-]*(?:\s[^<>]*)?\/?>/;

/** A `<` that does not open a complete tag (`p<0.05`, `a < b`): a character in plain text. */
const NOT_A_TAG = /<(?!\/?[A-Za-z][\w-]*(?:\s[^<>]*)?\/?>)/g;

const ESCAPES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Options of toPlainText. */
export interface PlainTextOptions {
  /**
   * The input is plain text (arXiv, HF JSON): `&` and a `<` that opens no complete tag are kept
   * as characters; complete tags (`<script>`, `<b>`) are still removed, as a defence in depth.
   */
  plain?: boolean;
  /**
   * Keep line breaks (at block elements and in the text), each line's whitespace collapsed and
   * empty lines dropped: for text read line by line (DSN fields in an HTML-only bounce).
   */
  lines?: boolean;
}

/**
 * The one way from HTML to text (feed text in normalize/, HTML-only bounces in bounces/, the
 * spam estimate in render/). Plain text of HTML (or text): no tags at all (script and style dropped with their
 * content), entities decoded, whitespace collapsed, trimmed, and cut at a word boundary with "…"
 * so that the result has at most `maxChars` characters.
 */
export function toPlainText(
  htmlOrText: string | null,
  maxChars?: number,
  options: PlainTextOptions = {},
): string {
  if (!htmlOrText) return '';
  // Fast path (most arXiv abstracts): no markup and nothing to decode, so only whitespace changes.
  if (!htmlOrText.includes('<') && (options.plain || !htmlOrText.includes('&'))) {
    return finish(htmlOrText, maxChars, options.lines);
  }
  // Plain text whose every `<` is a character (`p<0.05`): sanitize-html would escape them and
  // the `&`s, find no tag, and give the text back unchanged, so skip it.
  if (options.plain && !COMPLETE_TAG.test(htmlOrText) && !htmlOrText.includes('\u0000')) {
    return finish(htmlOrText, maxChars, options.lines);
  }
  const input = options.plain
    ? htmlOrText.replace(/&/g, '&amp;').replace(NOT_A_TAG, '&lt;')
    : htmlOrText.replace(BLOCK_TAG, options.lines ? '\n<$1$2' : ' <$1$2');
  const stripped = sanitizeHtml(input, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: [
      'script',
      'style',
      'title',
      'textarea',
      'option',
      'noscript',
      'template',
      'iframe',
      'object',
    ],
  });
  // sanitize-html re-escapes text; its escapes are the only entities left.
  return finish(
    stripped.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ESCAPES[e] ?? e),
    maxChars,
    options.lines,
  );
}

/** Control and invisible characters become spaces, whitespace collapses, then the cut. */
function finish(text: string, maxChars: number | undefined, lines = false): string {
  if (lines) {
    const kept = text
      .split(/\r?\n|\r/)
      .map((line) => finish(line, undefined))
      .filter((line) => line !== '')
      .join('\n');
    return maxChars === undefined ? kept : cutAtWord(kept, maxChars);
  }
  const collapsed = text
    .replace(INVISIBLE_CHARS, ' ')
    // Same as /\s+/g -> ' ', but single spaces (nearly all of them) are left alone.
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
  return maxChars === undefined ? collapsed : cutAtWord(collapsed, maxChars);
}

/** Cuts text to at most `maxChars` characters at a word boundary, ending with "…". */
export function cutAtWord(text: string, maxChars: number): string {
  // A string never has more characters than UTF-16 units: most texts need no splitting.
  if (text.length <= maxChars) return text;
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  if (maxChars <= 1) return maxChars === 1 ? '…' : '';
  const head = chars.slice(0, maxChars - 1).join('');
  const atBoundary = /\s/.test(chars[maxChars - 1] ?? ' ');
  const space = head.lastIndexOf(' ');
  const cut = atBoundary ? head : space >= head.length / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:.\-\u2013\u2014]+$/, '')}…`;
}
