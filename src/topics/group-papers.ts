import type { Topic, TopicGroup } from '../domain/index.js';
import { matchUserTopic, refreshKeywords, topicVector } from './catalogue.js';
import { clusterBatch } from './cluster-batch.js';
import { describeCluster, describeKeywords, slugify } from './label.js';
import { centeredSimilarity, centroid, dot, type SparseVector, similarityMatrix } from './sparse.js';
import {
  buildCorpus,
  type Corpus,
  countTerms,
  MATCH_WEIGHTS,
  type PaperTerms,
  type PaperText,
} from './vectorize.js';

/** Knobs of {@link groupPapers}; the defaults are tuned on the hand-labelled HF set (see bench/). */
export interface GroupOptions {
  /**
   * Cosine similarity to a catalogue topic's keywords above which a paper (or a new cluster) joins
   * it; half of it for a cluster of fewer than 3 papers, thin evidence for a new topic.
   */
  joinThreshold?: number;
  /** Batches of at most this many papers make one section. */
  singleSectionMax?: number;
  /** Smallest automatic topic; smaller clusters are dissolved. */
  minClusterSize?: number;
  /** Average similarity a paper of a dissolved cluster needs to join another cluster. */
  attachThreshold?: number;
  /** Largest share of the batch left in "Other". */
  maxOtherShare?: number;
  /** Most sections tried per square root of the batch size (70 papers: up to 19). */
  sectionsPerRoot?: number;
  /** Most sections whatever the batch size. */
  maxSections?: number;
  /**
   * Most keywords a catalogue topic takes in from the papers that joined it in one run (0: its
   * keywords never change). Slug and label never change.
   */
  maxNewKeywords?: number;
}

/** Groups of one batch, and the catalogue updated with the topics created for it. */
export interface GroupResult {
  groups: TopicGroup[];
  catalogue: Topic[];
}

/** The topic of papers that fit nowhere, and of batches too small to split. */
export const OTHER_TOPIC: Readonly<Topic> = {
  slug: 'other',
  label: 'Other papers',
  keywords: [],
  categories: [],
  userDefined: false,
};

/**
 * Fewest papers that make a catalogue topic on their own, and that may change a catalogue
 * topic's keywords in one run (see {@link refreshKeywords}).
 */
const MIN_EVIDENCE = 3;

const DEFAULTS: Required<GroupOptions> = {
  joinThreshold: 0.11,
  singleSectionMax: 5,
  minClusterSize: 2,
  attachThreshold: 0.05,
  maxOtherShare: 0.1,
  sectionsPerRoot: 2.2,
  maxSections: 30,
  maxNewKeywords: 6,
};

/**
 * Groups papers into topic sections. User-defined topics (`userDefined`, matched by keyword,
 * phrase or arXiv category) take precedence; then a paper joins the catalogue topic its text is
 * closest to, if close enough; the rest are clustered (TF-IDF, similarities centred on the
 * batch, average linkage, k chosen by silhouette) and each new cluster joins a catalogue topic or
 * becomes a new one, labelled from its papers. A catalogue topic that papers joined takes in a few of their shared keywords (see
 * {@link refreshKeywords}), keeping its slug and label. Every paper id lands in exactly one group;
 * the output depends only on the input (papers are processed in id order). The input catalogue is
 * not modified.
 */
