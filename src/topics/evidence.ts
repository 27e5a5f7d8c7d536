import { type AppliedTopics, partParent, type Topic } from '../domain/index.js';
import { contentRuns } from './tokenize.js';
import type { PaperText } from './vectorize.js';

/**
 * Evidence a paper gives for a topic's key phrase, by where it says it: in its title (the paper
 * names its subject), in its keywords (Hugging Face `ai_keywords`, authors' keywords), or only
 * in its abstract / AI summary, where one word said in passing ("agentic" once) is weak.
 */
export const EVIDENCE = {
  title: 3,
  keywords: 2,
  /** A phrase of two words or more in the abstract, or a single word said at least twice. */
  abstract: 1,
  /** A single word said once in the abstract. */
  passing: 0.4,
  /** One of the topic's arXiv categories: only on top of a phrase match, never alone. */
  category: 0.5,
} as const;

/** Evidence at which a paper joins a topic: a key phrase in its title, or several shared phrases. */
export const JOIN_EVIDENCE = 3;

/** Unit keys of a phrase, read once (catalogues repeat in every run). */
const PHRASE_KEYS = new Map<string, string[]>();

/**
 * The feature keys of a phrase's words, in order ("vision-language models" -> ["vision language",
 * "model"]); [] for a phrase with a stopword or a too-short word ("video understanding", "3d
 * generation"): matching what is left ("video", "generation") would claim unrelated papers.
 */
export function phraseKeys(phrase: string): string[] {
  let keys = PHRASE_KEYS.get(phrase);
  if (keys === undefined) {
    const runs = contentRuns(phrase);
    const words = phrase
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '');
    keys = runs.length === 1 && runs[0]?.length === words.length ? runs[0].map((u) => u.key) : [];
    if (PHRASE_KEYS.size > 20_000) PHRASE_KEYS.clear();
    PHRASE_KEYS.set(phrase, keys);
  }
  return keys;
}

/** What evidence is read from: a paper's text fields and categories. */
export type EvidenceSource = Pick<PaperText, 'title' | 'summary' | 'keywords' | 'categories'> & {
  aiSummary?: string | null;
};

/** Words of a text as matched: lowercase, split at anything but letters and digits, plural "s" dropped. */
function matchWords(text: string): string[] {
  const lower = text.toLowerCase();
  // Plain ASCII (nearly every text) with an ASCII pattern, which runs faster than the Unicode one.
  const words = lower.match(NON_ASCII.test(lower) ? UNICODE_WORD : ASCII_WORD) ?? [];
  for (let i = 0; i < words.length; i += 1) words[i] = singular(words[i] as string);
  return words;
}

const NON_ASCII = /[\u0080-\uffff]/;
const ASCII_WORD = /[a-z0-9]+/g;
const UNICODE_WORD = /[\p{L}\p{N}]+/gu;

/** A word of four letters or more ending in "s", but not "ss" or "us", without the "s". */
function singular(w: string): string {
  if (w.length <= 3 || w.charCodeAt(w.length - 1) !== 115) return w;
  const before = w.charCodeAt(w.length - 2);
  return before === 115 || before === 117 ? w : w.slice(0, -1);
}

/** Longest phrase looked up in a paper's n-gram counts; longer ones are searched in its text. */
const MAX_GRAM = 3;

/**
 * A field's n-grams (1 to {@link MAX_GRAM} words) with counts, and its words joined into one
 * text for longer phrases (one string per field: thousands of word strings kept per batch would
 * only give the garbage collector more to copy).
 */
interface FieldGrams {
  grams: Map<string, number>;
  /** The words of each text, space-separated, texts separated by " | ", with a space around. */
  text: string;
}

/**
 * First words of every phrase seen so far: a paper's phrases of two or more words are only read
 * where one may start (the rest would be thousands of strings per batch for nothing).
 */
const FIRST_WORDS = new Set<string>();
/** Single-word phrases seen so far: a paper's other words are never looked up alone. */
const SINGLE_WORDS = new Set<string>();
/**
 * The words that follow a phrase's first word (and its first two words) in the phrases seen so
 * far: a paper's two- and three-word sequences are only made into strings and counted where they
 * begin a known phrase, most of them never would (a batch's abstracts hold thousands).
 */
const NEXT_WORDS = new Map<string, Set<string>>();
const THIRD_WORDS = new Map<string, Set<string>>();
/** Moves on whenever one of the sets above gains a word: every paper's n-grams are read again. */
let firstWordsVersion = 0;

/** Adds `word` to the set kept under `key`; true when it is new. */
function addFollower(map: Map<string, Set<string>>, key: string, word: string): boolean {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  if (set.has(word)) return false;
  set.add(word);
  return true;
}

