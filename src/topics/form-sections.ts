import type { ClassHomes, Topic, TopicArea } from '../domain/index.js';
import { isOffered, partParent, topicOrigin } from '../domain/index.js';
import { type ArchiveModel, GUESS_CONFIDENCE, guessArchive } from './archive-guess.js';
import {
  archiveName,
  archiveOf,
  branchClasses,
  branchName,
  classHeading,
  fieldName,
} from './arxiv-taxonomy.js';
import type { Draft } from './drafts.js';
import { addDraft, labelWords, partTopic, phraseClasses, proposeTopic, sectionFamily } from './drafts.js';
import {
  bestTopic,
  EVIDENCE,
  JOIN_EVIDENCE,
  learnPhrases,
  titleMethodAt,
  titlePosition,
  topicEvidence,
} from './evidence.js';
import { slugify } from './label.js';
import { labelsClash, namesIn, sectionHeading } from './label-section.js';
import { bestSurface, isCompletePhrase, isGeneric, isVague, type PhraseStats } from './phrases.js';
import { isStopword } from './tokenize.js';
import type { PaperText } from './vectorize.js';

/**
 * Evidence a paper of the catch-all needs for a catalogue topic to help form its section: two key
 * phrases of the topic in its abstract, or one in its title or keywords. Less than a paper needs
 * to join a section alone (see JOIN_EVIDENCE): here several papers say the same subject. One
 * phrase of an abstract, even with the topic's arXiv category, is said in passing: a
 * program-induction, a network-inversion and a reward-estimation paper that each say
 * "out-of-distribution" once made an arXiv all-archives letter's "Continual learning" section
 * around its one class-incremental paper (issue #12).
 */
export const FORM_EVIDENCE = 2 * EVIDENCE.abstract;

/**
 * Papers a section formed from the catch-all starts with: never a section of one paper, and of
 * two only in a short letter (at most {@link SHORT_LETTER} papers), where two papers on one
 * subject read better under its heading than among "More papers".
 */
export const FORM_MIN_PAPERS = 3;

/**
 * A letter of at most this many papers (the default edition's 40, and a little over) may form a
 * section from two papers of the catch-all: a 40-paper letter of an arXiv cs feed reads "Image
 * generation and editing" of its two image-generation papers rather than a "Computer vision" of
 * three that takes a climate paper too, and "Information theory" of two (issue #12). 50 rather
 * than 40: a 43-paper cs letter reads "Computer systems" and "Theory of computing" of two papers
 * each in the room its "Computer vision" frees (14 -> 9 papers in "More papers"). Measured on
 * bench:topics: the mixed letters' misplaced papers 126 -> 124 of 1,200, the arXiv cs letters of
 * 15-114 over 15% in "More papers" 24 -> 23 of 40 (bench/FIGURES.md, session 46).
 */
export const SHORT_LETTER = 50;

/**
 * Sections formed from the catch-all ("More papers") instead of closeness placements: the papers
 * left over that give evidence ({@link FORM_EVIDENCE}) for the same catalogue topic, when that
 * topic has no section yet and at least {@link FORM_MIN_PAPERS} of them do. A broad mix of many
 * isolated papers reads better with one more real section (three image-generation papers) than
 * with those papers put where they are merely close. A paper that says more of a topic among
 * `named` (indices in `topics`) that has a section is that section's, and forms none. At most
 * `room` sections, largest first; the new drafts are added to `drafts`. Returns the papers not
 * taken.
 */
export function formSections(
  other: readonly number[],
  drafts: Draft[],
  topics: readonly Topic[],
  batch: readonly PaperText[],
  room: number,
  named: readonly number[] = [],
): number[] {
  const least = batch.length <= SHORT_LETTER ? 2 : FORM_MIN_PAPERS;
  if (room <= 0 || other.length < least) return [...other];
  const housed = new Set(drafts.map((d) => sectionFamily(d)));
  const candidates = topics.flatMap((t, i) =>
    t.hidden || partParent(t.slug) !== undefined || topicOrigin(t) === 'discovered' || housed.has(t.slug)
      ? []
      : [i],
  );
  const byTopic = new Map<number, number[]>();
  for (const p of other) {
    const { index, evidence } = bestTopic(topics, candidates, batch[p] as PaperText, FORM_EVIDENCE);
    if (index < 0) continue;
    const housedBest = bestTopic(topics, named, batch[p] as PaperText, evidence);
    if (housedBest.evidence > evidence && housed.has((topics[housedBest.index] as Topic).slug)) continue;
    byTopic.set(index, [...(byTopic.get(index) ?? []), p]);
  }
  const formed = [...byTopic.entries()]
    .filter(([, members]) => members.length >= least)
    .sort((a, b) => b[1].length - a[1].length || a[0] - b[0])
    .slice(0, room);
  const taken = new Set<number>();
  for (const [t, members] of formed) {
    const topic = topics[t] as Topic;
    addDraft(drafts, { members, topic, words: labelWords(topic.label), source: t, settled: true });
    for (const p of members) taken.add(p);
  }
  return other.filter((p) => !taken.has(p));
}

/** Papers that must name a phrase in their titles or keywords for it to form a found section. */
export const FOUND_MIN_PAPERS = 3;

/**
 * Sections found in the catch-all by what its papers name: a complete phrase of two words or
 * more (not vague, not the cut tail of a longer name) that at least {@link FOUND_MIN_PAPERS} of
 * them say in their titles or keywords, and that clashes with no label in the letter. A feed on
 * software testing reads better with "Metamorphic testing", "Hypothesis testing" and "Group
 * testing" than with half its papers in "More papers"; the similarity clusters may have cut
 * such papers apart, as words shared by every paper of a focused feed ("testing") say little of
 * how close two papers are. The phrase said by most papers first, at most `room` sections; each
 * proposes a topic (or is the catalogue topic of that name). Returns the papers still left.
 */
export function formFoundSections(
  other: readonly number[],
  drafts: Draft[],
  topics: Topic[],
  curated: readonly number[],
  stats: ReadonlyMap<string, PhraseStats>,
  room: number,
  /** The words the batch writes as names (see namesIn). */
  names: (word: string) => boolean = () => false,
): number[] {
  let rest = [...other];
  for (let made = 0; made < room && rest.length >= FOUND_MIN_PAPERS; made += 1) {
    const left = new Set(rest);
    const used = drafts.map((d) => d.words);
    const best = mostSaid(stats, left, used, FOUND_MIN_PAPERS, (s) => s.headline);
    if (!best) break;
    const { topic, source } = phraseTopic(best.s, topics, curated, names);
    addDraft(drafts, { members: best.members, topic, words: best.s.words, source, settled: true });
    const taken = new Set(best.members);
    rest = rest.filter((p) => !taken.has(p));
  }
  return rest;
}

