import { eng } from 'stopword';

/**
 * Words that carry no topic in paper abstracts: English function words (stopword's list plus
 * ours) and the boilerplate of research writing ("we propose a novel method ...").
 */
const EXTRA_STOPWORDS = `
a about above across after again against al also although am among an and any are around as at
away be became become becomes been being below beyond both but by can cannot could did do does
done during each either else enough et etc even ever every few for from further given gives
having here how however i if in into is it its itself just less let lot may might more most
much must near neither nor not of off often on once one only onto or other others otherwise our
ours out over own per perhaps rather same several she should since so some such than that the
their them themselves then thence there thereby therefore these they this those though three
through thus to together too toward towards two under unless until upon us via was we what
whatever when whenever where whereas whether which while who whom whose why will with within
without would yet you your
abstract accuracy achieve achieved achieves achieving across additionally address addresses
addressing aim aims allow allows analysis analyze approach approaches art based
better capability capabilities challenge challenges challenging comprehensive consistently
crucial current demonstrate demonstrates demonstrating design designed despite different
effective effectively enable enables enabling especially evaluate evaluated existing
experiment experiments experimental extensive extensively finally find findings first focus
framework frameworks furthermore github high highly http https improve improved improvement
improvements improves improving including increasingly introduce introduces key large leading
leverage leverages leveraging limited link main making method methods moreover new novel
observe often outperform outperforms paper particular performance perform performs potential
present presents previous prior problem problems propose proposed proposes providing provide
provides recent remain remains require requires research result results reveal reveals
scenarios second settings show shows significant significantly simple specifically state
strong studies study substantial substantially superior task tasks techniques three toward
typically understanding use used uses using various way well whereas wide widely work works
generated summary available publicly release released open source www com org
previously truly lack equally increase increases totaling additional distinct ability multiple single
cases exact percentage points integrates various whose achieve
`;

const STOP = new Set([...eng, ...EXTRA_STOPWORDS.split(/\s+/).filter((w) => w.length > 0)]);

/** true for a word that never makes a feature or a label word. */
export function isStopword(word: string): boolean {
  return STOP.has(word) || STOP.has(foldPlural(word));
}

/**
 * Folds English plurals so "agents" and "agent" make one feature ("policies" -> "policy").
 * Deliberately tiny: labels are written from the surface words seen in the text, never from this key.
 */
export function foldPlural(word: string): string {
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 4 && endsWithAny(word, ES_PLURALS)) return word.slice(0, -2);
  if (!endsWithAny(word, NOT_PLURALS)) return word.slice(0, -1);
  return word;
}

const ES_PLURALS = ['sses', 'xes', 'ches', 'shes'];
const NOT_PLURALS = ['ss', 'us', 'is', 'os', 'as'];

function endsWithAny(word: string, endings: readonly string[]): boolean {
  for (let i = 0; i < endings.length; i += 1) if (word.endsWith(endings[i] as string)) return true;
  return false;
}

const SUFFIXES = [
  'izations',
  'ization',
  'ational',
  'ations',
  'ation',
  'ators',
  'ator',
  'ities',
  'ity',
  'ments',
  'ment',
  'ness',
  'ings',
  'ing',
  'ive',
  'ize',
  'ise',
  'ical',
  'ally',
  'ers',
  'er',
  'ed',
  'ly',
  'ic',
  'al',
  'ate',
  'ion',
];
const SECOND_SUFFIXES = ['at', 'iz'];

/**
 * Feature key of a word: plural folded, then one derivational suffix (and a left-over "at"/"iz")
 * stripped when at least four letters remain, so "generation", "generative" and "generated"
 * meet, as do "agents" and "agentic" or "reasoning" and "reason". Only a matching key: labels are
 * always written from the words seen in the text.
 */
export function stemWord(word: string): string {
  const known = STEMS.get(word);
  if (known !== undefined) return known;
  const stem = computeStem(word);
  // Words repeat heavily across papers; the cache is bounded for long-running daemons.
  if (STEMS.size > 50_000) STEMS.clear();
  STEMS.set(word, stem);
  return stem;
}

const STEMS = new Map<string, string>();

function computeStem(word: string): string {
  const root = OWN_ROOT.exec(word);
  if (root !== null) return root[1] ?? root[2] ?? 'university';
  return stripSuffix(stripSuffix(foldPlural(word), SUFFIX), SECOND_SUFFIX);
}

