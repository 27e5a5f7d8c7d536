import { convert } from 'html-to-text';

/**
 * Plain text of a short HTML mail (confirmation, welcome): links spelled out after their text,
 * the hidden preheader and images left out.
 */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: 72,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['<', '>'] } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'div[style*="display:none"]', format: 'skip' },
      { selector: 'title', format: 'skip' },
    ],
  }).trim();
}