/**
 * The phrase of two words or more (not vague, not the cut tail of a longer name) that the most
 * papers of `left` say, as `said` reads a phrase's papers, at least `least` of them, that `fits`,
 * and that clashes with no label of `used` (ties to the first key); its papers of `left`, sorted.
 */
function mostSaid(
  stats: ReadonlyMap<string, PhraseStats>,
  left: ReadonlySet<number>,
  used: readonly (readonly string[])[],
  least: number,
  said: (s: PhraseStats) => ReadonlySet<number>,
  fits: (s: PhraseStats) => boolean = () => true,
): { s: PhraseStats; members: number[] } | undefined {
  let best: { s: PhraseStats; members: number[]; key: string } | undefined;
  for (const [key, s] of stats) {
    if (said(s).size < least || !isPhrase(s.words) || isVague(s.words)) continue;
    if (s.start < 0.2 * s.count) continue;
    const members: number[] = [];
    for (const p of said(s)) if (left.has(p)) members.push(p);
    if (members.length < least) continue;
    if (
      best &&
      (members.length < best.members.length || (members.length === best.members.length && key > best.key))
    )
      continue;
    if (!fits(s) || used.some((u) => labelsClash(u, s.words))) continue;
    best = { s, members, key };
  }
  return best && { s: best.s, members: best.members.sort((a, b) => a - b) };
}

/** The topic of a section named by a phrase: the catalogue topic of its name, or a proposal. */
function phraseTopic(
  s: PhraseStats,
  topics: Topic[],
  curated: readonly number[],
  names: (word: string) => boolean,
): { topic: Topic; source: number } {
  const label = sectionHeading(s, names);
  const source = catalogueNamed(topics, curated, label);
  const topic = source >= 0 ? (topics[source] as Topic) : proposeTopic(topics, label, [label.toLowerCase()]);
  return { topic, source };
}

/** Papers of a section of one arXiv class that must say a subject for it to split off (see splitBySubjects). */
export const SUBJECT_MIN_PAPERS = 4;

/** Most sections {@link splitBySubjects} takes out of one. */
const MAX_SUBJECTS = 6;

/**
 * The sections of the subjects a section of one arXiv class names, when no catalogue topic lists
 * that class (quant-ph in a physicist's letter: "Quantum physics" of 42 of 87 papers, an archive
 * of one class, which splitByClasses cannot split): a complete phrase of two words or more (not
 * vague, not the cut tail of a longer name) said by at least {@link SUBJECT_MIN_PAPERS} of its
 * papers, two of them in their titles, and clashing with no label of the letter; the phrase said
 * by most papers first ("Quantum computing" of 15), each section its papers that say it. The
 * section keeps the rest (`d.members`, unchanged when none is found).
 */
export function splitBySubjects(
  d: Draft,
  drafts: readonly Draft[],
  topics: Topic[],
  curated: readonly number[],
  stats: ReadonlyMap<string, PhraseStats>,
  batch: readonly PaperText[],
): Draft[] {
  const cls = (batch[d.members[0] as number] as PaperText | undefined)?.categories[0];
  if (cls === undefined || curated.some((i) => (topics[i] as Topic).categories.includes(cls))) return [];
  const named: Draft[] = [];
  const names = namesIn(batch);
  let rest = [...d.members];
  for (let made = 0; made < MAX_SUBJECTS; made += 1) {
    const left = new Set(rest);
    const used = [...drafts.map((x) => x.words), ...named.map((x) => x.words)];
    const titled = (s: PhraseStats): boolean => {
      let count = 0;
      for (const p of s.headline) if (left.has(p)) count += 1;
      return count >= 2 && isCompletePhrase(s, bestSurface(s));
    };
    const best = mostSaid(stats, left, used, SUBJECT_MIN_PAPERS, (s) => s.papers, titled);
    if (!best) break;
    const { topic, source } = phraseTopic(best.s, topics, curated, names);
    named.push({ members: best.members, topic, words: best.s.words, source, settled: true });
    const taken = new Set(best.members);
    rest = rest.filter((p) => !taken.has(p));
  }
  if (named.length > 0) d.members = rest;
  return named;
}

/** Two words or more ("metamorphic testing", or a hyphenated "vision-language" unit and more). */
function isPhrase(words: readonly string[]): boolean {
  return words.length >= 2 || (words[0]?.includes(' ') ?? false);
}

/**
 * The catalogue topic (index among `candidates`) a discovered section's label names, by its slug
 * ("Reinforcement learning" is the curated `reinforcement-learning`); -1 when none. Such a
 * section is that topic's section: one heading per subject, and its subscribers get its papers.
 */
export function catalogueNamed(
  topics: readonly Topic[],
  candidates: readonly number[],
  label: string,
): number {
  const slug = slugify(label, new Set());
  return candidates.find((i) => topics[i]?.slug === slug) ?? -1;
}

/**
 * Archives never guessed for a paper without categories: those of machine learning's own classes
 * (cs.LG, stat.ML, eess.IV), which the catalogue's topics cover.
 */
const UNGUESSED = new Set(['cs', 'stat', 'eess']);

/**
 * The archive a paper without arXiv categories is taken to come from: the model's guess when it
 * is sure (see {@link GUESS_CONFIDENCE}) and not an archive of machine learning's own classes.
 */
export function guessedArchive(paper: PaperText, model?: ArchiveModel): string | undefined {
  const known = GUESSED.get(paper);
  if (known !== undefined && known.model === model) return known.archive;
  const guess = guessArchive(`${paper.title} ${paper.summary}`, model);
  const archive =
    !guess || guess.probability < GUESS_CONFIDENCE || UNGUESSED.has(guess.archive)
      ? undefined
      : guess.archive;
  GUESSED.set(paper, { model, archive });
  return archive;
}

/**
 * Each paper's guess, kept while the paper is: a batch forms its class sections again for each
 * section that may give way to a larger one (see groupPapers), and the model reads every word.
 */
const GUESSED = new WeakMap<PaperText, { model: ArchiveModel | undefined; archive: string | undefined }>();

/** Papers of one arXiv class (or archive) in the catch-all that form a section of it. */
export const CLASS_MIN_PAPERS = 3;

/**
 * arXiv's own broad bins of machine learning: a section of one says less than one of a subject
 * ("Robotics"), so of two as large the subject's comes first.
 */
const BROAD_CLASSES = new Set(['cs.AI', 'cs.LG', 'stat.ML']);

