/** Cutting text for display, shared by normalize/ (abstracts) and render/ (cards). */

/** Abbreviations whose period ends no sentence ("et al. show", "e.g. BERT", "Fig. 2"). */
const ABBREVIATION =
  /(?:\bet al|\be\.g|\bi\.e|\bvs|\bcf|\bFig|\bFigs|\bEq|\bEqs|\bSec|\bRef|\bNo|\bapprox|\b[A-Z])\.$/;

/** Words a cut must not end on: "...and…" reads as a mistake. */
const DANGLING =
  /\s(?:and|or|but|nor|the|a|an|of|to|in|on|for|with|by|from|as|at|that|which|while|whereas|via|into|than|its|their|our|we|is|are|be)$/i;

function sentenceEnds(head: string): number[] {
  const ends: number[] = [];
  for (const m of head.matchAll(/[.!?](?=\s+["“(]?[\p{Lu}\p{N}])/gu)) {
    const at = (m.index ?? 0) + 1;
    if (!ABBREVIATION.test(head.slice(Math.max(0, at - 8), at))) ends.push(at);
  }
  return ends;
}

/**
 * Cuts `text` to at most `maxChars` characters at a sentence end, else at a clause end (`,` `;`
 * `:` or a dash) with "…", else at a word that is not a dangling "and"/"the". A sentence or clause
 * end counts only past 40% of the limit, so a short first sentence does not leave a stub.
 */
export function cutAtClause(text: string, maxChars: number): string {
  // A string never has more characters than UTF-16 units: most abstracts need no splitting.
  if (text.length <= maxChars) return text;
  if (Array.from(text).length <= maxChars) return text;
  if (maxChars <= 1) return maxChars === 1 ? '…' : '';
  const head = Array.from(text)
    .slice(0, maxChars - 1)
    .join('');
  const floor = head.length * 0.4;
  const sentence = sentenceEnds(`${head} X`)
    .filter((at) => at <= head.length)
    .pop();
  if (sentence !== undefined && sentence >= floor) return head.slice(0, sentence);
  let clause = -1;
  for (const m of head.matchAll(/[,;:](?=\s)|\s[–—-](?=\s)/g)) clause = m.index ?? -1;
  if (clause >= floor) return `${head.slice(0, clause).trimEnd()}…`;
  const space = head.lastIndexOf(' ');
  let cut = space >= head.length / 2 ? head.slice(0, space) : head;
  for (let i = 0; i < 4 && DANGLING.test(cut); i++) cut = cut.replace(/\s+\S+$/, '');
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
