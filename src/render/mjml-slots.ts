/**
 * MJML copies the content of its "ending tags" (mj-text, mj-raw, mj-title, mj-button, mj-table,
 * mj-preview) into the HTML as it is, trimmed. So a document can be compiled with each such
 * content replaced by a marker, and the real contents put back into the compiled HTML by string
 * replacement: the result is byte for byte what compiling the whole document gives. The document
 * without its contents (the skeleton) is the same for every edition of the same shape, so its
 * compiled HTML can be cached and MJML skipped.
 */

/** A document cut into its skeleton (contents replaced by markers) and the cut-out contents. */
export interface SlottedMjml {
  skeleton: string;
  /** Trimmed contents, by marker number. */
  slots: string[];
}

const ENDING_TAGS =
  /<(mj-text|mj-raw|mj-title|mj-button|mj-table|mj-preview)((?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=/`]+))?)*)\s*>([\s\S]*?)<\/\1\s*>/g;
const MARKER_STEM = 'ppslot7f3a';
const MARKER = /ppslot7f3a(\d+)x/g;

/**
 * What would make MJML touch the contents: inline styles (juice), mj-html-attributes (cheerio
 * over the whole body), includes, comments or Outlook conditionals inside a content, or a marker
 * already in the text.
 */
const UNSAFE_DOCUMENT = /<mj-html-attributes|<mj-include|\binline\s*=\s*["']?inline|ppslot7f3a/i;
const UNSAFE_CONTENT = /<!--|<!\[|<mj-/i;

function marker(index: number): string {
  return `${MARKER_STEM}${index}x`;
}

/**
 * Cut `mjml` into skeleton and contents, or null when the document uses a feature that lets
 * MJML rewrite contents (then it must be compiled whole).
 */
export function slotMjml(mjml: string): SlottedMjml | null {
  if (UNSAFE_DOCUMENT.test(mjml)) return null;
  const slots: string[] = [];
  let unsafe = false;
  const skeleton = mjml.replace(ENDING_TAGS, (whole, tag: string, attrs: string, content: string) => {
    if (UNSAFE_CONTENT.test(content)) unsafe = true;
    const trimmed = content.trim();
    if (trimmed === '') return whole;
    slots.push(trimmed);
    return `<${tag}${attrs}>${marker(slots.length - 1)}</${tag}>`;
  });
  return unsafe ? null : { skeleton, slots };
}

/**
 * Put the contents back into the compiled skeleton (a marker may appear more than once: the
 * title is also the body's aria-label). Null when a marker is missing: MJML did something
 * unexpected with a content, so the document must be compiled whole.
 */
export function fillSlots(html: string, slots: readonly string[]): string | null {
  const seen = new Uint8Array(slots.length);
  let ok = true;
  const filled = html.replace(MARKER, (_, digits: string) => {
    const index = Number(digits);
    const content = slots[index];
    if (content === undefined) {
      ok = false;
      return '';
    }
    seen[index] = 1;
    return content;
  });
  return ok && seen.every((s) => s === 1) ? filled : null;
}
