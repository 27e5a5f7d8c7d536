import type { Paper } from '../domain/index.js';
import { ascending, normalize, type SparseVector } from './sparse.js';
import {
  extractTerms,
  keyCount,
  keyGeneration,
  keyId,
  keyName,
  renewKeyIds,
  type Term,
  termIds,
} from './tokenize.js';

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

/** The counted fields of a paper, in the order their terms are counted. */
const FIELDS = ['title', 'summary', 'aiSummary', 'keywords', 'categories'] as const;

/**
 * The terms of one paper per field: computed once per paper and shared by every corpus built from
 * it, whatever its weights (see {@link CorpusOptions}).
 */
export interface PaperTerms {
  /**
   * Term counts per field, keys in the order the field first says them. Read on first use (user
   * topics): a corpus counts the ids instead.
   */
  readonly fields: Record<(typeof FIELDS)[number], Map<string, number>>;
  /**
   * The terms of each text (title, abstract, AI summary, keywords), as read: surface forms and
   * standalone keys are taken from them only when a label asks (grouping itself needs the counts).
   */
  readonly read: readonly (readonly Term[])[];
  /** Key ids of each field's terms, as read ({@link FIELDS} order), valid in `generation`. */
  readonly ids: readonly (readonly number[])[];
  readonly generation: number;
}

/** Term counts of one paper, field by field. */
export function countTerms(paper: PaperText): PaperTerms {
  const texts = [
    [paper.title],
    [paper.summary],
    paper.aiSummary ? [paper.aiSummary] : [],
    paper.keywords,
  ] as const;
  const generation = keyGeneration();
  const ids = texts.map((list) => {
    const out: number[] = [];
    for (const text of list) termIds(text, out);
    return out;
  });
  // A category counts once however often it is listed.
  ids.push([...new Set(paper.categories.map((c) => categoryId(c)))]);
  let fields: PaperTerms['fields'] | undefined;
  let read: Term[][] | undefined;
  return {
    ids,
    generation,
    get read(): readonly (readonly Term[])[] {
      read ??= texts.flatMap((list) => list.map(extractTerms));
      return read;
    },
    get fields(): PaperTerms['fields'] {
      fields ??= {
        title: countKeys(texts[0]),
        summary: countKeys(texts[1]),
        aiSummary: countKeys(texts[2]),
        keywords: countKeys(texts[3]),
        categories: new Map(paper.categories.map((c) => [`cat:${c.toLowerCase()}`, 1])),
      };
      return fields;
    },
  };
}

function categoryId(category: string): number {
  return keyId(`cat:${category.toLowerCase()}`);
}

function countKeys(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const term of extractTerms(text)) counts.set(term.key, (counts.get(term.key) ?? 0) + 1);
  return counts;
}

/**
 * Per key id, its index among the keys of the corpus being built, valid where `stamp` holds that
 * build's number: reused between builds so counting allocates nothing per key.
 */
let stamp = new Int32Array(0);
let slot = new Int32Array(0);
let builds = 0;

function localIds(): number {
  const size = keyCount();
  if (stamp.length < size) {
    const grown = Math.max(size, 2 * stamp.length, 4096);
    stamp = new Int32Array(grown);
    slot = new Int32Array(grown);
    builds = 0;
  }
  builds += 1;
  return builds;
}
/**
 * Builds the TF-IDF model of a batch: sublinear term frequency (1 + ln tf, so a word said once in
 * the abstract weighs 0.3 and a title word 2.1: what a paper repeats or puts in its title says
 * what it is about), smoothed IDF, and L2-normalized vectors. Features seen in fewer than `minDf`
 * papers are dropped (they cannot link two papers, they only dilute the cosine).
 */