/** Makes a phrase's words known to {@link fieldGrams}. */
function registerPhrase(id: string): void {
  const words = id.split(' ');
  const first = words[0] as string;
  const starts = words.length > 1 ? FIRST_WORDS : SINGLE_WORDS;
  let changed = false;
  if (!starts.has(first)) {
    starts.add(first);
    changed = true;
  }
  if (words.length > 1 && addFollower(NEXT_WORDS, first, words[1] as string)) changed = true;
  if (words.length > 2 && addFollower(THIRD_WORDS, `${first} ${words[1]}`, words[2] as string))
    changed = true;
  // Every paper's n-grams are read again (they now hold this phrase's); evidence already read
  // stands: a topic's own phrases were known when it was read, and their counts do not change.
  if (changed) firstWordsVersion += 1;
}

function fieldGrams(texts: readonly string[]): FieldGrams {
  const grams = new Map<string, number>();
  const all: string[] = [];
  for (let t = 0; t < texts.length; t += 1) {
    const words = matchWords(texts[t] as string);
    countGrams(grams, words);
    all.push(words.join(' '));
  }
  return { grams, text: ` ${all.join(' | ')} ` };
}

/**
 * A field's n-grams read again after new phrases were learnt, from its words as its `text` keeps
 * them (each text's words between " | "): the same counts as {@link fieldGrams}, without
 * lowercasing and matching the texts again.
 */
function regrams(field: FieldGrams): FieldGrams {
  const grams = new Map<string, number>();
  const texts = field.text.slice(1, -1).split(' | ');
  for (let t = 0; t < texts.length; t += 1) {
    const text = texts[t] as string;
    if (text !== '') countGrams(grams, text.split(' '));
  }
  return { grams, text: field.text };
}

/** Adds the n-grams of one text's words that may start a known phrase (see {@link FIRST_WORDS}). */
function countGrams(grams: Map<string, number>, words: readonly string[]): void {
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    const multi = FIRST_WORDS.has(word);
    if (!multi && !SINGLE_WORDS.has(word)) continue;
    grams.set(word, (grams.get(word) ?? 0) + 1);
    if (!multi || i + 1 >= words.length) continue;
    const second = words[i + 1] as string;
    if (!NEXT_WORDS.get(word)?.has(second)) continue;
    const two = `${word} ${second}`;
    grams.set(two, (grams.get(two) ?? 0) + 1);
    if (i + 2 >= words.length || !THIRD_WORDS.get(two)?.has(words[i + 2] as string)) continue;
    const three = `${two} ${words[i + 2]}`;
    grams.set(three, (grams.get(three) ?? 0) + 1);
  }
}

function countIn(field: FieldGrams, phrase: Phrase): number {
  if (phrase.words <= MAX_GRAM) return field.grams.get(phrase.id) ?? 0;
  return field.text.includes(` ${phrase.id} `) ? 1 : 0;
}

/** A key phrase as matched: its words joined by spaces, and how many there are. */
interface Phrase {
  id: string;
  words: number;
  /** Written as words apart ("gaze estimation"), not one word or one hyphenated word ("multi-agent"). */
  spaced: boolean;
  /** The words of `id`, split when first asked (see {@link partsOf}); there from the start, one shape for all. */
  parts: readonly string[] | undefined;
}

/** The words of a phrase, split once: a title is matched against every phrase at every word. */
function partsOf(phrase: Phrase): readonly string[] {
  phrase.parts ??= phrase.id.split(' ');
  return phrase.parts;
}

interface PaperGrams {
  version: number;
  title: FieldGrams;
  keywords: FieldGrams;
  abstract: FieldGrams;
  /** The phrase lists (of {@link LISTS_VERSION}) that have a phrase among the paper's n-grams. */
  touched: Set<Phrase[]>;
  touchedVersion: number;
  /** The title's words, read when first asked where it names a topic. */
  titleWords: string[] | undefined;
}

/** Each paper's n-grams, read once per paper object (a run matches it against every topic). */
const GRAMS = new WeakMap<object, PaperGrams>();

function gramsOf(paper: EvidenceSource): PaperGrams {
  let g = GRAMS.get(paper);
  if (!g || g.version !== firstWordsVersion) {
    // Read again after new phrases were learnt: from the words already matched.
    g = {
      version: firstWordsVersion,
      title: g ? regrams(g.title) : fieldGrams([paper.title]),
      keywords: g ? regrams(g.keywords) : fieldGrams(paper.keywords),
      abstract: g ? regrams(g.abstract) : fieldGrams([paper.summary, paper.aiSummary ?? '']),
      touched: new Set(),
      touchedVersion: -1,
      // Set here, so every paper's n-grams keep one shape (one hidden class for the code reading them).
      titleWords: undefined,
    };
    GRAMS.set(paper, g);
  }
  return g;
}

