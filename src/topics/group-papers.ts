import type { AppliedTopics, ClassHomes, Topic, TopicArea, TopicGroup } from '../domain/index.js';
import { partParent, topicOrigin } from '../domain/index.js';
import type { ArchiveModel } from './archive-guess.js';
import { archiveName, archiveOf, classHeading, fieldName } from './arxiv-taxonomy.js';
import { aliasClaim, claimPapers, pairLoneOwners, replacedTopics, settleClaims } from './claims.js';
import { NO_APPLIED } from './curated.js';
import {
  addDraft,
  archivesApart,
  bySize,
  byStrength,
  type Draft,
  groupIndices,
  labelPhrases,
  labelWords,
  MIN_PART,
  mergeSmallestPart,
  nameCluster,
  placeLeftovers,
  proposeTopic,
  sectionFamily,
  splitDraft,
  toGroups,
} from './drafts.js';
import {
  JOIN_EVIDENCE,
  learnApplied,
  learnPhrases,
  learnShadows,
  learnUncategorized,
  readsAsLearning,
  strongestTopic,
} from './evidence.js';
import {
  areaHeadingSays,
  catalogueNamed,
  classesBesideArea,
  formAreaSections,
  formClassSections,
  formFoundSections,
  formSections,
  houseStrays,
  mergeIntoArea,
  nameClassRest,
  SHORT_LETTER,
  STRAY_AREA_MAX,
  splitByClasses,
  splitBySubjects,
} from './form-sections.js';
import { labelsClash, namesIn } from './label-section.js';
import { partsByParent, renameByPart, splitByParts } from './parts.js';
import type { PhraseStats } from './phrases.js';
import { sectionBounds, splitPoints, subMatrix } from './sections.js';
import { centeredSimilarity, similarityMatrix } from './sparse.js';
import { buildCorpus, type PaperText } from './vectorize.js';

export { OTHER_TOPIC } from './drafts.js';
export { catalogueNamed } from './form-sections.js';

/** Knobs of {@link groupPapers}. */
export interface GroupOptions {
  /** Evidence at which a paper joins a config or catalogue topic (see evidence.ts). */
  joinEvidence?: number;
  /** Batches of at most this many papers make one section. */
  singleSectionMax?: number;
  /** Largest share of the batch the last catch-all section should hold. */
  maxOtherShare?: number;
  /** Guesses the arXiv archive of a paper without categories (see archive-guess.ts). */
  archiveModel?: ArchiveModel;
  /** Broad areas of the catalogue (data/catalogue.json "areas"): headings over related topics. */
  areas?: readonly TopicArea[];
  /** Topics that take the papers of an arXiv class no topic claims (data/catalogue.json "homes"). */
  homes?: ClassHomes;
  /** Topics of machine learning applied to a field (data/catalogue.json "applied"; see evidence.ts). */
  applied?: AppliedTopics;
}

/** Groups of one batch, and the catalogue with the topics this batch proposed. */
export interface GroupResult {
  groups: TopicGroup[];
  catalogue: Topic[];
  /**
   * Whether the batch's papers without arXiv categories read as machine learning (see
   * readsAsLearning): the papers a run does not group (see titleClaims) are read the same way.
   */
  uncategorizedLearning: boolean;
}

const DEFAULTS: Required<Omit<GroupOptions, 'archiveModel'>> = {
  areas: [],
  homes: {},
  applied: NO_APPLIED,
  joinEvidence: JOIN_EVIDENCE,
  singleSectionMax: 5,
  maxOtherShare: 0.1,
};

/**
 * Groups papers into the sections of a letter. A paper joins a config topic, else a catalogue
 * topic (curated or approved), only on evidence: a key phrase in its title, or several phrases
 * (see evidence.ts). A catalogue topic that holds many papers (a focused feed) is split into
 * sub-sections named by the noun phrase their papers share (`parent` is the topic's slug). The
 * papers no topic claims are clustered; a cluster becomes a section (and a proposed topic) when
 * most of its papers share a complete phrase to name it. The number of sections stays within
 * {@link sectionBounds}; papers that fit nowhere go to one last section, "More papers". Every
 * paper id lands in exactly one group; the output depends only on the input, not on the order
 * of the catalogue (config topics first, then by slug, as a run reads them from the store). The
 * input catalogue is not modified.
 */