export function buildCorpus(papers: PaperText[], minDf = 1, options: CorpusOptions = {}): Corpus {
  const cache = options.cache ?? new Map<PaperText, PaperTerms>();
  const generation = renewKeyIds();
  const terms = papers.map((p) => {
    let t = cache.get(p);
    if (!t || t.generation !== generation) {
      t = countTerms(p);
      cache.set(p, t);
    }
    return t;
  });
  const counted = countPapers(terms, options.weights ?? FIELD_WEIGHTS);
  // Features in the order the papers first use them: as deterministic as the papers' order, and
  // no sort of thousands of strings.
  const features: string[] = [];
  const df: number[] = [];
  const featureOf = new Int32Array(counted.keys.length).fill(-1);
  // Loops, not callbacks per key: a run's first batch runs this interpreted, thousands of keys.
  for (let k = 0; k < counted.keys.length; k += 1) {
    const d = counted.df[k] as number;
    if (d < minDf) continue;
    featureOf[k] = features.length;
    features.push(counted.keys[k] as string);
    df.push(d);
  }
  const n = papers.length;
  const idf: number[] = [];
  for (let i = 0; i < df.length; i += 1) idf.push(Math.log((1 + n) / (1 + (df[i] as number))) + 1);
  const weight = new Float64Array(features.length);
  const vectors = counted.papers.map(({ keys, tf }) => {
    const found: number[] = [];
    for (let j = 0; j < keys.length; j += 1) {
      const i = featureOf[keys[j] as number] as number;
      if (i < 0) continue;
      found.push(i);
      weight[i] = Math.max(0.05, 1 + Math.log(tf[j] as number)) * (idf[i] ?? 0);
    }
    const idx = ascending(found);
    const val: number[] = [];
    for (let k = 0; k < idx.length; k += 1) val.push(weight[idx[k] as number] ?? 0);
    return normalize({ idx, val });
  });
  // Grouping reads only the vectors: what labels need is built on first use.
  let index: Map<string, number> | undefined;
  const indexOf = (): Map<string, number> => {
    index ??= new Map(features.map((key, i) => [key, i]));
    return index;
  };
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
            const i = indexOf().get(key);
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
    get index(): Map<string, number> {
      return indexOf();
    },
  };
}

/** The weighted term counts of a batch, keys numbered in the order the papers first use them. */
interface Counted {
  keys: string[];
  /** Papers using each key. */
  df: number[];
  /** Per paper, the keys it uses (in first use) and their weighted counts. */
  papers: { keys: Int32Array; tf: Float64Array }[];
}

/**
 * Each paper's term counts weighted by field and summed (a field weighted 0 left out), and each
 * key's document frequency. Keys are numbered in the order the papers first use them, field by
 * field, as a map of keys would list them; each weighted count adds the fields in the same order.
 */
function countPapers(terms: readonly PaperTerms[], weights: FieldWeights): Counted {
  const build = localIds();
  const keys: string[] = [];
  const df: number[] = [];
  // Scratch per key of the batch: its count in the current field, its weighted count in the paper.
  // Counts are whole numbers: read from an Int32Array they stay small integers, where a first,
  // interpreted call boxes every double it reads.
  let count = new Int32Array(1024);
  let sum = new Float64Array(1024);
  const inField: number[] = [];
  const inPaper: number[] = [];
  const papers = terms.map((t) => {
    inPaper.length = 0;
    for (let f = 0; f < FIELDS.length; f += 1) {
      const field = FIELDS[f] as (typeof FIELDS)[number];
      const alone = field === 'summary' && (t.ids[2] as readonly number[]).length === 0;
      const w = alone ? weights.summaryAlone : weights[field];
      if (w <= 0) continue;
      inField.length = 0;
      const ids = t.ids[f] as readonly number[];
      for (let at = 0; at < ids.length; at += 1) {
        const id = ids[at] as number;
        let k = slot[id] as number;
        if (stamp[id] !== build) {
          k = keys.length;
          stamp[id] = build;
          slot[id] = k;
          keys.push(keyName(id));
          df.push(0);
          if (k >= count.length) {
            const more = new Int32Array(2 * count.length);
            more.set(count);
            count = more;
            sum = grown(sum);
          }
        }
        if (count[k] === 0) inField.push(k);
        count[k] = (count[k] as number) + 1;
      }
      for (let at = 0; at < inField.length; at += 1) {
        const k = inField[at] as number;
        if (sum[k] === 0) inPaper.push(k);
        sum[k] = (sum[k] as number) + w * (count[k] as number);
        count[k] = 0;
      }
    }
    const local = Int32Array.from(inPaper);
    const tf = new Float64Array(local.length);
    for (let j = 0; j < local.length; j += 1) {
      const k = local[j] as number;
      tf[j] = sum[k] as number;
      sum[k] = 0;
      df[k] = (df[k] as number) + 1;
    }
    return { keys: local, tf };
  });
  return { keys, df, papers };
}

function grown(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const out = new Float64Array(2 * a.length);
  out.set(a);
  return out;
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
  let best = '';
  let bestCount = 0;
  forms?.forEach((count, form) => {
    if (count > bestCount || (count === bestCount && form < best)) {
      best = form;
      bestCount = count;
    }
  });
  return best;
}