/**
 * Whether a paper may give evidence for a phrase list: one of its phrases is among the paper's
 * n-grams, or it has a phrase too long for them. Most topics have none of a paper's n-grams:
 * their phrases are not looked up one by one.
 */
function mayMatch(g: PaperGrams, phrases: Phrase[]): boolean {
  if (LONG_LISTS.has(phrases)) return true;
  if (g.touchedVersion !== listsVersion) {
    g.touched.clear();
    touchLists(g.title.grams, g.touched);
    touchLists(g.keywords.grams, g.touched);
    touchLists(g.abstract.grams, g.touched);
    g.touchedVersion = listsVersion;
  }
  return g.touched.has(phrases);
}

/** Adds to `touched` the phrase lists that hold one of `grams` (see mayMatch). */
function touchLists(grams: ReadonlyMap<string, number>, touched: Set<Phrase[]>): void {
  // forEach and an indexed loop: a first, interpreted call allocates no iterator steps.
  grams.forEach((_, gram) => {
    const lists = LISTS_OF_PHRASE.get(gram);
    if (lists !== undefined) for (let i = 0; i < lists.length; i += 1) touched.add(lists[i] as Phrase[]);
  });
}

/**
 * A topic's phrases as match keys, word for word as written (hyphen or space between words, a
 * plural "s" folded, nothing stemmed: "tokenizer" does not match "tokens", "3d generation" needs
 * "3D"). Kept by keyword list, as topics are copied often.
 */
const PHRASES = new Map<string, Phrase[]>();
/**
 * The same by keyword array, to skip joining the list for every paper of a batch (they are matched
 * against the same copies); a list that grew since is read again.
 */
let PHRASES_OF_LIST = new WeakMap<readonly string[], { length: number; phrases: Phrase[] }>();
/** The phrase lists of {@link PHRASES} holding each phrase id, and those with a phrase of over {@link MAX_GRAM} words. */
const LISTS_OF_PHRASE = new Map<string, Phrase[][]>();
const LONG_LISTS = new WeakSet<Phrase[]>();
/** Moves on whenever a phrase list is added to {@link PHRASES} (or the lists are dropped). */
let listsVersion = 0;
const NO_PHRASES: Phrase[] = [];

/** Phrase lists kept, and entries per word table, before all are dropped and read again. */
const MAX_LISTS = 5_000;
const MAX_WORDS = 50_000;

function wordTablesFull(): boolean {
  return (
    FIRST_WORDS.size >= MAX_WORDS ||
    SINGLE_WORDS.size >= MAX_WORDS ||
    NEXT_WORDS.size >= MAX_WORDS ||
    THIRD_WORDS.size >= MAX_WORDS
  );
}

/** Drops every phrase list and word table; each paper's n-grams and matches are read again. */
function forgetPhrases(): void {
  PHRASES.clear();
  LISTS_OF_PHRASE.clear();
  PHRASES_OF_LIST = new WeakMap();
  FIRST_WORDS.clear();
  SINGLE_WORDS.clear();
  NEXT_WORDS.clear();
  THIRD_WORDS.clear();
  listsVersion += 1;
  firstWordsVersion += 1;
  evidenceEpoch += 1;
}

function phrasesOf(topic: Topic): Phrase[] {
  const known = PHRASES_OF_LIST.get(topic.keywords);
  if (known !== undefined && known.length === topic.keywords.length) return known.phrases;
  const key = topic.keywords.join('\n');
  let out = PHRASES.get(key);
  if (!out) {
    const ids = [...new Set(topic.keywords.map((k) => matchWords(k).join(' ')).filter((k) => k !== ''))];
    const spaced = new Set(
      topic.keywords.filter((k) => /\s/.test(k.trim())).map((k) => matchWords(k).join(' ')),
    );
    out = ids.map((id) => ({ id, words: id.split(' ').length, spaced: spaced.has(id), parts: undefined }));
    // Bounded for long-running processes: past the bound every list and word table is dropped
    // together (each list is read again when next asked), never a table alone, which would leave
    // cached lists whose words fieldGrams no longer reads.
    if (PHRASES.size >= MAX_LISTS || wordTablesFull()) forgetPhrases();
    for (let i = 0; i < ids.length; i += 1) registerPhrase(ids[i] as string);
    PHRASES.set(key, out);
    for (let i = 0; i < out.length; i += 1) {
      const phrase = out[i] as Phrase;
      if (phrase.words > MAX_GRAM) LONG_LISTS.add(out);
      const lists = LISTS_OF_PHRASE.get(phrase.id);
      if (lists === undefined) LISTS_OF_PHRASE.set(phrase.id, [out]);
      else lists.push(out);
    }
    // Papers' touched lists are read again; evidence already read stands (see registerPhrase).
    listsVersion += 1;
  }
  PHRASES_OF_LIST.set(topic.keywords, { length: topic.keywords.length, phrases: out });
  return out;
}