export function groupPapers(
  papers: PaperText[],
  catalogue: Topic[],
  options: GroupOptions = {},
): GroupResult {
  const opts = { ...DEFAULTS, ...options };
  const batch = dedupeById(papers);
  const { topics, users, claimable, replaced, curated } = batchTopics(catalogue);
  const n = batch.length;
  if (n === 0) return { groups: [], catalogue: topics, uncategorizedLearning: true };
  learnApplied(opts.applied);
  // A feed of another field without arXiv categories (a botany journal's): the catalogue's
  // machine-learning topics take only its papers that say they learn.
  const uncategorizedLearning = readsAsLearning(batch);
  learnUncategorized(uncategorizedLearning);
  const parts = partsByParent(topics, curated);
  // Every phrase a paper is matched against, before the first match: a phrase learnt later has
  // every paper's n-grams read again (see learnPhrases); the parts are matched when a topic splits.
  learnPhrases(topics, [...parts.values()].flat());
  const claims = claimPapers(topics, users, claimable, batch, opts.joinEvidence).map((c) =>
    aliasClaim(c, replaced),
  );

  if (n <= opts.singleSectionMax) {
    const claim = claims.map((c) => c.index);
    const first = claim[0] ?? -1;
    const all = batch.map((_, p) => p);
    const named = (p: number) => claims[p]?.named;
    // Papers of one topic: its section, saying the second topic a paper names in its title (its
    // readers get it too), as any topic's section does.
    if (first >= 0 && claim.every((c) => c === first)) {
      const topic = topics[first] as Topic;
      const one: Draft = {
        members: all,
        topic,
        words: labelWords(topic.label),
        source: first,
        settled: true,
      };
      return {
        groups: toGroups([one], [], batch, topics, new Map(), named),
        catalogue: topics,
        uncategorizedLearning,
      };
    }
    // Papers of several topics: one "More papers" whose cards say the topic each paper names, so
    // a reader of that topic still gets it (a quiet day of five papers on five subjects).
    const owner = claims.map((c) => (c.evidence >= 2 * opts.joinEvidence ? c.index : -1));
    const tags = namedTopics(all, claim, owner, [], topics);
    return {
      groups: toGroups([], all, batch, topics, tags, named),
      catalogue: topics,
      uncategorizedLearning,
    };
  }

  const corpus = buildCorpus(batch, n > 10 ? 2 : 1);
  const sim = centeredSimilarity(similarityMatrix(corpus.vectors), n);
  settleClaims(claims, sim, n);
  const claim = claims.map((c) => c.index);
  // A batch of one field (Hugging Face daily papers): most of its papers name a catalogue topic,
  // and a paper without arXiv categories may join its closest section (see placeLeftovers).
  const oneField = claim.filter((t) => t >= 0).length >= ONE_FIELD * n;
  // A paper that plainly names its topic (twice the join evidence) is placed nowhere else.
  const owner = claims.map((c) => (c.evidence >= 2 * opts.joinEvidence ? c.index : -1));
  const plain = claims.map((c) =>
    (c.named ?? []).flatMap((t) => (t.evidence >= 2 * opts.joinEvidence ? [t.index] : [])),
  );
  const stats = labelPhrases(batch);
  const [lo, hi] = sectionBounds(n);
  const average = n / ((lo + hi) / 2);
  const drafts: Draft[] = [];
  const byTopic = new Map<number, number[]>();
  claim.forEach((t, p) => {
    if (t >= 0) byTopic.set(t, [...(byTopic.get(t) ?? []), p]);
  });
  pairLoneOwners(byTopic, claims, claim, owner);
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
    clusters.sort((a, b) => b.length - a.length || (a[0] ?? 0) - (b[0] ?? 0));
    for (let c = 0; c < clusters.length; c += 1) {
      const cluster = clusters[c] as number[];
      const named = nameCluster(cluster, stats, used(), batch);
      const { label } = named;
      const known = label ? catalogueNamed(topics, curated, label.label) : -1;
      // A paper that plainly names another topic is not this section's paper: a multimodal-LLM
      // paper that says "reinforcement learning" stays out of "Reinforcement learning".
      // Nor, in a section found in the batch, a paper of another arXiv archive than all of its
      // other papers: "force fields" of a turbulence paper (physics) and of a nanofluid one
      // (cond-mat) is one phrase of two subjects (see archivesApart).
      const apart = (p: number): boolean =>
        known < 0 &&
        archivesApart(
          named.members.filter((m) => m !== p),
          batch[p] as PaperText,
          batch,
        );
      const elsewhere = (p: number): boolean => ((owner[p] ?? -1) >= 0 && owner[p] !== known) || apart(p);
      const members = named.members.filter((p) => !elsewhere(p));
      const unnamed = [...named.rest, ...named.members.filter(elsewhere)].sort((a, b) => a - b);
      // The papers of a named cluster that do not say its label may share another one.
      if (label && members.length >= 2 && unnamed.length >= 2) clusters.splice(c + 1, 0, unnamed);
      else if (label && members.length >= 2) leftovers.push(...unnamed);
      else {
        leftovers.push(...unnamed, ...members);
        continue;
      }
      if (!label) continue;
      if (known >= 0) {
        addDraft(drafts, {
          members,
          topic: topics[known] as Topic,
          words: label.words,
          source: known,
          settled: false,
        });
        continue;
      }
      const topic = proposeTopic(topics, label.label, label.keywords);
      addDraft(drafts, { members, topic, words: label.words, source: -1, settled: false });
    }
  } else leftovers = rest;

  // A catalogue topic holding many papers reads better in the sub-sections its parts name.
  const partsAt = Math.max(6, 1.2 * average);
  for (const d of [...drafts]) {
    const own = d.source >= 0 ? parts.get(d.source) : undefined;
    if (!own) continue;
    // Too few papers to split: the section may still take the one part its papers all name.
    if (d.members.length < partsAt) {
      renameByPart(d, own, topics, batch);
      continue;
    }
    const named = splitByParts(d, own, topics, batch, sim, n);
    if (d.members.length === 0) drafts.splice(drafts.indexOf(d), 1);
    drafts.push(...named);
  }
  // A topic holding many papers (a focused feed) reads better in labelled parts.
  const splitAt = Math.max(8, 2 * average);
  for (const d of [...drafts])
    if (d.members.length >= splitAt) splitDraft(d, drafts, stats, batch, sim, n, average);
  while (drafts.length < lo) {
    const largest = drafts.filter((d) => !d.settled && d.members.length >= 6).sort(bySize)[0];
    if (!largest) break;
    splitDraft(largest, drafts, stats, batch, sim, n, average);
  }
  // Too many sections: the smallest give their papers back, "More papers" counted in.
  // Sub-sections merge back into their topic first, so no paper loses a section it belongs to.
  while (drafts.length > hi && mergeSmallestPart(drafts, splitAt));
  // An operator's own topics come before the catalogue's (issue #12: config topics take
  // precedence): their sections are the last to give way when the letter has too many.
  const strength = byStrength(batch);
  const weakestLast = (a: Draft, b: Draft): number =>
    Number(b.topic.userDefined) - Number(a.topic.userDefined) || strength(a, b);
  drafts.sort(weakestLast);
  while (drafts.length > hi) leftovers.push(...(drafts.pop() as Draft).members);
  const place = (papers: number[], into: Draft[]): number[] =>
    placeLeftovers(papers, into, {
      topics,
      batch,
      stats,
      sim,
      n,
      maxShare: opts.maxOtherShare,
      owner,
      oneField,
      plain,
      homes: opts.homes,
    });
  // A catch-all that would be over its share: one more real section, from left-over papers that
  // name the same topic, before any of them is put where it is merely close (room kept for
  // "More papers"): three text-to-3D papers make "3D vision" rather than sit under "Multimodal
  // LLMs" for one "VLM" of their abstracts (issue #12).
  const share = opts.maxOtherShare * n;
  if (leftovers.length > share && hi - 1 - drafts.length > 0) {
    const trial = drafts.map((d) => ({ ...d, members: [...d.members] }));
    if (place([...leftovers], trial).length > share)
      leftovers = formSections(leftovers, drafts, topics, batch, hi - 1 - drafts.length, curated);
  }
  // The catch-all's papers form what sections they can (see fillFromCatchAll).
  // A section of a field ("Physics") forms only where the letter has room, never in place of a
  // section that gives way (below): an ML letter keeps its "Reasoning and RL post-training" of
  // three rather than read seven physics papers under one heading.
  const fillOther = (papers: number[], into: Draft[], fields = false): number[] =>
    fillFromCatchAll(place(papers, into), into, {
      fields,
      topics,
      batch,
      curated,
      stats,
      hi,
      share,
      owner,
      claim,
      place: (kept) => place(kept, into),
      options: opts,
    });
  let other = fillOther(leftovers, drafts, true);
  // Room for "More papers" too, unless it is smaller than the section it would replace; of
  // sections of one size, the one whose papers say least of its topic gives way.
  while (other.length > 0 && drafts.length + 1 > hi && drafts.length > 1) {
    drafts.sort(weakestLast);
    if ((drafts[drafts.length - 1] as Draft).members.length >= other.length) break;
    const smallest = drafts.pop() as Draft;
    other = place([...other, ...smallest.members], drafts);
  }
  // A trial that frees room is kept when the section it forms leaves SWAP_GAIN papers fewer in
  // "More papers".
  const freesRoom = (_: Draft[], { other: trialOther }: { other: number[] }, left: number[]): boolean =>
    trialOther.length + SWAP_GAIN <= left.length;
  // Still over its share with no room left: a topic in parts gives its smallest part back to it
  // when the room that frees forms a section from "More papers" (at least SWAP_GAIN papers fewer
  // there); no paper loses a section of its topic. A 30-paper day reads "LLM agents" of seven
  // and "Reasoning and RL post-training" of two rather than agents in two parts of three and four
  // beside two reasoning papers in "More papers".
  other = tryTrials(drafts, other, topics, share, {
    change: (trial, left) =>
      mergeSmallestPart(trial, splitAt) ? { other: fillOther(left, trial) } : undefined,
    keep: freesRoom,
  });
  // Still over its share with no room left: two small sections of one broad area read as one
  // under the area's heading (see mergeIntoArea: its cards still say their topics), when the
  // room that frees forms a section from "More papers" (at least SWAP_GAIN papers fewer there),
  // before any section gives way and its papers are placed where they are merely close. A
  // 77-paper Hugging Face letter reads "Efficient inference and architectures" of eight and a
  // "Computer vision" of three world-model and video papers rather than "Model architectures"
  // of four and "Efficient inference" of three beside them in "More papers".
  other = tryTrials(drafts, other, topics, share, {
    change: (trial, left) =>
      mergeIntoArea(trial, topics, batch, opts.areas, curated, owner, claim, average)
        ? { other: fillOther(left, trial) }
        : undefined,
    keep: freesRoom,
  });
  // Still over its share with no room left: a section keeps its place only while no larger one
  // can be formed in it. The weakest of the smallest sections gives way when its papers (placed
  // again, or in the catch-all) and the catch-all then form sections that leave at least
  // SWAP_GAIN papers fewer in "More papers": the demo samples read better with "Evaluation,
  // safety and interpretability" of six papers than with a "Reasoning and RL post-training" of
  // three beside 21 papers in "More papers", the arXiv all-archives letter with "Machine
  // learning" of eight than with a "Reinforcement learning" of two (issue #12: at most ~15%).
  other = tryTrials(drafts, other, topics, share, {
    change: (trial, left) => {
      if (trial.length <= 1) return undefined;
      const weakest = trial.sort(weakestLast).pop() as Draft;
      return { other: fillOther([...left, ...weakest.members], trial), gave: weakest.members.length };
    },
    // A section gives way to a larger one only: "LLM agents" of four papers that name agents
    // stays before a "Computer vision" of four left-over vision papers.
    keep: (trial, { other: trialOther, gave }, left) => {
      const before = new Set(drafts.map((d) => d.topic.slug));
      const formed = Math.max(
        0,
        ...trial.flatMap((d) => (before.has(d.topic.slug) ? [] : [d.members.length])),
      );
      return (
        trial.length + 1 <= hi &&
        trialOther.length + SWAP_GAIN <= left.length &&
        !(formed > 0 && formed <= gave)
      );
    },
  });
  // Still over its share: a broad letter's sections of one area read as one under its heading
  // (see mergeIntoArea, wide), kept only when that leaves at least SWAP_GAIN papers fewer in "More
  // papers" (papers of the area joining it, sections formed in the room it frees) and the letter
  // keeps as many sections, or, a short letter (SHORT_LETTER), at least its fewest (sectionBounds,
  // "More papers" counted in). A 94-paper arXiv cs letter reads "Computer vision" of 18 (its cards
  // saying "3D vision", "Image generation and editing") and "Multimodal models" of ten, with
  // "Theory of computing" and "Communications and networking" formed from "More papers" (24 -> 8
  // papers there); a 39-paper one "Computer vision" of ten in nine sections rather than ten, three
  // of its vision papers no longer in "More papers". Measured on bench:topics: the mixed letters'
  // misplaced papers 123 -> 117 of 1,200; kept with a section fewer in letters of any size, the HF
  // 70-paper subsets lost their specific headings ("Multimodal models" of 13 over speech and MLLM
  // papers: NMI 0.793 -> 0.786), so only a short letter may.
  other = tryTrials(drafts, other, topics, share, {
    change: (trial, left) =>
      mergeIntoArea(trial, topics, batch, opts.areas, curated, owner, claim, average, 'wide')
        ? { other: fillOther(left, trial) }
        : undefined,
    keep: (trial, result, left) =>
      freesRoom(trial, result, left) &&
      (trial.length >= drafts.length || (n <= SHORT_LETTER && trial.length + 1 >= lo)),
  });
  // Still over its share: the one section of a broad area reads under the area's heading when
  // "More papers" holds papers that name other topics of the area, which join it: two at least,
  // or one for an area of at most STRAY_AREA_MAX topics whose heading says that paper's topic
  // (see areaHeadingSays): 30 Hugging Face papers read "Agents and code generation" of five agent
  // papers and a coding-agents benchmark rather than leave that one in "More papers". Measured on
  // bench:topics: a run's arXiv cs pools over 15% 14 -> 8 of 40, Hugging Face letters 7 -> 6,
  // placements alike or better (bench/FIGURES.md, session 45). Papers that name no topic, of a
  // class headed as the area is, count too (they join the area's section, see joinAreaOfClass): a
  // 24-paper cs letter reads "Computer vision" of two 3D papers, a text-to-image one and a cs.CV
  // face paper rather than "3D vision" of two (session 47: arXiv cs letters' 90th percentile 28% ->
  // 25%, every other row alike). With "More papers" within its share, only for a paper that
  // plainly names a topic (owner) the heading of an area of at most STRAY_AREA_MAX topics says: a
  // pedestrian-forecasting paper that names "Autonomous driving" reads under "Robotics and
  // autonomous driving" beside the letter's robot papers, not among "More papers" (session 47:
  // mixed letters' misplaced papers 117 -> 113, every other row alike; with a paper's claim as
  // well, 115, and a 70-paper HF letter kept a weak three-paper section over its agent parts).
  // Hence a share of -1 for tryTrials: tried whatever "More papers" holds (see `under`).
  other = tryTrials(drafts, other, topics, -1, {
    change: (trial, left) => {
      const housed = new Set(trial.map((d) => sectionFamily(d)));
      // Papers of "More papers" naming a topic of the area that has no section: by their claim, or
      // only those that name it plainly (`plainly`: owner), and only topics the area's heading
      // says (`said`, see areaHeadingSays).
      const naming = (a: TopicArea, { said = false, plainly = false } = {}): number =>
        left.filter((p) => {
          const t = (owner[p] ?? -1) >= 0 ? (owner[p] as number) : plainly ? -1 : (claim[p] ?? -1);
          const topic = t >= 0 ? (topics[t] as Topic) : undefined;
          return (
            topic !== undefined &&
            a.topics.includes(topic.slug) &&
            !housed.has(topic.slug) &&
            (!said || areaHeadingSays(a, topic))
          );
        }).length;
      // Papers that name no topic, of a class headed as the area is (cs.CV's "Computer vision"):
      // they join the area's section (joinAreaOfClass).
      const ofClass = (a: TopicArea): number => {
        const words = labelWords(a.label);
        return left.filter((p) => {
          const heading = unnamedClassHeading(p, batch, owner, claim);
          return heading !== undefined && labelsClash(heading, words);
        }).length;
      };
      const least = (a: TopicArea): number =>
        a.topics.length <= STRAY_AREA_MAX && naming(a, { said: true }) >= 1 ? 1 : SWAP_GAIN;
      const under = left.length <= share;
      const open = opts.areas.filter((a) =>
        under
          ? a.topics.length <= STRAY_AREA_MAX && naming(a, { said: true, plainly: true }) >= 1
          : naming(a) + ofClass(a) >= least(a),
      );
      if (!mergeIntoArea(trial, topics, batch, open, curated, owner, claim, average, 'one')) return undefined;
      const merged = trial.find((d) => d.area && !drafts.some((x) => x.topic.slug === d.topic.slug));
      const area = opts.areas.find((a) => a.slug === merged?.topic.slug);
      return {
        other: joinAreaOfClass(fillOther(left, trial), trial, batch, owner, claim),
        gain: area ? least(area) : SWAP_GAIN,
      };
    },
    keep: (trial, result, left) =>
      result.other.length + result.gain <= left.length && trial.length >= drafts.length,
  });
  const partsOf = (d: Draft): number[] | undefined =>
    d.source >= 0 && d.topic.parent === undefined && !d.area && !d.classes ? parts.get(d.source) : undefined;
  other = splitLargeLate(drafts, other, {
    topics,
    hi,
    at: partsAt,
    weakestLast,
    place,
    split: (d) => {
      const own = partsOf(d);
      return own === undefined ? undefined : (big) => splitByParts(big, own, topics, batch, sim, n);
    },
  });
  other = joinClassSections(other, drafts, batch, owner, claim, topics);
  // A section of an archive that holds many papers (a letter of one field: "Mathematics" of 72)
  // reads in the sections of its classes.
  other = splitLargeLate(drafts, other, {
    topics,
    hi,
    at: splitAt,
    weakestLast,
    place,
    split: (d) =>
      d.classes
        ? (big, trial) => {
            const byClass = splitByClasses(big, trial, topics, batch);
            if (byClass.length > 0 || !ofOneClass(big, batch)) return byClass;
            // An archive of one class (quant-ph) splits no further by arXiv: by the subjects its
            // papers name ("Quantum computing").
            return splitBySubjects(big, trial, topics, curated, stats, batch);
          }
        : undefined,
    settle: (big) => nameClassRest(big, topics, batch),
    // A small section's papers may go to "More papers" within its share: "Optics" of 18 and
    // "Fluid dynamics" of 5 read better than "Other physics" of 74 beside "Particle events" of 2.
    room: Math.floor(share),
  });
  other = joinAreaOfClass(other, drafts, batch, owner, claim);
  other = houseStrays(other, drafts, {
    topics,
    batch,
    areas: opts.areas,
    named: curated,
    owner,
    claimed: claim,
  });
  classesBesideArea(drafts, topics, opts.areas);
  const catchAlls = [other, ...drafts.flatMap((d) => (d.classes ? [d.members] : []))].flat();
  const tags = namedTopics(catchAlls, claim, owner, drafts, topics);
  const groups = toGroups(drafts, other, batch, topics, tags, (p) => claims[p]?.named);
  // A topic proposed on the way (a found section that later gave way to a larger one) is no
  // proposal: only those with a section reach the store, where an operator is asked to approve
  // them ("Adversarial attacks, proposal, 0 papers" named nothing a reader saw).
  const shown = new Set(groups.map((g) => g.topic.slug));
  return {
    groups,
    catalogue: topics.filter((t, i) => i < catalogue.length || shown.has(t.slug)),
    uncategorizedLearning,
  };
}