/** Options of {@link formClassSections}. */
export interface ClassSectionOptions {
  /** Guesses the archive of a paper without categories. */
  model?: ArchiveModel;
  /** Sections of the classes catalogue topics list (see {@link formClassSections}). */
  covered?: boolean;
  /**
   * Papers a section of covered classes (or a branch's section, for its papers of covered classes)
   * leaves where they are: those that plainly name a topic (which has no section in this letter)
   * stay in "More papers", never under a broader heading.
   */
  keepOut?: (paper: number) => boolean;
  /**
   * Classes a section of covered classes (or a branch's) is never made of: those whose home topic (see
   * {@link ClassHomes}) has a section in the letter. Their papers left over name other topics; a
   * "Natural language processing" beside "Language understanding and text analysis" would give
   * a reader two headings for one field.
   */
  homed?: ReadonlySet<string>;
  /**
   * Sections of a field ("Physics") of papers of archives none of which has enough for a section
   * of its own; of classes no topic covers only.
   */
  fields?: boolean;
}

/** Papers of one class, archive or field that may make a section of arXiv classes. */
interface ClassGroup {
  label: string;
  members: number[];
  specific: boolean;
  /**
   * The field this group stands for: a field's group, or the archive named as its field
   * (physics.* papers under "Physics"); at the end the field's other papers join its section.
   */
  field?: string | undefined;
  /** A branch's group ("Theory of computing"): the section takes any paper of its classes. */
  branch?: readonly string[];
}

/** The field an archive's group stands for when it is headed by the field's name ("Physics"). */
function fieldOfArchiveKey(key: string, label: string): string | undefined {
  return key.startsWith('archive ') && fieldName(key.slice('archive '.length)) === label ? label : undefined;
}

/**
 * Adds to `groups` the papers of archives of one field that none of them has enough of in the
 * batch for a section of its own (`inBatch`, fewer than `least`): a section of that field
 * ("Physics" over two cosmology papers, a gravitational-wave and two condensed-matter ones in a
 * letter of machine learning), once no class or archive can make one. Beside a section of one of
 * its archives ("Quantum physics") it reads "Other physics": two headings on one word would not
 * tell a reader which is which; an archive whose own heading would clash so ("Physics" of
 * physics.optics beside "Quantum physics") is the field's too. Never beside a section headed by
 * the field's own name.
 */
function addFieldGroups(
  groups: Map<string, ClassGroup>,
  drafts: readonly Draft[],
  inBatch: ReadonlyMap<string, number>,
  least: number,
): void {
  const clash = (label: string): boolean => drafts.some((d) => labelsClash(d.words, labelWords(label)));
  if ([...groups.values()].some((g) => g.members.length >= least && !clash(g.label))) return;
  const byField = new Map<string, number[]>();
  for (const [key, g] of groups) {
    const archive = key.startsWith('archive ') ? key.slice('archive '.length) : undefined;
    const field = archive === undefined ? undefined : fieldName(archive);
    if (field && archive !== undefined && ((inBatch.get(archive) ?? 0) < least || clash(g.label)))
      byField.set(field, [...(byField.get(field) ?? []), ...g.members]);
  }
  for (const [field, members] of byField) {
    if (members.length < least || drafts.some((d) => d.topic.label === field)) continue;
    const label = clash(field) ? otherLabel(field) : field;
    groups.set(`field ${field}`, { label, members, specific: false, field });
  }
}

/**
 * Sections of the catch-all named by arXiv: papers whose primary class no catalogue topic lists
 * (astrophysics, hardware, networking in a machine-learning letter) and that share that class,
 * or its branch of computer science ("Theory of computing" over an algorithms, a complexity and
 * a logic paper; with the papers of covered classes of the branch that name no topic and whose
 * home topic has no section), or failing that its archive, at least {@link CLASS_MIN_PAPERS} of
 * them (two in a short letter, {@link SHORT_LETTER}). A broad feed then reads "Astrophysics",
 * "Mathematics", "Hardware architecture" rather than half its papers in "More papers". The
 * largest group first (a class before its branch or archive when as large), never a branch beside
 * a section of one of its classes, at most `room` sections, each a proposed topic listing the
 * classes of its papers (a branch's: all its classes). Returns the papers left.
 *
 * With `covered`, the classes catalogue topics do list instead, class by class only (never
 * their archive, which would only rename the catch-all "Computer science"), for the papers of
 * those classes that none of the topics took: an arXiv cs feed's machine-learning, vision and
 * language papers on subjects the catalogue has no topic for read "Machine learning", "Computer
 * vision", "Natural language processing" instead of half the letter in "More papers".
 */
