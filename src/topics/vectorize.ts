import type { Paper } from '../domain/index.js';
import { extractTerms } from './tokenize.js';

/** The text a paper offers to grouping. */
export type PaperText = Pick<Paper, 'id' | 'title' | 'summary' | 'keywords' | 'categories'> & {
  aiSummary?: string | null;
};

/** A sparse vector: feature indices ascending, with their values. */
export interface SparseVector {
  idx: number[];
  val: number[];
}

/** TF-IDF model of one batch of papers. */
export interface Corpus {
  /** Feature keys, sorted; a vector index points in here. */
  features: string[];
  /** Papers containing each feature. */
  df: number[];
  /** One L2-normalized TF-IDF vector per paper, in input order. */
  vectors: SparseVector[];
  /** Per paper, the set of feature indices it contains (for label coverage). */
  present: Set<number>[];
  /** Most frequent surface form of each feature ("long-context", "llms"). */
  surface: string[];
  /** Inverse document frequency of each feature. */
  idf: number[];
  /** Feature index by key. */
  index: Map<string, number>;
}

/**
 * Weight of each field of a paper in the clustering vectors: the abstract at half weight (a word it
 * says once counts 0.3 after sublinear scaling) scored best on the hand-labelled HF set.
 */
export const FIELD_WEIGHTS: FieldWeights = {
  title: 3,
  summary: 0.5,
  summaryAlone: 1,
  aiSummary: 1,
  keywords: 1,
  categories: 2,
};

/**
 * Weights papers are matched to catalogue topics with: the abstract counts fully, as a topic's
 * keywords are mostly words that many of its papers' abstracts share.
 */
export const MATCH_WEIGHTS: FieldWeights = {
  title: 3,
  summary: 1,
  summaryAlone: 1,
  aiSummary: 1,
  keywords: 2,
  categories: 2,
};

/** Weight of each field of a paper in its term counts. */
export interface FieldWeights {
  title: number;
  /** The abstract of a paper that has an AI summary too (they say the same things). */
  summary: number;
  /** The abstract of a paper without an AI summary. */
  summaryAlone: number;
  aiSummary: number;
  keywords: number;
  categories: number;
}

/** Options of {@link buildCorpus}. */
export interface CorpusOptions {
  /** Each paper's term counts, kept between corpora built from the same papers (tokenizing dominates). */
  cache?: Map<PaperText, PaperTerms>;
  /** Field weights (default {@link FIELD_WEIGHTS}). */
  weights?: FieldWeights;
}

/**
 * Term counts of one paper per field, and the surface forms they were read from: computed once
 * per paper and shared by every corpus built from it, whatever its weights (see {@link CorpusOptions}).
 */
export interface PaperTerms {
  fields: Record<Exclude<keyof FieldWeights, 'summaryAlone'>, Map<string, number>>;
  surfaces: Map<string, Map<string, number>>;
}

/** Term counts of one paper, field by field, with the surface forms seen. */
export function countTerms(paper: PaperText): PaperTerms {
  const surfaces = new Map<string, Map<string, number>>();
  const count = (texts: string[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const term of extractTerms(text)) {
        counts.set(term.key, (counts.get(term.key) ?? 0) + 1);
        let forms = surfaces.get(term.key);
        if (!forms) {
          forms = new Map();
          surfaces.set(term.key, forms);
        }
        forms.set(term.surface, (forms.get(term.surface) ?? 0) + 1);
      }
    }
    return counts;
  };
  const fields = {
    title: count([paper.title]),
    summary: count([paper.summary]),
    aiSummary: count(paper.aiSummary ? [paper.aiSummary] : []),
    keywords: count(paper.keywords),
    categories: new Map(paper.categories.map((c) => [`cat:${c.toLowerCase()}`, 1])),
  };
  return { fields, surfaces };
}

/** A paper's term counts weighted by field and summed. */
export function weightedCounts(
  terms: PaperTerms,
  weights: FieldWeights = FIELD_WEIGHTS,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const field of ['title', 'summary', 'aiSummary', 'keywords', 'categories'] as const) {
    const alone = field === 'summary' && terms.fields.aiSummary.size === 0;
    const w = alone ? weights.summaryAlone : weights[field];
    if (w <= 0) continue;
    for (const [key, c] of terms.fields[field]) out.set(key, (out.get(key) ?? 0) + w * c);
  }
  return out;
}