/**
 * The papers left in "More papers" that no topic took, whose primary arXiv class is that of a
 * section of arXiv classes, join it, or the section of their archive: "Mathematics" takes a
 * convex-optimization paper of math.OC (a class catalogue topics list, so no section of classes
 * no topic covers was formed from it), "Machine learning" the cs.LG papers placed after it was
 * formed; or the section of their field ("Physics", "Other physics": a nuclear-theory paper).
 * A paper that plainly names a topic (with no section: it would be there) joins the section of
 * its own class only, its card naming that topic; else it stays, as do papers without
 * categories. Returns the papers left.
 */
function joinClassSections(
  other: number[],
  drafts: Draft[],
  batch: readonly PaperText[],
  owner: readonly number[],
  claim: readonly number[],
  topics: readonly Topic[],
): number[] {
  // A section proposed from this batch lists the classes of its papers (formClassSections): the
  // class of a paper that joins it too, so that once approved it keeps taking them.
  const sections = drafts.flatMap((d) =>
    d.classes && d.classes.length > 0
      ? [{ d, classes: d.classes, proposed: d.topic.categories === d.classes }]
      : [],
  );
  if (sections.length === 0) return other;
  return other.filter((p) => {
    // A section of classes that is a catalogue topic's ("Robotics" of cs.RO papers, see
    // namesakeTopic) takes the papers that name that topic too: a robotics paper reads there,
    // not among "More papers" under a "Robotics" tag beside it.
    const t = (owner[p] ?? -1) >= 0 ? (owner[p] as number) : (claim[p] ?? -1);
    const named = t >= 0 ? sections.find((s) => s.d.topic.slug === (topics[t] as Topic).slug) : undefined;
    if (named) {
      named.d.members.push(p);
      named.d.members.sort((a, b) => a - b);
      return false;
    }
    const primary = (batch[p] as PaperText).categories[0];
    if (primary === undefined) return true;
    const archive = archiveOf(primary);
    const ofClass = sections.find((s) => s.classes.includes(primary));
    // A paper that plainly names a topic with no section joins the section of its own class only
    // (its card naming that topic, see namedTopics): a federated-learning paper of cs.LG reads
    // under "Machine learning", a Gaussian-splatting paper of cs.CV under "Computer vision",
    // rather than among "More papers"; not under a section of its archive or field.
    const home =
      (owner[p] ?? -1) >= 0
        ? ofClass
        : (ofClass ??
          sections.find(
            (s) =>
              s.d.topic.label === archiveName(archive) && s.classes.every((c) => archiveOf(c) === archive),
          ) ??
          sections.find((s) => s.d.field !== undefined && s.d.field === fieldName(archive)));
    if (!home) return true;
    if (home.proposed && !home.d.topic.categories.includes(primary))
      home.d.topic.categories = [...home.d.topic.categories, primary].sort();
    home.d.members.push(p);
    home.d.members.sort((a, b) => a - b);
    return false;
  });
}

