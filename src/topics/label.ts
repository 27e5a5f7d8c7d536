import type { Corpus } from './vectorize.js';

/** A cluster's label and the keywords stored on its topic. */
export interface ClusterDescription {
  label: string;
  keywords: string[];
}

/** Keywords stored per topic: enough to recognise tomorrow's papers on the same subject. */
export const TOPIC_KEYWORDS = 24;

interface Candidate {
  feature: number;
  /** Keyword score: lift times IDF, with a bonus for phrases. */
  score: number;
  /** Papers of the cluster with the feature. */
  count: number;
  /** Share of the cluster's papers with the feature. */
  coverage: number;
  /** Coverage less the share of other papers with the feature. */
  lift: number;
  /** Share of the batch's papers with the feature that are in the cluster. */
  precision: number;
  /** Share of the cluster's papers with the feature in a headline field (title, AI summary, keywords). */
  headline: number;
}

/**
 * Features that describe a cluster, best first: how many of its papers have the feature
 * (coverage) less how many of the other papers have it (so a phrase every section uses, such as
 * "language models", loses to the one this cluster is about), times how rare the feature is in
 * the whole batch (IDF). Bigrams get a bonus: they read better and say more.
 */
export function describeFeatures(
  corpus: Corpus,
  members: number[],
  minCount = Math.min(2, members.length),
): Candidate[] {
  const counts = new Map<number, number>();
  const headlines = new Map<number, number>();
  for (const m of members) {
    for (const f of corpus.present[m] ?? []) counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const f of corpus.headline[m] ?? []) headlines.set(f, (headlines.get(f) ?? 0) + 1);
  }
  const outside = corpus.vectors.length - members.length;
  const out: Candidate[] = [];
  for (const [feature, count] of counts) {
    const key = corpus.features[feature] ?? '';
    if (count < minCount || key.startsWith('cat:')) continue;
    const df = corpus.df[feature] ?? count;
    const coverage = count / members.length;
    const elsewhere = outside > 0 ? (df - count) / outside : 0;
    const bonus = key.includes(' ') ? 1.5 : 1;
    const lift = coverage - elsewhere;
    out.push({
      feature,
      count,
      coverage,
      lift,
      precision: count / Math.max(count, df),
      headline: (headlines.get(feature) ?? 0) / members.length,
      score: Math.max(0.01, lift) * (corpus.idf[feature] ?? 0) * bonus,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.feature - b.feature);
}

/**
 * Label and keywords of a cluster. Keywords are the best features by {@link describeFeatures}.
 * The label is the phrase that best names the section, as written in its papers ("Sparse
 * attention", "Vision-language-action models"), else its two best words ("Grasp and dexterous"):
 * a label must be shared by the section (coverage), belong to it rather than to the whole batch
 * (precision: "language models" names no section), and be said where papers name their subject
 * (title, AI summary, keywords) rather than only in an abstract's method talk ("inject
 * spatiotemporal"). A label already in `used` (lowercase) is skipped; the chosen one is added.
 */
export function describeCluster(corpus: Corpus, members: number[], used: Set<string>): ClusterDescription {
  const candidates = describeFeatures(corpus, members);
  const single = members.length > 1 ? describeFeatures(corpus, members, 1).filter((c) => c.count === 1) : [];
  const keywords = keywordsOf(corpus, candidates, single);
  const options = labelOptions(corpus, candidates);
  const label =
    options.find((l) => !used.has(l.toLowerCase())) ?? uniqueFallback(options[0] ?? 'Papers', used);
  used.add(label.toLowerCase());
  return { label, keywords };
}

/** Fewest keywords stored on a new topic: a small cluster shares few words, its papers' own ones fill in. */
const MIN_KEYWORDS = 8;

/**
 * Keywords that papers joining a catalogue topic bring (see {@link refreshKeywords}): shared by
 * at least half of them and far more common among them than in the rest of the batch (lift of at
 * least `minLift`), best first. Stricter than a new topic's keywords: they change a topic
 * readers already know.
 */
export function describeKeywords(corpus: Corpus, members: number[], minLift = 0.4): string[] {
  const minCount = Math.max(2, Math.ceil(members.length / 2));
  return keywordsOf(
    corpus,
    describeFeatures(corpus, members, minCount).filter((c) => c.lift >= minLift && c.headline > 0),
  );
}

function keywordsOf(corpus: Corpus, candidates: Candidate[], more: Candidate[] = []): string[] {
  const keywords: string[] = [];
  for (const c of [...candidates, ...more]) {
    if (keywords.length >= TOPIC_KEYWORDS || (c.count < 2 && keywords.length >= MIN_KEYWORDS)) break;
    const surface = corpus.surfaceOf(c.feature).toLowerCase();
    if (surface !== '' && !keywords.includes(surface)) keywords.push(surface);
  }
  return keywords;
}

/**
 * How well a feature names its cluster (see {@link describeCluster}): the F-measure of coverage
 * and precision, weighed by how often papers say it in a headline field; 0 when none does.
 */
function labelScore(c: Candidate): number {
  const f = (2 * c.precision * c.coverage) / (c.precision + c.coverage);
  return f * (0.25 + c.headline);
}

interface LabelOption {
  text: string;
  score: number;
}

/** Label texts of a cluster, best first: phrases and word pairs by {@link labelScore}. */
function labelOptions(corpus: Corpus, candidates: Candidate[]): string[] {
  const options: LabelOption[] = [];
  const words: (LabelOption & { key: string; headline: boolean })[] = [];
  const phrases = new Set(
    candidates.map((c) => corpus.features[c.feature] ?? '').filter((k) => k.includes(' ')),
  );
  const ranked = candidates
    .map((c) => ({ c, score: labelScore(c), key: corpus.features[c.feature] ?? '' }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.c.feature - b.c.feature);
  // Only the best few are read as written: finding a feature's surface form visits every paper.
  let phraseBudget = 30;
  let wordBudget = 12;
  for (const { c, score, key } of ranked) {
    const phrase = key.includes(' ');
    if (phrase ? phraseBudget <= 0 : wordBudget <= 0) continue;
    const surface = corpus.surfaceOf(c.feature);
    if (surface === '' || !corpus.standsAlone(c.feature)) continue;
    if (phrase) phraseBudget -= 1;
    else wordBudget -= 1;
    const count = labelWordCount(surface);
    if (count === 1) {
      words.push({ text: surface, score, key, headline: c.headline > 0 });
      continue;
    }
    if (count > 4) continue;
    // "Zero-shot" or "long-horizon" alone is an adjective; a phrase says what it qualifies.
    options.push({ text: formatLabel(surface), score: score * (surface.includes(' ') ? 1.25 : 0.7) });
  }
  words.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  // A pair of words is a last resort; both should be said where papers name their subject.
  const named = words.filter((w) => w.text.length > 2 && w.headline);
  const pairable = (named.length >= 2 ? named : words.filter((w) => w.text.length > 2)).slice(0, 4);
  for (let i = 0; i < pairable.length; i += 1) {
    for (let j = i + 1; j < pairable.length; j += 1) {
      const a = pairable[i] as (typeof words)[number];
      const b = pairable[j] as (typeof words)[number];
      // "Neural and rendering" is the phrase "Neural rendering"; "AR and autoregressive" says one thing twice.
      if (phrases.has(`${a.key} ${b.key}`) || phrases.has(`${b.key} ${a.key}`) || related(a.key, b.key))
        continue;
      options.push({ text: formatLabel(`${a.text} and ${b.text}`), score: 0.6 * b.score });
    }
  }
  const seen = new Set<string>();
  const out: string[] = [];
  options.sort((a, b) => b.score - a.score || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  for (const o of options) {
    const key = o.text.toLowerCase();
    if (!seen.has(key)) out.push(o.text);
    seen.add(key);
  }
  return out;
}

/** true for two feature keys of one word family ("mem" and "memory", "ar" and "autoregress"). */
function related(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.startsWith(short) || (short.length >= 4 && long.startsWith(short.slice(0, 4)));
}

function uniqueFallback(base: string, used: Set<string>): string {
  const words = base.split(' ').slice(0, 3).join(' ');
  for (const suffix of ['papers', 'methods', 'studies', 'work', 'research']) {
    const candidate = `${words} ${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
  let i = 2;
  while (used.has(`${words} ${i}`.toLowerCase())) i += 1;
  return `${words} ${i}`;
}

/** Words of a label, hyphenated parts counted apart ("Long-context benchmarks" has 3). */
export function labelWordCount(label: string): number {
  return label.split(/[\s-]+/).filter((w) => w.length > 0).length;
}

/**
 * Endings of adjectives that are no name's ("adversarial", "generative", "autonomous"); not "-ic"
 * or "-ian", which names make ("Atlantic", "Gaussian", "Riemannian").
 */
const ADJECTIVAL = /(?:al|ive|ous)$/;

/** A capitalized word ("Agents"); made once (a bundle builds a `\p{...}` literal at each call). */
const CAPITALIZED = /^\p{Lu}\p{Ll}+$/u;

/**
 * "Sparse Attention" -> "Sparse attention", "LLM Agents" -> "LLM agents": sentence case, acronyms
 * kept, and the words `name` says are names kept as written ("Monte Carlo simulations").
 */
export function formatLabel(text: string, name: (word: string) => boolean = () => false): string {
  const parts = text.split(' ');
  // An adjective is no name, however its texts capitalize it: the expansion of an acronym
  // ("Generative Adversarial Networks (GANs)") made "Generative Adversarial networks".
  const isName = (word: string): boolean => !ADJECTIVAL.test(word.toLowerCase()) && name(word);
  const named = parts.map((word) => CAPITALIZED.test(word) && isName(word));
  const words = parts.map((word, i) => {
    // A capitalized word between two names is part of that name: "Hubble Space Telescope", where
    // "space" alone is no name.
    const inName =
      CAPITALIZED.test(word) && named.slice(0, i).includes(true) && named.slice(i + 1).includes(true);
    return word
      .split('-')
      .map((part, j) =>
        (i === 0 && j === 0) || !CAPITALIZED.test(part) || inName || isName(part) ? part : part.toLowerCase(),
      )
      .join('-');
  });
  const joined = words.join(' ');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** Kebab-case slug of a label, unique against `taken` (which it extends): "LLM agents" -> "llm-agents". */
export function slugify(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'topic';
  let slug = base;
  for (let i = 2; taken.has(slug); i += 1) slug = `${base}-${i}`;
  taken.add(slug);
  return slug;
}