/**
 * Words whose "-al", "-ic" or "-ation" is part of a word of its own: stripped, they would meet
 * another word ("general" and "generic" met "generation" and "generative" as "gener", "signal"
 * met "sign", "foundation" the verb "found", "causal" "caused", "digital" "digit"). Each family
 * keys as its root, whatever ending follows ("signals", "signaling", "generalization").
 */
const OWN_ROOT =
  /^(general|signal|digital|foundation|causal)(?:s|ly|ity|ities|ism|ist|ists|l?ed|l?ing|i[sz]es?|i[sz]ed|i[sz]ing|i[sz]ations?|al|ally)?$|^(generic|format)(?:s|ally|ted|ting)?$|^universit(?:y|ies)$/;

/**
 * The first of `suffixes` a word ends with that leaves at least four letters, as one pattern: a
 * longer suffix is listed before every suffix it ends with ("ations" before "ion"), so the longest
 * that fits is the first in the list, and the pattern's lazy prefix finds it in native code (a
 * loop over 27 suffixes ran in the interpreter for each new word of a run's first batch).
 */
function suffixPattern(suffixes: readonly string[]): RegExp {
  suffixes.forEach((s, i) => {
    const shadowed = suffixes.slice(0, i).find((before) => s.endsWith(before));
    if (shadowed) throw new Error(`stem suffixes: "${s}" must come before "${shadowed}", which it ends with`);
  });
  return new RegExp(`^([^]{4,}?)(?:${suffixes.join('|')})$`);
}

const SUFFIX = suffixPattern(SUFFIXES);
const SECOND_SUFFIX = suffixPattern(SECOND_SUFFIXES);

/** The word without the suffix `pattern` finds (see {@link suffixPattern}). */
function stripSuffix(w: string, pattern: RegExp): string {
  const m = pattern.exec(w);
  return m === null ? w : (m[1] as string);
}

/** One feature occurrence: its key (folded, lowercase) and the surface text it came from (case kept). */
export interface Term {
  key: string;
  /** As written; empty for a part read inside a coined name ("Attention" of "TriAttention"). */
  surface: string;
  /**
   * Set on a part of a word ("multi" of "multi-agent", "attention" of "TriAttention"): a feature
   * and a keyword, never a label word on its own.
   */
  part?: true;
}