/**
 * The papers left in "More papers" that name no topic, of a class whose section would read as a
 * broad area's section of the letter (cs.LG's "Machine learning" beside "Machine learning
 * methods", cs.CV's "Computer vision"), join that section: the class's section cannot form beside
 * it, and its heading says what they are. Papers that name a topic stay, carrying it to its
 * readers. Returns the papers left.
 */
function joinAreaOfClass(
  other: number[],
  drafts: Draft[],
  batch: readonly PaperText[],
  owner: readonly number[],
  claim: readonly number[],
): number[] {
  const areas = drafts.filter((d) => d.area !== undefined);
  if (areas.length === 0) return other;
  return other.filter((p) => {
    const words = unnamedClassHeading(p, batch, owner, claim);
    if (!words) return true;
    const home = areas.find((d) => labelsClash(d.words, words));
    if (!home) return true;
    home.members.push(p);
    home.members.sort((a, b) => a - b);
    return false;
  });
}

/**
 * The words of the arXiv heading of a paper's primary class ("Computer vision" of cs.CV), for a
 * paper that names no topic; undefined for one that does, or has no class with a heading.
 */
function unnamedClassHeading(
  p: number,
  batch: readonly PaperText[],
  owner: readonly number[],
  claim: readonly number[],
): string[] | undefined {
  if ((owner[p] ?? -1) >= 0 || (claim[p] ?? -1) >= 0) return undefined;
  const primary = (batch[p] as PaperText).categories[0];
  const heading = primary === undefined ? undefined : classHeading(primary);
  return heading === undefined ? undefined : labelWords(heading);
}

