import { formatLabel } from './label.js';
import { bestSurface, headingSurface, isCompletePhrase, isGeneric, type PhraseStats } from './phrases.js';
import { stemWord } from './tokenize.js';

/** A section label and the phrases kept as its topic's keywords. */
export interface SectionLabel {
  label: string;
  /** Word keys of the label, to keep labels of one edition apart. */
  words: string[];
  keywords: string[];
  /** Phrase keys of `keywords` (the phrases most of the section's papers say), label first when kept. */
  keys: string[];
  /** Share of the section's papers that say the label. */
  coverage: number;
}

/**
 * A found section's heading: its phrase as its papers write it ({@link headingSurface}) in
 * sentence case, but the words `names` says are names kept as written ("Monte Carlo
 * simulations", "Finite Morley rank", "Bose-Einstein condensates"; see {@link namesIn}).
 */
export function sectionHeading(s: PhraseStats, names: (word: string) => boolean = () => false): string {
  return formatLabel(headingSurface(s), names);
}

/** Texts whose words {@link namesIn} reads: a batch's abstracts and AI summaries. */
export interface NameSource {
  summary: string;
  aiSummary?: string | null;
}

/**
 * Whether the abstracts of `papers` write a word as a name: capitalized wherever they say it, and
 * at least once where a sentence does not start (a title's capitals, "Sparse Attention", make no
 * name; "Carlo" of "Monte Carlo", "Morley", "Einstein" are). Asked of a heading's few words only,
 * each looked up once per batch.
 */
export function namesIn(papers: readonly NameSource[]): (word: string) => boolean {
  let known = NAME_CACHE.get(papers);
  if (known === undefined) {
    known = { texts: undefined, names: new Map() };
    NAME_CACHE.set(papers, known);
  }
  const batch = known;
  return (word) => {
    const key = word.toLowerCase();
    let name = batch.names.get(key);
    if (name === undefined) {
      // The texts and their lowercase forms, read once per batch when a heading first asks.
      batch.texts ??= papers
        .flatMap((p) => [p.summary, p.aiSummary ?? ''])
        .map((t) => [t, t.toLowerCase(), !NOT_ASCII.test(t)]);
      name = isName(batch.texts, key);
      batch.names.set(key, name);
    }
    return name;
  };
}

const NAME_CACHE = new WeakMap<
  readonly NameSource[],
  { texts: NameText[] | undefined; names: Map<string, boolean> }
>();

// Made once (a bundle builds a `\p{...}` literal at each call).
const LETTERS_ONLY = /^[\p{L}\p{N}]+$/u;
const CAPITAL_START = /^\p{Lu}/u;
const SENTENCE_START = /(?:^|[.!?:]\s+)$/;

/** A text, its lowercase form, and whether it is plain ASCII. */
type NameText = [string, string, boolean];

const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * Whether `lower` is written as a name in `texts` (each with its lowercase form; see namesIn), and
 * not a plural whose singular they write lowercase: "Semantic Communications (SemComs)", an
 * acronym's expansion, is capitalized wherever one abstract says it, which also says "the
 * communication efficiency" (a name is rarely a plural of a word said in lowercase).
 */
function isName(texts: readonly NameText[], lower: string): boolean {
  return (
    writtenAs(texts, lower) === 'name' && !singularsOf(lower).some((one) => writtenAs(texts, one) === 'lower')
  );
}

/** The singulars a plural may have ("communications" -> communication; "studies" -> study). */
function singularsOf(word: string): string[] {
  if (word.length < 4 || !word.endsWith('s') || word.endsWith('ss')) return [];
  const out = [word.slice(0, -1)];
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  else if (word.endsWith('es')) out.push(word.slice(0, -2));
  return out;
}

/**
 * How `texts` write `lower`: 'lower' when any of them writes it in lowercase, 'name' when it is
 * capitalized wherever they say it and at least once where a sentence does not start, else
 * 'none' (unsaid, or capitalized only where sentences start).
 */