export function groupPapers(
  papers: PaperText[],
  catalogue: Topic[],
  options: GroupOptions = {},
): GroupResult {
  const opts = { ...DEFAULTS, ...options };
  const batch = dedupeById(papers);
  const topics = catalogue.map((t) => ({ ...t, keywords: [...t.keywords], categories: [...t.categories] }));
  const members = new Map<number, number[]>();
  const assign = (topic: number, paper: number): void => {
    const list = members.get(topic) ?? [];
    list.push(paper);
    members.set(topic, list);
  };
  const otherIndex = (): number => {
    let i = topics.findIndex((t) => t.slug === OTHER_TOPIC.slug);
    if (i < 0) i = topics.push({ ...OTHER_TOPIC, keywords: [], categories: [] }) - 1;
    return i;
  };
  if (batch.length === 0) return { groups: [], catalogue: topics };

  // Each paper is read once; every corpus below is built from these counts.
  const cache = new Map<PaperText, PaperTerms>(batch.map((p) => [p, countTerms(p)]));
  const claimed = batch.map((p) => matchUserTopic(topics, p, cache.get(p)));
  const autoTopics = topics.flatMap((t, i) => (!t.userDefined && t.keywords.length > 0 ? [i] : []));
  // The whole batch, to compare papers with catalogue topics: only needed when there are some.
  const corpus = autoTopics.length > 0 ? buildCorpus(batch, 1, { cache, weights: MATCH_WEIGHTS }) : undefined;
  const topicVectors = corpus
    ? autoTopics.map((i) => ({ i, v: topicVector(topics[i] as Topic, corpus) }))
    : [];
  const bestTopic = (v: SparseVector): { i: number; sim: number } => {
    let best = { i: -1, sim: Number.NEGATIVE_INFINITY };
    for (const tv of topicVectors) {
      const s = dot(v, tv.v);
      if (s > best.sim) best = { i: tv.i, sim: s };
    }
    return best;
  };
  const vectorOf = (p: number): SparseVector => corpus?.vectors[p] ?? { idx: [], val: [] };
  const joined = claimed.map((c, p) => {
    if (c >= 0 || !corpus) return c;
    const best = bestTopic(vectorOf(p));
    return best.sim >= opts.joinThreshold ? best.i : -1;
  });

  if (batch.length <= opts.singleSectionMax) {
    const first = joined[0] ?? -1;
    const topic = first >= 0 && joined.every((j) => j === first) ? first : otherIndex();
    return {
      groups: [{ topic: topics[topic] as Topic, paperIds: batch.map((p) => p.id) }],
      catalogue: topics,
    };
  }
  joined.forEach((t, p) => {
    if (t >= 0) assign(t, p);
  });

  const rest = batch.map((_, p) => p).filter((p) => joined[p] === -1);
  const restCorpus = buildCorpus(
    rest.map((p) => batch[p] as PaperText),
    rest.length > 10 ? 2 : 1,
    { cache },
  );
  const sim = centeredSimilarity(similarityMatrix(restCorpus.vectors), rest.length);
  const clusters = clusterBatch(sim, rest.length, opts);
  const k = Math.max(-1, ...clusters) + 1;
  const usedLabels = new Set(topics.map((t) => t.label.toLowerCase()));
  const slugs = new Set(topics.map((t) => t.slug));
  const known = topics.length;
  for (let c = 0; c < k; c += 1) {
    const local = clusters.flatMap((cl, r) => (cl === c ? [r] : []));
    const inBatch = local.map((r) => rest[r] as number);
    if (corpus) {
      const best = bestTopic(centroid(inBatch.map(vectorOf)));
      // Two papers are thin evidence for a new catalogue topic: they join one more readily.
      const threshold = inBatch.length < MIN_EVIDENCE ? opts.joinThreshold / 2 : opts.joinThreshold;
      if (best.i >= 0 && best.sim >= threshold) {
        for (const p of inBatch) assign(best.i, p);
        continue;
      }
    }
    const { label, keywords } = describeCluster(restCorpus, local, usedLabels);
    const index =
      topics.push({ slug: slugify(label, slugs), label, keywords, categories: [], userDefined: false }) - 1;
    for (const p of inBatch) assign(index, p);
  }
  clusters.forEach((c, r) => {
    if (c < 0) assign(otherIndex(), rest[r] as number);
  });
  if (corpus) refreshCatalogue(topics.slice(0, known), members, corpus, opts);

  const groups = [...members.entries()]
    .map(([t, ps]) => ({
      topic: topics[t] as Topic,
      paperIds: ps.map((p) => (batch[p] as PaperText).id).sort(),
    }))
    .sort(
      (a, b) =>
        Number(a.topic.slug === OTHER_TOPIC.slug) - Number(b.topic.slug === OTHER_TOPIC.slug) ||
        b.paperIds.length - a.paperIds.length ||
        (a.topic.slug < b.topic.slug ? -1 : 1),
    );
  return { groups, catalogue: topics };
}

/**
 * Refreshes, in place, the keywords of the catalogue topics (automatic ones; user topics are the
 * config's) that at least {@link MIN_EVIDENCE} papers of this batch joined, from what those papers
 * share and the rest of the batch does not.
 */
function refreshCatalogue(
  topics: Topic[],
  members: Map<number, number[]>,
  corpus: Corpus,
  opts: Required<GroupOptions>,
): void {
  if (opts.maxNewKeywords <= 0) return;
  topics.forEach((topic, t) => {
    const joined = members.get(t) ?? [];
    if (topic.userDefined || topic.keywords.length === 0 || joined.length < MIN_EVIDENCE) return;
    const fresh = describeKeywords(corpus, joined);
    topic.keywords = refreshKeywords(topic.keywords, fresh, { maxNew: opts.maxNewKeywords });
  });
}

function dedupeById<T extends PaperText>(papers: T[]): T[] {
  const byId = new Map<string, T>();
  for (const p of papers) if (!byId.has(p.id)) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
