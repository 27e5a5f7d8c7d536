import type { Topic, TopicGroup } from '../domain/index.js';
import { topicOrigin } from '../domain/index.js';
import { bestTopic, JOIN_EVIDENCE, phraseKeys, topicEvidence } from './evidence.js';
import { slugify } from './label.js';
import { chooseSectionLabel } from './label-section.js';
import { bestSurface, collectPhrases, isCompletePhrase, type PhraseStats } from './phrases.js';
import { meanSimilarity, sectionBounds, splitPoints, subMatrix } from './sections.js';
import { centeredSimilarity, similarityMatrix } from './sparse.js';
import { buildCorpus, type PaperText } from './vectorize.js';

/** Knobs of {@link groupPapers}. */
export interface GroupOptions {
  /** Evidence at which a paper joins a config or catalogue topic (see evidence.ts). */
  joinEvidence?: number;
  /** Batches of at most this many papers make one section. */
  singleSectionMax?: number;
  /** Largest share of the batch the last catch-all section should hold. */
  maxOtherShare?: number;
}

/** Groups of one batch, and the catalogue with the topics this batch proposed. */
export interface GroupResult {
  groups: TopicGroup[];
  catalogue: Topic[];
}

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

const DEFAULTS: Required<GroupOptions> = {
  joinEvidence: JOIN_EVIDENCE,
  singleSectionMax: 5,
  maxOtherShare: 0.1,
};