function writtenAs(texts: readonly NameText[], lower: string): 'lower' | 'name' | 'none' {
  if (!LETTERS_ONLY.test(lower)) return 'none';
  let pattern: RegExp | undefined;
  let inText = false;
  for (const [text, lowered, ascii] of texts) {
    if (!lowered.includes(lower)) continue;
    // Most abstracts are plain ASCII: the word found by position, no pattern of Unicode classes
    // compiled per word (~0.3 ms each in a run's first batch); the same matches as the pattern's.
    if (ascii) {
      for (let at = lowered.indexOf(lower); at >= 0; at = lowered.indexOf(lower, at + 1)) {
        if (isAsciiWordChar(lowered, at - 1) || isAsciiWordChar(lowered, at + lower.length)) continue;
        if (!isAsciiCapital(text.charCodeAt(at))) return 'lower';
        // Not where a sentence starts: after ". ", at the start of the text.
        if (!SENTENCE_START.test(text.slice(Math.max(0, at - 3), at))) inText = true;
      }
      continue;
    }
    pattern ??= new RegExp(`(?<![\\p{L}\\p{N}])${lower}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(pattern)) {
      if (!CAPITAL_START.test(m[0])) return 'lower';
      if (!SENTENCE_START.test(text.slice(Math.max(0, (m.index ?? 0) - 3), m.index))) inText = true;
    }
  }
  return inText ? 'name' : 'none';
}

/** true when the character at `at` of a lowercase ASCII text is a letter or a digit. */
function isAsciiWordChar(lowered: string, at: number): boolean {
  const c = lowered.charCodeAt(at);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function isAsciiCapital(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Least share of a section's papers that must say its label: a heading describes most of them. */
export const MIN_LABEL_COVERAGE = 0.5;

/** Least share of a section's papers that name its label in their title or keywords. */
export const MIN_HEADLINE = 0.34;

/** Words a heading adds at its end without naming another subject ("Machine learning methods"). */
const EMPTY_TAIL = new Set(['method', 'approach', 'technique', 'application'].map(stemWord));

/**
 * true when two labels are on the same head phrase: same last word, and the words of one hold
 * all words of the other ("Fine-tuning" and "Supervised fine-tuning", "Physics" and "High energy
 * physics"; not "Image generation" and "Video generation", nor "Long context" and "Long-context
 * benchmarks"), or the longer adds only an empty word ("Machine learning methods"); or when both
 * say the same words in another order and form ("Historical biogeography", "Biogeographic
 * history"); or when one
 * is a part of the other, a heading of several subjects ("Fine-tuning" of "Fine-tuning and
 * knowledge distillation", "Robotics" of "Robotics and autonomous driving"). Words as
 * {@link labelWords} reads them ("and" kept where a label has it).
 */
export function labelsClash(a: readonly string[], b: readonly string[]): boolean {
  const wa = a.flatMap((w) => w.split(' '));
  const wb = b.flatMap((w) => w.split(' '));
  if (wa.length === 0 || wb.length === 0) return false;
  const [small, large] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const words = new Set(large);
  if (small.every((w) => words.has(w))) {
    if (wa[wa.length - 1] === wb[wb.length - 1]) return true;
    const mine = new Set(small);
    if (large.every((w) => mine.has(w) || EMPTY_TAIL.has(w))) return true;
  }
  // Two headings of as many subjects, each subject of one the other's with a word more or less on
  // the same head: "LLM reasoning and post-training" beside "Reasoning and RL post-training" read
  // as one heading twice ("Image generation and editing" and "Video generation and editing" do not).
  const sa = subjects(wa);
  const sb = subjects(wb);
  if (sa.length >= 2 && sa.length === sb.length && sa.every((x) => sb.some((y) => sameSubject(x, y))))
    return true;
  // The same words in another order and form: "Historical biogeography" beside "Biogeographic
  // history" (a journal letter's two sections of three papers each).
  if (sa.length === 1 && sb.length === 1 && wa.length === wb.length && wa.length >= 2) {
    if (
      wa.every((x) => wb.some((y) => sameWordFamily(x, y))) &&
      wb.every((y) => wa.some((x) => sameWordFamily(x, y)))
    )
      return true;
  }
  // One subject of a heading of several ("X and Y", "X, Y and Z") is the other heading.
  return (small === wa ? sb : sa).some(
    (part) => part.length === small.length && part.every((x, i) => x === small[i]),
  );
}

/** Two word keys of one family: the same, or one beginning the other, five letters or more ("histor", "history"). */
function sameWordFamily(x: string, y: string): boolean {
  return x === y || (Math.min(x.length, y.length) >= 5 && (x.startsWith(y) || y.startsWith(x)));
}

/** A heading's subjects: its words between "and"s ("x y and z" -> [x, y], [z]). */
function subjects(words: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const w of words) {
    if (w === 'and') out.push([]);
    else out[out.length - 1]?.push(w);
  }
  return out.filter((s) => s.length > 0);
}

/** Two subjects on the same head word, the words of one all in the other ("reasoning", "llm reasoning"). */
function sameSubject(x: readonly string[], y: readonly string[]): boolean {
  if (x[x.length - 1] !== y[y.length - 1]) return false;
  return x.every((w) => y.includes(w)) || y.every((w) => x.includes(w));
}

// Made once (a bundle builds a `\p{...}` literal at each call).
const NOT_A_LETTER = /[^\p{L}\p{N}]+/u;

/**
 * A label's words as headings are told apart by (see {@link labelsClash}): each word lowercased
 * and stemmed, at spaces, hyphens and punctuation, a comma read as "and" ("3D vision" -> 3d,
 * vision; "Evaluation, safety and interpretability" -> evaluation, and, safety, and,
 * interpretability).
 */
export function headingKeys(label: string): string[] {
  return label
    .toLowerCase()
    .replace(/,/g, ' and ')
    .split(NOT_A_LETTER)
    .filter((w) => w !== '')
    .map(stemWord);
}

/** For each phrase, the most occurrences of one longer phrase ending with it (one word more). */
const LEADERS = new WeakMap<ReadonlyMap<string, PhraseStats>, Map<string, number>>();

function leaderCounts(stats: ReadonlyMap<string, PhraseStats>): Map<string, number> {
  let out = LEADERS.get(stats);
  if (out === undefined) {
    out = new Map();
    const index = out;
    stats.forEach((s) => {
      if (s.words.length < 2) return;
      // Its words after the first unit (a hyphenated word is one unit: "long-context modeling").
      const tail = s.words.slice(1).join(' ');
      if (s.count > (index.get(tail) ?? 0)) index.set(tail, s.count);
    });
    LEADERS.set(stats, out);
  }
  return out;
}

/** A phrase that rarely opens a run of words: the tail of a longer name ("Cache compression"). */
function isTail(s: PhraseStats): boolean {
  return s.start < 0.2 * s.count;
}

/**
 * A tail said almost only after one same word: a longer name cut off ("Case generation" of "test
 * case generation"), not a term its papers qualify each their own way ("Field theory" of quantum,
 * conformal and gauge field theories).
 */
function cutTail(stats: ReadonlyMap<string, PhraseStats>, s: PhraseStats): boolean {
  return (
    s.words.length > 1 && isTail(s) && (leaderCounts(stats).get(s.words.join(' ')) ?? 0) >= 0.8 * s.count
  );
}

/** Whether `q` is `r` with one word before it, said by as many members, in as many titles. */
function longerName(
  q: { s: PhraseStats; coverage: number; headline: number },
  r: { s: PhraseStats; coverage: number; headline: number },
): boolean {
  const n = r.s.words.length;
  if (q.s.words.length !== n + 1 || q.coverage < r.coverage || q.headline < r.headline) return false;
  for (let i = 0; i < n; i += 1) if (q.s.words[i + 1] !== r.s.words[i]) return false;
  return true;
}

/** Options of {@link chooseSectionLabel}. */
export interface LabelOptions {
  /** Least share of the members that say the label (default {@link MIN_LABEL_COVERAGE}). */
  minCoverage?: number;
  /** Least share that say it in title or keywords (default {@link MIN_HEADLINE}). */
  minHeadline?: number;
  /**
   * Phrase statistics of the members' own papers: a label must read complete where they say it,
   * not only across the batch ("Bias" of "inductive bias probe", "modality bias" is cut).
   */
  own?: ReadonlyMap<string, PhraseStats>;
  /**
   * Only phrases of two words or more: a section found in the batch is named by what its papers
   * share, and one word alone ("Synthesis", "Rendering") joins unrelated senses.
   */
  phraseOnly?: boolean;
  /** The words the batch writes as names, kept capitalized in the heading (see {@link namesIn}). */
  names?: (word: string) => boolean;
}

/**
 * The heading of a group of papers (`members`, indices into the phrase statistics' papers):
 * the complete noun phrase that most of them say, preferably in their titles and keywords, and
 * that belongs to them rather than to the `context` they are taken from (the batch, or the
 * catalogue topic a sub-section splits). Labels clashing with `used` are skipped. Undefined when
 * no phrase is said by at least {@link MIN_LABEL_COVERAGE} of the members.
 */
export function chooseSectionLabel(
  stats: ReadonlyMap<string, PhraseStats>,
  members: readonly number[],
  context: readonly number[],
  used: readonly (readonly string[])[],
  options: LabelOptions = {},
): SectionLabel | undefined {
  const { minCoverage = MIN_LABEL_COVERAGE, minHeadline = MIN_HEADLINE, own, phraseOnly = false } = options;
  const inside = new Set(members);
  const within = new Set(context);
  const ranked: { key: string; s: PhraseStats; score: number; coverage: number; headline: number }[] = [];
  // forEach, not for-of: a run's first batch runs this interpreted, where every step of an
  // iterator allocates (a few hundred phrases, each set walked, for each cluster named).
  stats.forEach((s, key) => {
    let count = 0;
    let headline = 0;
    s.papers.forEach((p) => {
      if (inside.has(p)) count += 1;
    });
    if (count < 2 || count < minCoverage * members.length) return;
    if (phraseOnly && s.words.length === 1 && !s.words[0]?.includes(' ')) return;
    s.headline.forEach((p) => {
      if (inside.has(p)) headline += 1;
    });
    let all = 0;
    s.papers.forEach((p) => {
      if (within.has(p)) all += 1;
    });
    const coverage = count / members.length;
    const precision = count / Math.max(count, all);
    // A single word said all over the batch ("Reasoning") names no section of it.
    if (s.words.length === 1 && !s.words[0]?.includes(' ') && precision < 0.6) return;
    // One word names a section only when most papers put it in their titles ("Quantization").
    if (s.words.length === 1 && !s.words[0]?.includes(' ') && headline < 0.5 * members.length) return;
    if (headline < minHeadline * members.length) return;
    const length = s.words.length === 1 ? 0.7 : s.words.length === 2 ? 1.15 : 1;
    // The tail of a longer name ("Cache compression" of "KV cache compression") reads cut.
    const tail = isTail(s) ? 0.5 : 1;
    const score = coverage * precision * (0.35 + headline / members.length) * length * tail;
    ranked.push({ key, s, score, coverage, headline });
  });
  ranked.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  // A complete phrase that may head the section: no clash with a label in use, no cut tail, and
  // complete where its own papers say it.
  const headsAs = (r: (typeof ranked)[number]): boolean => {
    if (used.some((u) => labelsClash(u, r.s.words)) || cutTail(stats, r.s)) return false;
    if (invertedCompound(stats, r.s)) return false;
    const mine = own?.get(r.key);
    return !(mine && mine.complete < 0.5 * mine.count);
  };
  const keywords: string[] = [];
  const keys: string[] = [];
  let chosen: SectionLabel | undefined;
  for (const r of ranked) {
    const surface = bestSurface(r.s);
    if (!isCompletePhrase(r.s, surface)) continue;
    if (keywords.length < 12) {
      keywords.push(surface.toLowerCase());
      keys.push(r.key);
    }
    if (chosen || !headsAs(r)) continue;
    // Every member that says it says it after one same word (not a generic one), in its title
    // too: the longer name heads them ("Energetic particle events", not "Particle events" of
    // "solar energetic particle events").
    const head =
      ranked.find(
        (q) =>
          longerName(q, r) &&
          !isGeneric(q.s.words.slice(0, 1)) &&
          isCompletePhrase(q.s, bestSurface(q.s)) &&
          headsAs(q),
      ) ?? r;
    chosen = {
      label: sectionHeading(head.s, options.names),
      words: head.s.words,
      keywords,
      keys,
      coverage: head.coverage,
    };
  }
  return chosen;
}

/**
 * A phrase of two words the batch says more often the other way round, as a compound: a verb and
 * its object ("Generate test" of "generate test cases", where the papers say "test generation":
 * one key, "generate" and "generation"; "Testing software" beside "software testing"). No
 * heading: the arXiv testing feed's letter read "Generate test" over a mutation-testing paper and
 * a test-input generator (the headings scan, 60 seeded letters of each of six feeds: that heading
 * alone changed; bench:topics identical).
 */
function invertedCompound(stats: ReadonlyMap<string, PhraseStats>, s: PhraseStats): boolean {
  if (s.words.length !== 2) return false;
  const reverse = stats.get(`${s.words[1]} ${s.words[0]}`);
  return reverse !== undefined && reverse.count > s.count;
}