/**
 * Builds the TF-IDF model of a batch: sublinear term frequency (1 + ln tf, so a word said once in
 * the abstract weighs 0.3 and a title word 2.1: what a paper repeats or puts in its title says
 * what it is about), smoothed IDF, and L2-normalized vectors. Features seen in fewer than `minDf`
 * papers are dropped (they cannot link two papers, they only dilute the cosine).
 */
export function buildCorpus(papers: PaperText[], minDf = 1, options: CorpusOptions = {}): Corpus {
  const cache = options.cache ?? new Map<PaperText, PaperTerms>();
  const terms = papers.map((p) => {
    let t = cache.get(p);
    if (!t) {
      t = countTerms(p);
      cache.set(p, t);
    }
    return t;
  });
  const surfaces = new Map<string, Map<string, number>>();
  for (const t of terms) {
    for (const [key, forms] of t.surfaces) {
      let all = surfaces.get(key);
      if (!all) {
        all = new Map();
        surfaces.set(key, all);
      }
      for (const [form, c] of forms) all.set(form, (all.get(form) ?? 0) + c);
    }
  }
  const counts = terms.map((t) => weightedCounts(t, options.weights));
  const dfByKey = new Map<string, number>();
  for (const c of counts) for (const key of c.keys()) dfByKey.set(key, (dfByKey.get(key) ?? 0) + 1);
  const features = [...dfByKey.entries()]
    .filter(([, df]) => df >= minDf)
    .map(([key]) => key)
    .sort();
  const index = new Map(features.map((key, i) => [key, i]));
  const n = papers.length;
  const df = features.map((key) => dfByKey.get(key) ?? 0);
  const idf = df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
  const present: Set<number>[] = [];
  const vectors = counts.map((c) => {
    const entries: [number, number][] = [];
    for (const [key, tf] of c) {
      const i = index.get(key);
      if (i === undefined) continue;
      entries.push([i, Math.max(0.05, 1 + Math.log(tf)) * (idf[i] ?? 0)]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    present.push(new Set(entries.map(([i]) => i)));
    return normalize({ idx: entries.map(([i]) => i), val: entries.map(([, v]) => v) });
  });
  const surface = features.map((key) => bestSurface(surfaces.get(key)) ?? key);
  return { features, df, vectors, present, surface, idf, index };
}

function bestSurface(forms: Map<string, number> | undefined): string | undefined {
  if (!forms) return undefined;
  let best: [string, number] | undefined;
  for (const entry of forms) {
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  }
  return best?.[0];
}

/** Scales a vector to unit length (the zero vector stays zero). */
export function normalize(v: SparseVector): SparseVector {
  let sum = 0;
  for (const x of v.val) sum += x * x;
  const norm = Math.sqrt(sum);
  return norm === 0 ? v : { idx: v.idx, val: v.val.map((x) => x / norm) };
}

/** Dot product of two sparse vectors (their cosine when both are unit length). */
export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const ai = a.idx[i] as number;
    const bj = b.idx[j] as number;
    if (ai === bj) {
      sum += (a.val[i] as number) * (b.val[j] as number);
      i += 1;
      j += 1;
    } else if (ai < bj) i += 1;
    else j += 1;
  }
  return sum;
}

/** Sum of vectors, normalized: the direction of a group of papers. */
export function centroid(vectors: SparseVector[]): SparseVector {
  const acc = new Map<number, number>();
  for (const v of vectors) {
    for (let k = 0; k < v.idx.length; k += 1) {
      const i = v.idx[k] as number;
      acc.set(i, (acc.get(i) ?? 0) + (v.val[k] as number));
    }
  }
  const idx = [...acc.keys()].sort((a, b) => a - b);
  return normalize({ idx, val: idx.map((i) => acc.get(i) ?? 0) });
}

/** Cosine similarity matrix (n x n, row-major) of unit vectors. */
export function similarityMatrix(vectors: SparseVector[]): Float64Array {
  const n = vectors.length;
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    sim[i * n + i] = 1;
    const vi = vectors[i] as SparseVector;
    for (let j = i + 1; j < n; j += 1) {
      const s = dot(vi, vectors[j] as SparseVector);
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
  }
  return sim;
}
