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
  /** Counts of each kept word by archive, in the order of `archives`. */
  words: Readonly<Record<string, readonly number[]>>;
}

/**
 * The most likely archive of a text and its posterior probability; undefined for a text with no
 * word the model knows.
 */
export function guessArchive(
  text: string,
  model: ArchiveModel = archiveModel(),
): { archive: string; probability: number } | undefined {
  const k = model.archives.length;
  const all = model.papers.reduce((a, b) => a + b, 0);
  const scores = model.papers.map((n) => Math.log(n / all));
  let known = 0;
  for (const w of archiveWords(text)) {
    const counts = Object.hasOwn(model.words, w) ? model.words[w] : undefined;
    if (!counts) continue;
    known += 1;
    for (let a = 0; a < k; a += 1)
      scores[a] =
        (scores[a] as number) +
        Math.log(((counts[a] ?? 0) + 1) / ((model.totals[a] as number) + model.vocabulary));
  }
  if (known === 0) return undefined;
  let best = 0;
  for (let a = 1; a < k; a += 1) if ((scores[a] as number) > (scores[best] as number)) best = a;
  const top = scores[best] as number;
  const sum = scores.reduce((s, x) => s + Math.exp(x - top), 0);
  return { archive: model.archives[best] as string, probability: 1 / sum };
}