export function formClassSections(
  other: readonly number[],
  drafts: Draft[],
  topics: Topic[],
  batch: readonly PaperText[],
  room: number,
  options: ClassSectionOptions = {},
): number[] {
  const { model, covered = false, keepOut, homed, fields = false } = options;
  // The classes topics of key phrases cover; not those of a section of classes itself (an
  // approved "Mathematics" lists math.AG and keeps taking its papers).
  const field = phraseClasses(topics);
  let rest = [...other];
  const least = batch.length <= SHORT_LETTER ? 2 : CLASS_MIN_PAPERS;
  // How many of the batch's papers each archive has (their primary class's): a field's section
  // is made of the archives too rare in the batch for a section of their own.
  const inBatch = new Map<string, number>();
  if (fields && !covered)
    for (const paper of batch) {
      const primary = paper.categories[0];
      const archive = primary === undefined ? undefined : archiveOf(primary);
      if (archive !== undefined) inBatch.set(archive, (inBatch.get(archive) ?? 0) + 1);
    }
  for (let made = 0; made < room && rest.length >= least; made += 1) {
    const groups = new Map<string, ClassGroup>();
    const add = (key: string, label: string, p: number, specific: boolean): void => {
      const g = groups.get(key) ?? {
        label,
        members: [],
        specific,
        field: fieldOfArchiveKey(key, label),
        ...(key.startsWith('branch ') ? { branch: branchClasses(label) } : {}),
      };
      g.members.push(p);
      groups.set(key, g);
    };
    for (const p of rest) {
      const paper = batch[p] as PaperText;
      const primary = paper.categories[0];
      if (covered) {
        const name = primary === undefined ? undefined : classHeading(primary);
        if (keepOut?.(p) || (primary !== undefined && homed?.has(primary))) continue;
        if (primary !== undefined && name && field.has(primary.toLowerCase()))
          add(`class ${primary}`, name, p, !BROAD_CLASSES.has(primary));
        continue;
      }
      if (primary === undefined) {
        // No categories (a plain feed): the archive its words most likely come from, when sure.
        const archive = guessedArchive(paper, model);
        const heading = archive === undefined ? undefined : archiveName(archive);
        if (archive !== undefined && heading) add(`archive ${archive}`, heading, p, false);
        continue;
      }
      // A branch of computer science ("Computer systems") takes its classes' papers no topic
      // took, a covered class's too unless the paper plainly names a topic or the class's home
      // topic has a section (see `covered`).
      const branch = branchName(primary);
      const uncovered = !field.has(primary.toLowerCase());
      if (branch && (uncovered || !(keepOut?.(p) || homed?.has(primary))))
        add(`branch ${branch}`, branch, p, false);
      if (!uncovered) continue;
      const name = classHeading(primary);
      if (name) add(`class ${primary}`, name, p, true);
      const archive = archiveOf(primary);
      const heading = archiveName(archive);
      if (heading) add(`archive ${archive}`, heading, p, false);
    }
    if (fields && !covered) addFieldGroups(groups, drafts, inBatch, least);
    // An archive named as its field ("Physics" of physics.*) beside a section of another archive
    // of that field, or a group large enough for one ("High energy physics"), reads "Other
    // physics": two headings on one word would not tell a reader which is which.
    for (const [key, g] of groups) {
      if (g.field === undefined || g.label !== g.field || !key.startsWith('archive ')) continue;
      const ofField = (c: string | undefined): boolean =>
        c !== undefined && fieldName(archiveOf(c)) === g.field && `archive ${archiveOf(c)}` !== key;
      const beside =
        drafts.some((d) => d.classes?.some(ofField)) ||
        [...groups].some(
          ([k, h]) =>
            k !== key &&
            h.members.length >= least &&
            h.members.every((p) => ofField((batch[p] as PaperText).categories[0])),
        );
      if (beside) g.label = otherLabel(g.field);
    }
    const used = drafts.map((d) => d.words);
    const best = [...groups.entries()]
      .filter(([, g]) => g.members.length >= least)
      .filter(([, g]) => !used.some((u) => labelsClash(u, labelWords(g.label))))
      // Never a branch beside a section of one of its classes: "Communications and networking"
      // beside "Networking and internet architecture" would not tell a reader which is which.
      .filter(([, g]) => !g.branch?.some((c) => drafts.some((d) => d.classes?.includes(c))))
      .sort(
        ([ka, a], [kb, b]) =>
          b.members.length - a.members.length ||
          Number(b.specific) - Number(a.specific) ||
          (ka < kb ? -1 : 1),
      )[0]?.[1];
    if (!best) break;
    const members = best.members.sort((a, b) => a - b);
    const classes = [
      ...new Set(members.flatMap((p) => (batch[p] as PaperText).categories.slice(0, 1))),
    ].sort();
    // A class whose heading is the label of the catalogue topic of that class ("Robotics", cs.RO)
    // reads as that topic's section, not as a second "Robotics" proposed beside it: its readers
    // get these papers, and the operator is not asked to approve a topic the catalogue has.
    const topic = namesakeTopic(topics, best.label, classes) ?? proposeTopic(topics, best.label, []);
    // A branch's section lists all its classes: a paper of any of them joins it later.
    const listed = best.branch ? [...best.branch] : classes;
    if (topic.categories.length === 0) topic.categories = listed;
    addDraft(drafts, {
      members,
      topic,
      words: labelWords(best.label),
      source: -1,
      settled: true,
      classes: listed,
      ...(best.field ? { field: best.field } : {}),
    });
    const taken = new Set(members);
    rest = rest.filter((p) => !taken.has(p));
  }
  return rest;
}

/**
 * A section of an arXiv archive or branch of computer science ("Mathematics", "Astrophysics",
 * "Theory of computing") split into sections of its classes that hold at least
 * {@link CLASS_MIN_PAPERS} of its papers, as a letter of one field reads: a mathematician who
 * follows math.AP, math.CO and math.AG reads "Analysis of PDEs", "Combinatorics" and "Algebraic
 * geometry", not "Mathematics" of 72 papers with two small sections beside it (issue #12: sections
 * sized for reading). The papers of its smaller classes stay in it (see {@link nameClassRest}).
 * Of an offered topic (an operator's, or approved), the classes' sections are its sub-sections, so
 * its readers still get every paper of it. Each class's section
 * is its namesake topic when there is one, else a proposal listing that class, and never one whose
 * heading clashes with another section's. The section itself is updated (emptied when every paper
 * went to a class); returns the new sections, none unless two classes (or all its papers' one class)
 * hold enough.
 */
export function splitByClasses(
  d: Draft,
  drafts: readonly Draft[],
  topics: Topic[],
  batch: readonly PaperText[],
): Draft[] {
  const primaries = d.members.map((p) => (batch[p] as PaperText).categories[0]);
  const first = primaries[0];
  if (!d.classes || first === undefined || primaries.some((c) => c === undefined)) return [];
  const archive = archiveOf(first);
  const branch = branchName(first);
  const ofArchive =
    primaries.every((c) => archiveOf(c as string) === archive) && d.topic.label === archiveName(archive);
  const ofBranch =
    branch !== undefined &&
    d.topic.label === branch &&
    primaries.every((c) => branchName(c as string) === branch);
  // A field's section ("Physics", "Other physics") splits into the classes of its own archive
  // (physics.optics, physics.flu-dyn); its papers of other archives of the field stay together.
  const own = ofArchive || ofBranch ? undefined : fieldArchive(d, primaries as string[]);
  if (!ofArchive && !ofBranch && own === undefined) return [];
  const byClass = new Map<string, number[]>();
  d.members.forEach((p, i) => {
    const c = primaries[i] as string;
    if (own !== undefined && archiveOf(c) !== own) return;
    byClass.set(c, [...(byClass.get(c) ?? []), p]);
  });
  const taken = drafts.filter((x) => x !== d).map((x) => x.words);
  // Of an offered topic (an operator approved "Mathematics"), its classes are its sub-sections:
  // its readers keep every paper of it.
  const parent = isOffered(d.topic) ? d.topic.slug : undefined;
  const named: Draft[] = [];
  for (const [c, members] of [...byClass].sort(
    (a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1),
  )) {
    const heading = classHeading(c);
    if (heading === undefined || members.length < CLASS_MIN_PAPERS) continue;
    const words = labelWords(heading);
    if ([...taken, ...named.map((x) => x.words)].some((u) => labelsClash(u, words))) continue;
    const topic =
      namesakeTopic(topics, heading, [c]) ??
      (parent === undefined ? proposeTopic(topics, heading, []) : partTopic(parent, heading, [], [c]));
    if (topic.categories.length === 0) topic.categories = [c];
    named.push({ members, topic, words, source: -1, settled: true, classes: [c] });
  }
  const inParts = new Set(named.flatMap((x) => x.members));
  const rest = d.members.filter((p) => !inParts.has(p));
  // One class beside the rest is a heading more, not a letter easier to read; an archive of one
  // class (quant-ph) is no split at all.
  if (named.length < 2 && rest.length > 0) return [];
  if (named.length === 1 && named[0]?.topic.label === d.topic.label) return [];
  d.members = rest;
  return named;
}

