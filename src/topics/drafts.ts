import type { Topic, TopicGroup } from '../domain/index.js';
import { isOffered, partParent, topicOrigin } from '../domain/index.js';
import {
  bestTopic,
  EVIDENCE,
  evidenceVersion,
  JOIN_EVIDENCE,
  phraseKeys,
  titleNames,
  topicEvidence,
} from './evidence.js';
import { slugify } from './label.js';
import { chooseSectionLabel, headingKeys, namesIn, type SectionLabel } from './label-section.js';
import { bestSurface, collectPhrases, isCompletePhrase, isGeneric, type PhraseStats } from './phrases.js';
import { meanSimilarity, splitPoints, subMatrix } from './sections.js';
import { contentRuns } from './tokenize.js';
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
export const FILL_SIMILARITY = 0.02;

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
  /**
   * Its topic's whole section under the heading of the one part its papers name (`topic` is the
   * part, `source` the topic: see splitByParts): a section, not a sub-section, when papers join.
   */
  whole?: boolean;
  /** true once it was split, or found unsplittable. */
  settled: boolean;
  /**
   * A section of arXiv classes ("Astrophysics"): it takes a left-over paper only when the paper's
   * primary class is one of these, never by closeness.
   */
  classes?: readonly string[];
  /**
   * A section of classes that is a field's ("Physics"): at the end it takes the papers left of
   * any archive of that field (see joinClassSections).
   */
  field?: string;
  /**
   * A section of a broad area ("Computer vision"): it takes a left-over paper only when the
   * catalogue topic the paper names (`claim`) is one of the area's, never by closeness.
   */
  area?: AreaOfDraft;
}

/** The topics of a broad area's section, and the catalogue topic (slug) each paper names. */
export interface AreaOfDraft {
  slugs: ReadonlySet<string>;
  claim: (p: number) => string | undefined;
}

/** Least papers a sub-section holds: a part of two papers is a footnote, not a heading. */
export const MIN_PART = 3;

/**
 * Splits a section into labelled parts (see {@link chooseSectionLabel}, the section's papers as
 * context). Parts without a label, or with fewer than {@link MIN_PART} papers saying it, stay
 * with the section under its own name ("3D vision" of seven papers split to fill a broad
 * letter's sections kept two Gaussian-splatting papers apart and lost a 4D-shapes paper to
 * "More papers"); a section whose parts find no label stays whole.
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
    if (members.length < MIN_PART) {
      keep.push(...members);
      continue;
    }
    const topic = partTopic(parent, label.label, label.keywords, []);
    named.push({ members, topic, words: label.words, source: -1, settled: true });
  }
  if (named.length === 0) return;
  d.members = keepOrJoin(keep, named, sim, n);
  if (keep.length === 0) drafts.splice(drafts.indexOf(d), 1);
  drafts.push(...named);
}

/**
 * The topic of a sub-section found in a batch (`parent--label`, discovered): a part of `parent`'s
 * section named by its papers' phrase (see splitDraft) or by their arXiv class (see
 * splitByClasses); without a parent, a section of its own (`section--label`).
 */
export function partTopic(
  parent: string | undefined,
  label: string,
  keywords: string[],
  categories: string[],
): Topic {
  return {
    slug: `${parent ?? 'section'}--${slugify(label, new Set())}`,
    label,
    keywords,
    categories,
    userDefined: false,
    origin: 'discovered',
    ...(parent ? { parent } : {}),
  };
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
  const names = namesIn(batch);
  const label = chooseSectionLabel(stats, cluster, context, taken, { own, phraseOnly: true, names });
  if (label) return sayers(label, cluster, stats);
  if (cluster.length < 4) return { label: undefined, members: [], rest: cluster };
  const loose = chooseSectionLabel(stats, cluster, context, taken, {
    minCoverage: 0.34,
    minHeadline: 0.2,
    own,
    phraseOnly: true,
    names,
  });
  if (!loose) return { label: undefined, members: [], rest: cluster };
  return sayers(loose, cluster, stats);
}

/**
 * The papers of a cluster with evidence for it stay under its label, the others go back: a paper
 * joins a found section by saying its label or two of the phrases its papers share, not on
 * closeness alone. Unnamed when fewer than two say the label.
 */
function sayers(
  label: SectionLabel,
  cluster: number[],
  stats: ReadonlyMap<string, PhraseStats>,
): NamedCluster {
  const key = label.words.join(' ');
  const says = stats.get(key)?.papers;
  if (!says || cluster.filter((m) => says.has(m)).length < 2) {
    return { label: undefined, members: [], rest: cluster };
  }
  const shared = label.keys.flatMap((k) => (k === key ? [] : [stats.get(k)?.papers ?? new Set<number>()]));
  const fits = (m: number): boolean => says.has(m) || shared.filter((p) => p.has(m)).length >= 2;
  return { label, members: cluster.filter(fits), rest: cluster.filter((m) => !fits(m)) };
}

/**
 * Evidence a paper gives for a catalogue section: for a part ("Agent environments and tool use")
 * the lesser of the part's and its parent's, as "benchmark" alone makes no paper an agents paper.
 */
function catalogueEvidence(topic: Topic, paper: PaperText, bySlug: ReadonlyMap<string, Topic>): number {
  const own = topicEvidence(topic, paper);
  const parent = topic.parent ?? partParent(topic.slug);
  const family = parent === undefined ? undefined : bySlug.get(parent);
  return family === undefined ? own : Math.min(own, topicEvidence(family, paper));
}

/**
 * The topic among `named` (indices in `topics`) each paper of a batch gives join evidence for
 * ({@link bestTopic}), kept from one placement of the batch to the next while those topics, their
 * phrase and category lists and what evidence is read against stay the same: a batch places its
 * left-over papers up to nine times, each time asking every paper about some 80 topics.
 */
export function namedClaims(
  batch: readonly PaperText[],
  topics: readonly Topic[],
  named: readonly number[],
): (p: number) => number {
  const sign: unknown[] = [evidenceVersion()];
  for (const i of named) {
    const t = topics[i] as Topic;
    sign.push(t, t.keywords, t.keywords.length, t.categories, t.categories.length, t.userDefined);
  }
  let kept = CLAIMS.get(batch);
  if (kept === undefined || kept.sign.length !== sign.length || kept.sign.some((x, k) => x !== sign[k])) {
    kept = { sign, claims: new Map() };
    CLAIMS.set(batch, kept);
  }
  const claims = kept.claims;
  return (p) => {
    let claim = claims.get(p);
    if (claim === undefined) {
      claim = bestTopic(topics, named, batch[p] as PaperText, JOIN_EVIDENCE).index;
      claims.set(p, claim);
    }
    return claim;
  };
}