/**
 * Up to MAX_SWAPS trials, each on a copy of the drafts, while "More papers" holds more than its
 * share: `change` edits the copy and returns what it did, `other` the papers it leaves in "More
 * papers" (undefined: nothing left to try); the copy replaces the drafts when `keep` accepts that,
 * else the topics the trial proposed (a found section's) go with it and the trials stop. Returns
 * "More papers".
 */
function tryTrials<T extends { other: number[] }>(
  drafts: Draft[],
  other: number[],
  topics: Topic[],
  share: number,
  trial: {
    change: (copy: Draft[], other: number[]) => T | undefined;
    keep: (copy: Draft[], result: T, other: number[]) => boolean;
  },
): number[] {
  let left = other;
  for (let round = 0; round < MAX_SWAPS && left.length > share; round += 1) {
    const copy = drafts.map((d) => ({ ...d, members: [...d.members] }));
    const proposed = topics.length;
    const result = trial.change(copy, [...left]);
    if (result === undefined || !trial.keep(copy, result, left)) {
      topics.length = proposed;
      break;
    }
    drafts.splice(0, drafts.length, ...copy);
    left = result.other;
  }
  return left;
}

/**
 * A section that grew large as left-over papers joined it is split, when the letter has room for
 * its parts, or makes room: sections of fewer than MIN_PART papers give way, weakest first (their
 * papers placed again), and the smallest parts go back into the section until the others fit.
 * Kept only when "More papers" gains no paper but the section's own single left-over one, or
 * holds no more than `room` papers. `split` says how a section splits (a catalogue topic's into the parts its papers name, see splitByParts;
 * a section of an arXiv archive into its classes, see splitByClasses), undefined when it does not.
 * A 70-paper Hugging Face letter reads "LLM agents" of eight and "Agent memory and skills" of six
 * rather than "LLM agents" of thirteen beside a "Multilingual NLP" of two (issue #12). Largest
 * section first; returns the papers of "More papers".
 */