/**
 * The archive a field's section ("Physics", "Other physics": see addFieldGroups) is mostly of,
 * when that archive's name is the field's (physics.* under "Physics"); undefined for any other
 * section.
 */
function fieldArchive(d: Draft, primaries: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const c of primaries) counts.set(archiveOf(c), (counts.get(archiveOf(c)) ?? 0) + 1);
  const [archive, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
  const field = fieldName(archive);
  if (field === undefined || archiveName(archive) !== field || 2 * count <= primaries.length)
    return undefined;
  const label = d.topic.label;
  return label === field || label === otherLabel(field) ? archive : undefined;
}

/**
 * What is left of a section split into its classes (see {@link splitByClasses}) reads "Other
 * mathematics", a proposal listing the classes of the papers left, unless its topic is offered (an
 * operator's "Mathematics" keeps its name): "Mathematics" beside "Analysis of PDEs" would not tell
 * a reader which is which.
 */
export function nameClassRest(d: Draft, topics: Topic[], batch: readonly PaperText[]): void {
  if (d.members.length === 0 || isOffered(d.topic)) return;
  const label = d.topic.label.startsWith('Other ') ? d.topic.label : otherLabel(d.topic.label);
  const classes = [...new Set(d.members.map((p) => (batch[p] as PaperText).categories[0] as string))].sort();
  const topic = proposeTopic(topics, label, []);
  if (topic.categories.length === 0) topic.categories = classes;
  d.topic = topic;
  d.words = labelWords(label);
  d.classes = classes;
}

/**
 * A section of arXiv classes headed as a broad area of the catalogue is ("Computer vision" of the
 * cs.CV papers no topic took) reads "Other computer vision" beside a section of one of that
 * area's topics ("3D vision", "Image generation and editing"), as the area's own section does
 * (see areaSectionLabel): a reader takes "Computer vision" for the heading over them, and reads
 * 3D papers under it. Its topic becomes the proposal of that heading, listing its classes; an
 * offered topic (an operator's or approved "Computer vision") keeps its name, its readers follow
 * it. Updates `drafts`.
 */
export function classesBesideArea(drafts: Draft[], topics: Topic[], areas: readonly TopicArea[]): void {
  for (const d of drafts) {
    if (d.classes === undefined || d.area !== undefined || isOffered(d.topic)) continue;
    const heading = d.topic.label.toLowerCase();
    const area = areas.find((a) => a.label.toLowerCase() === heading);
    if (area === undefined) continue;
    if (!drafts.some((e) => e !== d && area.topics.includes(sectionFamily(e)))) continue;
    const label = otherLabel(d.topic.label);
    const topic = proposeTopic(topics, label, []);
    if (topic.categories.length === 0) topic.categories = [...d.classes];
    d.topic = topic;
    d.words = labelWords(label);
  }
}

/**
 * The topic a section of arXiv classes stands for: offered (an operator's, curated or approved;
 * not hidden, not a part), labelled as the section is, and listing every one of its classes.
 */
function namesakeTopic(
  topics: readonly Topic[],
  label: string,
  classes: readonly string[],
): Topic | undefined {
  const name = label.toLowerCase();
  return topics.find(
    (t) => isOffered(t) && t.label.toLowerCase() === name && classes.every((c) => t.categories.includes(c)),
  );
}

/**
 * Sections of the broad areas of the catalogue (see {@link TopicArea}), from the papers of the
 * catch-all that name a topic of the area (the topic they plainly own, else the one they claim,
 * `claimed`: join evidence, as the batch settled it) when that topic has no section of its own,
 * or that say several of the area's key phrases together: a day's single
 * video-generation, 3D and world-model papers read under "Computer vision" rather than among
 * "More papers". At least two papers in a short letter ({@link SHORT_LETTER}), else
 * {@link FORM_MIN_PAPERS}; never on a heading that clashes with a section's. At most `room`
 * sections, largest first, added to `drafts`. Returns the papers not taken.
 */
export function formAreaSections(
  other: readonly number[],
  drafts: Draft[],
  topics: Topic[],
  batch: readonly PaperText[],
  room: number,
  areas: readonly TopicArea[],
  named: readonly number[],
  owner: readonly number[],
  claimed: readonly number[],
): number[] {
  if (areas.length === 0 || room <= 0) return [...other];
  const housed = new Set(
    drafts.flatMap((d) => {
      const topic = d.source >= 0 ? (topics[d.source] as Topic) : undefined;
      return topic ? [d.topic.parent ?? partParent(topic.slug) ?? topic.slug] : [];
    }),
  );
  const live = new Set(named.map((i) => (topics[i] as Topic).slug));
  // Per area, its topics without a section, and a topic of all their key phrases: a paper that
  // names none of them alone may say several of the area's ("4D", "monocular video", "avatar").
  const open = areas.map((area, order) => {
    const slugs = new Set(area.topics.filter((s) => live.has(s) && !housed.has(s)));
    const own = named.filter((i) => slugs.has((topics[i] as Topic).slug));
    return { area, order, slugs, own, topic: areaTopic(area, own, topics) };
  });
  // Every area's phrases read before the first paper is matched against them (see learnPhrases).
  const areaTopics = open.map((a) => a.topic);
  learnPhrases(
    areaTopics,
    areaTopics.map((_, i) => i),
  );
  const claims = new Map<number, string | undefined>();
  const claimOf = (p: number): string | undefined => {
    const paper = batch[p] as PaperText;
    const own = owner[p] ?? -1;
    const index = own >= 0 ? own : (claimed[p] ?? -1);
    if (index >= 0) {
      const slug = partParent((topics[index] as Topic).slug) ?? (topics[index] as Topic).slug;
      return live.has(slug) && !housed.has(slug) ? slug : undefined;
    }
    let best: { evidence: number; own: readonly number[] } | undefined;
    for (const a of open) {
      if (a.own.length === 0) continue;
      const evidence = topicEvidence(a.topic, paper);
      if (evidence >= JOIN_EVIDENCE && evidence > (best?.evidence ?? 0)) best = { evidence, own: a.own };
    }
    if (!best) return undefined;
    // The paper's topic is the area's topic it says most of (the first at a tie).
    const topic = bestTopic(topics, best.own, paper, 0).index;
    return topic >= 0 ? (topics[topic] as Topic).slug : undefined;
  };
  const claim = (p: number): string | undefined => {
    if (!claims.has(p)) claims.set(p, claimOf(p));
    return claims.get(p);
  };
  const least = batch.length <= SHORT_LETTER ? 2 : FORM_MIN_PAPERS;
  const used = drafts.map((d) => d.words);
  const found = open
    .map((a) => {
      const members = other.filter((p) => {
        const slug = claim(p);
        return slug !== undefined && a.slugs.has(slug);
      });
      const label = areaSectionLabel(a.area, members.map(claim), housed, topics);
      return { slugs: a.slugs, topic: { ...a.topic, label }, order: a.order, members };
    })
    .filter((a) => a.members.length >= least && !used.some((u) => labelsClash(u, labelWords(a.topic.label))))
    .sort((a, b) => b.members.length - a.members.length || a.order - b.order)
    .slice(0, room);
  const taken = new Set<number>();
  for (const { slugs, members, topic } of found) {
    drafts.push({
      members: [...members].sort((a, b) => a - b),
      topic,
      words: labelWords(topic.label),
      source: -1,
      settled: true,
      area: { slugs, claim },
    });
    for (const p of members) taken.add(p);
  }
  return other.filter((p) => !taken.has(p));
}

