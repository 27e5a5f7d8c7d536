import type { Topic, TopicGroup } from '../domain/index.js';
import { partParent, topicOrigin } from '../domain/index.js';
import { EVIDENCE, phraseKeys, topicEvidence } from './evidence.js';
import { slugify } from './label.js';
import { chooseSectionLabel, type SectionLabel } from './label-section.js';
import { bestSurface, collectPhrases, isCompletePhrase, type PhraseStats } from './phrases.js';
import { meanSimilarity, splitPoints, subMatrix } from './sections.js';
import type { PaperText } from './vectorize.js';

/** The parts {@link groupPapers} builds sections from: drafts, their splits, leftovers, order. */

/** The last section: papers that fit no section well, and batches too small to split. */
export const OTHER_TOPIC: Readonly<Topic> = {
  slug: 'other',
  label: 'More papers',
  keywords: [],
  categories: [],
  userDefined: false,
};

/**
 * Centred similarity (see `centeredSimilarity`) a left-over paper needs to its closest section
 * to be put there when the catch-all would hold more than its share: clearly closer than average.
 */
const FILL_SIMILARITY = 0.02;

/**
 * Centred similarity a point of evidence for a catalogue section is worth when a left-over paper
 * is placed (up to {@link EVIDENCE}.keywords points): a phrase of the topic in the abstract (1)
 * counts as 0.05, about the gap between the closest section and the next. Placements by
 * closeness alone were right for 46% of papers on the hand-labelled HF set, 49% with it.
 */
const PROTOTYPE_WEIGHT = 0.05;

/** A section being built: its papers (batch indices) and what names it. */
export interface Draft {
  members: number[];
  topic: Topic;
  /** Word keys of the label (distinct labels). */
  words: string[];
  /** Index of the catalogue topic it is, or is a part of; -1 for a discovered section. */
  source: number;
  /** true once it was split, or found unsplittable. */
  settled: boolean;
}

/**
 * Splits a section into labelled parts (see {@link chooseSectionLabel}, the section's papers as
 * context). Parts without a label stay with the section under its own name; a section whose
 * parts find no label stays whole.
 */
export function splitDraft(
  d: Draft,
  drafts: Draft[],
  stats: ReadonlyMap<string, PhraseStats>,
  batch: readonly PaperText[],
  sim: Float64Array,
  n: number,
  average: number,
): void {
  d.settled = true;
  const size = d.members.length;
  const maxK = Math.max(2, Math.min(8, Math.round(size / average) + 1));
  const local = splitPoints(subMatrix(sim, n, d.members), size, 2, maxK);
  const parts = groupIndices(local)
    .map((c) => c.map((r) => d.members[r] as number))
    .sort((a, b) => b.length - a.length || (a[0] ?? 0) - (b[0] ?? 0));
  const named: Draft[] = [];
  const keep: number[] = [];
  const parent = d.source >= 0 ? d.topic.slug : d.topic.parent;
  for (const part of parts) {
    const taken = [...drafts.map((x) => x.words), ...named.map((x) => x.words)];
    const { label, members, rest } = nameCluster(part, stats, taken, batch);
    keep.push(...rest);
    if (!label) continue;
    const topic: Topic = {
      slug: `${parent ?? 'section'}--${slugify(label.label, new Set())}`,
      label: label.label,
      keywords: label.keywords,
      categories: [],
      userDefined: false,
      origin: 'discovered',
      ...(parent ? { parent } : {}),
    };
    named.push({ members, topic, words: label.words, source: -1, settled: true });
  }
  if (named.length === 0) return;
  d.members = keepOrJoin(keep, named, sim, n);
  if (keep.length === 0) drafts.splice(drafts.indexOf(d), 1);
  drafts.push(...named);
}

/** A cluster's label, the papers that stay under it, and those that go back (all when unnamed). */
export interface NamedCluster {
  label: SectionLabel | undefined;
  members: number[];
  rest: number[];
}

/**
 * Names a cluster of papers (batch indices) by the phrase most of them say (see
 * {@link chooseSectionLabel}, the whole batch as context), a phrase that reads complete in their
 * own text too. A cluster of four or more that finds none may be named by what a good share of
 * it says: only the papers that say it stay. Labels clashing with `taken` are skipped.
 */
