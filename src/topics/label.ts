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
  score: number;
  coverage: number;
  /** Coverage less the share of other papers with the feature. */
  lift: number;
}

/**
 * Features that describe a cluster, best first: how many of its papers have the feature
 * (coverage) less how many of the other papers have it (so a phrase every section uses, such as
 * "language models", loses to the one this cluster is about), times how rare the feature is in
 * the whole batch (IDF). Bigrams get a bonus: they read better and say more.
 */
export function describeFeatures(corpus: Corpus, members: number[]): Candidate[] {
  const counts = new Map<number, number>();
  for (const m of members) {
    for (const f of corpus.present[m] ?? []) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const minCount = Math.min(2, members.length);
  const out: Candidate[] = [];
  for (const [feature, count] of counts) {
    const key = corpus.features[feature] ?? '';
    if (count < minCount || key.startsWith('cat:')) continue;
    const coverage = count / members.length;
    const outside = corpus.vectors.length - members.length;
    const elsewhere = outside > 0 ? ((corpus.df[feature] ?? count) - count) / outside : 0;
    const bonus = key.includes(' ') ? 1.5 : 1;
    const lift = coverage - elsewhere;
    out.push({ feature, coverage, lift, score: Math.max(0.01, lift) * (corpus.idf[feature] ?? 0) * bonus });
  }
  return out.sort((a, b) => b.score - a.score || a.feature - b.feature);
}

/**
 * Label and keywords of a cluster. The label is the best bigram of the cluster as it is written
 * in the papers ("Long-context benchmarks"), else its two best words ("Agents and memory"); a label
 * already in `used` (lowercase) is skipped, and the chosen one is added to it.
 */
export function describeCluster(corpus: Corpus, members: number[], used: Set<string>): ClusterDescription {
  const candidates = describeFeatures(corpus, members);
  const keywords = candidates
    .slice(0, TOPIC_KEYWORDS)
    .map((c) => (corpus.surface[c.feature] ?? '').toLowerCase());
  // A label must speak for most of the section: coverage counts more than for keywords. Phrases
  // ("context length") come before hyphenated words, which are often adjectives ("pre-trained").
  // A phrase most other sections share too ("language models") comes after every distinctive one.
  const tiers: string[][] = [[], [], [], [], [], [], [], []];
  const byLabelScore = [...candidates].sort(
    (a, b) => b.score * b.coverage - a.score * a.coverage || a.feature - b.feature,
  );
  for (const c of byLabelScore) {
    const surface = corpus.surface[c.feature] ?? '';
    const words = labelWordCount(surface);
    if (words < 2 || words > 4) continue;
    const phrase = surface.includes(' ');
    const wide = c.coverage >= 0.25;
    const generic = c.lift < 0.2;
    tiers[(generic ? 4 : 0) + (wide ? 0 : 2) + (phrase ? 0 : 1)]?.push(formatLabel(surface));
  }
  const labels = tiers.slice(0, 4).flat();
  const words = candidates.filter((c) => !(corpus.features[c.feature] ?? ' ').includes(' '));
  for (let i = 0; i + 1 < words.length && i < 4; i += 1) {
    const first = corpus.surface[words[i]?.feature ?? -1];
    const second = corpus.surface[words[i + 1]?.feature ?? -1];
    if (first && second) labels.push(formatLabel(`${first} and ${second}`));
  }
  labels.push(...tiers.slice(4).flat());
  const label = labels.find((l) => !used.has(l.toLowerCase())) ?? uniqueFallback(labels[0] ?? 'Papers', used);
  used.add(label.toLowerCase());
  return { label, keywords };
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

/** "Sparse Attention" -> "Sparse attention", "LLM Agents" -> "LLM agents": sentence case, acronyms kept. */
export function formatLabel(text: string): string {
  const words = text.split(' ').map((word, i) =>
    word
      .split('-')
      .map((part, j) =>
        i === 0 && j === 0 ? part : /^\p{Lu}\p{Ll}+$/u.test(part) ? part.toLowerCase() : part,
      )
      .join('-'),
  );
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