/**
 * The heading of a section of a broad area formed from "More papers" (see formAreaSections): the
 * area's own, unless the letter has sections of other topics of the area, where the area's
 * heading would read as a second heading of their subject ("Computer vision" of three video
 * papers beside "3D vision" and "Image generation and editing"): then the label of the one topic
 * its papers name ("Video understanding"), or "Other computer vision" when they name several.
 * `named`: the topic slug each paper names.
 */
function areaSectionLabel(
  area: TopicArea,
  named: readonly (string | undefined)[],
  housed: ReadonlySet<string>,
  topics: readonly Topic[],
): string {
  if (!area.topics.some((slug) => housed.has(slug))) return area.label;
  const slugs = new Set(named.filter((s) => s !== undefined));
  const only = slugs.size === 1 ? topics.find((t) => slugs.has(t.slug)) : undefined;
  return only ? only.label : otherLabel(area.label);
}

/**
 * The heading of the rest of a subject beside its sections: "Other physics" of "Physics", "Other
 * computer vision" of "Computer vision"; a label that starts with an acronym keeps its case
 * ("Other LLM reasoning and post-training", "Other 3D vision").
 */
export function otherLabel(label: string): string {
  const acronym = label.length > 1 && label[1] === (label[1] as string).toUpperCase();
  return `Other ${acronym ? label : label.charAt(0).toLowerCase() + label.slice(1)}`;
}

/**
 * The topic of a broad area's section: the area's heading and description, the key phrases and
 * labels of its topics `own` (indices in `topics`), so a paper that says several of them joins it.
 */
function areaTopic(area: TopicArea, own: readonly number[], topics: readonly Topic[]): Topic {
  return {
    slug: area.slug,
    label: area.label,
    keywords: [...new Set(own.flatMap((i) => (topics[i] as Topic).keywords))],
    categories: [],
    userDefined: false,
    origin: 'curated',
    description: area.description,
    topicLabels: Object.fromEntries(own.map((i) => [(topics[i] as Topic).slug, (topics[i] as Topic).label])),
  };
}

/**
 * Most papers a section may hold to read under its area's heading with another (see
 * {@link mergeIntoArea}): a section of five keeps its own, more specific heading ("Information
 * retrieval and RAG" of five did not become "Text, retrieval and recommendation" for taking two
 * multilingual papers).
 */
export const AREA_MERGE_MAX = 4;

/**
 * Most papers of a 'wide' area section, in average sections (`most`): a 97-paper arXiv cs
 * letter (sections of 8.8 on average) reads "Computer vision" of 18 ("Visual recognition" 7,
 * "Image generation and editing" 7, "3D vision" 4), which frees room for "Theory of computing"
 * and "Computers and society" and leaves 23% -> 15% of the letter in "More papers"; at twice the
 * average (17.6) it did not form. Measured on `npm run bench:topics`: the arXiv cs letters of a
 * run's pool over 15% in "More papers" 17 -> 14 of 40, the judged arXiv cs letter 93% -> 95% well
 * placed, every other row alike.
 */
export const WIDE_AREA_MAX = 2.5;

/** Which sections of a broad area {@link mergeIntoArea} reads as one. */
export type AreaMerge = 'pair' | 'wide' | 'one';

/**
 * Fewer sections without a paper losing its heading: the only two sections of a broad area (see
 * {@link TopicArea}), each of a catalogue topic itself (not a part, an operator's topic, a section
 * of arXiv classes) and of at most {@link AREA_MERGE_MAX} papers, `most` together, become one
 * section under the area's heading, each card still saying its topic (see AreaOfDraft.claim; a
 * paper of `batch` there for closeness alone, the one it names, or none): "Multimodal LLMs" of
 * three and "Speech and audio models" of two read as "Multimodal models" of five (`mode` 'pair').
 * 'wide': every section of the area (two or more, of its topics themselves), at most
 * {@link WIDE_AREA_MAX} times `most` papers together: a broad letter's "Computer vision" of
 * "Visual recognition", "3D vision" and "Image generation and editing" (see groupPapers: only
 * where that leaves fewer papers in "More papers"). A section over `most` may be one of them: a
 * 39-paper cs letter's "Image generation and editing" of five and "3D vision" of two read as
 * "Computer vision" of ten, three vision papers of "More papers" joining them (when each had to
 * be at most `most`, the arXiv cs letters of a run's pool over 15% in "More papers" were 8 of 40,
 * now 4; the held-out judged cs papers' "More papers" 27% -> 18%, placements alike). A section of
 * arXiv classes headed as the area or as its rest ("Other computer vision") is one of them: a
 * 34-paper cs letter reads "Computer vision" of nine, not "Image generation and editing" of three
 * beside "Other computer vision" of seven (cs letters of 15-114 over 15% in "More papers" 22 -> 20
 * of 40, placements alike; bench/FIGURES.md, session 46). So is the area's own section, formed
 * earlier of papers of its topics no section took (its cards keep their topics): a 100-paper mixed
 * letter reads "Text, retrieval and recommendation" of six, not "Other text, retrieval and
 * recommendation" of three beside "Multilingual NLP" of three, and the room that frees takes three
 * vision papers out of "More papers" (mixed letters' misplaced papers 110 -> 109 of 1,200, every
 * other row alike; session 48). 'one': the area's only section, of any
 * size, for the papers of the area's other topics to join (see groupPapers: only where they then
 * leave "More papers"). Of several such sets, the smallest (the first area at a tie); never one
 * whose heading clashes with another section's. The area's topics without a section (`named`: the
 * topics a paper may name, indices in `topics`) come with it: a paper that names one (`owner`,
 * else `claimed`) joins it later. A paper there for its method goes to the section of the subject its
 * title names instead (see subjectSection), while two papers or more stay under the area's heading.
 * Updates `drafts`; returns false when none qualifies.
 */
