import { buildArchiveModel } from './archive-model.js';
import { isStopword, stemWord } from './tokenize.js';

/**
 * The arXiv archive a paper without arXiv categories most likely comes from, read from its
 * words: a multinomial naive Bayes model of labelled arXiv abstracts (`archive-model.ts`, made by
 * `npm run train:archives`). A broad feed that gives no categories (a plain RSS reader's export, a
 * JSON list) still reads "Astrophysics", "Mathematics" for the papers no catalogue topic fits.
 */

let model: ArchiveModel | undefined;

/** The shipped model, built on first use: most runs never guess an archive, and it is large. */
export function archiveModel(): ArchiveModel {
  model ??= buildArchiveModel();
  return model;
}

/** Least posterior probability at which a guess is used. */
export const GUESS_CONFIDENCE = 0.99;

/**
 * Least share of a text's words the model knows for it to guess at all: a text of arXiv's fields
 * uses its words (abstracts the model was not trained on: 84-90% at the 10th percentile, 1 of 208
 * under 70%), a botany or zoology journal's abstract does not (its Latin names and field words:
 * 94% of 846 under 70%), and the guesses made there were "Astrophysics" for gingers and spiders.
 */
export const GUESS_MIN_KNOWN = 0.7;

/** Word keys the model counts: lowercase letter runs of three or more, no stopwords, stemmed. */
export function archiveWords(text: string): string[] {
  const out: string[] = [];
  for (const w of text.toLowerCase().split(/[^a-z]+/)) {
    if (w.length >= 3 && !isStopword(w)) out.push(stemWord(w));
  }
  return out;
}

/** The model's archives, counts and vocabulary size, as `archive-model.ts` holds them. */
export interface ArchiveModel {
  archives: readonly string[];
  /** Papers of each archive in the training set. */
  papers: readonly number[];
  /** Word occurrences of each archive (all words, before pruning). */
  totals: readonly number[];
  /** Distinct words seen in training (before pruning): the smoothing's denominator. */
  vocabulary: number;
  /** Counts of a kept word by archive, in the order of `archives`; undefined for another word. */
  counts(word: string): readonly number[] | undefined;
}

/** A model's numbers, with its words' counts as a record (a model trained or written by hand). */
export type ArchiveCounts = Omit<ArchiveModel, 'counts'> & {
  words: Readonly<Record<string, readonly number[]>>;
};

/** The model of counts held in a record. */
export function archiveModelOf(counts: ArchiveCounts): ArchiveModel {
  const { words, ...model } = counts;
  return { ...model, counts: (word) => (Object.hasOwn(words, word) ? words[word] : undefined) };
}

/**
 * The model of counts held as text (`archive-model.ts`): `words` sorted (code unit order) and
 * space-separated, `rows` each word's counts comma-separated, rows separated by semicolons, in the
 * order of `words`. A word's row is found by binary search and read when looked up (a batch looks
 * up a few thousand of the model's words, each once), so loading the model costs two scans for
 * where each word and row starts: parsing it as JSON took 12-15 ms, building a map of its words 5,
 * more than grouping a short list; splitting the two texts kept 10,600 strings alive, which every
 * scavenge of the run's first batch copied.
 */
export function archiveModelFromText(
  model: Omit<ArchiveModel, 'counts'>,
  words: string,
  rows: string,
): ArchiveModel {
  const wordAt = starts(words, ' ');
  const rowAt = starts(rows, ';');
  if (wordAt.length !== rowAt.length)
    throw new Error(`archive model: ${wordAt.length - 1} words but ${rowAt.length - 1} rows of counts`);
  const last = wordAt.length - 2;
  return {
    ...model,
    counts: (word) => {
      // The words are sorted: a binary search, where building a map of them all cost more than
      // the lookups of a batch.
      let lo = 0;
      let hi = last;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const name = words.slice(wordAt[mid] as number, (wordAt[mid + 1] as number) - 1);
        if (name === word) return readCounts(rows, rowAt[mid] as number, (rowAt[mid + 1] as number) - 1);
        if (name < word) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
  };
}

/**
 * The comma-separated counts of `rows` from `start` to before `end`. Most are "0", read without
 * a string of their own: a batch looks up thousands of words, each of 16 archives.
 */
function readCounts(rows: string, start: number, end: number): number[] {
  const out: number[] = [];
  for (let at = start; at <= end; ) {
    let comma = rows.indexOf(',', at);
    if (comma < 0 || comma > end) comma = end;
    out.push(comma === at + 1 && rows.charCodeAt(at) === 48 ? 0 : Number(rows.slice(at, comma)));
    at = comma + 1;
  }
  return out;
}

/**
 * Where each item of a `separator`-separated text starts, and one past the end of the text (the
 * start of an item after it): item `i` is `text.slice(at[i], at[i + 1] - 1)`, as `text.split`
 * gives them.
 */
function starts(text: string, separator: string): Int32Array {
  let items = 1;
  for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) items += 1;
  const out = new Int32Array(items + 1);
  let i = 1;
  for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) out[i++] = at + 1;
  out[items] = text.length + 1;
  return out;
}

