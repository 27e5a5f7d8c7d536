import type { Paper } from '../domain/index.js';
import { normalize, type SparseVector } from './sparse.js';
import { extractTerms, type Term } from './tokenize.js';

/** The text a paper offers to grouping. */
export type PaperText = Pick<Paper, 'id' | 'title' | 'summary' | 'keywords' | 'categories'> & {
  aiSummary?: string | null;
};

/** TF-IDF model of one batch of papers. */
export interface Corpus {
  /** Feature keys, in the order the papers first use them; a vector index points in here. */
  features: string[];
  /** Papers containing each feature. */
  df: number[];
  /** One L2-normalized TF-IDF vector per paper, in input order. */
  vectors: SparseVector[];
  /** Per paper, the set of feature indices it contains (for label coverage). */
  present: Set<number>[];
  /**
   * Per paper, the features of its headline fields, title and keywords: noun phrases that name
   * its subject, where abstracts and AI summaries also describe methods ("enhances", "reveals").
   */
  headline: Set<number>[];
  /**
   * Most frequent surface form of a feature in the papers ("long-context", "LLMs"), or '' for a
   * feature only read inside coined names. Computed on demand: labels need a few dozen.
   */
  surfaceOf(feature: number): string;
  /** true for a feature some paper writes on its own, not only as part of a word ("multi" of "multi-agent"). */
  standsAlone(feature: number): boolean;
  /** Inverse document frequency of each feature. */
  idf: number[];
  /** Feature index by key. */
  index: Map<string, number>;
}

/**
 * Weight of each field of a paper in the clustering vectors: the abstract at half weight (a word it
 * says once counts 0.3 after sublinear scaling) scored best on the hand-labelled HF set, and so did
 * the AI summary at half weight once similarities are centred (see `centeredSimilarity`): it
 * retells the abstract, and the two together outweighed title and keywords.
 */
export const FIELD_WEIGHTS: FieldWeights = {
  title: 3,
  summary: 0.5,
  summaryAlone: 1,
  aiSummary: 0.5,
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
 * Term counts of one paper per field, and the terms they were read from: computed once per paper
 * and shared by every corpus built from it, whatever its weights (see {@link CorpusOptions}).
 */
export interface PaperTerms {
  fields: Record<Exclude<keyof FieldWeights, 'summaryAlone'>, Map<string, number>>;
  /**
   * The terms of each text (title, abstract, AI summary, keywords), as read: surface forms and
   * standalone keys are taken from them only when a label asks (grouping itself needs the counts).
   */
  read: readonly (readonly Term[])[];
}

/** Term counts of one paper, field by field. */
export function countTerms(paper: PaperText): PaperTerms {
  const read: Term[][] = [];
  const count = (texts: readonly string[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const text of texts) {
      const terms = extractTerms(text);
      read.push(terms);
      for (const term of terms) counts.set(term.key, (counts.get(term.key) ?? 0) + 1);
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
  return { fields, read };
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
  const counts = terms.map((t) => weightedCounts(t, options.weights));
  const dfByKey = new Map<string, number>();
  for (const c of counts) for (const key of c.keys()) dfByKey.set(key, (dfByKey.get(key) ?? 0) + 1);
  // Features in the order the papers first use them: as deterministic as the papers' order, and
  // no sort of thousands of strings.
  const features: string[] = [];
  const df: number[] = [];
  for (const [key, d] of dfByKey) {
    if (d < minDf) continue;
    features.push(key);
    df.push(d);
  }
  const index = new Map(features.map((key, i) => [key, i]));
  const n = papers.length;
  const idf = df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
  const weight = new Float64Array(features.length);
  const vectors = counts.map((c) => {
    const idx: number[] = [];
    for (const [key, tf] of c) {
      const i = index.get(key);
      if (i === undefined) continue;
      idx.push(i);
      weight[i] = Math.max(0.05, 1 + Math.log(tf)) * (idf[i] ?? 0);
    }
    idx.sort((a, b) => a - b);
    return normalize({ idx, val: idx.map((i) => weight[i] ?? 0) });
  });
  // Grouping reads only the vectors: what labels need is built on first use.
  let present: Set<number>[] | undefined;
  let headline: Set<number>[] | undefined;
  let forms: Surfaces | undefined;
  const surfaces = new Map<number, string>();
  const surfaceOf = (feature: number): string => {
    let best = surfaces.get(feature);
    if (best === undefined) {
      forms ??= readSurfaces(terms);
      best = bestSurface(forms.byKey.get(features[feature] ?? ''));
      surfaces.set(feature, best);
    }
    return best;
  };
  const standsAlone = (feature: number): boolean => {
    forms ??= readSurfaces(terms);
    return forms.standalone.has(features[feature] ?? '');
  };
  return {
    features,
    df,
    vectors,
    get present(): Set<number>[] {
      present ??= vectors.map((v) => new Set(v.idx));
      return present;
    },
    get headline(): Set<number>[] {
      headline ??= terms.map((t) => {
        const out = new Set<number>();
        for (const field of [t.fields.title, t.fields.keywords]) {
          for (const key of field.keys()) {
            const i = index.get(key);
            if (i !== undefined) out.add(i);
          }
        }
        return out;
      });
      return headline;
    },
    surfaceOf,
    standsAlone,
    idf,
    index,
  };
}

/** Surface forms of each key with their counts across papers, and the keys written on their own. */
interface Surfaces {
  byKey: Map<string, Map<string, number>>;
  standalone: Set<string>;
}

function readSurfaces(terms: readonly PaperTerms[]): Surfaces {
  const byKey = new Map<string, Map<string, number>>();
  const standalone = new Set<string>();
  for (const t of terms) {
    for (const list of t.read) {
      for (const term of list) {
        if (!term.part) standalone.add(term.key);
        if (term.surface === '') continue;
        let forms = byKey.get(term.key);
        if (!forms) {
          forms = new Map();
          byKey.set(term.key, forms);
        }
        forms.set(term.surface, (forms.get(term.surface) ?? 0) + 1);
      }
    }
  }
  return { byKey, standalone };
}

/** The form written most often (ties: the first in code-point order); '' when there is none. */
function bestSurface(forms: Map<string, number> | undefined): string {
  let best: [string, number] = ['', 0];
  for (const entry of forms ?? []) {
    if (entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  }
  return best[0];
}