export function nameCluster(
  cluster: number[],
  stats: ReadonlyMap<string, PhraseStats>,
  taken: readonly (readonly string[])[],
  batch: readonly PaperText[],
): NamedCluster {
  if (cluster.length < 2) return { label: undefined, members: [], rest: cluster };
  const context = allIndices(batch.length);
  const own = collectPhrases(cluster.map((m) => batch[m] as PaperText));
  const label = chooseSectionLabel(stats, cluster, context, taken, { own });
  if (label) return { label, members: cluster, rest: [] };
  if (cluster.length < 4) return { label: undefined, members: [], rest: cluster };
  const loose = chooseSectionLabel(stats, cluster, context, taken, {
    minCoverage: 0.34,
    minHeadline: 0.2,
    own,
  });
  const says = loose ? stats.get(loose.words.join(' '))?.papers : undefined;
  const kept = says ? cluster.filter((m) => says.has(m)) : [];
  if (kept.length < 2) return { label: undefined, members: [], rest: cluster };
  return { label: loose, members: kept, rest: cluster.filter((m) => !says?.has(m)) };
}

/**
 * Evidence a paper gives for a catalogue section: for a part ("Agent environments and tool use")
 * the lesser of the part's and its parent's, as "benchmark" alone makes no paper an agents paper.
 */
function catalogueEvidence(topic: Topic, topics: readonly Topic[], paper: PaperText): number {
  const own = topicEvidence(topic, paper);
  const parent = topic.parent ?? partParent(topic.slug);
  const family = parent === undefined ? undefined : topics.find((t) => t.slug === parent);
  return family === undefined ? own : Math.min(own, topicEvidence(family, paper));
}

/** The catalogue topic a section is, or is a part of (its slug); undefined for a discovered one. */
function familyOf(d: Draft, topics: readonly Topic[]): string | undefined {
  if (d.topic.parent !== undefined) return d.topic.parent;
  const topic = d.source >= 0 ? topics[d.source] : undefined;
  return topic ? (partParent(topic.slug) ?? topic.slug) : undefined;
}

/**
 * Fewer sections without losing a placement: the smallest sub-section (a section carrying
 * `parent`) goes back into its parent's section, or else into its largest sibling part. Returns
 * false when there is no sub-section to merge.
 */
export function mergeSmallestPart(drafts: Draft[]): boolean {
  const part = drafts
    .filter((d) => d.topic.parent !== undefined)
    .sort(bySize)
    .at(-1);
  if (!part) return false;
  const parent = part.topic.parent;
  const home =
    drafts.find((d) => d.topic.slug === parent) ??
    drafts.filter((d) => d !== part && d.topic.parent === parent).sort(bySize)[0];
  if (!home) return false;
  home.members.push(...part.members);
  drafts.splice(drafts.indexOf(part), 1);
  return true;
}

/**
 * What stays under a section's own name after its parts were taken: `rest`, unless that is one
 * paper alone, which goes with the part it is closest to (no section of one paper).
 */
export function keepOrJoin(rest: number[], named: Draft[], sim: Float64Array, n: number): number[] {
  if (rest.length !== 1 || named.length === 0) return rest;
  const p = rest[0] as number;
  const best = named.reduce((a, b) =>
    meanSimilarity(sim, n, p, b.members) > meanSimilarity(sim, n, p, a.members) ? b : a,
  );
  best.members.push(p);
  return [];
}

/**
 * Puts each left-over paper where it has evidence: a section whose label (or catalogue topic's
 * key phrases) the paper says, the closest such first. The rest make the catch-all section,
 * kept to about `maxShare` of the batch by attaching the papers closest to a section.
 */