export function mergeIntoArea(
  drafts: Draft[],
  topics: readonly Topic[],
  batch: readonly PaperText[],
  areas: readonly TopicArea[],
  named: readonly number[],
  owner: readonly number[],
  claimed: readonly number[],
  most = Number.POSITIVE_INFINITY,
  mode: AreaMerge = 'pair',
): boolean {
  // 'wide': the area's own section ("Other text, retrieval and recommendation"), and a section of
  // arXiv classes headed as the area is, or as the rest of it ("Other computer vision", cs.CV papers
  // no topic took, beside "3D vision"), are among the area's sections, unless an operator offers
  // the classes' topic (an approved "Computer vision" keeps its readers and its name).
  const restOf = (d: Draft, area: TopicArea): boolean =>
    mode === 'wide' &&
    (isAreaSection(d, area) ||
      (d.classes !== undefined &&
        !d.area &&
        topicOrigin(d.topic) === 'discovered' &&
        (d.topic.label === area.label || d.topic.label === otherLabel(area.label))));
  const slugOf = (d: Draft): string | undefined => {
    if (d.source < 0 || d.area || d.classes || d.whole || d.topic.parent !== undefined) return undefined;
    const topic = topics[d.source] as Topic;
    return topic.userDefined || partParent(topic.slug) !== undefined || topic.slug !== d.topic.slug
      ? undefined
      : topic.slug;
  };
  let best: { area: TopicArea; all: Draft[]; size: number } | undefined;
  for (const area of areas) {
    // The area's sections, all of its topics themselves (no part, no area section of it):
    // "Computer vision" beside "Visual recognition" would read as two headings of one subject.
    const inArea = drafts.filter((d) => ofArea(d, area) || restOf(d, area));
    const [a, b] = inArea.sort(
      (x, y) => x.members.length - y.members.length || (x.topic.slug < y.topic.slug ? -1 : 1),
    );
    if (!a || (mode !== 'one' && !b) || inArea.some((d) => slugOf(d) === undefined && !restOf(d, area)))
      continue;
    const size = inArea.reduce((sum, d) => sum + d.members.length, 0);
    const fits =
      mode === 'one'
        ? inArea.length === 1
        : mode === 'wide'
          ? size <= WIDE_AREA_MAX * most
          : inArea.length === 2 && (b as Draft).members.length <= AREA_MERGE_MAX && size <= most;
    if (!fits || (best && best.size <= size)) continue;
    const words = labelWords(area.label);
    if (drafts.some((d) => !inArea.includes(d) && labelsClash(d.words, words))) continue;
    best = { area, all: inArea, size };
  }
  if (!best) return false;
  const { area, all } = best;
  const housed = new Set(drafts.flatMap((d) => (all.includes(d) ? [] : [sectionFamily(d)])));
  const live = new Set(named.map((i) => (topics[i] as Topic).slug));
  const slugs = new Set(
    area.topics.filter((s) => all.some((d) => d.topic.slug === s) || (live.has(s) && !housed.has(s))),
  );
  const own = named.filter((i) => slugs.has((topics[i] as Topic).slug));
  // A paper keeps the topic of the section it came from when it says that topic: one placed there
  // for closeness alone (an image-editing benchmark beside 3D papers, an OS simulator) reads the
  // topic it names itself, or none, rather than a topic its card would wrongly claim.
  // Not when it names another topic of the area more strongly: "Repo0: ... Code Generation",
  // there for closeness beside agent papers, reads "Code generation" (see houseStrays).
  const naming = (p: number): { slug: string; index: number } | undefined => {
    const index = (owner[p] ?? -1) >= 0 ? (owner[p] as number) : (claimed[p] ?? -1);
    if (index < 0) return undefined;
    const slug = partParent((topics[index] as Topic).slug) ?? (topics[index] as Topic).slug;
    return slugs.has(slug) ? { slug, index } : undefined;
  };
  const from = new Map<number, string>();
  for (const d of all)
    for (const p of d.members) {
      // The area's own section: each card keeps the topic it says.
      if (d.area) {
        const slug = d.area.claim(p);
        if (slug !== undefined) from.set(p, slug);
        continue;
      }
      const evidence = topicEvidence(d.topic, batch[p] as PaperText);
      if (evidence < EVIDENCE.passing) continue;
      const other = naming(p);
      if (
        other !== undefined &&
        other.slug !== d.topic.slug &&
        topicEvidence(topics[other.index] as Topic, batch[p] as PaperText) > evidence
      )
        continue;
      from.set(p, d.topic.slug);
    }
  const claim = (p: number): string | undefined => from.get(p) ?? naming(p)?.slug;
  const topic = areaTopic(area, own, topics);
  for (const d of all) drafts.splice(drafts.indexOf(d), 1);
  // The area's heading would not say what a paper there for its method is about: it reads under
  // the section of its subject, while two papers or more stay under the area's heading.
  const moves = all.flatMap((d) =>
    d.members.flatMap((p) => {
      const to = subjectSection(p, d, drafts, batch);
      return to ? [{ p, to }] : [];
    }),
  );
  const size = all.reduce((sum, d) => sum + d.members.length, 0);
  const moving = size - moves.length >= 2 ? moves : [];
  for (const { p, to } of moving) to.members = [...to.members, p].sort((x, y) => x - y);
  const moved = new Set(moving.map((m) => m.p));
  const members = all.flatMap((d) => d.members.filter((p) => !moved.has(p)));
  drafts.push({
    members: members.sort((x, y) => x - y),
    topic,
    words: labelWords(topic.label),
    source: -1,
    settled: true,
    area: { slugs, claim },
  });
  return true;
}

/** A section of a broad area: of one of its topics (or a part of one), or the area's own section. */
function ofArea(d: Draft, area: TopicArea): boolean {
  return area.topics.includes(sectionFamily(d)) || isAreaSection(d, area);
}