/**
 * The topics whose key phrases stand against each other (see {@link learnShadows}): each one's
 * phrase list and family (its slug, or its parent's for a part).
 */
let rivalLists = new Map<Phrase[], string>();
/** Moves on whenever {@link rivalLists} is set: shadows are read again. */
let rivalsVersion = 0;
/** Each rival list's shadows (see {@link shadowsOf}), as of {@link rivalsVersion}. */
let SHADOWS = new WeakMap<Phrase[], { version: number; shadows: Map<string, Phrase[]> }>();
/** A run of words inside a rival's longer phrase: that phrase, its topic's family and phrase ids. */
interface Holder {
  longer: Phrase;
  family: string;
  ids: Set<string>;
}
/** The rivals' longer phrases by each shorter run of their words, as of {@link rivalsVersion}. */
let holders: { version: number; byRun: Map<string, Holder[]> } = { version: -1, byRun: new Map() };

/**
 * Makes the topics at `indices` (of `topics`) the batch's: their arXiv categories are the field of
 * the catalogue (see {@link topicEvidence}), and their phrases shadow each other: a phrase
 * said only inside a longer key phrase of another of them counts as that phrase alone. "Hate
 * speech detection" names no speech model, "coding agents" no general agents paper, "image-to-
 * image translation" no machine translation. Phrases of one family (a topic and its parts)
 * never shadow each other. Replaces the topics set before; a batch's claims set them (see
 * claims.ts), and what is matched later in the batch counts the same way.
 */
export function learnShadows(topics: readonly Topic[], indices: readonly number[]): void {
  learnPhrases(topics, indices);
  const nextField = new Set(
    indices.flatMap((i) => (topics[i] as Topic).categories.map((c) => c.toLowerCase())),
  );
  if (nextField.size !== field.size || [...nextField].some((c) => !field.has(c))) {
    field = nextField;
    evidenceEpoch += 1;
  }
  const next = new Map<Phrase[], string>();
  for (const i of indices) {
    const topic = topics[i] as Topic;
    next.set(phrasesOf(topic), partParent(topic.slug) ?? topic.slug);
  }
  const same = next.size === rivalLists.size && [...next].every(([list, f]) => rivalLists.get(list) === f);
  if (same) return;
  rivalLists = next;
  rivalsVersion += 1;
  evidenceEpoch += 1;
  SHADOWS = new WeakMap();
}

/** The arXiv categories the topics of {@link learnShadows} list: the field of the catalogue. */
let field: ReadonlySet<string> = new Set();

/** true for a paper whose arXiv categories no topic of the catalogue lists (hep-ph in an ML letter). */
function offField(paper: EvidenceSource): boolean {
  if (paper.categories.length === 0 || field.size === 0) return false;
  for (let i = 0; i < paper.categories.length; i += 1)
    if (field.has((paper.categories[i] as string).toLowerCase())) return false;
  return true;
}

/** Every shorter run of words of the rivals' phrases, with the longer phrases that hold it (read once per rival set). */
function holdersByRun(): Map<string, Holder[]> {
  if (holders.version === rivalsVersion) return holders.byRun;
  const byRun = new Map<string, Holder[]>();
  for (const [list, family] of rivalLists) {
    const ids = new Set(list.map((p) => p.id));
    for (const longer of list) {
      if (longer.words < 2) continue;
      const words = partsOf(longer);
      for (let a = 0; a < words.length; a += 1)
        for (let b = a + 1; b <= words.length; b += 1) {
          if (b - a === words.length) continue;
          const run = words.slice(a, b).join(' ');
          const held = byRun.get(run);
          const holder = { longer, family, ids };
          if (held === undefined) byRun.set(run, [holder]);
          else held.push(holder);
        }
    }
  }
  holders = { version: rivalsVersion, byRun };
  return byRun;
}

/**
 * The longer key phrases of other rival topics that hold each phrase of a list (word for word, as
 * a run of their words) when that topic does not list the phrase itself, for a list among
 * {@link rivalLists}; undefined for any other list (a part matched within its topic's papers, a
 * topic of another batch).
 */