export function placeLeftovers(
  leftovers: number[],
  drafts: Draft[],
  topics: Topic[],
  batch: PaperText[],
  stats: ReadonlyMap<string, PhraseStats>,
  sim: Float64Array,
  n: number,
  maxShare: number,
  owner: readonly number[] = [],
): number[] {
  const phraseOf = new Map<Draft, PhraseStats | undefined>(
    drafts.map((d) => [d, stats.get(d.words.join(' '))]),
  );
  const other: { p: number; to: Draft | undefined; sim: number }[] = [];
  for (const p of leftovers.sort((a, b) => a - b)) {
    let best: Draft | undefined;
    let bestSim = Number.NEGATIVE_INFINITY;
    let closest: Draft | undefined;
    let closestSim = Number.NEGATIVE_INFINITY;
    for (const d of drafts) {
      const topic = d.source >= 0 ? (topics[d.source] as Topic) : undefined;
      const weight = topic ? catalogueEvidence(topic, topics, batch[p] as PaperText) : 0;
      // A catalogue section's key phrases are its prototype: what a paper says of them (short of
      // the evidence to join) counts next to how close it is to the section's papers.
      const s = meanSimilarity(sim, n, p, d.members) + PROTOTYPE_WEIGHT * Math.min(weight, EVIDENCE.keywords);
      // A sub-section only takes a paper that says one of its (and its parent's) phrases, even
      // to keep the catch-all small; a section may take one that is close to it.
      // Nor does a paper that plainly belongs to another topic go where it is merely close: a
      // latent-reasoning RL paper is no robotics paper when reasoning has no section.
      const own = owner[p] ?? -1;
      const elsewhere = own >= 0 && familyOf(d, topics) !== (topics[own] as Topic).slug;
      if (
        s > closestSim &&
        !elsewhere &&
        (d.topic.parent === undefined || !topic || weight >= EVIDENCE.passing)
      ) {
        closestSim = s;
        closest = d;
      }
      const evidence = topic ? weight >= 2 : (phraseOf.get(d)?.headline.has(p) ?? false);
      if (evidence && s > bestSim) {
        bestSim = s;
        best = d;
      }
    }
    if (best) best.members.push(p);
    else other.push({ p, to: closest, sim: closestSim });
  }
  other.sort((a, b) => b.sim - a.sim || a.p - b.p);
  const room = Math.floor(maxShare * n);
  const kept: number[] = [];
  other.forEach((o, rank) => {
    if (other.length - rank > room && o.to && o.sim > FILL_SIMILARITY) o.to.members.push(o.p);
    else kept.push(o.p);
  });
  return kept;
}

/** Groups in reading order: sections by size, a topic's parts right after it, the catch-all last. */
export function toGroups(
  drafts: Draft[],
  other: number[],
  batch: PaperText[],
  topics: Topic[],
): TopicGroup[] {
  const blockOf = (d: Draft): string => d.topic.parent ?? d.topic.slug;
  const blockSize = new Map<string, number>();
  for (const d of drafts) blockSize.set(blockOf(d), (blockSize.get(blockOf(d)) ?? 0) + d.members.length);
  const ids = (ms: number[]): string[] => ms.map((p) => (batch[p] as PaperText).id).sort();
  const sorted = drafts
    .filter((d) => d.members.length > 0)
    .sort(
      (a, b) =>
        (blockSize.get(blockOf(b)) ?? 0) - (blockSize.get(blockOf(a)) ?? 0) ||
        (blockOf(a) < blockOf(b) ? -1 : blockOf(a) > blockOf(b) ? 1 : 0) ||
        Number(a.topic.parent !== undefined) - Number(b.topic.parent !== undefined) ||
        b.members.length - a.members.length ||
        (a.topic.slug < b.topic.slug ? -1 : 1),
    );
  const groups: TopicGroup[] = sorted.map((d) => ({ topic: d.topic, paperIds: ids(d.members) }));
  if (other.length > 0) {
    const known = topics.find((t) => t.slug === OTHER_TOPIC.slug);
    groups.push({ topic: known ?? { ...OTHER_TOPIC }, paperIds: ids(other) });
  }
  return groups;
}

/**
 * The topic a discovered section proposes: the stored proposal of the same name when there is
 * one (so a subject that comes back keeps its slug), else a new one added to `topics`.
 */
export function proposeTopic(topics: Topic[], label: string, keywords: string[]): Topic {
  const base = slugify(label, new Set());
  const known = topics.find((t) => t.slug === base && !t.userDefined && topicOrigin(t) !== 'curated');
  if (known) {
    if (known.keywords.length === 0) known.keywords = keywords;
    return known;
  }
  const topic: Topic = {
    slug: slugify(label, new Set(topics.map((t) => t.slug))),
    label,
    keywords,
    categories: [],
    userDefined: false,
    origin: 'discovered',
  };
  topics.push(topic);
  return topic;
}

/** Label candidates of a batch: complete noun phrases said by at least two papers. */
export function labelPhrases(batch: PaperText[]): Map<string, PhraseStats> {
  const out = new Map<string, PhraseStats>();
  for (const [key, s] of collectPhrases(batch)) {
    if (s.papers.size >= 2 && isCompletePhrase(s, bestSurface(s))) out.set(key, s);
  }
  return out;
}

export function labelWords(label: string): string[] {
  return phraseKeys(label);
}

export function bySize(a: Draft, b: Draft): number {
  return b.members.length - a.members.length || (a.topic.slug < b.topic.slug ? -1 : 1);
}

export function groupIndices(labels: number[]): number[][] {
  const out: number[][] = [];
  labels.forEach((l, i) => {
    while (out.length <= l) out.push([]);
    out[l]?.push(i);
  });
  return out.filter((c) => c.length > 0);
}

export function allIndices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