// Curly quotes “ ” ‘ ’ and en and em dashes as \u escapes (a one-byte bundle loads faster). An em
// dash breaks a segment wherever it stands ("models\u2014such as"), a hyphen or en dash between spaces.
const SEGMENT_BREAK = /[.,;:!?()[\]{}"\u201c\u201d\u2018\u2019<>|/\\\u2014]+|\s[-\u2013]+\s/;

interface Unit {
  key: string;
  surface: string;
}

/** A whitespace word as a unit: its content parts ("mixture-of-experts" -> mixture, expert). */
function wordUnit(raw: string, terms: Term[]): Unit | null {
  const word = trimWord(raw);
  if (!word.includes('-') && !word.includes('\u2013')) {
    // Most words: one part, no hyphen (the same as below, without the lists).
    const lower = word.toLowerCase();
    if (word === '' || !isContentWord(lower)) return null;
    const key = stemWord(lower);
    const unit = { key, surface: word };
    terms.push(unit);
    if (hasCamel(word))
      for (const part of camelParts(word)) terms.push({ key: part, surface: '', part: true });
    return unit;
  }
  // An en dash inside a word joins as a hyphen does ("Hartree\u2013Fock", TeX's "two--photon").
  const parts = word.split(/[-\u2013]+/).filter((p) => p.length > 0);
  const content = parts.filter((p) => isContentWord(p.toLowerCase()));
  if (content.length === 0) return null;
  const keys = content.map((p) => stemWord(p.toLowerCase()));
  const hyphenated = parts.length > 1;
  content.forEach((part, i) => {
    terms.push(
      hyphenated
        ? { key: keys[i] as string, surface: part, part: true }
        : { key: keys[i] as string, surface: part },
    );
    for (const key of camelParts(part)) terms.push({ key, surface: '', part: true });
  });
  // "on-policy" keys as "policy" but reads as written in a phrase ("standard on-policy").
  if (content.length === 1)
    return { key: keys[0] as string, surface: hyphenated ? word : (content[0] as string) };
  const unit = { key: keys.join(' '), surface: word };
  terms.push(unit);
  return unit;
}

const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** A word without the punctuation around it ("(LLMs)," -> "LLMs"); most words have none. */
function trimWord(raw: string): string {
  if (raw !== '' && isAsciiAlnum(raw.charCodeAt(0)) && isAsciiAlnum(raw.charCodeAt(raw.length - 1)))
    return raw;
  return raw.replace(EDGE, '');
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Phrase terms by their two units (cached readings, so the same objects): built once each. */
const PHRASES = new WeakMap<Unit, Map<Unit, Term>>();

function phrase(first: Unit, second: Unit): Term {
  let after = PHRASES.get(first);
  if (!after) {
    after = new Map();
    PHRASES.set(first, after);
  }
  let term = after.get(second);
  if (!term) {
    term = { key: `${first.key} ${second.key}`, surface: `${first.surface} ${second.surface}` };
    after.set(second, term);
  }
  return term;
}

interface WordReading {
  /** The word's own terms; null when that is `unit` alone (most words: no lists to keep). */
  own: readonly Term[] | null;
  unit: Unit | null;
  /** A name's particle ("de", "van der"), or a hyphenated name ending in one ("Korteweg-de"). */
  particle: boolean;
  /** {@link keyId} of each of `own` (null with it), and of `unit` (-1 for none). */
  ownIds: readonly number[] | null;
  unitId: number;
}

const NO_TERMS: readonly Term[] = [];
const NO_IDS: readonly number[] = [];

const WORDS = new Map<string, WordReading>();

/**
 * {@link wordUnit} of a whitespace word, cached: a batch of abstracts repeats its words, and
 * reading one (trim, split, stem) costs several times a lookup. The terms are shared, never changed.
 */
function readWord(raw: string): WordReading {
  let reading = WORDS.get(raw);
  if (reading === undefined) {
    const own: Term[] = [];
    const unit = wordUnit(raw, own);
    // Fewer objects kept per word: the batch's readings outlive several garbage collections.
    // Ids are given in the same order either way (the word's own terms, then its unit).
    const particle = PARTICLE.test(raw);
    if (own.length === 1 && own[0] === unit)
      reading = { unit, own: null, ownIds: null, unitId: keyId(unit.key), particle };
    else if (own.length === 0)
      reading = { unit, own: NO_TERMS, ownIds: NO_IDS, unitId: unit ? keyId(unit.key) : -1, particle };
    else {
      const ownIds: number[] = new Array(own.length);
      for (let t = 0; t < own.length; t += 1) ownIds[t] = keyId((own[t] as Term).key);
      reading = { unit, own, ownIds, unitId: unit ? keyId(unit.key) : -1, particle };
    }
    // Bounded like the stem cache: a daemon reads new words every day.
    if (WORDS.size > 100_000) WORDS.clear();
    WORDS.set(raw, reading);
  }
  return reading;
}

/** Whitespace that is not one plain space: a second in a row, or a tab, newline or the like. */
const ODD_SPACE = /\s\s|[^\S ]/;

/**
 * Where a text's segments meet (at punctuation and dashes): read as a word that is no content word
 * (no unit, no terms), which ends a run and a phrase as a stopword does.
 */
const SEGMENT_END: WordReading = { unit: null, own: NO_TERMS, ownIds: NO_IDS, unitId: -1, particle: false };

/** Texts read into word readings (see {@link readText}). */
const TEXTS = new Map<string, readonly WordReading[]>();

/**
 * A text's whitespace-word readings, its segments (split at punctuation and dashes) separated by
 * {@link SEGMENT_END}, cached: grouping reads every text twice (terms for the vectors, runs for
 * the phrases), and the normalizing and splitting cost more than walking the readings again. One
 * array per text, not one per segment: a batch's readings outlive several garbage collections, and
 * a scavenge copies each object it keeps. Bounded for daemons.
 */
function readText(text: string): readonly WordReading[] {
  let readings = TEXTS.get(text);
  if (readings === undefined) {
    // NFKC leaves plain ASCII as it is: most texts are, and skip the scan.
    let normalized = NOT_ASCII.test(text) ? text.normalize('NFKC') : text;
    // Most texts have no apostrophe: no regex over them.
    if (normalized.includes("'") || normalized.includes('’'))
      normalized = normalized.replace(/['\u2019]s\b/g, '');
    // Whitespace as single spaces first: a string split per segment, not a pattern's (the same
    // words, and an empty one at a segment's edge as before). Most texts come with single spaces
    // only (sanitized at ingest): no replace of every space by itself (~10 ms of a run's first batch).
    if (ODD_SPACE.test(normalized)) normalized = normalized.replace(/\s+/g, ' ');
    const segments = normalized.split(SEGMENT_BREAK);
    const out: WordReading[] = [];
    for (let s = 0; s < segments.length; s += 1) {
      if (s > 0) out.push(SEGMENT_END);
      const words = (segments[s] as string).split(' ');
      for (let w = 0; w < words.length; w += 1) out.push(readWord(words[w] as string));
    }
    readings = out;
    if (TEXTS.size > 20_000) TEXTS.clear();
    TEXTS.set(text, readings);
  }
  return readings;
}

/**
 * Unigrams and phrases of a text. A hyphenated word gives its parts and itself
 * ("long-context" -> long, context, "long context"); two words adjacent in the text (no stopword,
 * no punctuation between) give a phrase ("long-context benchmarks"), so every phrase reads as
 * written in the input, and no fragment such as "context benchmarks" is made.
 */
export function extractTerms(text: string): Term[] {
  const terms: Term[] = [];
  let prev: Unit | null = null;
  for (const { own, unit } of readText(text)) {
    if (own === null) terms.push(unit as Unit);
    else for (const term of own) terms.push(term);
    if (unit && prev) terms.push(phrase(prev, unit));
    prev = unit;
  }
  return terms;
}

/**
 * Feature keys as small integers, so a batch is counted in arrays instead of maps of strings: one
 * id per distinct key (a phrase and a hyphenated word with the same key share it, as their terms
 * do), for the whole process. The table is emptied, with every reading that holds ids, only by
 * {@link renewKeyIds} (a safe point between batches) once it holds {@link MAX_KEYS} keys.
 */
const KEY_IDS = new Map<string, number>();
const KEYS: string[] = [];
const MAX_KEYS = 250_000;
let generation = 0;

/** The id of a feature key (a new key gets the next one). */
export function keyId(key: string): number {
  let id = KEY_IDS.get(key);
  if (id === undefined) {
    id = KEYS.length;
    KEYS.push(key);
    KEY_IDS.set(key, id);
  }
  return id;
}

/** The key of an id of the current generation. */
export function keyName(id: number): string {
  return KEYS[id] as string;
}

/** Ids of two-word phrase terms, by the ids of their two units. */
const PAIR_IDS = new Map<number, Map<number, number>>();

function pairId(first: number, second: number): number {
  let after = PAIR_IDS.get(first);
  if (after === undefined) {
    after = new Map();
    PAIR_IDS.set(first, after);
  }
  let id = after.get(second);
  if (id === undefined) {
    id = keyId(`${KEYS[first]} ${KEYS[second]}`);
    after.set(second, id);
  }
  return id;
}

/** How many key ids there are: every id from {@link termIds} is below it. */
export function keyCount(): number {
  return KEYS.length;
}

/** The current generation of key ids (see {@link renewKeyIds}). */
export function keyGeneration(): number {
  return generation;
}

/**
 * Called where no key ids are held (at the start of a batch): when the table is full it is emptied,
 * with the readings holding ids, and the generation moves on, so ids kept from an earlier
 * generation must be read again. Returns the generation.
 */
export function renewKeyIds(): number {
  if (KEYS.length > MAX_KEYS) {
    KEY_IDS.clear();
    KEYS.length = 0;
    PAIR_IDS.clear();
    WORDS.clear();
    TEXTS.clear();
    RUNS.clear();
    generation += 1;
  }
  return generation;
}

/**
 * Appends the key id of each term of a text to `out`, in the order of {@link extractTerms}: the
 * same terms counted without building them.
 */
export function termIds(text: string, out: number[]): void {
  // Indexed loops: a first, interpreted call walks them several times faster than for-of.
  const readings = readText(text);
  let prev = -1;
  for (let w = 0; w < readings.length; w += 1) {
    const { ownIds, unitId } = readings[w] as WordReading;
    if (ownIds === null) out.push(unitId);
    else for (let k = 0; k < ownIds.length; k += 1) out.push(ownIds[k] as number);
    if (unitId >= 0 && prev >= 0) out.push(pairId(prev, unitId));
    prev = unitId;
  }
}

/** A content word or hyphenated compound as read in a text: its feature key and its surface. */
export interface ContentUnit {
  key: string;
  surface: string;
  /**
   * The name after a particle ("Sitter" of "de Sitter", "Vries" of "Korteweg-de Vries", "Waals"
   * of "van der Waals"): no phrase starts on it, "Vries equation" being a name cut in two.
   */
  named?: true;
}

/** Lowercase particles of names, alone or ending a hyphenated name ("Korteweg-de", "anti-de"). */
const PARTICLE = /(?:^|[-\u2013])(?:de|del|della|der|des|den|di|da|do|dos|du|van|von|ter|ten|la|le)$/;

/** A word that opens on a capital letter: a name after a particle is one. */
const CAPITALIZED = /^\p{Lu}/u;

/**
 * Runs of content words of a text, as written: a stopword, a punctuation mark or a dash ends a
 * run ("relative positional encoding for long-context models" -> [relative, positional,
 * encoding], [long-context, models]). Noun phrases are read from these (see phrases.ts).
 */
export function contentRuns(text: string): readonly (readonly ContentUnit[])[] {
  const flat = flatContentRuns(text);
  const runs: ContentUnit[][] = [];
  let run: ContentUnit[] = [];
  for (let i = 0; i < flat.length; i += 1) {
    const unit = flat[i] as ContentUnit | null;
    if (unit !== null) run.push(unit);
    else {
      runs.push(run);
      run = [];
    }
  }
  return runs;
}

/**
 * The runs of {@link contentRuns} one after another in one array, each followed by null, cached:
 * a batch's phrases are collected over its papers, then again over each cluster's (its titles,
 * keywords and abstracts a second time). One array per text: a batch's runs outlive several
 * garbage collections, and a scavenge copies each object it keeps (an array per run were ~6,000
 * of a batch's 95,000). Shared, never changed.
 */
export function flatContentRuns(text: string): readonly (ContentUnit | null)[] {
  let runs = RUNS.get(text);
  if (runs === undefined) {
    runs = readRuns(text);
    // Bounded like the readings they are made of, and dropped with them.
    if (RUNS.size > 20_000) RUNS.clear();
    RUNS.set(text, runs);
  }
  return runs;
}

const RUNS = new Map<string, readonly (ContentUnit | null)[]>();

function readRuns(text: string): (ContentUnit | null)[] {
  const out: (ContentUnit | null)[] = [];
  const readings = readText(text);
  let open = false;
  let afterParticle = false;
  for (let w = 0; w < readings.length; w += 1) {
    const reading = readings[w] as WordReading;
    const unit = reading.unit;
    const named = afterParticle && unit !== null && CAPITALIZED.test(unit.surface);
    afterParticle = reading.particle;
    if (unit) {
      out.push(named ? { key: unit.key, surface: unit.surface, named: true } : unit);
      open = true;
    } else if (open) {
      out.push(null);
      open = false;
    }
  }
  if (open) out.push(null);
  return out;
}

const CAMEL_BREAK = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;

/**
 * Keys of the words inside a coined name: papers name their method by gluing words
 * ("TriAttention", "MemTrapBench", "CoToGrasp"), and the abstract repeats the name, so without
 * its parts the paper's subject word is invisible next to the papers that write it apart.
 */
function camelParts(word: string): string[] {
  if (!hasCamel(word)) return [];
  return word
    .split(CAMEL_BREAK)
    .map((p) => p.toLowerCase())
    .filter((p) => p.length >= 3 && isContentWord(p))
    .map(stemWord);
}

/**
 * Made once: a bundle for Node 20 turns a `\p{...}` literal into `new RegExp(...)` at its place,
 * which would build one per call.
 */
const CAMEL = /\p{Ll}\p{Lu}/u;
const LETTER = /\p{L}/u;
const DIGIT_FIRST = /^\p{N}/u;

/**
 * A lowercase letter followed by a capital ("TriAttention"). A plain ASCII word (nearly all) is
 * tested with an ASCII pattern: native code, where a loop over its letters would run in the
 * interpreter for each new word of a run's first batch.
 */
function hasCamel(word: string): boolean {
  return NOT_ASCII.test(word) ? CAMEL.test(word) : ASCII_CAMEL.test(word);
}

const NOT_ASCII = /[\u0080-\uffff]/;
const ASCII_CAMEL = /[a-z][A-Z]/;

/** `/\p{L}/u.test(word)`, without the regex while the word is plain ASCII. */
function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if (c > 127) return LETTER.test(word);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  }
  return false;
}

/** `/^\p{N}/u.test(word)`, without the regex for an ASCII first character. */
function startsWithNumber(word: string): boolean {
  const c = word.charCodeAt(0);
  return c > 127 ? DIGIT_FIRST.test(word) : c >= 48 && c <= 57;
}

/** Whether a (lowercase) word can be a feature; reached only on a {@link readWord} cache miss. */
function isContentWord(word: string): boolean {
  return (
    word.length >= 2 &&
    word.length <= 30 &&
    hasLetter(word) &&
    !(word.length < 3 && startsWithNumber(word)) &&
    !isStopword(word)
  );
}