function splitLargeLate(
  drafts: Draft[],
  other: number[],
  ctx: {
    topics: Topic[];
    hi: number;
    at: number;
    weakestLast: (a: Draft, b: Draft) => number;
    place: (papers: number[], into: Draft[]) => number[];
    split: (d: Draft) => ((big: Draft, trial: readonly Draft[]) => Draft[]) | undefined;
    /** Names what is left of a split section, once its parts fit. */
    settle?: (big: Draft) => void;
    /**
     * Papers "More papers" may hold when sections that gave way leave some there (0: none may;
     * see above).
     */
    room?: number;
  },
): number[] {
  const { topics, hi, at, weakestLast, place, split, settle, room = 0 } = ctx;
  const tried = new Set<string>();
  for (;;) {
    const d = drafts
      .filter((x) => x.members.length >= at && !tried.has(x.topic.slug) && split(x) !== undefined)
      .sort(bySize)[0];
    if (!d) break;
    tried.add(d.topic.slug);
    const splitter = split(d) as (big: Draft, trial: readonly Draft[]) => Draft[];
    const proposed = topics.length;
    const trial = drafts.map((x) => ({ ...x, members: [...x.members] }));
    const big = trial[drafts.indexOf(d)] as Draft;
    const named = splitter(big, trial);
    if (named.length === 0) {
      topics.length = proposed;
      continue;
    }
    const sections = (): number =>
      trial.length + named.length - (big.members.length === 0 ? 1 : 0) + (other.length > 0 ? 1 : 0);
    // The sections that may give way: of fewer than MIN_PART papers, the weakest last.
    const givers = trial
      .filter((x) => x !== big && !x.topic.userDefined && x.members.length < MIN_PART)
      .sort(weakestLast);
    // The smallest parts go back into the section until the rest fit, then only as many small
    // sections give way as the letter needs.
    named.sort((a, b) => b.members.length - a.members.length);
    while (sections() - givers.length > hi && named.length > 0)
      big.members.push(...(named.pop() as Draft).members);
    const back: number[] = [];
    while (named.length > 0 && sections() > hi) {
      const giver = givers.pop() as Draft;
      trial.splice(trial.indexOf(giver), 1);
      back.push(...giver.members);
    }
    if (named.length === 0 || sections() > hi) {
      topics.length = proposed;
      continue;
    }
    // What is left of the section is no section of one paper: that one is placed again.
    const loose = big.members.length === 1 ? big.members.splice(0) : [];
    back.push(...loose);
    big.members.sort((a, b) => a - b);
    if (big.members.length === 0) trial.splice(trial.indexOf(big), 1);
    else settle?.(big);
    trial.push(...named);
    const trialOther = back.length > 0 ? place([...other, ...back], trial) : other;
    if (trialOther.length > other.length + loose.length && trialOther.length > room) {
      topics.length = proposed;
      continue;
    }
    drafts.splice(0, drafts.length, ...trial);
    other = trialOther;
  }
  return other;
}

/** true when every paper of a section is of one arXiv class (its primary category). */
function ofOneClass(d: Draft, batch: readonly PaperText[]): boolean {
  const first =
    d.members.length === 0 ? undefined : (batch[d.members[0] as number] as PaperText).categories[0];
  return first !== undefined && d.members.every((p) => (batch[p] as PaperText).categories[0] === first);
}