const CLAIMS = new WeakMap<readonly PaperText[], { sign: unknown[]; claims: Map<number, number> }>();

/** Each slug's topic, the first of that slug as `topics.find` gives it. */
function topicsBySlug(topics: readonly Topic[]): Map<string, Topic> {
  const out = new Map<string, Topic>();
  for (const t of topics) if (!out.has(t.slug)) out.set(t.slug, t);
  return out;
}

/** The archive of an arXiv category, lowercase: "cs" of "cs.CV", "q-bio" of "q-bio.QM". */
function archiveOf(category: string): string {
  const at = category.indexOf('.');
  return (at < 0 ? category : category.slice(0, at)).toLowerCase();
}

/**
 * true when a paper's arXiv categories speak against a catalogue topic's: they share none, and
 * the topic lists a category of an archive the paper is filed in, or the paper is of a field no
 * topic covers (none of its categories in `field`, the catalogue's: hep-th in an ML letter). A
 * cs.CL paper is no "Speech and audio" (cs.SD) paper for being close to one; but a topic listed
 * under other archives only ("Medical AI": eess.IV, q-bio.QM) says nothing of a cs paper, as
 * medical papers are filed under cs.CV, cs.LG or cs.HC as often (issue #12: an anxiety-biomarker
 * paper saying "mental health" was kept out of "Medical AI" for its cs.HC).
 */
export function categoriesAgainst(
  topic: readonly string[],
  paper: readonly string[],
  field: ReadonlySet<string>,
): boolean {
  if (topic.length === 0 || paper.length === 0) return false;
  return againstCategories(topic, categoriesOf(paper), field);
}

/** A paper's arXiv categories (lowercase) and their archives, as {@link categoriesAgainst} reads them. */
interface PaperCategories {
  own: ReadonlySet<string>;
  archives: ReadonlySet<string>;
}

function categoriesOf(paper: readonly string[]): PaperCategories {
  const own = new Set(paper.map((c) => c.toLowerCase()));
  return { own, archives: new Set([...own].map(archiveOf)) };
}

/** {@link categoriesAgainst} of a paper with categories, read once per paper. */
function againstCategories(
  topic: readonly string[],
  { own, archives }: PaperCategories,
  field: ReadonlySet<string>,
): boolean {
  if (topic.length === 0) return false;
  if (topic.some((c) => own.has(c.toLowerCase()))) return false;
  if (![...own].some((c) => field.has(c))) return true;
  return topic.some((c) => archives.has(archiveOf(c)));
}

/**
 * true when a paper and every paper of a section found in the batch are filed under arXiv
 * categories, and no archive of the paper's is one of theirs: a neutrino-oscillation paper
 * (hep-ph) is no "Josephson junctions" paper (cond-mat) for sharing "oscillations" with one, as
 * a catalogue topic's categories speak against a paper of another archive (see
 * {@link categoriesAgainst}).
 */
export function archivesApart(
  members: readonly number[],
  paper: PaperText,
  batch: readonly PaperText[],
): boolean {
  return archivesOfMembers(batch)(members, paper);
}

/**
 * {@link archivesApart} for one placement: each section's archives read once per list of members
 * (a list only grows while papers are placed, so its length tells whether it changed).
 */
function archivesOfMembers(
  batch: readonly PaperText[],
): (members: readonly number[], paper: PaperText) => boolean {
  // null: a member without categories (then no paper is apart from the section).
  const known = new Map<readonly number[], { count: number; archives: Set<string> | null }>();
  return (members, paper) => {
    if (paper.categories.length === 0 || members.length === 0) return false;
    let k = known.get(members);
    if (k === undefined || k.count !== members.length) {
      let archives: Set<string> | null = new Set<string>();
      for (const m of members) {
        const categories = (batch[m] as PaperText).categories;
        if (categories.length === 0) {
          archives = null;
          break;
        }
        for (const c of categories) archives.add(archiveOf(c));
      }
      k = { count: members.length, archives };
      known.set(members, k);
    }
    const theirs = k.archives;
    return theirs !== null && !paper.categories.some((c) => theirs.has(archiveOf(c)));
  };
}

/** The arXiv categories of the catalogue topic a section is or is a part of; [] for a discovered one. */
function familyCategories(
  d: Draft,
  topics: readonly Topic[],
  bySlug: ReadonlyMap<string, Topic>,
): readonly string[] {
  const slug = familyOf(d, topics);
  return (slug === undefined ? undefined : bySlug.get(slug))?.categories ?? [];
}

/** The catalogue topic a section is, or is a part of (its slug); undefined for a discovered one. */
/** The topic a section reads under for its readers: its parent's for a part, else its own slug. */
export function sectionFamily(d: Pick<Draft, 'topic'>): string {
  return d.topic.parent ?? partParent(d.topic.slug) ?? d.topic.slug;
}

function familyOf(d: Draft, topics: readonly Topic[]): string | undefined {
  if (d.topic.parent !== undefined) return d.topic.parent;
  const topic = d.source >= 0 ? topics[d.source] : undefined;
  return topic ? (partParent(topic.slug) ?? topic.slug) : undefined;
}

/**
 * Fewer sections without losing a placement: the smallest sub-section (a section carrying
 * `parent`) goes back into its parent's section, or else into its largest sibling part, unless
 * that would make a section of `splitAt` papers or more (one that would be split into parts: an
 * 11-paper "Agent memory and skills" does not go back to make "LLM agents" 26 papers for a new
 * 4-paper section). Returns false when there is no sub-section to merge.
 */