function shadowsOf(list: Phrase[]): Map<string, Phrase[]> | undefined {
  const family = rivalLists.get(list);
  if (family === undefined) return undefined;
  const known = SHADOWS.get(list);
  if (known?.version === rivalsVersion) return known.shadows;
  const byRun = holdersByRun();
  const shadows = new Map<string, Phrase[]>();
  for (const phrase of list) {
    // A topic that lists the shorter phrase too shares that subject: an operator's "agents"
    // topic keeps "agent" in "LLM agents", which the catalogue's agents topic also lists.
    const longer = (byRun.get(phrase.id) ?? [])
      .filter((h) => h.family !== family && !h.ids.has(phrase.id))
      .map((h) => h.longer);
    if (longer.length > 0) shadows.set(phrase.id, [...new Set(longer)]);
  }
  SHADOWS.set(list, { version: rivalsVersion, shadows });
  return shadows;
}

/** How often a field says a phrase other than inside one of its shadows (longer phrases holding it). */
function countOwn(field: FieldGrams, phrase: Phrase, shadows: Map<string, Phrase[]> | undefined): number {
  const count = countIn(field, phrase);
  const longer = count === 0 || shadows === undefined ? undefined : shadows.get(phrase.id);
  if (longer === undefined) return count;
  let inside = 0;
  for (const q of longer) inside += countIn(field, q);
  return Math.max(0, count - inside);
}

/**
 * Evidence a paper gives for a topic: for each distinct key phrase, the strongest place it says
 * it (see {@link EVIDENCE}), summed; plus a little for a shared arXiv category when some phrase
 * matched (an operator's own category rule counts fully). An acronym its abstract spells out as
 * something else counts for nothing there (see {@link definedOtherwise}). A catalogue topic's
 * one-word phrase in the title or keywords of a paper of a field the catalogue does not cover
 * (arXiv categories, none of which its topics list; see {@link learnShadows}) counts as in an
 * abstract: such a paper joins on several phrases or a longer one, not on "Probing".
 */
export function topicEvidence(topic: Topic, paper: EvidenceSource): number {
  let memo = MEMO.get(paper);
  if (memo === undefined) {
    memo = new Map();
    MEMO.set(paper, memo);
  }
  const known = memo.get(topic);
  if (
    known !== undefined &&
    known.epoch === evidenceEpoch &&
    known.keywords === topic.keywords &&
    known.keywordCount === topic.keywords.length &&
    known.categories === topic.categories &&
    known.categoryCount === topic.categories.length &&
    known.userDefined === topic.userDefined
  )
    return known.score;
  const score = readEvidence(topic, paper);
  memo.set(topic, {
    epoch: evidenceEpoch,
    keywords: topic.keywords,
    keywordCount: topic.keywords.length,
    categories: topic.categories,
    categoryCount: topic.categories.length,
    userDefined: topic.userDefined,
    score,
  });
  return score;
}

/** Moves on whenever what evidence is read against changes: the rivals, the field, or every table dropped. */
let evidenceEpoch = 0;

/**
 * The current {@link evidenceEpoch}: evidence read for the same topic and paper objects (their
 * phrase and category lists as they were) stands while it stays the same.
 */
export function evidenceVersion(): number {
  return evidenceEpoch;
}

/**
 * Each paper's evidence per topic object, as of {@link evidenceEpoch} and of the topic's phrase
 * and category lists as they were (a list replaced or grown is read again): a batch asks for the
 * same pairs again and again (placing left-over papers, forming sections, each swap's trial;
 * three of four asks of a broad arXiv feed's 100 papers are repeats).
 */
interface Known {
  epoch: number;
  keywords: readonly string[];
  keywordCount: number;
  categories: readonly string[];
  categoryCount: number;
  userDefined: boolean;
  score: number;
}
const MEMO = new WeakMap<EvidenceSource, Map<Topic, Known>>();