/** The area's own section (see mergeIntoArea): papers of its topics under the area's heading. */
function isAreaSection(d: Draft, area: TopicArea): boolean {
  return d.area !== undefined && d.topic.slug === area.slug;
}

/**
 * Whether a broad area's heading says a topic of it: a word of the topic's label, not a generic
 * one, is a word of the area's ("Code generation" in "Agents and code generation", "Information
 * retrieval and RAG" in "Text, retrieval and recommendation"; not "Long context" in "Efficient
 * inference and architectures", nor "Graph learning" in "Machine learning methods" for "learning").
 * A paper that joins an area's section for the topic it names reads under a heading that names it.
 */
export function areaHeadingSays(area: TopicArea, topic: Topic): boolean {
  const heading = labelWords(area.label).flatMap((w) => w.split(' '));
  // A word's key or one that begins the other's, five letters or more ("medic" of "Medical AI",
  // "medicine" of "AI for science and medicine").
  const same = (a: string, b: string): boolean =>
    a === b || (Math.min(a.length, b.length) >= 5 && (a.startsWith(b) || b.startsWith(a)));
  return labelWords(topic.label)
    .flatMap((w) => w.split(' '))
    .some((w) => !isStopword(w) && !isGeneric([w]) && heading.some((h) => same(h, w)));
}

/**
 * Most topics a broad area has for its heading to stand for a stray's section (see
 * {@link houseStrays}): "Agents and code generation" (two) and "Efficient inference and
 * architectures" (four) still name their subjects; "Computer vision" (six) would read a field's
 * name over an "Image generation and editing" of eight with one 3D paper among them. Measured on
 * `npm run bench:topics`: with every area, five Hugging Face letters' image-generation sections
 * read "Computer vision" instead, for one paper better placed (the demo samples) and one worse
 * (a 70-paper subset).
 */
export const STRAY_AREA_MAX = 4;

/**
 * A paper placed under a topic's section for closeness, that names another topic of the same
 * broad area with no section in the letter (a stray): the section reads under the area's heading
 * (see mergeIntoArea, 'one'), the stray's card saying the topic it names. "Repo0: Design-Driven
 * Zero-to-All Code Generation" under "LLM agents" told its reader the wrong subject; under "Agents
 * and code generation" it is where a reader of code generation looks. Only in an area of at most
 * {@link STRAY_AREA_MAX} topics whose heading says the stray's topic ({@link areaHeadingSays}: a
 * long-context paper beside efficiency papers would not read better under "Efficient inference and
 * architectures"), where the section is the area's only one, the stray gives the section's own
 * topic less than join evidence, and no other section's heading clashes with the area's. The
 * papers of "More papers" (`other`) that name a topic of the area then join it. Updates `drafts`;
 * returns the papers left in "More papers".
 */
export function houseStrays(
  other: readonly number[],
  drafts: Draft[],
  ctx: {
    topics: readonly Topic[];
    batch: readonly PaperText[];
    areas: readonly TopicArea[];
    /** The topics a paper may name (indices in `topics`), as for mergeIntoArea. */
    named: readonly number[];
    owner: readonly number[];
    claimed: readonly number[];
  },
): number[] {
  const { topics, batch, areas, named, owner, claimed } = ctx;
  const housed = new Set(drafts.map((d) => sectionFamily(d)));
  let left = [...other];
  for (const area of areas) {
    if (area.topics.length > STRAY_AREA_MAX) continue;
    const inArea = drafts.filter((d) => ofArea(d, area));
    const d = inArea[0];
    if (inArea.length !== 1 || !d || d.area || d.classes || d.source < 0) continue;
    const own = sectionFamily(d);
    const stray = d.members.some((p) => {
      const t = (owner[p] ?? -1) >= 0 ? (owner[p] as number) : (claimed[p] ?? -1);
      if (t < 0) return false;
      const topic = topics[t] as Topic;
      const slug = partParent(topic.slug) ?? topic.slug;
      return (
        slug !== own &&
        area.topics.includes(slug) &&
        !housed.has(slug) &&
        topicEvidence(d.topic, batch[p] as PaperText) < JOIN_EVIDENCE &&
        areaHeadingSays(area, topics.find((x) => x.slug === slug) ?? topic)
      );
    });
    if (!stray) continue;
    if (!mergeIntoArea(drafts, topics, batch, [area], named, owner, claimed, Number.POSITIVE_INFINITY, 'one'))
      continue;
    const merged = drafts.find((x) => x.area !== undefined && x.topic.slug === area.slug) as Draft;
    const joining = left.filter((p) => {
      const slug = merged.area?.claim(p);
      return slug !== undefined && merged.area?.slugs.has(slug);
    });
    if (joining.length === 0) continue;
    merged.members = [...merged.members, ...joining].sort((x, y) => x - y);
    left = left.filter((p) => !joining.includes(p));
  }
  return left;
}

/**
 * The section of the letter (a catalogue topic's own, not one of its parts) that paper `p` of `from` (a section about to
 * read under its area's heading) belongs to instead: the one whose topic its title names as its
 * subject, before it turns to its method (see titleMethodAt), where the topic of `from` comes only
 * after, on join evidence at least as strong. "High-Fidelity Two-Step Image Generation via
 * Teacher-Aligned End-to-End Distillation" reads under "Image generation and editing", not under
 * the area heading "LLM reasoning and post-training" its "distillation" took it to. Undefined when
 * none.
 */
function subjectSection(
  p: number,
  from: Draft,
  drafts: readonly Draft[],
  batch: readonly PaperText[],
): Draft | undefined {
  const paper = batch[p] as PaperText;
  const method = titleMethodAt(paper);
  if (method < 0) return undefined;
  const ownAt = titlePosition(from.topic, paper);
  if (ownAt >= 0 && ownAt < method) return undefined;
  const own = topicEvidence(from.topic, paper);
  let best: { draft: Draft; evidence: number } | undefined;
  for (const d of drafts) {
    // A topic's part ("Long-context benchmarks") says "benchmark" of its parent's papers only.
    if (d.area || d.classes || d.source < 0 || d.topic.parent !== undefined || partParent(d.topic.slug))
      continue;
    const at = titlePosition(d.topic, paper);
    if (at < 0 || at >= method) continue;
    const evidence = topicEvidence(d.topic, paper);
    if (evidence >= JOIN_EVIDENCE && evidence >= own && evidence > (best?.evidence ?? 0))
      best = { draft: d, evidence };
  }
  return best?.draft;
}
