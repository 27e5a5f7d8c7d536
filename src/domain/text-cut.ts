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

/** Words a clause cut keeps after the last full sentence; fewer leave a stub ("However…"). */
const MIN_CLAUSE_WORDS = 4;
/** Share of the limit a first sentence must fill to stand alone in place of a stub clause. */
const STUB_SENTENCE = 0.2;

function words(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/**
 * Cuts `text` to at most `maxChars` characters at a sentence end, else at a clause end (`,` `;`
 * `:` or a dash) with "…", else at a word that is not a dangling "and"/"the". A sentence or clause
 * end counts only past 40% of the limit, so a short first sentence does not leave a stub; a clause
 * of fewer than four words after a full sentence ("However…") gives way to that sentence.
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
  // A clause of a few words after a full sentence is a stub ("... implications. However…"): the
  // sentence reads better alone, unless it is itself a stub of the limit.
  const stub =
    sentence !== undefined && clause > sentence && words(head.slice(sentence, clause)) < MIN_CLAUSE_WORDS;
  if (clause >= floor && !stub) return `${head.slice(0, clause).trimEnd()}…`;
  if (clause >= floor && sentence !== undefined && sentence >= STUB_SENTENCE * head.length)
    return head.slice(0, sentence);
  const space = head.lastIndexOf(' ');
  let cut = space >= head.length / 2 ? head.slice(0, space) : head;
  for (let i = 0; i < 4 && DANGLING.test(cut); i++) cut = cut.replace(/\s+\S+$/, '');
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/**
 * The opening of an abstract's sentence that says what the paper does: "We propose...", "In this
 * paper, we...", "This work presents...", "To address this, we..."; not "We also discuss...".
 */
const CONTRIBUTION =
  /^(?:(?:In this (?:paper|work|study|article)|Here|To (?:this end|address|tackle|bridge|overcome|fill|solve|mitigate)[^.,]{0,80}|Therefore|Thus|Accordingly|Motivated by[^.,]{0,80}|Inspired by[^.,]{0,80}),?\s+)?(?:we(?!\s+(?:also|further|finally|then|additionally|next)\b)|this (?:\w+ ){0,2}(?:paper|work|study|article|survey|report)|our (?:work|paper|study))\b/i;

/** Sentences of background an abstract's card may skip to reach what the paper does. */
const MAX_SKIPPED_SENTENCES = 4;

/**
 * An abstract from its first sentence that says what the paper does, when one of the first few
 * does and background comes before it: a card of a few lines then says what the paper does
 * ("We propose MESA, an LLM-based framework...") rather than what the field knows ("Large
 * language models have seen significant advancements..."). A sentence that points back ("this
 * technique") keeps the one before it when both fit in `maxChars`. The text itself otherwise.
 */
export function fromContribution(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  // An abstract that opens with what the paper does ("This survey reviews...") keeps its opening.
  if (CONTRIBUTION.test(text)) return withoutFiller(text);
  const ends = sentenceEnds(text);
  for (let s = 0; s < ends.length && s < MAX_SKIPPED_SENTENCES; s += 1) {
    const rest = text.slice(ends[s]).trimStart();
    if (!CONTRIBUTION.test(rest)) continue;
    // "We improve this technique by..." needs the sentence that says which, when both fit.
    const sentence = text.slice(text.length - rest.length, ends[s + 1] ?? text.length);
    // "To address this, we introduce Z": the card starts at "We introduce Z" (what "this" was is
    // in the background it skips).
    const opener = BACK_OPENER.exec(rest);
    if (opener) return capitalize(rest.slice(opener[0].length));
    if (!REFERS_BACK.test(sentence.slice(0, 100))) return withoutFiller(rest);
    const withPrevious = text.slice(s === 0 ? 0 : (ends[s - 1] as number)).trimStart();
    return withPrevious.length - rest.length + sentence.length <= maxChars ? withPrevious : rest;
  }
  return text;
}

/**
 * An opening clause that points back to the background before it ("To address this, ", "To
 * tackle these challenges, ", "To this end, ", "Motivated by this, ") ahead of "we ...".
 */
const BACK_OPENER =
  /^(?:To this end|To (?:address|tackle|bridge|overcome|fill|solve|mitigate|close)\s+(?:this|these|such|it|them)\b[^.,]{0,60}|(?:Motivated|Inspired) by (?:this|these|such|it)\b[^.,]{0,60}),\s+(?=we\b)/i;

/** The text with its first letter in capitals. */
export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "In this paper, " / "Here, " before "we ...": a card has no room for it. */
const FILLER_OPENER = /^(?:In this (?:paper|work|study|article|letter)|Here),\s+(?=we\b)/i;

function withoutFiller(text: string): string {
  const filler = FILLER_OPENER.exec(text);
  return filler ? capitalize(text.slice(filler[0].length)) : text;
}

/** Words that point back to an earlier sentence: "this technique", "these challenges". */
const REFERS_BACK =
  /\b(?:this|these|such)\s+(?!(?:paper|work|study|article|survey|report|research|end)\b)[a-z]+/i;