function readEvidence(topic: Topic, paper: EvidenceSource): number {
  const phrases = phrasesOf(topic);
  const g = gramsOf(paper);
  let score = 0;
  // Single words of an abstract ("agent", "agentic", "multi-agent") count once together: they
  // are one subject said several ways, not several shared phrases.
  let words = 0;
  const matched = mayMatch(g, phrases) ? phrases : NO_PHRASES;
  const shadows = matched.length > 0 ? shadowsOf(phrases) : undefined;
  // A paper of a field the catalogue does not cover says a topic's one word in its own sense:
  // "Probing" a particle, "quantization" of a decoder, "translation" flows (issue #12).
  const foreign = matched.length > 0 && !topic.userDefined && offField(paper);
  // Whether the paper says one of the topic's phrases of words apart (see notLearning).
  let spaced = false;
  for (let k = 0; k < matched.length; k += 1) {
    const id = matched[k] as Phrase;
    const one = id.words === 1;
    if (countOwn(g.title, id, shadows) > 0) {
      score += foreign && one ? EVIDENCE.abstract : EVIDENCE.title;
      spaced ||= id.spaced;
    } else if (countOwn(g.keywords, id, shadows) > 0) {
      score += foreign && one ? EVIDENCE.abstract : EVIDENCE.keywords;
      spaced ||= id.spaced;
    } else {
      const count = countOwn(g.abstract, id, shadows);
      // "attack success rate (ASR)" says nothing of speech recognition.
      if (count > 0 && one && definedOtherwise(paper, g.abstract.text, id.id, matched)) continue;
      if (count > 0 && one) words = Math.max(words, count >= 2 ? EVIDENCE.abstract : EVIDENCE.passing);
      else if (count > 0) {
        score += EVIDENCE.abstract;
        spaced ||= id.spaced;
      }
    }
  }
  score += words;
  // "Molecules" in a quantum chemistry paper of a physics letter say nothing of machine learning.
  if (score > 0 && !topic.userDefined && notLearning(topic, paper, spaced)) return 0;
  if ((score > 0 || topic.userDefined) && topic.categories.length > 0) {
    const own = new Set(paper.categories.map((c) => c.toLowerCase()));
    // An operator's category rule is evidence of its own; a catalogue's only supports a phrase.
    if (topic.categories.some((c) => own.has(c.toLowerCase())))
      score += topic.userDefined ? JOIN_EVIDENCE : EVIDENCE.category;
  }
  return score;
}

/** The applied topics of {@link learnApplied}, read for matching; undefined when there are none. */
interface Applied {
  key: string;
  /** By topic slug, the lowercase arXiv archives and classes where learning is at home for it. */
  homes: ReadonlyMap<string, ReadonlySet<string>>;
  /** The phrases that say a paper learns, as matched (see {@link Said}). */
  learns: Said;
  /** By topic slug, the phrases it asks for instead (see AppliedTopics `own`). */
  own: ReadonlyMap<string, Said>;
}
/** Phrases a paper is read for: one-word ones, and longer ones (words joined by spaces), as matched. */
interface Said {
  words: ReadonlySet<string>;
  runs: readonly string[];
}
let applied: Applied | undefined;
/**
 * Whether each paper says the phrases of each list (see {@link notLearning}), by list, as of the
 * applied topics of `key`.
 */
let LEARNS = new WeakMap<EvidenceSource, Map<Said, boolean>>();

function readSaid(phrases: readonly string[]): Said {
  const ids = phrases.map((p) => matchWords(p).join(' ')).filter((id) => id !== '');
  return {
    words: new Set(ids.filter((id) => !id.includes(' '))),
    runs: ids.filter((id) => id.includes(' ')),
  };
}

/**
 * Sets the catalogue's applied topics (see {@link AppliedTopics}) evidence is read against; a
 * batch sets them before matching (none: every topic reads as before), and papers without
 * categories read as machine learning again (see {@link learnUncategorized}). Evidence already
 * read stands while they stay the same.
 */
export function learnApplied(topics: AppliedTopics | undefined): void {
  // Papers without categories read as machine learning until a batch says otherwise.
  learnUncategorized(true);
  const none = topics === undefined || Object.keys(topics.topics).length === 0;
  const key = none ? '' : JSON.stringify(topics);
  if (key === (applied?.key ?? '')) return;
  evidenceEpoch += 1;
  LEARNS = new WeakMap();
  if (topics === undefined || none) {
    applied = undefined;
    return;
  }
  applied = {
    key,
    homes: new Map(
      Object.entries(topics.topics).map(([slug, homes]) => [
        slug,
        new Set(homes.map((c) => c.toLowerCase())),
      ]),
    ),
    learns: readSaid(topics.phrases),
    own: new Map(Object.entries(topics.own ?? {}).map(([slug, phrases]) => [slug, readSaid(phrases)])),
  };
}

/**
 * true when `topic` is an applied topic (or a part of one) and `paper` comes from a field where
 * learning is not at home for it (arXiv categories, none of the topic's archives and classes)
 * without saying in its title, abstract or keywords that it learns: its field's words are no
 * evidence of machine learning applied to that field. A topic with phrases of its own asks for
 * one of those instead ("LLM agents": a language model, see AppliedTopics `own`), of a paper
 * without categories too when it says none of the topic's phrases of words apart (`spaced`).
 */