/** A section being built: its papers (batch indices) and what names it. */
interface Draft {
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
 * Groups papers into the sections of a letter. A paper joins a config topic, else a catalogue
 * topic (curated or approved), only on evidence: a key phrase in its title, or several phrases
 * (see evidence.ts). A catalogue topic that holds many papers (a focused feed) is split into
 * sub-sections named by the noun phrase their papers share (`parent` is the topic's slug). The
 * papers no topic claims are clustered; a cluster becomes a section (and a proposed topic) when
 * most of its papers share a complete phrase to name it. The number of sections stays within
 * {@link sectionBounds}; papers that fit nowhere go to one last section, "More papers". Every
 * paper id lands in exactly one group; the output depends only on the input. The input
 * catalogue is not modified.
 */
export function groupPapers(
  papers: PaperText[],
  catalogue: Topic[],
  options: GroupOptions = {},
): GroupResult {
  const opts = { ...DEFAULTS, ...options };
  const batch = dedupeById(papers);
  const topics = catalogue.map((t) => ({ ...t, keywords: [...t.keywords], categories: [...t.categories] }));
  const n = batch.length;
  if (n === 0) return { groups: [], catalogue: topics };

  const live = topics.flatMap((t, i) =>
    t.hidden || t.keywords.length + t.categories.length === 0 ? [] : [i],
  );
  const users = live.filter((i) => topics[i]?.userDefined);
  const curated = live.filter((i) => {
    const origin = topicOrigin(topics[i] as Topic);
    return !topics[i]?.userDefined && (origin === 'curated' || origin === 'approved');
  });
  const claim = batch.map((paper) => {
    const user = bestTopic(topics, users, paper, opts.joinEvidence);
    return user.index >= 0 ? user.index : bestTopic(topics, curated, paper, opts.joinEvidence).index;
  });

  if (n <= opts.singleSectionMax) {
    const first = claim[0] ?? -1;
    const topic =
      first >= 0 && claim.every((c) => c === first) ? (topics[first] as Topic) : { ...OTHER_TOPIC };
    return { groups: [{ topic, paperIds: batch.map((p) => p.id) }], catalogue: topics };
  }

  const corpus = buildCorpus(batch, n > 10 ? 2 : 1);
  const sim = centeredSimilarity(similarityMatrix(corpus.vectors), n);
  const stats = labelPhrases(batch);
  const [lo, hi] = sectionBounds(n);
  const average = n / ((lo + hi) / 2);
  const drafts: Draft[] = [];
  const byTopic = new Map<number, number[]>();
  claim.forEach((t, p) => {
    if (t >= 0) byTopic.set(t, [...(byTopic.get(t) ?? []), p]);
  });
  let rest: number[] = [];
  for (const [t, members] of [...byTopic.entries()].sort((a, b) => a[0] - b[0])) {
    if (members.length < 2) {
      rest.push(...members);
      continue;
    }
    const topic = topics[t] as Topic;
    drafts.push({ members, topic, words: labelWords(topic.label), source: t, settled: false });
  }
  const used = (): string[][] => drafts.map((d) => d.words);

  // Papers no topic claims: clusters named by a phrase most of their papers share.
  rest = rest
    .sort((a, b) => a - b)
    .concat(claim.flatMap((c, p) => (c < 0 ? [p] : [])))
    .sort((a, b) => a - b);
  const budget = Math.max(0, hi - drafts.length);
  let leftovers: number[] = [];
  if (rest.length >= 4 && budget > 0) {
    const local = splitPoints(
      subMatrix(sim, n, rest),
      rest.length,
      Math.max(2, Math.min(budget, Math.round(rest.length / average))),
      Math.max(2, Math.min(budget + 2, Math.ceil((1.5 * rest.length) / average))),
    );
    const clusters = groupIndices(local).map((c) => c.map((r) => rest[r] as number));
    for (const cluster of clusters.sort((a, b) => b.length - a.length || (a[0] ?? 0) - (b[0] ?? 0))) {
      let members = cluster;
      let label = members.length >= 2 ? chooseSectionLabel(stats, members, allIndices(n), used()) : undefined;
      if (!label && members.length >= 4) {
        // A looser cluster: named by what a good share of it says, and only those papers stay.
        label = chooseSectionLabel(stats, members, allIndices(n), used(), 0.34, 0.2);
        const says = label ? stats.get(label.words.join(' '))?.papers : undefined;
        const kept = says ? members.filter((m) => says.has(m)) : [];
        if (kept.length >= 2) {
          leftovers.push(...members.filter((m) => !says?.has(m)));
          members = kept;
        } else label = undefined;
      }
      if (!label) {
        leftovers.push(...members);
        continue;
      }
      const topic = proposeTopic(topics, label.label, label.keywords);
      drafts.push({ members, topic, words: label.words, source: -1, settled: false });
    }
  } else leftovers = rest;

  // A topic holding many papers (a focused feed) reads better in labelled parts.
  const splitAt = Math.max(8, 2 * average);
  for (const d of [...drafts]) if (d.members.length >= splitAt) splitDraft(d, drafts, stats, sim, n, average);
  while (drafts.length < lo) {
    const largest = drafts.filter((d) => !d.settled && d.members.length >= 6).sort(bySize)[0];
    if (!largest) break;
    splitDraft(largest, drafts, stats, sim, n, average);
  }
  // Too many sections: the smallest give their papers back, "More papers" counted in.
  drafts.sort(bySize);
  while (drafts.length > hi) leftovers.push(...(drafts.pop() as Draft).members);
  let other = placeLeftovers(leftovers, drafts, topics, batch, stats, sim, n, opts.maxOtherShare);
  // Room for "More papers" too, unless it is smaller than the section it would replace.
  while (other.length > 0 && drafts.length + 1 > hi && drafts.length > 1) {
    drafts.sort(bySize);
    if ((drafts[drafts.length - 1] as Draft).members.length >= other.length) break;
    const smallest = drafts.pop() as Draft;
    other = placeLeftovers(
      [...other, ...smallest.members],
      drafts,
      topics,
      batch,
      stats,
      sim,
      n,
      opts.maxOtherShare,
    );
  }
  return { groups: toGroups(drafts, other, batch, topics), catalogue: topics };
}

/**
 * Splits a section into labelled parts (see {@link chooseSectionLabel}, the section's papers as
 * context). Parts without a label stay with the section under its own name; a section whose
 * parts find no label stays whole.
 */
function splitDraft(
  d: Draft,
  drafts: Draft[],
  stats: ReadonlyMap<string, PhraseStats>,
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
    let members = part;
    let label = members.length >= 2 ? chooseSectionLabel(stats, members, allIndices(n), taken) : undefined;
    if (!label && members.length >= 4) {
      // A looser part: named by what a good share of it says; the others stay in the section.
      label = chooseSectionLabel(stats, members, allIndices(n), taken, 0.34, 0.2);
      const says = label ? stats.get(label.words.join(' '))?.papers : undefined;
      const kept = says ? members.filter((m) => says.has(m)) : [];
      if (kept.length >= 2) {
        keep.push(...members.filter((m) => !says?.has(m)));
        members = kept;
      } else label = undefined;
    }
    if (!label) {
      keep.push(...members);
      continue;
    }
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
  if (keep.length === 1) {
    // One paper alone under the section's name: it goes with the part it is closest to.
    const p = keep[0] as number;
    const best = named.reduce((a, b) =>
      meanSimilarity(sim, n, p, b.members) > meanSimilarity(sim, n, p, a.members) ? b : a,
    );
    best.members.push(p);
    keep.length = 0;
  }
  d.members = keep;
  if (keep.length === 0) drafts.splice(drafts.indexOf(d), 1);
  drafts.push(...named);
}

/**
 * Puts each left-over paper where it has evidence: a section whose label (or catalogue topic's
 * key phrases) the paper says, the closest such first. The rest make the catch-all section,
 * kept to about `maxShare` of the batch by attaching the papers closest to a section.
 */
function placeLeftovers(
  leftovers: number[],
  drafts: Draft[],
  topics: Topic[],
  batch: PaperText[],
  stats: ReadonlyMap<string, PhraseStats>,
  sim: Float64Array,
  n: number,
  maxShare: number,
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
      const s = meanSimilarity(sim, n, p, d.members);
      if (s > closestSim) {
        closestSim = s;
        closest = d;
      }
      const topic = d.source >= 0 ? (topics[d.source] as Topic) : undefined;
      const evidence = topic
        ? topicEvidence(topic, batch[p] as PaperText) >= 2
        : (phraseOf.get(d)?.headline.has(p) ?? false);
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
function toGroups(drafts: Draft[], other: number[], batch: PaperText[], topics: Topic[]): TopicGroup[] {
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
function proposeTopic(topics: Topic[], label: string, keywords: string[]): Topic {
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
function labelPhrases(batch: PaperText[]): Map<string, PhraseStats> {
  const out = new Map<string, PhraseStats>();
  for (const [key, s] of collectPhrases(batch)) {
    if (s.papers.size >= 2 && isCompletePhrase(s, bestSurface(s))) out.set(key, s);
  }
  return out;
}

function labelWords(label: string): string[] {
  return phraseKeys(label);
}

function bySize(a: Draft, b: Draft): number {
  return b.members.length - a.members.length || (a.topic.slug < b.topic.slug ? -1 : 1);
}

function groupIndices(labels: number[]): number[][] {
  const out: number[][] = [];
  labels.forEach((l, i) => {
    while (out.length <= l) out.push([]);
    out[l]?.push(i);
  });
  return out.filter((c) => c.length > 0);
}

function allIndices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function dedupeById<T extends PaperText>(papers: T[]): T[] {
  const byId = new Map<string, T>();
  for (const p of papers) if (!byId.has(p.id)) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