/** Share of a batch's papers that name a catalogue topic when the batch is of one field. */
const ONE_FIELD = 0.5;

/** Most sections that give way to larger ones formed from the catch-all (see groupPapers). */
const MAX_SWAPS = 3;

/** Papers "More papers" must lose for a section to give way to one formed from it. */
const SWAP_GAIN = 2;

/** What {@link fillFromCatchAll} forms sections with. */
interface CatchAllContext {
  /** Whether sections of a field may form (see ClassSectionOptions.fields). */
  fields: boolean;
  topics: Topic[];
  batch: readonly PaperText[];
  curated: readonly number[];
  stats: ReadonlyMap<string, PhraseStats>;
  /** Most sections of the letter, "More papers" counted in. */
  hi: number;
  /** Papers "More papers" may hold before sections are formed from it. */
  share: number;
  owner: readonly number[];
  claim: readonly number[];
  /** Places papers in the drafts being filled; returns those left. */
  place: (papers: number[]) => number[];
  options: Required<Omit<GroupOptions, 'archiveModel'>> & Pick<GroupOptions, 'archiveModel'>;
}

/**
 * Sections formed from the papers left in the catch-all (`other`), while it holds more than its
 * share and the letter has room, each kind in turn: sections named by a phrase several of its
 * papers put in their titles; the topic that is a class's home; sections of the arXiv classes
 * (or archives) no catalogue topic covers and of the classes the catalogue's topics list, for
 * their papers no topic took (a paper that plainly names a topic stays out), the larger first
 * whichever kind; a broad area's heading over topics of one paper each ("Computer vision" over a
 * day's single video-generation, 3D and world-model papers), as an editor of a short letter does.
 * Adds to `drafts`; returns the papers still left.
 */
function fillFromCatchAll(other: number[], drafts: Draft[], ctx: CatchAllContext): number[] {
  const { topics, batch, curated, stats, hi, share, owner, claim, place, options, fields } = ctx;
  if (other.length > share) {
    const count = drafts.length;
    const kept = formFoundSections(other, drafts, topics, curated, stats, hi - 1 - count, namesIn(batch));
    if (drafts.length > count) other = place(kept);
  }
  // The papers of a class no topic took go to the topic that is that class's home, when it has
  // a section, rather than to a section of the class beside it.
  if (other.length > share) other = sendHome(other, drafts, topics, batch, options.homes, claim);
  // Sections of arXiv classes: of the classes no topic covers (networking in an ML letter), and
  // of those topics cover, for an arXiv cs feed's papers on subjects the catalogue has no topic
  // for ("Natural language processing"). The larger first, whichever kind, while there is room:
  // a 100-paper cs letter with room for one reads eight language papers under their heading
  // rather than three networking papers (issue #12: "More papers" at most ~15%).
  const kinds: ((papers: number[], into: Draft[], room: number) => number[])[] = [
    (papers, into, room) =>
      formClassSections(papers, into, topics, batch, room, {
        model: options.archiveModel,
        fields,
        keepOut: (p) => (owner[p] ?? -1) >= 0,
        homed: homedClasses(into, options.homes),
      }),
    (papers, into, room) =>
      formClassSections(papers, into, topics, batch, room, {
        model: options.archiveModel,
        covered: true,
        keepOut: (p) => (owner[p] ?? -1) >= 0,
        homed: homedClasses(into, options.homes),
      }),
  ];
  const count = drafts.length;
  while (other.length > share && hi - 1 - drafts.length > 0) {
    const proposed = topics.length;
    let best: { drafts: Draft[]; kept: number[]; proposed: Topic[] } | undefined;
    for (const kind of kinds) {
      const trial = drafts.map((d) => ({ ...d, members: [...d.members] }));
      const kept = kind(other, trial, 1);
      if (trial.length > drafts.length && kept.length < (best?.kept.length ?? other.length))
        best = { drafts: trial, kept, proposed: topics.slice(proposed) };
      topics.length = proposed;
    }
    if (!best) break;
    topics.push(...best.proposed);
    drafts.splice(0, drafts.length, ...best.drafts);
    other = best.kept;
  }
  if (drafts.length > count) other = place(other);
  // The rest were placed already: placing them again would only move one by closeness.
  if (other.length > share)
    other = formAreaSections(
      other,
      drafts,
      topics,
      batch,
      hi - 1 - drafts.length,
      options.areas,
      curated,
      owner,
      claim,
    );
  return other;
}

/** The arXiv classes whose home topic (see {@link ClassHomes}) has a section among `drafts`. */
function homedClasses(drafts: readonly Draft[], homes: ClassHomes): Set<string> {
  const housed = new Set(drafts.map((d) => sectionFamily(d)));
  return new Set(Object.keys(homes).filter((c) => housed.has(homes[c] as string)));
}

/**
 * Papers of "More papers" whose primary arXiv class has a home topic (see {@link ClassHomes})
 * with a section in this letter join that section, unless they name another topic (`claim`:
 * join evidence, as the batch settled it): those stay, carrying that topic to its readers (see
 * {@link namedTopics}). Returns the papers left.
 */
function sendHome(
  other: readonly number[],
  drafts: Draft[],
  topics: readonly Topic[],
  batch: readonly PaperText[],
  homes: ClassHomes,
  claim: readonly number[],
): number[] {
  const left: number[] = [];
  const joining = new Map<Draft, number[]>();
  for (const p of other) {
    const primary = (batch[p] as PaperText).categories[0];
    const home = primary === undefined || !Object.hasOwn(homes, primary) ? undefined : homes[primary];
    // The topic's own section (not one of its sub-sections, which say something narrower).
    const draft =
      home === undefined
        ? undefined
        : drafts.find((d) => d.source >= 0 && (topics[d.source] as Topic).slug === home);
    const mine = claim[p] ?? -1;
    if (draft === undefined || (mine >= 0 && mine !== draft.source)) {
      left.push(p);
      continue;
    }
    joining.set(draft, [...(joining.get(draft) ?? []), p]);
  }
  for (const [draft, members] of joining) addDraft(drafts, { ...draft, members });
  return left;
}