function notLearning(topic: Topic, paper: EvidenceSource, spaced: boolean): boolean {
  if (applied === undefined) return false;
  const slug = partParent(topic.slug) ?? topic.slug;
  // A paper without categories (a Hugging Face trending paper) reads as machine learning, and as
  // of a topic's field when it says one of its phrases of words apart ("gaze estimation"); one
  // that says only its words ("agents", "multi-agent", "segmentation") is asked for its own. Not
  // in a batch of another field (see learnUncategorized): there it is asked to say it learns.
  const own = applied.own.get(slug);
  if (paper.categories.length === 0 && uncategorizedLearn && (own === undefined || spaced)) return false;
  const homes = applied.homes.get(slug);
  if (homes === undefined) return false;
  for (let i = 0; i < paper.categories.length; i += 1) {
    const c = (paper.categories[i] as string).toLowerCase();
    const dot = c.indexOf('.');
    if (homes.has(c) || (dot > 0 && homes.has(c.slice(0, dot)))) return false;
  }
  return !says(paper, own ?? applied.learns);
}

/** Whether a paper says one of the phrases of `said` (read once per paper and list). */
function says(paper: EvidenceSource, said: Said): boolean {
  let known = LEARNS.get(paper);
  if (known === undefined) {
    known = new Map();
    LEARNS.set(paper, known);
  }
  let found = known.get(said);
  if (found === undefined) {
    // Its keywords too (a Hugging Face paper's "MLLM policy"): a card asks for its topics without
    // its abstract (see drafts.ts, a section's second topics).
    const words = matchWords(
      `${paper.title} | ${paper.summary} | ${paper.aiSummary ?? ''} | ${paper.keywords.join(' | ')}`,
    );
    const text = ` ${words.join(' ')} `;
    found = words.some((w) => said.words.has(w)) || said.runs.some((id) => text.includes(` ${id} `));
    known.set(said, found);
  }
  return found;
}

/**
 * Whether a paper without arXiv categories reads as machine learning (see notLearning): true
 * unless the batch being grouped is of another field (see {@link learnUncategorized}).
 */
let uncategorizedLearn = true;

/**
 * Least share of a batch's papers without arXiv categories that say they learn (the applied
 * topics' phrases: "learning", "neural", "LLM"...) for them to read as machine learning. Hugging
 * Face daily papers: 81-100% of a day's; a botany or zoology journal's feed: 0.4% of 1,087 papers,
 * which the curated catalogue read as "AI for science" for "molecular" phylogenies.
 */
export const LEARNING_BATCH = 1 / 3;

/**
 * Whether the papers without arXiv categories of `batch` read as machine learning: at least
 * {@link LEARNING_BATCH} of them say they learn (true when it has none, or no applied topics are set).
 */
export function readsAsLearning(batch: readonly EvidenceSource[]): boolean {
  if (applied === undefined) return true;
  let uncategorized = 0;
  let learning = 0;
  for (const paper of batch) {
    if (paper.categories.length > 0) continue;
    uncategorized += 1;
    if (says(paper, applied.learns)) learning += 1;
  }
  return uncategorized === 0 || learning >= LEARNING_BATCH * uncategorized;
}

/**
 * Sets whether papers without arXiv categories read as machine learning (see
 * {@link readsAsLearning}): when not, an applied topic (machine learning applied to a field, see
 * AppliedTopics) takes such a paper only when it says it learns, or says the topic's own phrases,
 * as it takes a paper of another field's arXiv classes: a phylogeny's "molecular" makes no "AI
 * for science" paper. A batch sets it before matching; evidence already read stands while it
 * stays the same.
 */
export function learnUncategorized(learning: boolean): void {
  if (learning === uncategorizedLearn) return;
  uncategorizedLearn = learning;
  evidenceEpoch += 1;
}

/** Longest acronym read as one: "asr", "vla", "rlhf", "rlvr". */
const MAX_ACRONYM = 5;

/**
 * true when a paper's abstract spells out an acronym key phrase as words none of the topic's
 * other phrases are made of: "attack success rate (ASR)" in a jailbreak abstract is not the "ASR"
 * of a speech topic, whose "automatic speech recognition (ASR)" holds its phrase "speech
 * recognition". `text` is the abstract's words as matched (see {@link FieldGrams}); the spelling
 * is the words right before the acronym whose first letters make it, where the abstract writes it
 * in capitals after a parenthesis ("(ASR").
 */
