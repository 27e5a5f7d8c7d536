/** Cutting text for display, shared by normalize/ (abstracts) and render/ (cards). */

/** Abbreviations whose period ends no sentence ("et al. show", "e.g. BERT", "Fig. 2"). */
const ABBREVIATION =
  /(?:\bet al|\be\.g|\bi\.e|\bvs|\bcf|\bFig|\bFigs|\bEq|\bEqs|\bSec|\bRef|\bNo|\bapprox|\bRev|\bPhys|\bLett|\bProc|\bNucl|\bChem|\bAstron|\bAstrophys|\bVol|\bpp|\bSt|\bDr|\bMrs?|\bMs|\bProf|\bJr|\bSr|\bInc|\bLtd|\b[A-Z])\.$/;

/** Words a cut must not end on: "...and…" reads as a mistake. */
const DANGLING =
  /\s(?:and|or|but|nor|the|a|an|of|to|in|on|for|with|by|from|as|at|that|which|while|whereas|via|into|than|its|their|our|we|is|are|be)$/i;

function sentenceEnds(head: string): number[] {
  const ends: number[] = [];
  for (const m of head.matchAll(/[.!?](?=\s+["\u201c(]?[\p{Lu}\p{N}])/gu)) {
    const at = (m.index ?? 0) + 1;
    if (!ABBREVIATION.test(head.slice(Math.max(0, at - 8), at))) ends.push(at);
  }
  return ends;
}

/**
 * The first word of a phrase that opens a sentence before its subject ("Building on this idea,",
 * "To learn X,", "Using Y,"): cut at its comma, a card ends on no statement.
 */
const OPENING_PHRASE =
  /^\s*(?:In|As|To|Using|Building|Based|For|With|By|Given|Under|After|Following|Since|While|When|Although|Motivated|Inspired|Leveraging|From|On|At|Through|Unlike|Despite|Beyond|Compared|Assuming|Starting)\b/;

/** Most words of such an opening phrase; a longer stretch to the comma holds a statement. */
const MAX_OPENING_WORDS = 12;

/** Share of the limit before which no sentence or clause end is a cut (no stub of a card). */
const CUT_FLOOR = 0.4;

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
/**
 * A text its feed cut in the middle of a word ("... no complete mitogenome from the snake family
 * Psammophii...", as CNKI's feeds end every abstract): it ends at its last sentence end past
 * {@link CUT_FLOOR} of it, else after its last whole word with "…". Any other text is returned as
 * it is (a whole word before "..." is read as cut too: "etc..." loses a word at worst).
 */
export function mendFeedCut(text: string): string {
  if (!/[\p{L}\p{N}](?:\.{3}|\u2026)$/u.test(text)) return text;
  const body = text.replace(/\s*\S*(?:\.{3}|\u2026)$/u, '');
  if (body.trim() === '') return text;
  const sentence = sentenceEnds(`${body} X`)
    .filter((at) => at <= body.length)
    .pop();
  if (sentence !== undefined && sentence >= CUT_FLOOR * body.length) return body.slice(0, sentence);
  return endAtWord(body);
}

/** `cut` (ending on a whole word) with "…", no dangling "and"/"the" and no punctuation before it. */
function endAtWord(text: string): string {
  let cut = text;
  for (let i = 0; i < 4 && DANGLING.test(cut); i++) cut = cut.replace(/\s+\S+$/, '');
  return `${cut.replace(/[\s,;:.\-\u2013\u2014]+$/, '')}\u2026`;
}

export function cutAtClause(text: string, maxChars: number): string {
  // A string never has more characters than UTF-16 units: most abstracts need no splitting.
  if (text.length <= maxChars) return text;
  if (Array.from(text).length <= maxChars) return text;
  if (maxChars <= 1) return maxChars === 1 ? '…' : '';
  const head = Array.from(text)
    .slice(0, maxChars - 1)
    .join('');
  const floor = head.length * CUT_FLOOR;
  const sentence = sentenceEnds(`${head} X`)
    .filter((at) => at <= head.length)
    .pop();
  if (sentence !== undefined && sentence >= floor) return head.slice(0, sentence);
  let clause = -1;
  for (const m of head.matchAll(/[,;:](?=\s)|\s[\u2013\u2014-](?=\s)/g)) clause = m.index ?? -1;
  // A clause of a few words after a full sentence is a stub ("... implications. However…"), as is
  // the opening phrase of the next sentence before its comma ("... diffusion. Building on this
  // idea…", "In a prethermal regime…"): the sentence reads better alone, unless it is itself a
  // stub of the limit.
  const tail = sentence !== undefined && clause > sentence ? head.slice(sentence, clause) : undefined;
  const stub =
    tail !== undefined &&
    (words(tail) < MIN_CLAUSE_WORDS ||
      (head[clause] === ',' && words(tail) < MAX_OPENING_WORDS && OPENING_PHRASE.test(tail)));
  if (clause >= floor && !stub) return `${head.slice(0, clause).trimEnd()}…`;
  if (clause >= floor && sentence !== undefined && sentence >= STUB_SENTENCE * head.length)
    return head.slice(0, sentence);
  const space = head.lastIndexOf(' ');
  return endAtWord(space >= head.length / 2 ? head.slice(0, space) : head);
}

/**
 * Who does what a sentence says, when it says what the paper does: "we" (not "we also", "we
 * still"), "I" after "Here" or "In this paper" (elsewhere it is a blog's or a forum's narrator),
 * "this paper", "this review paper", "the present study", "our work"; after "In this work, " or
 * "Here " when an opening clause comes first ("Motivated by X, in this work we").
 */
const SUBJECT = String.raw`(?:(?:in this (?:paper|work|study|article|letter)|here),?\s+)?(?:we(?!\s+(?:also|further|finally|then|additionally|next|still|lack|know|need|often|usually|recall|briefly|mean|call|denote|refer|have (?:seen|witnessed)|cannot|can't|must)\b)|(?<=(?:here|paper|article|work|study|letter),?\s+)I(?=\s+[a-z])|(?:this|the present) (?:[\w.-]+ ){0,2}(?:paper|work|study|article|survey|report|manuscript|thesis|letter|review|research|note|chapter|dissertation)(?!\s+(?:is|was|are|were|will|can|may)\s+also\b)|our (?:work|paper|study))\b`;

/**
 * The opening of an abstract's sentence that says what the paper does: "We propose...", "In this
 * paper, we...", "This work presents...", "To address this, we...", "Inspired by X, we...", an
 * opening clause of up to 200 characters before its subject (`opener`); not "We also discuss...".
 */
const CONTRIBUTION = new RegExp(
  String.raw`^(?:(?<opener>To\s[^.!?;,]{1,120}?|Thus|Therefore|Hence|Accordingly|Here),?\s+|(?<clause>[^.!?;]{1,200}?),\s+)?${SUBJECT}`,
  'i',
);

/**
 * A sentence that says what the paper does in the passive, as abstracts in some fields do: "To
 * address this issue, a continuous decomposition-based fusion framework (Conti-Fuse) is proposed",
 * "In this paper, a novel BSS framework termed CORSS was proposed" (not "hundreds of methods have
 * been proposed", "TTT was proposed as a solution", "X was introduced by Smith").
 */
const PROPOSED =
  /\b(?:is|are) (?:proposed|presented|introduced|developed)\b(?!\s+by\b)|\b(?:was|were) (?:proposed|presented|introduced|developed) (?:in|by) this (?:paper|study|work|article)\b|^in this (?:paper|study|work|article),? (?:an?|the) [^.!?;]{1,200}? (?:was|were) (?:proposed|presented|introduced|developed)\b/i;

/**
 * The start of `sentence` when it says what the paper does in the passive ({@link PROPOSED}), as
 * {@link contribution} gives it: an opening clause before its subject as `clause`, when one of the
 * first 200 characters' commas ends one.
 */
function proposedIn(sentence: string): RegExpExecArray | null {
  if (!PROPOSED.test(sentence) || ADDS_TO.test(sentence)) return null;
  return /^(?:(?<clause>[^.!?;,]{1,200}),\s+)?/.exec(sentence);
}

/**
 * Openings of a sentence that adds to one before it ("In addition, we...", "As a by-product,
 * we...", "Specifically, we...", "However, we find..."): not where a card starts.
 */
const ADDS_TO =
  /^(?:in addition|additionally|moreover|furthermore|also|finally|eventually|then|next|further|besides|as a by-?product|in particular|particularly|especially|consequently|as a result|presumably|similarly|likewise|second(?:ly)?|third(?:ly)?|lastly|however|nevertheless|nonetheless|yet|still|meanwhile|in contrast|by contrast|on the other hand|specifically|namely|for (?:example|instance)|in (?:summary|conclusion|short|sum)|overall|taken together|to (?:conclude|summarize|sum up)|in (?:a|an|our|their|the) (?:recent|previous|earlier|prior|former|companion|preliminary)\b)/i;

/** An opening clause that holds a clause of its own ("X is studied, and by using Y, we..."). */
const TWO_CLAUSES = /,\s+(?:and|but|or|so)\s/i;

/** The start of a sentence that says what the paper does (see {@link CONTRIBUTION}), or null. */
function contribution(sentence: string): RegExpExecArray | null {
  const found = CONTRIBUTION.exec(sentence);
  const opener = found?.groups?.opener ?? found?.groups?.clause;
  return opener !== undefined && (ADDS_TO.test(opener) || TWO_CLAUSES.test(opener)) ? null : found;
}

/**
 * Sentences of background an abstract's card may skip to reach what the paper does; past them,
 * only a sentence that plainly says it (see lateContribution).
 */
const MAX_SKIPPED_SENTENCES = 6;
/** Sentences past one that points back where a card may find one that names the work. */
const LOOK_PAST = 6;

/**
 * An abstract from its first sentence that says what the paper does, when one of the first few
 * does and background comes before it: a card of a few lines then says what the paper does
 * ("We propose MESA, an LLM-based framework...") rather than what the field knows ("Large
 * language models have seen significant advancements..."). A sentence that points back ("this
 * technique") keeps the one before it when both fit in `maxChars`; when they do not and it points
 * back to a thing the card skips ("We study these black holes"), or to a problem without saying
 * how the paper takes it on ("We identify a source of this difficulty"), a later sentence that
 * names the work ("We introduce X", "X is proposed") opens the card, else the short one before it
 * (the card cut in this one), else this one. The text itself otherwise.
 */
export function fromContribution(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  const ends = sentenceEnds(text);
  // An abstract that opens with what the paper does ("This survey reviews...") keeps its opening,
  // but for an opening clause too long to leave room for what follows it.
  const opening = contribution(text);
  if (opening) return withoutFiller(fitted(text, opening, ends[0] ?? text.length, maxChars));
  // "Let α be an exponential period. We show that ... α ...": what follows a definition needs it.
  if (DEFINITION.test(text)) return text;
  // A sentence that points back to a thing the card would skip ("We study these black holes"),
  // kept while a later one may name the work without pointing back ("We introduce X").
  let pointingBack: string | undefined;
  let backAt = Number.NEGATIVE_INFINITY;
  for (let s = 0; s < ends.length && (s < MAX_SKIPPED_SENTENCES || s <= backAt + LOOK_PAST); s += 1) {
    const rest = text.slice(ends[s]).trimStart();
    const sentence = text.slice(text.length - rest.length, ends[s + 1] ?? text.length);
    const active = contribution(rest);
    const found = active ?? proposedIn(sentence);
    if (!found) continue;
    // "To address this, we introduce Z": the card starts at "We introduce Z" (what "this" was is
    // in the background it skips).
    const opener = found.groups?.opener ?? found.groups?.clause;
    const skipsOpener = opener !== undefined && (BACK_WORD.test(opener) || CONNECTIVE.test(opener));
    if (pointingBack !== undefined) {
      const said = predicate(sentence, found);
      if ((active === null || NAMES_WORK.test(said)) && !pointsBackToSkipped(said))
        return withoutFiller(skipsOpener ? fromSubject(rest, opener) : rest);
      continue;
    }
    if (skipsOpener) {
      if (!pointsBackToSkipped(predicate(sentence, found))) return withoutFiller(fromSubject(rest, opener));
      pointingBack = withoutFiller(fromSubject(rest, opener));
      backAt = s;
      continue;
    }
    // "We improve this technique by..." needs the sentence that says which, when both fit.
    if (sentence.length > maxChars) return withoutFiller(fitted(rest, found, sentence.length, maxChars));
    if (!REFERS_BACK.test(sentence.slice(found[0].length, 100))) return withoutFiller(rest);
    const withPrevious = text.slice(s === 0 ? 0 : (ends[s - 1] as number)).trimStart();
    // ...unless that one points further back itself ("This has sparked advances. This survey
    // reviews these...").
    const previous = withPrevious.length - rest.length;
    const previousReads = !POINTS_BACK.test(withPrevious) && !ADDS_TO.test(withPrevious);
    if (previousReads && previous + sentence.length <= maxChars) return withPrevious;
    // Alone, "We address this problem by..." reads on its own; "We study these black holes" does
    // not, nor "We identify a structural source of this difficulty" (which difficulty?): a later
    // sentence that names the work opens the card instead, when there is one; else the one before,
    // when it says what "these" are in less than the share of the card a cut keeps whole (the card
    // then goes on into this one: "Existing evidence conflates A, B and C. We distinguish these
    // quantities using..."); else this one.
    const said = predicate(sentence, found);
    if (!pointsBackToSkipped(said) && SAYS_HOW.test(said)) return rest;
    const opensCard =
      previousReads &&
      !LEANS_BACK.test(withPrevious.slice(0, previous)) &&
      previous < CUT_FLOOR * (maxChars - 1);
    pointingBack = opensCard ? withPrevious : rest;
    backAt = s;
  }
  return pointingBack ?? lateContribution(text, ends, maxChars) ?? text;
}

/**
 * A long abstract's sentence past the background a card may skip (see MAX_SKIPPED_SENTENCES) that
 * plainly says what the paper does, the paper itself its subject ("This article analyzes one-way
 * and bidirectional models based on GPT and BERT...", nine sentences of the field's history in) or
 * its authors naming the work ("We propose X"), and pointing back to nothing the card skips; not
 * when the abstract's first sentence says it in the passive ("A new analysis ... is presented"),
 * which the card then opens on. The text from there, or undefined.
 */
function lateContribution(text: string, ends: readonly number[], maxChars: number): string | undefined {
  if (proposedIn(text.slice(0, ends[0] ?? text.length))) return undefined;
  for (let s = MAX_SKIPPED_SENTENCES; s < ends.length; s += 1) {
    const rest = text.slice(ends[s]).trimStart();
    const sentence = text.slice(text.length - rest.length, ends[s + 1] ?? text.length);
    const found = contribution(rest);
    if (!found) continue;
    const opener = found.groups?.opener ?? found.groups?.clause;
    // "To provide a structured understanding of this trend, this paper presents...": from its subject.
    const start =
      opener !== undefined && (BACK_WORD.test(opener) || CONNECTIVE.test(opener))
        ? fromSubject(rest, opener)
        : rest;
    const said = predicate(sentence, found);
    const subject = found[0].slice(opener === undefined ? 0 : found[0].indexOf(opener) + opener.length);
    const plain = PAPER_SUBJECT.test(subject.replace(/^[,\s]+/, '')) || NAMES_WORK.test(said);
    if (!plain || pointsBackToSkipped(said)) continue;
    return withoutFiller(
      sentence.length > maxChars && start === rest ? fitted(rest, found, sentence.length, maxChars) : start,
    );
  }
  return undefined;
}

/** The paper itself as a sentence's subject: "This article", "This review paper", "Our work". */
const PAPER_SUBJECT =
  /^(?:this|the present|our) (?:[\w.-]+ ){0,2}(?:paper|work|study|article|survey|report|manuscript|thesis|letter|review|research|note|chapter|dissertation)\b/i;

/** What `sentence` says after its subject `found`: up to 100 characters, in whole words. */
function predicate(sentence: string, found: RegExpExecArray): string {
  const said = sentence.slice(found[0].length);
  return said.length <= 100 ? said : said.slice(0, said.lastIndexOf(' ', 100));
}

/** An opening that defines what the rest is about, as mathematics writes it ("Let X be..."). */
const DEFINITION = /^(?:Let|Suppose|Fix)\s/;

/** `text` from the subject after its opening clause `opener`: "To X, we propose Y" -> "We propose Y". */
function fromSubject(text: string, opener: string): string {
  return capitalize(text.slice(opener.length).replace(/^,?\s+/, ''));
}

/**
 * `text`, whose first sentence (`length` characters) says what the paper does, from that
 * sentence's subject when the sentence is longer than the card and opens with a clause: "To
 * elucidate the robustness of the BAO data measured by DESI in capturing the dynamical behavior
 * of dark energy, we assess..." would leave a card of the clause alone.
 */
function fitted(text: string, found: RegExpExecArray, length: number, maxChars: number): string {
  const opener = found.groups?.opener ?? found.groups?.clause;
  return opener !== undefined && length > maxChars ? fromSubject(text, opener) : text;
}

/**
 * A word of an opening clause that points back to the background before it ("To address this, ",
 * "To tackle these challenges, ", "Building on these insights, ", "To this end, ").
 */
const BACK_WORD = /\b(?:this|these|such|those|it|them|its|their|above|aforementioned)\b/i;

/** An opening word that ties a sentence to the background a card skips ("Therefore, we..."). */
const CONNECTIVE =
  /^(?:thus|therefore|hence|accordingly|in response|to respond|in this regard|to this end)$/i;

/** Words by which a sentence leans on an earlier one ("From then on, these waves..."). */
const LEANS_BACK = /\b(?:this|these|those|such|then|they)\b/i;

/** A sentence that opens on what an earlier one said ("This has sparked...", "Such methods..."). */
const POINTS_BACK = /^(?:this|these|those|such|it|they|however|but)\b/i;

/** The text with its first letter in capitals. */
export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "In this paper, " / "Here, " before "we ...": a card has no room for it. */
const FILLER_OPENER = /^(?:In this (?:paper|work|study|article|letter)|Here),\s+(?=we\b)/i;

function withoutFiller(text: string): string {
  const filler = FILLER_OPENER.exec(text);
  return filler ? capitalize(text.slice(filler[0].length)) : text;
}

/**
 * The problem a paper takes on, or the paper itself: after "this" a card may open on it ("this
 * problem", "these technical challenges", "this perception gap", "this paper").
 */
const OWN_OR_PROBLEM =
  /^(?:paper|work|study|article|survey|report|research|end|note|letter|manuscript|pre-?print|thesis|chapter|lack|problems?|gaps?|issues?|challenges?|limitations?|questions?|needs?|shortcomings?|difficult(?:y|ies)|bottlenecks?|task|goal|aim|purpose|drawbacks?|concerns?|obstacles?|barriers?)$/i;

/**
 * Whether `said` points back to a thing a card would skip: "these black holes", "this technique",
 * "the latter approach"; not "this problem", "these technical challenges", "the above limitations"
 * (the words after "this", up to three, name no problem), which read on their own.
 */
function pointsBackToSkipped(said: string): boolean {
  for (const m of said.matchAll(
    /\b(?:this|these|such|the (?:latter|former|above|aforementioned))\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})/gi,
  )) {
    const after = (m[1] ?? '').split(/\s+/);
    if (!after.some((w) => OWN_OR_PROBLEM.test(w))) return true;
  }
  return false;
}

/**
 * A sentence on "this problem" that says how the paper takes it on ("We address this problem by
 * introducing...", "...with a sampler", "We propose X to close this gap"), and so reads alone.
 */
const SAYS_HOW =
  /\b(?:by|using|with|via|through)\s|\b(?:propos|present|introduc|develop|design|buil[dt]|construct|release|creat|devis|curat)\w*/i;

/** What a later sentence a card may open on does: it names the work ("we propose X"). */
const NAMES_WORK =
  /^\s*(?:propose|present|introduce|develop|design|build|construct|release|create|devise|curate)[sd]?\b/i;

/** Words that point back to an earlier sentence: "this technique", "these challenges". */
const REFERS_BACK =
  /\b(?:this|these|such)\s+(?!(?:paper|work|study|article|survey|report|research|end|note|letter|manuscript|pre-?print|thesis|chapter)\b)[a-z]+/i;
