import { partParent, type Topic } from '../domain/index.js';
import { type Draft, keepOrJoin, labelWords, MIN_PART } from './drafts.js';
import { bestTopic, EVIDENCE, JOIN_EVIDENCE, titlePosition } from './evidence.js';
import type { PaperText } from './vectorize.js';

/**
 * Sub-areas of catalogue topics. A curated entry whose slug is `parent--part` ("llm-agents--memory")
 * is a part of the topic `parent`: it ships hidden (never offered on its own, never a section of
 * its own), and names the sub-sections of its parent when the parent holds many papers, the way an
 * editor splits "LLM agents" into "Agent memory and skills" and "Agent environments and search".
 */

/** Indices of the catalogue's parts per index of their parent topic (a live, unhidden topic). */
export function partsByParent(topics: readonly Topic[], parents: readonly number[]): Map<number, number[]> {
  const index = new Map(parents.map((i) => [(topics[i] as Topic).slug, i] as const));
  const out = new Map<number, number[]>();
  topics.forEach((t, i) => {
    const parent = partParent(t.slug);
    const p = parent === undefined ? undefined : index.get(parent);
    if (p === undefined || t.userDefined || t.keywords.length === 0) return;
    out.set(p, [...(out.get(p) ?? []), i]);
  });
  return out;
}

/**
 * Share of a section's papers at most that may name none of its one part for the section to take
 * the part's heading (see {@link splitByParts}).
 */
const RENAMED_REST = 0.2;

/**
 * Evidence for a part at which a paper of its topic's section joins a part that formed (one of
 * the part's phrases in its abstract, see {@link EVIDENCE}): the paper already gave its topic
 * real evidence, only the sub-section is in question. No part forms on it.
 */
export const PART_EVIDENCE = EVIDENCE.abstract;

/**
 * Splits a catalogue topic's section into the sub-sections its parts name: each paper goes to
 * the part its title names first, else the part it gives the most evidence for (a key phrase in
 * its keywords, or several phrases: {@link JOIN_EVIDENCE}; see {@link partOf}); parts of fewer
 * than {@link MIN_PART} papers give theirs back. The section's other papers then join the formed
 * part they give {@link PART_EVIDENCE} for.
 * What no part claims stays under the topic's own label; a single such paper joins the part it
 * is closest to. Returns the new drafts (the section itself is updated, and dropped when empty).
 * Nothing happens when fewer than two parts would hold papers next to the rest.
 */
export function splitByParts(
  d: Draft,
  parts: readonly number[],
  topics: readonly Topic[],
  batch: readonly PaperText[],
  sim: Float64Array,
  n: number,
): Draft[] {
  const { kept, rest } = partsOfSection(d, parts, topics, batch);
  // One part beside a paper or two is the section under another name: the part's, when nearly
  // every paper names it (eleven papers on software testing read "Software testing", not "Code
  // generation"); else the topic's.
  if (kept.length === 0) return [];
  if (kept.length === 1 && rest.length < MIN_PART) {
    renameToOnePart(d, kept, rest, topics);
    return [];
  }
  const named: Draft[] = kept.map(([t, members]) => {
    const part = topics[t] as Topic;
    return {
      members,
      topic: { ...part, hidden: false, parent: d.topic.slug },
      words: labelWords(part.label),
      source: t,
      settled: true,
    };
  });
  d.members = keepOrJoin(rest, named, sim, n);
  d.settled = true;
  return named;
}

/**
 * The parts of a topic's section that hold {@link MIN_PART} papers or more naming them (join
 * evidence, see {@link partOf}), with the section's other papers that say one of those parts
 * ({@link PART_EVIDENCE}) added to it; and the papers no such part holds.
 */
function partsOfSection(
  d: Draft,
  parts: readonly number[],
  topics: readonly Topic[],
  batch: readonly PaperText[],
  strict = false,
): { kept: [number, number[]][]; rest: number[] } {
  const claim = d.members.map((p) => partOf(topics, parts, batch[p] as PaperText));
  const byPart = new Map<number, number[]>();
  claim.forEach((t, k) => {
    if (t >= 0) byPart.set(t, [...(byPart.get(t) ?? []), d.members[k] as number]);
  });
  const kept = [...byPart.entries()].filter(([, ms]) => ms.length >= MIN_PART).sort((a, b) => a[0] - b[0]);
  // Then the section's other papers join the formed part they say most of, on less evidence.
  const formed = kept.map(([t]) => t);
  if (!strict)
    d.members.forEach((p, k) => {
      if (formed.includes(claim[k] as number)) return;
      const weak = bestTopic(topics, formed, batch[p] as PaperText, PART_EVIDENCE).index;
      if (weak >= 0) kept.find(([t]) => t === weak)?.[1].push(p);
    });
  const taken = new Set(kept.flatMap(([, ms]) => ms));
  return { kept, rest: d.members.filter((p) => !taken.has(p)) };
}

/**
 * Heads a topic's section with the name of one of its parts when nearly all its papers say that
 * part and no other holds {@link MIN_PART} of them (all but {@link RENAMED_REST} of them at most):
 * a section of any size, split into parts or not (a section too small to split, of ten papers on
 * unit tests and fuzzing, reads "Software testing", not "Code generation"). The section stays its
 * topic's (its papers, its readers, its place in the letter). true when renamed.
 */
export function renameByPart(
  d: Draft,
  parts: readonly number[],
  topics: readonly Topic[],
  batch: readonly PaperText[],
): boolean {
  if (d.whole || d.topic.parent !== undefined) return false;
  const { kept, rest } = partsOfSection(d, parts, topics, batch, true);
  return renameToOnePart(d, kept, rest, topics);
}

/** Renames `d` to its one part `kept` when the papers no part holds (`rest`) are few enough. */
function renameToOnePart(
  d: Draft,
  kept: readonly [number, number[]][],
  rest: readonly number[],
  topics: readonly Topic[],
): boolean {
  if (kept.length !== 1 || rest.length >= MIN_PART || rest.length > RENAMED_REST * d.members.length)
    return false;
  rename(d, topics[(kept[0] as [number, number[]])[0]] as Topic);
  return true;
}

/**
 * The section `d` of a topic under the heading of its part `part`, as a sub-section is headed (its
 * readers are the topic's); it stays the topic's section (`source`, `whole`) for what joins it.
 */
function rename(d: Draft, part: Topic): void {
  d.topic = { ...part, hidden: false, parent: d.topic.slug };
  d.words = labelWords(part.label);
  d.whole = true;
}

/**
 * The part (index in `topics`, among `parts`) a paper of its topic's section joins on join
 * evidence: the one its title names first when it names several ("Σ-Mem: An Online Reliability
 * Memory for LLM-based Multi-Agent Systems" is a memory paper in a multi-agent setting, whatever
 * its abstract says of agents), else the one it gives the most evidence for; -1 when none.
 */
export function partOf(topics: readonly Topic[], parts: readonly number[], paper: PaperText): number {
  let first = { index: -1, at: Number.POSITIVE_INFINITY };
  for (const t of parts) {
    const at = titlePosition(topics[t] as Topic, paper);
    if (at >= 0 && at < first.at) first = { index: t, at };
  }
  return first.index >= 0 ? first.index : bestTopic(topics, parts, paper, JOIN_EVIDENCE).index;
}