/**
 * The topic each paper of "More papers" or of a section of arXiv classes ("Natural language
 * processing") plainly names (join evidence for it, as the batch settled it) when that topic has
 * no section in this letter, by index in `topics`: a lone robotics paper of a day reads "Robot
 * learning" first on its card, and reaches the subscribers of that topic. Papers that name no
 * topic are left out.
 */
function namedTopics(
  other: readonly number[],
  claim: readonly number[],
  owner: readonly number[],
  drafts: readonly Draft[],
  topics: readonly Topic[],
): Map<number, number> {
  const housed = new Set(drafts.flatMap((d) => (d.classes ? [] : [sectionFamily(d)])));
  // A section of arXiv classes that is a catalogue topic's ("Robotics" of cs.RO papers) houses
  // its own papers: a paper of another section that names the topic still carries it.
  const inClassSection = new Map<number, string>();
  for (const d of drafts) if (d.classes) for (const p of d.members) inClassSection.set(p, d.topic.slug);
  const out = new Map<number, number>();
  for (const p of other) {
    const t = (owner[p] ?? -1) >= 0 ? (owner[p] as number) : (claim[p] ?? -1);
    const topic = t >= 0 ? topics[t] : undefined;
    if (!topic || topic.hidden || housed.has(topic.slug) || inClassSection.get(p) === topic.slug) continue;
    out.set(p, t);
  }
  return out;
}

/** A catalogue as a batch reads it: its topics in one order, and which of them claim papers. */
interface BatchTopics {
  /** Copies of the catalogue's topics, an operator's first, then by slug. */
  topics: Topic[];
  /** Indices in `topics`: an operator's topics (config) that claim papers. */
  users: number[];
  /** Curated or approved topics that claim papers (not hidden, not a part). */
  claimable: number[];
  /** Curated topics an operator's own of their label replaces (see replacedTopics). */
  replaced: Map<number, number>;
  /** `claimable` without the replaced ones: those that may have a section of their own. */
  curated: number[];
}

function batchTopics(catalogue: readonly Topic[]): BatchTopics {
  // One order whoever calls: `paperpost group` reads the catalogue file, a run the store (by
  // slug), and a tie (a paper that says two topics alike) must fall the same way in both.
  const topics = catalogue
    .map((t) => ({ ...t, keywords: [...t.keywords], categories: [...t.categories] }))
    .sort(
      (a, b) =>
        Number(b.userDefined) - Number(a.userDefined) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
    );
  const live = topics.flatMap((t, i) =>
    t.hidden || t.keywords.length + t.categories.length === 0 ? [] : [i],
  );
  const users = live.filter((i) => topics[i]?.userDefined);
  const claimable = live.filter((i) => {
    const origin = topicOrigin(topics[i] as Topic);
    const part = partParent((topics[i] as Topic).slug) !== undefined;
    return !topics[i]?.userDefined && !part && (origin === 'curated' || origin === 'approved');
  });
  // A curated topic an operator's own of its label replaces finds papers for that topic, and
  // forms no section of its own (see replacedTopics).
  const replaced = replacedTopics(topics, users, claimable);
  const curated = claimable.filter((i) => !replaced.has(i));
  return { topics, users, claimable, replaced, curated };
}

/**
 * The topic (slug) whose key phrase each paper's title says, as a batch's claims read them (an
 * operator's topics first, then the curated or approved ones; the title and arXiv categories
 * read, not the abstract or keywords): undefined where it names none with join evidence. For the
 * papers of a busy day a run does not group (below its grouping pool): they join a topic on that
 * evidence alone, the strongest a paper gives (issue #12: a key phrase in its title), so a
 * reader of that topic gets them. Independent of `papers`' order.
 */
export function titleClaims(
  papers: readonly Pick<PaperText, 'id' | 'title' | 'categories'>[],
  catalogue: readonly Topic[],
  options: Pick<GroupOptions, 'joinEvidence' | 'applied'> & { uncategorizedLearning?: boolean } = {},
): (string | undefined)[] {
  if (papers.length === 0) return [];
  const { topics, users, claimable, replaced } = batchTopics(catalogue);
  learnApplied(options.applied ?? NO_APPLIED);
  // Titles alone rarely say that a paper learns: read as the grouped pool's papers were.
  learnUncategorized(options.uncategorizedLearning ?? true);
  const titles: PaperText[] = papers.map((p) => ({
    id: p.id,
    title: p.title,
    summary: '',
    keywords: [],
    categories: p.categories,
  }));
  const join = options.joinEvidence ?? JOIN_EVIDENCE;
  // As claimPapers reads a batch: a phrase said inside another topic's longer phrase is that
  // one's; an operator's topic first. The best topic alone, each title read once.
  learnShadows(topics, [...users, ...claimable]);
  return titles.map((paper) => {
    const user = strongestTopic(topics, users, paper, join);
    const best = user >= 0 ? user : strongestTopic(topics, claimable, paper, join);
    const index = replaced.get(best) ?? best;
    return index >= 0 ? (topics[index] as Topic).slug : undefined;
  });
}

function dedupeById<T extends PaperText>(papers: T[]): T[] {
  const byId = new Map<string, T>();
  for (const p of papers) if (!byId.has(p.id)) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