function definedOtherwise(
  paper: EvidenceSource,
  text: string,
  acronym: string,
  phrases: readonly Phrase[],
): boolean {
  if (acronym.length < 2 || acronym.length > MAX_ACRONYM) return false;
  // Written in capitals in parentheses where it is spelled out: most words never are.
  const written = `(${acronym.toUpperCase()}`;
  if (!paper.summary.includes(written) && !paper.aiSummary?.includes(written)) return false;
  let spelled: string[] | undefined;
  for (let at = text.indexOf(` ${acronym} `); at >= 0 && spelled === undefined; ) {
    // The words right before this occurrence, as many as the acronym has letters.
    const before: string[] = [];
    for (let end = at; before.length < acronym.length; ) {
      const start = text.lastIndexOf(' ', end - 1);
      if (start < 0) break;
      before.unshift(text.slice(start + 1, end));
      end = start;
    }
    if (before.length === acronym.length && before.every((w, k) => w.charCodeAt(0) === acronym.charCodeAt(k)))
      spelled = before;
    at = text.indexOf(` ${acronym} `, at + 1);
  }
  if (spelled === undefined) return false;
  const own = new Set(spelled);
  return !phrases.some((p) => p.id !== acronym && partsOf(p).every((w) => own.has(w)));
}

/**
 * true when a paper's title says one of a topic's key phrases: it names that subject ("The
 * Cold-Start Safety Gap in LLM Agents" names "LLM agents", and "safety" if a topic has it).
 */
export function titleNames(topic: Topic, paper: EvidenceSource): boolean {
  const phrases = phrasesOf(topic);
  const g = gramsOf(paper);
  if (!mayMatch(g, phrases)) return false;
  const shadows = shadowsOf(phrases);
  return phrases.some((id) => countOwn(g.title, id, shadows) > 0);
}

/**
 * Where a paper's title turns from its subject to its method (word index of the first "via",
 * "using", "through", "with" or "by"), or -1: "Two-Step Image Generation via ... Distillation" is
 * about image generation, done by distillation.
 */
export function titleMethodAt(paper: EvidenceSource): number {
  const g = gramsOf(paper);
  g.titleWords ??= matchWords(paper.title);
  return g.titleWords.findIndex((w) => METHOD_WORDS.has(w));
}

const METHOD_WORDS = new Set(['via', 'using', 'through', 'with', 'by']);

/**
 * Where a paper's title first says one of a topic's key phrases (word index), or -1 when it says
 * none: "Tracking Memory Evolution for Robust LLM Agents in Dynamic Environments" names memory
 * first, its setting after.
 */
export function titlePosition(topic: Topic, paper: EvidenceSource): number {
  const phrases = phrasesOf(topic);
  const g = gramsOf(paper);
  if (!mayMatch(g, phrases)) return -1;
  g.titleWords ??= matchWords(paper.title);
  const words = g.titleWords;
  for (let i = 0; i < words.length; i += 1)
    for (const id of phrases) {
      if (partsOf(id).every((w, k) => words[i + k] === w)) return i;
    }
  return -1;
}

/**
 * The topic (index in `topics`, among `candidates`) a paper gives the most evidence for, if it
 * reaches `min` ({@link JOIN_EVIDENCE}); ties go to the first. -1 when none does.
 */
export function bestTopic(
  topics: readonly Topic[],
  candidates: readonly number[],
  paper: EvidenceSource,
  min = JOIN_EVIDENCE,
): { index: number; evidence: number } {
  learnPhrases(topics, candidates);
  let best = { index: -1, evidence: 0 };
  for (let c = 0; c < candidates.length; c += 1) {
    const i = candidates[c] as number;
    const evidence = topicEvidence(topics[i] as Topic, paper);
    if (evidence >= min && evidence > best.evidence) best = { index: i, evidence };
  }
  return best;
}

/**
 * The topic a paper gives the most evidence for, as {@link bestTopic} finds it, reading only the
 * topics one of whose phrases the paper says (an operator's topic always: its category rule counts
 * on its own) and remembering nothing: for many papers each read once (a day's titles below the
 * grouping pool, see group-papers.ts `titleClaims`), where the memo would only cost. The topics'
 * phrases are learnt first, once for all the papers ({@link learnShadows} or {@link learnPhrases}).
 */
export function strongestTopic(
  topics: readonly Topic[],
  candidates: readonly number[],
  paper: EvidenceSource,
  min = JOIN_EVIDENCE,
): number {
  const g = gramsOf(paper);
  let best = -1;
  let most = 0;
  for (let c = 0; c < candidates.length; c += 1) {
    const i = candidates[c] as number;
    const topic = topics[i] as Topic;
    if (!topic.userDefined && !mayMatch(g, phrasesOf(topic))) continue;
    const evidence = readEvidence(topic, paper);
    if (evidence >= min && evidence > most) {
      best = i;
      most = evidence;
    }
  }
  return best;
}

/**
 * Reads the phrases of the topics at `indices` before any paper is matched against them: each new
 * phrase makes every paper's n-grams be read again, so a batch learns them all first.
 */
export function learnPhrases(topics: readonly Topic[], indices: readonly number[]): void {
  for (let k = 0; k < indices.length; k += 1) phrasesOf(topics[indices[k] as number] as Topic);
}