/**
 * The most likely archive of a text and its posterior probability; undefined for a text whose
 * words the model mostly does not know (under {@link GUESS_MIN_KNOWN} of them): no arXiv archive's.
 */
export function guessArchive(
  text: string,
  model: ArchiveModel = archiveModel(),
): { archive: string; probability: number } | undefined {
  const k = model.archives.length;
  const { prior, smoothing, rows } = scoring(model);
  // log P(a) + sum over words of count * log((c(w, a) + 1) / (total(a) + vocabulary)), as
  // log P(a) - known * log(total(a) + vocabulary) + sum of count * log(c(w, a) + 1): a word adds
  // only to the archives that have it (log 1 is 0 for the others), each distinct word once.
  const counts = new Map<string, number>();
  for (const w of archiveWords(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const scores = new Float64Array(k);
  let known = 0;
  let total = 0;
  counts.forEach((count, w) => {
    total += count;
    const row = rowOf(model, rows, w);
    if (!row) return;
    known += count;
    for (let j = 0; j < row.length; j += 2) {
      const a = row[j] as number;
      scores[a] = (scores[a] as number) + count * (row[j + 1] as number);
    }
  });
  if (known === 0 || known < GUESS_MIN_KNOWN * total) return undefined;
  let best = 0;
  for (let a = 0; a < k; a += 1) {
    scores[a] = (prior[a] as number) - known * (smoothing[a] as number) + (scores[a] as number);
    if ((scores[a] as number) > (scores[best] as number)) best = a;
  }
  const top = scores[best] as number;
  let sum = 0;
  for (let a = 0; a < k; a += 1) sum += Math.exp((scores[a] as number) - top);
  return { archive: model.archives[best] as string, probability: 1 / sum };
}

/**
 * A word's archives (those that have it), each followed by log(count + 1) in it: one array per
 * word (two typed arrays and an object were five heap objects for the collector to copy).
 */
type Row = readonly number[];

/** A model's log priors, log(total + vocabulary) per archive, and the rows of the words read so far (null: unknown word). */
interface Scoring {
  prior: readonly number[];
  smoothing: readonly number[];
  rows: Map<string, Row | null>;
}

const SCORING = new WeakMap<ArchiveModel, Scoring>();

function scoring(model: ArchiveModel): Scoring {
  let s = SCORING.get(model);
  if (s === undefined) {
    const all = model.papers.reduce((a, b) => a + b, 0);
    s = {
      prior: model.papers.map((n) => Math.log(n / all)),
      smoothing: model.totals.map((t) => Math.log(t + model.vocabulary)),
      rows: new Map(),
    };
    SCORING.set(model, s);
  }
  return s;
}

/**
 * A word's row (Laplace smoothing: log(count + 1) where it has a count), computed once per word: a
 * batch of abstracts repeats its words, and the first batch of a run is not yet optimized.
 */
function rowOf(model: ArchiveModel, rows: Map<string, Row | null>, word: string): Row | null {
  let row = rows.get(word);
  if (row === undefined) {
    const counts = model.counts(word);
    row = null;
    if (counts) {
      const out: number[] = [];
      for (let a = 0; a < counts.length; a += 1)
        if ((counts[a] as number) > 0) out.push(a, Math.log((counts[a] as number) + 1));
      row = out;
    }
    // Bounded: a daemon reads new words (unknown to the model) every day.
    if (rows.size > 50_000) rows.clear();
    rows.set(word, row);
  }
  return row;
}