export function mergeSmallestPart(drafts: Draft[], splitAt = Number.POSITIVE_INFINITY): boolean {
  const part = drafts
    .filter((d) => d.topic.parent !== undefined)
    .sort(bySize)
    .at(-1);
  if (!part) return false;
  const parent = part.topic.parent;
  const home =
    drafts.find((d) => d.topic.slug === parent) ??
    drafts.filter((d) => d !== part && d.topic.parent === parent).sort(bySize)[0];
  // Not into a section the merge would make as large as those split into parts.
  if (!home || home.members.length + part.members.length >= splitAt) return false;
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
 * What a left-over paper has for its closest section (see {@link placeLeftovers}), when it says
 * none of that section's key phrases: how close it is (centred similarity), how close to the next
 * section of another topic, how many of the section's papers share a real phrase with it, how
 * many share a key phrase with it (see {@link sharedPhrasePapers}), and the evidence it gives for
 * the section's catalogue topic.
 */
export interface CloseFit {
  sim: number;
  runnerUp: number;
  shared: number;
  /** Papers of the section sharing a key phrase with it: two words or more, or a title word of both. */
  keyShared: number;
  /**
   * Papers of the section with a phrase of two words or more of its title in theirs (see
   * {@link titlePhrasePapers}); unset counts as none.
   */
  titleShared?: number;
  /** Evidence for its catalogue topic; -Infinity when the paper's arXiv categories speak against the topic's (see {@link categoriesAgainst}). */
  evidence: number;
  /**
   * true when the paper has no home in this letter: it says the key phrases of a topic that has
   * no section (a forecasting paper when only "Language understanding" is near), or its arXiv
   * categories are foreign to its closest section's topic. Such papers stay in the catch-all first.
   */
  homeless?: boolean;
  /**
   * true when no catalogue topic lists any of the paper's arXiv categories (hep-th in an ML
   * letter): such a paper joins a section only on evidence, never by closeness.
   */
  offField?: boolean;
  /**
   * true when the paper's primary arXiv class is one no topic of key phrases lists (an approved
   * section of classes, "Theory of computing", does not count) and the section is a catalogue topic's (a cs.DS paper on random trees beside "Medical AI"): such a paper joins that
   * section by closeness only when it says a phrase of the topic (EVIDENCE.abstract), never for a
   * title word one of the section's papers says too ("trees" of a decision-tree model) nor for one
   * word of its abstract (a quantum-noise paper's "RL agent" beside "LLM agents"). Its class's
   * section (see formClassSections) may still form from "More papers".
   */
  offClass?: boolean;
  /**
   * true when the paper gives join evidence for a topic that has no section in this letter (a
   * keyphrase-extraction paper naming "long documents" when no long-context section formed): it
   * names its subject, and that subject is not its closest section's.
   */
  claimedElsewhere?: boolean;
  /**
   * true when the paper has no arXiv categories (a Hugging Face daily paper) in a batch of one
   * field (most of its papers name a catalogue topic: see groupPapers): nothing tells its field,
   * and its closest section is most often right. In a broad feed without categories (every arXiv
   * archive, two thirds of its papers of no catalogue topic) it is not: closeness alone put a
   * logic paper under "Robot learning", fault diagnosis under "Medical AI".
   */
  uncategorized?: boolean;
}

/**
 * How much closer (centred similarity) a paper must be to its closest section than to the next
 * one of another topic to be put there without a key phrase: a paper half-way between "Image
 * generation" and "Speech and audio" belongs to neither.
 */
export const FILL_MARGIN = 0.01;

/**
 * The catch-all may hold this multiple of its share before a paper of another field (no arXiv
 * category in common with any close section's topic) is put where it is merely close.
 */
export const OTHER_SLACK = 1.5;

/**
 * true when a left-over paper joins its closest section without saying one of its key phrases:
 * clearly closer than average, clearly closer to it than to any other topic's section, no arXiv
 * category against it, and saying a phrase two of its papers say (or a word of its topic's phrases).
 * A paper with arXiv categories that names a topic without a section
 * ({@link CloseFit.claimedElsewhere}) needs this section's topic said as much as a key phrase of
 * its keywords ({@link EVIDENCE}.keywords: two phrases of its abstract, say), not closeness and
 * phrases its papers share: a backdoor paper is no "Retrieval-augmented generation" paper for
 * sharing "NLP" with two of them, nor a relation-extraction survey a "Medical AI" one for saying
 * "biomedical" once, nor a meeting-summary evaluator (LLM evaluation) a "Fine-tuning" one for
 * "self-training" (issue #12; one phrase, as before, put it there in the demo letter).
 * A paper with arXiv categories needs one of those phrases to be a key phrase (see
 * {@link CloseFit.keyShared}): two abstract words ("kernel", "speedup") put an FPGA accelerator
 * under "Graph learning". One without (a Hugging Face daily paper) does not: nothing else tells
 * its field, and in a one-field feed its closest section is most often right (the focused set's
 * NMI fell 0.732 -> 0.713 when such papers needed a key phrase too). A paper of a class no topic
 * lists needs a phrase of the topic ({@link CloseFit.offClass}).
 */
export function joinsByCloseness(fit: CloseFit): boolean {
  const common = fit.shared >= 2 && (fit.keyShared >= 1 || fit.uncategorized === true);
  return (
    fit.sim > FILL_SIMILARITY &&
    fit.sim - fit.runnerUp >= FILL_MARGIN &&
    fit.evidence > Number.NEGATIVE_INFINITY &&
    (common || fit.evidence >= EVIDENCE.passing) &&
    (fit.offClass !== true || fit.evidence >= EVIDENCE.abstract) &&
    (fit.claimedElsewhere !== true || fit.uncategorized === true || fit.evidence >= EVIDENCE.keywords)
  );
}

/**
 * true when a left-over paper has something in common with its closest section besides
 * closeness: a phrase of its title in one of its papers' titles, key phrases two of its papers
 * say too (see {@link sharesKeyPhrases}), or a word of its topic. Without it, a paper stays in
 * the catch-all even when that holds more than its share: a GMM clustering kernel is no
 * "Efficient inference" paper for being near it, nor a metaphor repository a "Multilingual NLP"
 * paper for one abstract word ("nlp", "transcript", "mean") of one of its papers. Counting any shared word put 63% of the hand-judged arXiv cs
 * papers right (strict), key phrases only 64%, the demo letter 75% and 76%.
 */
export function hasCommonGround(fit: CloseFit): boolean {
  return sharesKeyPhrases(fit) || fit.evidence >= EVIDENCE.passing;
}

/**
 * A phrase of the paper's title that a paper of the section has in its title too, or key phrases
 * in common with two of its papers (issue #12: a key phrase in its title, or several shared
 * phrases). One phrase of its abstract that one of the section's papers says is the paper's
 * method or setting: "transfer learning" took an encoder-benchmark paper to "Medical AI" beside an
 * ECG paper that says it, "attack" a network-reconnaissance one to "AI safety and security".
 */
function sharesKeyPhrases(fit: CloseFit): boolean {
  return fit.keyShared >= 2 || (fit.titleShared ?? 0) >= 1;
}

/**
 * true when a left-over paper that has a home in this letter ({@link CloseFit.homeless} not set)
 * may fill its closest section to keep the catch-all to its share, once the papers that clearly
 * fit ({@link joinsByCloseness}) are placed: closer than average, with common ground, and a phrase
 * of its topic when the paper's class is one no topic lists ({@link CloseFit.offClass}).
 */
export function fillsHome(fit: CloseFit): boolean {
  return (
    fit.homeless !== true &&
    fit.sim > FILL_SIMILARITY &&
    hasCommonGround(fit) &&
    (fit.offClass !== true || fit.evidence >= EVIDENCE.abstract)
  );
}

/**
 * true when a left-over paper may fill its closest section to keep the catch-all to its share,
 * once the papers that clearly fit ({@link joinsByCloseness}) and those with a home
 * ({@link fillsHome}) are placed: closer than average, with common ground (a phrase of its topic
 * for a paper of a class no topic lists, {@link CloseFit.offClass}), and no arXiv category
 * against the topic. A paper that names a topic without a section ({@link CloseFit.claimedElsewhere})
 * needs evidence for the section's topic worth a key phrase in its keywords ({@link EVIDENCE}.keywords:
 * two phrases of its abstract, say): closeness alone put such papers right about half the time, and
 * one phrase of the abstract is the paper's method or setting, not its subject (a video world
 * model "distilled" into few steps is no "Fine-tuning and knowledge distillation" paper; issue #12).
 */
export function fillsShare(fit: CloseFit): boolean {
  return (
    fit.sim > FILL_SIMILARITY &&
    hasCommonGround(fit) &&
    (fit.offClass !== true || fit.evidence >= EVIDENCE.abstract) &&
    fit.evidence > Number.NEGATIVE_INFINITY &&
    (fit.claimedElsewhere !== true || fit.evidence >= EVIDENCE.keywords)
  );
}

/**
 * true when a left-over paper may fill its closest section past the catch-all's share (up to
 * {@link OTHER_SLACK} times it): close, of a field some topic covers, no arXiv category against the
 * section's topic, naming no topic of its own that has no section, and sharing a key phrase with one
 * of its papers or saying a word of its topic (a phrase of it for a paper of a class no topic lists,
 * {@link CloseFit.offClass}). Past its share the catch-all grows rather than take
 * a trajectory-forecasting paper into "Fine-tuning" for closeness and one abstract word, or a cs.CV
 * 3D-asset paper into it for sharing "score distillation" with one of its papers (issue #12).
 */
export function fillsSlack(fit: CloseFit): boolean {
  return (
    fit.sim > FILL_SIMILARITY &&
    fit.offField !== true &&
    (fit.offClass !== true || fit.evidence >= EVIDENCE.abstract) &&
    fit.evidence > Number.NEGATIVE_INFINITY &&
    fit.claimedElsewhere !== true &&
    hasCommonGround(fit)
  );
}

/**
 * true when a left-over paper without arXiv categories ({@link CloseFit.uncategorized}) may fill
 * its closest section up to {@link OTHER_SLACK} times the catch-all's share: with a home in the
 * letter, closer than average, and with common ground ({@link hasCommonGround}: a key phrase one
 * of its papers says too, or a word of its topic). Nothing tells such a paper's field, and in a
 * one-field feed (Hugging Face daily papers) its closest section is most often right; but never
 * on closeness alone (issue #12: a paper joins a section on evidence): a compatible-representation
 * paper read under "Robotics", a continual-learning one under "Information retrieval and RAG".
 */
export function fillsUncategorized(fit: CloseFit): boolean {
  return (
    fit.uncategorized === true && fit.homeless !== true && fit.sim > FILL_SIMILARITY && hasCommonGround(fit)
  );
}

/**
 * For each paper, the phrases it shares with other papers of the batch that name a subject: not
 * generic words, and said by few papers ("learning" or "language model" links everything).
 */
function realPhrases(stats: ReadonlyMap<string, PhraseStats>, n: number): ReadonlyMap<number, PhraseStats[]> {
  // The same for every placement of a batch (a batch places its left-over papers up to four times).
  const known = REAL_PHRASES.get(stats);
  if (known?.n === n) return known.out;
  const out = new Map<number, PhraseStats[]>();
  const rare = Math.max(3, Math.ceil(0.1 * n));
  for (const s of stats.values()) {
    if (isGeneric(s.words) || s.papers.size > rare) continue;
    for (const p of s.papers) {
      const list = out.get(p);
      if (list) list.push(s);
      else out.set(p, [s]);
    }
  }
  REAL_PHRASES.set(stats, { n, out });
  return out;
}

const REAL_PHRASES = new WeakMap<
  ReadonlyMap<string, PhraseStats>,
  { n: number; out: Map<number, PhraseStats[]> }
>();

/**
 * How many of `members` share at least one of `phrases` (the real phrases of paper `p`); with
 * `key`, only a key phrase: two words or more, or a word both papers say in their titles or
 * keywords. One word of two abstracts ("kernel", "speedup") is common ground, not a shared subject.
 */
export function sharedPhrasePapers(
  p: number,
  phrases: readonly PhraseStats[],
  members: readonly number[],
  key = false,
): number {
  const usable = key ? phrases.filter((s) => severalWords(s) || s.headline.has(p)) : phrases;
  return members.filter(
    (m) => m !== p && usable.some((s) => s.papers.has(m) && (!key || s.headline.has(m) || severalWords(s))),
  ).length;
}

/**
 * How many of `members` have in their titles (or keywords) a phrase of two or three words that
 * paper `p` has in its own, not all of its words generic: "long context" of "KV cache compression
 * for long context" and "Sparse attention kernels for long context". Said by many papers or not,
 * a phrase two titles share names a subject they share.
 */
export function titlePhrasePapers(
  p: number,
  batch: readonly PaperText[],
  members: readonly number[],
): number {
  const own = titleGrams(batch[p] as PaperText);
  if (own.size === 0) return 0;
  return members.filter((m) => {
    if (m === p) return false;
    for (const gram of titleGrams(batch[m] as PaperText)) if (own.has(gram)) return true;
    return false;
  }).length;
}

/**
 * The keys of a paper's title and keyword phrases of two or three adjacent words, generic ones
 * left out. A hyphenated word alone ("vision-language", "multi-agent") is no such phrase: titles of
 * several subjects share it (measured: 2 more misplaced papers of 1,200 in the mixed letters).
 */
function titleGrams(paper: PaperText): ReadonlySet<string> {
  let grams = TITLE_GRAMS.get(paper);
  if (grams === undefined) {
    grams = new Set();
    for (const text of [paper.title, ...paper.keywords])
      for (const run of contentRuns(text))
        for (let i = 0; i < run.length; i += 1)
          for (let n = 2; n <= 3 && i + n <= run.length; n += 1) {
            const words = run.slice(i, i + n).map((u) => u.key);
            if (!isGeneric(words)) grams.add(words.join(' '));
          }
    TITLE_GRAMS.set(paper, grams);
  }
  return grams;
}

const TITLE_GRAMS = new WeakMap<PaperText, Set<string>>();

/** A phrase of two words or more ("mixture-of-experts" is one unit of several words). */
function severalWords(s: PhraseStats): boolean {
  return s.words.length > 1 || (s.words[0] ?? '').includes(' ');
}

/**
 * The arXiv classes (lowercase) that topics of key phrases list: a field the catalogue covers.
 * Not those of a section of classes itself (an approved "Mathematics" or "Theory of computing",
 * no phrases), which takes its classes' papers but makes none of them a machine-learning class.
 */
export function phraseClasses(topics: readonly Topic[]): Set<string> {
  return new Set(
    topics.flatMap((t) =>
      t.hidden || t.keywords.length === 0 ? [] : t.categories.map((c) => c.toLowerCase()),
    ),
  );
}

/** What {@link placeLeftovers} reads of the batch besides the papers it places and the sections. */
export interface PlaceContext {
  topics: Topic[];
  batch: PaperText[];
  /** The batch's phrases (see PhraseStats). */
  stats: ReadonlyMap<string, PhraseStats>;
  /** Pairwise similarity of the batch's papers, `n` by `n`. */
  sim: Float64Array;
  n: number;
  /** The catch-all's share of the batch (see {@link placeLeftovers}). */
  maxShare: number;
  /** The topic each paper plainly names (twice the join evidence), or -1 (indices in `topics`). */
  owner?: readonly number[];
  /** The batch is of one field (see {@link CloseFit.uncategorized}); true unless said. */
  oneField?: boolean;
  /** Every topic each paper plainly names, as `owner` its strongest (indices in `topics`). */
  plain?: readonly (readonly number[])[];
  /** The topic that is each arXiv class's home (see ClassHomes). */
  homes?: Readonly<Record<string, string>>;
}

/**
 * Puts each left-over paper where it has evidence: a section whose label (or catalogue topic's
 * key phrases) the paper says, the closest such first; never a section of another topic than
 * the one the paper plainly names. The rest make the catch-all section, kept to about
 * `maxShare` of the batch by attaching papers to a close section they have evidence for (else
 * the closest): first those that clearly fit it (see {@link joinsByCloseness}), last those that
 * have no home in the letter (see {@link CloseFit.homeless}); papers whose categories contradict
 * every close section only past {@link OTHER_SLACK} times that share (see {@link fillsHome},
 * {@link fillsShare}, {@link fillsSlack}); papers of a field no topic covers, that name a topic
 * without a section, or that share nothing with the section but closeness, never.
 */
export function placeLeftovers(leftovers: number[], drafts: Draft[], context: PlaceContext): number[] {
  const { topics, batch, stats, sim, n, maxShare } = context;
  const { owner = [], oneField = true, plain = [], homes = {} } = context;
  const phraseOf = new Map<Draft, PhraseStats | undefined>(
    drafts.map((d) => [d, stats.get(d.words.join(' '))]),
  );
  const phrases = realPhrases(stats, n);
  const housed = new Set(drafts.map((d) => familyOf(d, topics)));
  const field = new Set(topics.flatMap((t) => (t.hidden ? [] : t.categories.map((c) => c.toLowerCase()))));
  // An approved section of classes ("Theory of computing") makes none of its classes a
  // machine-learning one (see CloseFit.offClass).
  const phraseField = phraseClasses(topics);
  const bySlug = topicsBySlug(topics);
  const membersApart = archivesOfMembers(batch);
  const named = topics.flatMap((t, i) =>
    t.hidden || partParent(t.slug) !== undefined || topicOrigin(t) === 'discovered' ? [] : [i],
  );
  const claimOf = namedClaims(batch, topics, named);
  /** Whether paper `p` gives the topic it names (its claim, not of `family`) more than `weight`. */
  const strongerElsewhere = (p: number, family: string | undefined, weight: number): boolean => {
    const claim = claimOf(p);
    if (claim < 0) return false;
    const topic = topics[claim] as Topic;
    if ((partParent(topic.slug) ?? topic.slug) === family) return false;
    return topicEvidence(topic, batch[p] as PaperText) > weight;
  };
  const other: { p: number; to: Draft | undefined; fit: CloseFit }[] = [];
  for (const p of leftovers.sort((a, b) => a - b)) {
    let best: Draft | undefined;
    let bestSim = Number.NEGATIVE_INFINITY;
    const close: { d: Draft; s: number; weight: number }[] = [];
    // Nor does a paper that plainly belongs to another topic go where it is merely close, or
    // where it says a phrase in passing: a latent-reasoning RL paper is no robotics paper when
    // reasoning has no section, a medical-imaging platform no "Multimodal LLMs" paper.
    const own = owner[p] ?? -1;
    // When the letter has no section of that topic, a section of another topic it plainly names
    // takes it: a multi-agent framework for multilingual medical reasoning reads under "LLM
    // agents" rather than in "More papers" on a day without a multilingual section.
    const ownSlug = own >= 0 ? (topics[own] as Topic).slug : undefined;
    const alsoPlain = new Set(
      ownSlug === undefined || housed.has(ownSlug)
        ? []
        : (plain[p] ?? []).map((t) => partParent((topics[t] as Topic).slug) ?? (topics[t] as Topic).slug),
    );
    const paper = batch[p] as PaperText;
    const mine = new Set(paper.categories.map((c) => c.toLowerCase()));
    const cats = paper.categories.length > 0 ? categoriesOf(paper.categories) : undefined;
    for (const d of drafts) {
      if (d.area) {
        const slug = d.area.claim(p);
        if (slug !== undefined && d.area.slugs.has(slug)) {
          best = d;
          break;
        }
        continue;
      }
      const family = familyOf(d, topics);
      if (ownSlug !== undefined && family !== ownSlug && !(family !== undefined && alsoPlain.has(family)))
        continue;
      if (d.classes) {
        if (paper.categories[0] !== undefined && d.classes.includes(paper.categories[0])) {
          best = d;
          break;
        }
        continue;
      }
      const topic = d.source >= 0 ? (topics[d.source] as Topic) : undefined;
      const weight = topic ? catalogueEvidence(topic, batch[p] as PaperText, bySlug) : 0;
      // A catalogue section's key phrases are its prototype: what a paper says of them (short of
      // the evidence to join) counts next to how close it is to the section's papers.
      const s = meanSimilarity(sim, n, p, d.members) + PROTOTYPE_WEIGHT * Math.min(weight, EVIDENCE.keywords);
      // A sub-section only takes a paper that says one of its (and its parent's) phrases, even
      // to keep the catch-all small; a section may take one that is close to it. A topic whose
      // arXiv categories the paper's contradict is marked (weight -Infinity): see CloseFit. A
      // section of no catalogue topic has its papers' archives instead (see archivesApart).
      const foreign =
        family === undefined
          ? membersApart(d.members, paper)
          : cats !== undefined && againstCategories(familyCategories(d, topics, bySlug), cats, field);
      if (d.topic.parent === undefined || d.whole || !topic || weight >= EVIDENCE.passing)
        close.push({ d, s, weight: foreign ? Number.NEGATIVE_INFINITY : weight });
      const evidence = topic ? weight >= 2 : (phraseOf.get(d)?.headline.has(p) ?? false);
      // Nor does a phrase of a topic its arXiv categories speak against take it there when it
      // names another topic more strongly: "Scalable Spatiotemporal Prediction with Bayesian
      // Neural Fields" (cs.LG, stat) says "neural fields" of 3D vision in its title, and time
      // series, forecasting throughout.
      if (evidence && foreign && strongerElsewhere(p, family, weight)) continue;
      if (evidence && s > bestSim) {
        bestSim = s;
        best = d;
      }
    }
    if (best) {
      best.members.push(p);
      continue;
    }
    close.sort((a, b) => b.s - a.s);
    // The closest section whose topic the paper's arXiv categories do not contradict, if one is
    // close at all: a cs.CL paper on hate speech is closer to "Language understanding" than its
    // nearest neighbours in "Speech and audio" (cs.SD) suggest. Among those, the closest the
    // paper gives evidence for (a word of its topic, a key phrase two of its papers say): a
    // slide-generation paper goes with the text-analysis papers, not with retrieval papers it is
    // as close to for sharing "document".
    const phrasesOfP = phrases.get(p) ?? [];
    const open = close.filter((c) => c.weight > Number.NEGATIVE_INFINITY && c.s > FILL_SIMILARITY);
    // A paper that names no topic goes first to the section of its class's home topic, if close
    // enough (as "More papers" sends it there, see sendHome): a weed-detection paper of cs.CV that
    // trains on Stable Diffusion images reads under "Visual recognition", not "Image generation".
    const primary = paper.categories[0];
    const homeSlug = primary !== undefined && Object.hasOwn(homes, primary) ? homes[primary] : undefined;
    const first =
      (homeSlug !== undefined && claimOf(p) < 0
        ? open.find((c) => familyOf(c.d, topics) === homeSlug)
        : undefined) ??
      open.find(
        (c) => c.weight >= EVIDENCE.passing || sharedPhrasePapers(p, phrasesOfP, c.d.members, true) >= 2,
      ) ??
      open[0] ??
      close[0];
    const claim = claimOf(p);
    const unhoused = claim >= 0 && !housed.has((topics[claim] as Topic).slug);
    const family = first ? familyOf(first.d, topics) : undefined;
    const second = close.find(
      (c) => c !== first && (family === undefined || familyOf(c.d, topics) !== family),
    );
    other.push({
      p,
      to: first?.d,
      fit: {
        sim: first?.s ?? Number.NEGATIVE_INFINITY,
        runnerUp: second?.s ?? 0,
        shared: first ? sharedPhrasePapers(p, phrasesOfP, first.d.members) : 0,
        keyShared: first ? sharedPhrasePapers(p, phrasesOfP, first.d.members, true) : 0,
        titleShared: first ? titlePhrasePapers(p, batch, first.d.members) : 0,
        evidence: first?.weight ?? 0,
        homeless: unhoused || first?.weight === Number.NEGATIVE_INFINITY,
        claimedElsewhere: unhoused,
        offField: mine.size > 0 && ![...mine].some((c) => field.has(c)),
        offClass:
          family !== undefined &&
          paper.categories[0] !== undefined &&
          !phraseField.has(paper.categories[0].toLowerCase()),
        uncategorized: mine.size === 0 && oneField,
      },
    });
  }
  other.sort((a, b) => b.fit.sim - a.fit.sim || a.p - b.p);
  // Down to the catch-all's share, closest first: the papers that clearly fit their closest
  // section, then the others that have a home in this letter, then those whose topic has no
  // section when they say a word of the section's topic; a paper whose arXiv categories no close
  // section's topic shares only past OTHER_SLACK times that share, and one of a field no topic
  // covers (astrophysics in an ML letter) never. A paper with nothing in common with its section
  // but closeness never: "More papers" keeps what fits nowhere, over its share if need be.
  // A section takes papers that say none of its key phrases (a found section: its label's
  // phrase) only while they stay no more than those that say them: its heading describes most of
  // its papers (a "Document understanding" of two document-parsing papers took a poetry metric,
  // an annotation study and a forecasting model for being close to them; an all-archives
  // "Dirac operator" five papers that never say it). A section found in the batch, with no
  // catalogue topic to stand for it, keeps them to half as many as those: its label is all a
  // reader has ("In-context learning" of two papers that say it took a contextual-bandits paper
  // and an abductive solver, it takes the closer one now; a condensed-matter "Quantum
  // information" of three papers that say it once each took two that never do, it takes one).
  const says = (d: Draft, p: number): boolean => {
    if (d.source < 0) return phraseOf.get(d)?.papers.has(p) ?? false;
    return catalogueEvidence(topics[d.source] as Topic, batch[p] as PaperText, bySlug) >= EVIDENCE.passing;
  };
  const tally = new Map<Draft, { named: number; close: number }>();
  const tallyOf = (d: Draft): { named: number; close: number } => {
    let t = tally.get(d);
    if (t === undefined) {
      const named = d.members.filter((m) => says(d, m)).length;
      t = { named, close: d.members.length - named };
      tally.set(d, t);
    }
    return t;
  };
  /** Whether `d` is an operator's topic (or a part of one) that paper `p` gives no evidence for. */
  const operatorTopicSilent = (d: Draft, p: number): boolean => {
    const operator = d.topic.userDefined ? d.topic : bySlug.get(d.topic.parent ?? '');
    if (operator?.userDefined !== true) return false;
    return topicEvidence(operator, batch[p] as PaperText) < EVIDENCE.abstract;
  };
  /** Whether one more paper there for closeness would be too many for `d` (see above). */
  const overTally = (d: Draft, t: { named: number; close: number }): boolean =>
    familyOf(d, topics) === undefined ? 2 * (t.close + 1) > t.named : t.close + 1 > t.named;
  const fill = (room: number, fits: (fit: CloseFit) => boolean): void => {
    for (let i = 0; i < other.length && other.length > room; ) {
      const o = other[i] as (typeof other)[number];
      const to = o.to;
      if (!to || !fits(o.fit)) {
        i += 1;
        continue;
      }
      // Areas and sections of arXiv classes take their papers by claim and class, not closeness.
      const close = !to.area && !to.classes && !says(to, o.p);
      // An operator's topic, or a part of one, takes a paper on that topic's evidence alone (issue
      // #12: a user topic from the config only on real evidence): its readers chose its key
      // phrases, and a taxonomy lab's "Molecular phylogeny" took a bat survey and a study of
      // techno-species for being close, its "Algae and diatoms" a part "Diatom species" of
      // milkweeds and bacteria.
      // A found section's label is all a reader has of it: its papers that say it stay the most.
      if (close && (operatorTopicSilent(to, o.p) || overTally(to, tallyOf(to)))) {
        i += 1;
        continue;
      }
      if (close) tallyOf(to).close += 1;
      to.members.push(o.p);
      other.splice(i, 1);
    }
  };
  const room = Math.floor(maxShare * n);
  fill(room, joinsByCloseness);
  fill(room, fillsHome);
  fill(room, fillsShare);
  fill(Math.floor(OTHER_SLACK * maxShare * n), fillsSlack);
  fill(Math.floor(OTHER_SLACK * maxShare * n), fillsUncategorized);
  return other.map((o) => o.p);
}

/**
 * Adds a section to the letter, or its papers to the section of the same topic when there is one:
 * one heading per subject ("Fine-tuning" found in the batch is the catalogue's "Fine-tuning and
 * knowledge distillation", not a second section of that name).
 */
export function addDraft(drafts: Draft[], draft: Draft): void {
  const same = drafts.find((d) => d.topic.slug === draft.topic.slug);
  if (!same) {
    drafts.push(draft);
    return;
  }
  same.members = [...new Set([...same.members, ...draft.members])].sort((a, b) => a - b);
}

/**
 * A section of arXiv classes that is the rest of others: "Other mathematics" beside "Analysis of
 * PDEs" (see nameClassRest), "Other physics" beside "Quantum physics". A catch-all of its field,
 * after the sections it is the rest of (Topic.classCatchAll).
 */
function isClassRest(d: Draft): boolean {
  return d.classes !== undefined && d.topic.label.startsWith('Other ');
}

/** Groups in reading order: sections by size, a topic's parts right after it, the catch-all last. */
export function toGroups(
  drafts: Draft[],
  other: number[],
  batch: PaperText[],
  topics: Topic[],
  /** The topic (index in `topics`) each paper of a catch-all names (see `namedTopics`). */
  otherTopics: ReadonlyMap<number, number> = new Map(),
  /** The catalogue topics each paper gives join evidence for, strongest first, when known (see Claim.named). */
  namedOf: (p: number) => readonly { index: number }[] | undefined = () => undefined,
): TopicGroup[] {
  const blockOf = (d: Draft): string => d.topic.parent ?? d.topic.slug;
  const blockSize = new Map<string, number>();
  for (const d of drafts) blockSize.set(blockOf(d), (blockSize.get(blockOf(d)) ?? 0) + d.members.length);
  const ids = (ms: number[]): string[] => ms.map((p) => (batch[p] as PaperText).id).sort();
  // A section of arXiv classes headed "Other ..." ("Other mathematics" beside "Analysis of PDEs",
  // "Other physics") comes after the sections it is the rest of, as an editor lists them.
  const rest = (d: Draft): number => Number(isClassRest(d));
  const sorted = drafts
    .filter((d) => d.members.length > 0)
    .sort(
      (a, b) =>
        rest(a) - rest(b) ||
        (blockSize.get(blockOf(b)) ?? 0) - (blockSize.get(blockOf(a)) ?? 0) ||
        (blockOf(a) < blockOf(b) ? -1 : blockOf(a) > blockOf(b) ? 1 : 0) ||
        Number(a.topic.parent !== undefined) - Number(b.topic.parent !== undefined) ||
        b.members.length - a.members.length ||
        (a.topic.slug < b.topic.slug ? -1 : 1),
    );
  // A catch-all (of the letter, or of an arXiv class) says the topic each of its papers names.
  const topicOf = (p: number): Topic | undefined => {
    const t = otherTopics.get(p);
    return t === undefined ? undefined : topics[t];
  };
  const tagged = (topic: Topic, members: number[]): Topic => {
    const own = paperTopics(members, (p) => topicOf(p)?.slug, batch);
    if (Object.keys(own).length === 0) return topic;
    const named = members.flatMap((p) => topicOf(p) ?? []);
    return {
      ...topic,
      paperTopics: own,
      topicLabels: Object.fromEntries(named.map((t) => [t.slug, t.label])),
    };
  };
  // The topics a reader may follow (a curated one the operator's own of that label replaces is
  // not offered): a paper of a section that gives one of them join evidence, and names it in its
  // title or keywords, is that topic's paper too, for the readers of that topic alone. Said in the
  // abstract alone, a topic is most often the paper's method or setting (a trajectory forecaster
  // "fine-tuned"): the judge accepted 1 of the 6 such second topics of the hand-judged sets.
  const ownLabels = new Set(topics.filter((t) => t.userDefined).map((t) => t.label.toLowerCase()));
  const followed = topics.flatMap((t, i) =>
    isOffered(t) && (t.userDefined || !ownLabels.has(t.label.toLowerCase())) ? [i] : [],
  );
  const followable = new Set(followed);
  // `familyOf(p)`: the topic paper p reads under, which no second topic repeats (the section's;
  // of a broad area's section, the one its card says).
  const also = (d: Draft, familyOf = (_: number): string => sectionFamily(d)): Topic => {
    const named = new Map<number, Topic>();
    for (const p of d.members) {
      const family = familyOf(p);
      const other = (i: number): boolean => followable.has(i) && (topics[i] as Topic).slug !== family;
      const paper = batch[p] as PaperText;
      let bare: PaperText | undefined;
      // Named in its title or keywords, not in its abstract alone (see the comment above).
      const outright = (i: number): boolean => {
        bare ??= { ...paper, summary: '', aiSummary: null };
        return topicEvidence(topics[i] as Topic, bare) >= EVIDENCE.keywords;
      };
      const known = namedOf(p);
      const strongest =
        known !== undefined
          ? (known.find((t) => other(t.index) && outright(t.index))?.index ?? -1)
          : bestTopic(topics, followed.filter(other), paper, JOIN_EVIDENCE).index;
      const best = strongest >= 0 && outright(strongest) ? strongest : -1;
      if (best >= 0) named.set(p, topics[best] as Topic);
    }
    if (named.size === 0) return d.topic;
    return {
      ...d.topic,
      alsoTopics: paperTopics([...named.keys()], (p) => named.get(p)?.slug, batch),
      topicLabels: {
        ...d.topic.topicLabels,
        ...Object.fromEntries([...named.values()].map((t) => [t.slug, t.label])),
      },
    };
  };
  // The classes topics of key phrases cover (see formClassSections): a section of one of them is
  // that class's catch-all (Topic.classCatchAll).
  const field = phraseClasses(topics);
  const groups: TopicGroup[] = sorted.map((d) => {
    // A broad area's section: each card's topic, and a second one its title names as for the
    // section of one topic (a 3D-detection benchmark of "Robotics and autonomous driving" is a
    // 3D-vision reader's paper too).
    if (d.area) {
      const claim = (p: number): string => d.area?.claim(p) ?? '';
      return {
        topic: {
          ...also(d, (p) => claim(p) || d.topic.slug),
          paperTopics: paperTopics(d.members, claim, batch),
        },
        paperIds: ids(d.members),
      };
    }
    if (d.classes) {
      const topic = tagged(d.topic, d.members);
      const covered = d.classes.some((c) => field.has(c.toLowerCase())) || isClassRest(d);
      return { topic: covered ? { ...topic, classCatchAll: true } : topic, paperIds: ids(d.members) };
    }
    // A section of a topic: the papers that say none of its key phrases, there for closeness.
    const close = d.members.filter((p) => topicEvidence(d.topic, batch[p] as PaperText) < EVIDENCE.passing);
    // And those whose titles name it: a listing's section opens on them.
    const titled = d.members.filter((p) => titleNames(d.topic, batch[p] as PaperText));
    return {
      topic: also(d),
      paperIds: ids(d.members),
      ...(close.length > 0 ? { closeOnly: ids(close) } : {}),
      ...(titled.length > 0 ? { titled: ids(titled) } : {}),
    };
  });
  if (other.length > 0) {
    const known = topics.find((t) => t.slug === OTHER_TOPIC.slug);
    groups.push({ topic: tagged({ ...(known ?? OTHER_TOPIC) }, other), paperIds: ids(other) });
  }
  return groups;
}

/**
 * The topic (slug) of each paper of a section, by paper id in id order: an area's papers each
 * (`''` when it claims none), a catch-all's those that name one, a topic's section's those that
 * name a second topic (`slugOf` undefined: left out).
 */
function paperTopics(
  members: number[],
  slugOf: (p: number) => string | undefined,
  batch: PaperText[],
): Record<string, string> {
  const byId = members.flatMap((p) => {
    const slug = slugOf(p);
    return slug === undefined ? [] : [[(batch[p] as PaperText).id, slug] as const];
  });
  return Object.fromEntries(byId.sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/**
 * The topic a discovered section proposes: the stored proposal of the same name when there is
 * one (so a subject that comes back keeps its slug), else a new one added to `topics`.
 */
export function proposeTopic(topics: Topic[], label: string, keywords: string[]): Topic {
  const base = slugify(label, new Set());
  // The same phrase in another form is the same proposal: "Black holes" of one edition is the
  // "Black hole" an earlier one proposed (see headingSurface), not a second topic to approve. Of
  // phrase topics only (keywords): a section of arXiv classes (none) is named by arXiv.
  const words = keywords.length > 0 ? labelWords(label).join(' ') : undefined;
  const samePhrase = (t: Topic): boolean =>
    words !== undefined &&
    t.keywords.length > 0 &&
    partParent(t.slug) === undefined &&
    labelWords(t.label).join(' ') === words;
  // A topic the operator merged into another is not taken up again: a new proposal of its name
  // gets a slug of its own.
  const known = topics.find(
    (t) =>
      !t.userDefined &&
      topicOrigin(t) !== 'curated' &&
      t.mergedInto === undefined &&
      (t.slug === base || samePhrase(t)),
  );
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
  collectPhrases(batch).forEach((s, key) => {
    if (s.papers.size >= 2 && isCompletePhrase(s, bestSurface(s))) out.set(key, s);
  });
  return out;
}

export function labelWords(label: string): string[] {
  // A label a phrase cannot match ("3D vision", "High energy physics", "Image generation and
  // editing": a short word or a stopword) is still told apart from the others by its words.
  const keys = phraseKeys(label);
  return keys.length > 0 ? keys : headingKeys(label);
}

export function bySize(a: Draft, b: Draft): number {
  return b.members.length - a.members.length || (a.topic.slug < b.topic.slug ? -1 : 1);
}

/**
 * Largest first and, at the same size, the section whose papers say more of its topic (summed
 * {@link topicEvidence} of its key phrases): the last is the one to give its papers back when a
 * letter has too many sections. Two papers that both name "AI safety" keep their section before
 * two that say "continual learning" once each.
 */
export function byStrength(batch: readonly PaperText[]): (a: Draft, b: Draft) => number {
  // Kept per section while its papers stay the same (the same list, as long): sections gain
  // papers between sorts, and a strength read earlier would rank them as they were.
  const strength = new Map<Draft, { members: readonly number[]; count: number; s: number }>();
  const of = (d: Draft): number => {
    let k = strength.get(d);
    if (k === undefined || k.members !== d.members || k.count !== d.members.length) {
      let s = 0;
      for (const p of d.members) s += topicEvidence(d.topic, batch[p] as PaperText);
      k = { members: d.members, count: d.members.length, s };
      strength.set(d, k);
    }
    return k.s;
  };
  return (a, b) => b.members.length - a.members.length || of(b) - of(a) || bySize(a, b);
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
