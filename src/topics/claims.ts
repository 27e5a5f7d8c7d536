import type { Topic } from '../domain/index.js';
import { bestTopic, learnShadows, titleNames, topicEvidence } from './evidence.js';
import { meanSimilarity } from './sections.js';
import type { PaperText } from './vectorize.js';

/**
 * Which topic each paper of a batch joins on evidence (see evidence.ts), before any clustering.
 * A paper that names two topics about equally ("a multi-agent framework for visual reasoning",
 * "image generation via distillation") is settled by the batch itself: see {@link settleClaims}.
 */

/** A paper's claim: the topic it gives the most evidence for, and its rivals. */
export interface Claim {
  /** Index of the topic in the catalogue; -1 when no topic reaches the join evidence. */
  index: number;
  evidence: number;
  /** Other curated topics the paper gives join evidence for, nearly as much (see {@link RIVAL_RATIO}). */
  rivals: { index: number; evidence: number }[];
  /**
   * Every curated topic the paper gives join evidence for (its best among them), strongest first;
   * absent when an operator's topic claims the paper (the catalogue's were not read).
   */
  named?: { index: number; evidence: number }[];
}

/**
 * A topic is a rival when the paper's evidence for it times this reaches its best topic's, or
 * when the paper's title names both (see {@link claimPapers}).
 */
export const RIVAL_RATIO = 1.5;

/** Least papers a topic must hold without rivals to be a reference for the papers in doubt. */
const MIN_CORE = 2;

/**
 * Weight of evidence next to similarity when a paper in doubt is settled: 0.02 per point, so a
 * key phrase in the title (3) is worth a centred similarity of 0.06, about what separates the
 * closest topic from the next one.
 */
const EVIDENCE_WEIGHT = 0.02;

/**
 * The claims of a batch: a config topic (`users`) first, else the curated or approved topic
 * (`curated`) a paper gives the most evidence for, if it reaches `join`; ties go to the first.
 * Its rivals are the topics it gives nearly as much evidence for ({@link RIVAL_RATIO}) and, when
 * its title names its best topic, every other topic its title names with join evidence: "The
 * Cold-Start Safety Gap in LLM Agents" is in doubt between agents and safety however many
 * synonyms of "agent" it says, and the batch settles it (see {@link settleClaims}).
 */
export function claimPapers(
  topics: readonly Topic[],
  users: readonly number[],
  curated: readonly number[],
  batch: readonly PaperText[],
  join: number,
): Claim[] {
  // A phrase said inside another topic's longer phrase is that one's ("hate speech").
  learnShadows(topics, [...users, ...curated]);
  return batch.map((paper) => {
    const user = bestTopic(topics, users, paper, join);
    if (user.index >= 0) return { ...user, rivals: [] };
    const scored = curated.map((index) => ({
      index,
      evidence: topicEvidence(topics[index] as Topic, paper),
    }));
    let best = { index: -1, evidence: 0 };
    for (let i = 0; i < scored.length; i += 1) {
      const s = scored[i] as (typeof scored)[number];
      if (s.evidence >= join && s.evidence > best.evidence) best = s;
    }
    if (best.index < 0) return { ...best, rivals: [], named: [] };
    const named = scored.filter((s) => s.evidence >= join).sort((a, b) => b.evidence - a.evidence);
    const titled = titleNames(topics[best.index] as Topic, paper);
    const rivals = scored.filter(
      (s) =>
        s.index !== best.index &&
        s.evidence >= join &&
        (s.evidence * RIVAL_RATIO >= best.evidence ||
          (titled && titleNames(topics[s.index] as Topic, paper))),
    );
    return { ...best, rivals, named };
  });
}

/**
 * The curated topics an operator's own topic of the same label replaces (a config topic "LLM
 * agents" beside the catalogue's; only the operator's is offered, see offeredTopics), by index in
 * `topics`, to that topic's index: the catalogue's phrases for it still find its papers, and they
 * read under the operator's section. `curated` and `users` are indices in `topics`.
 */
export function replacedTopics(
  topics: readonly Topic[],
  users: readonly number[],
  curated: readonly number[],
): Map<number, number> {
  const own = new Map<string, number>();
  for (const u of users) {
    const label = (topics[u] as Topic).label.toLowerCase();
    if (!own.has(label)) own.set(label, u);
  }
  const out = new Map<number, number>();
  for (const c of curated) {
    const u = own.get((topics[c] as Topic).label.toLowerCase());
    if (u !== undefined) out.set(c, u);
  }
  return out;
}

/**
 * A claim with a replaced topic (see {@link replacedTopics}) read as the operator's topic that
 * replaces it: a paper the catalogue's "LLM agents" phrases find is the operator's "LLM agents"
 * paper, not one of a topic with no section and no reader (its card would say a topic no one can
 * follow). The topics it names read the same way (of two that become one, the stronger stays). A
 * replaced topic is no rival: a code-generation paper that also says agent phrases stays with
 * "Code generation" as it did, rather than be settled into the operator's section for the
 * catalogue's phrases.
 */
export function aliasClaim(claim: Claim, replaced: ReadonlyMap<number, number>): Claim {
  if (replaced.size === 0) return claim;
  const index = replaced.get(claim.index) ?? claim.index;
  const rivals = claim.rivals.filter((r) => !replaced.has(r.index) && r.index !== index);
  if (!claim.named) return { ...claim, index, rivals };
  const named = new Map<number, number>();
  for (const t of [{ index, evidence: claim.evidence }, ...claim.named]) {
    const as = replaced.get(t.index) ?? t.index;
    if (as >= 0 && !named.has(as)) named.set(as, t.evidence);
  }
  return { ...claim, index, rivals, named: [...named].map(([i, evidence]) => ({ index: i, evidence })) };
}

/**
 * Settles the papers that give join evidence for several topics about equally: each goes to the
 * topic whose undisputed papers of this batch it resembles most (mean centred similarity, `sim`
 * n x n), evidence weighing in a little ({@link EVIDENCE_WEIGHT}). When one of the topics in
 * question has fewer than {@link MIN_CORE} undisputed papers, the batch cannot tell and the claim
 * stands (moving the papers away would leave that topic without a section its few papers make
 * together). Order-independent: references are read before any paper moves. Updates `claims`.
 */
export function settleClaims(claims: Claim[], sim: Float64Array, n: number): void {
  const core = new Map<number, number[]>();
  claims.forEach((c, p) => {
    if (c.index >= 0 && c.rivals.length === 0) core.set(c.index, [...(core.get(c.index) ?? []), p]);
  });
  const score = (p: number, index: number, evidence: number): number => {
    const ref = core.get(index) ?? [];
    return meanSimilarity(sim, n, p, ref) + EVIDENCE_WEIGHT * evidence;
  };
  const moves = claims.map((c, p) => {
    let best = { index: c.index, evidence: c.evidence };
    // Without a reference for each topic in question, the batch cannot tell: the claim stands.
    if ([c, ...c.rivals].some((t) => (core.get(t.index)?.length ?? 0) < MIN_CORE)) return best;
    let bestScore = c.rivals.length === 0 ? 0 : score(p, c.index, c.evidence);
    for (const r of c.rivals) {
      const s = score(p, r.index, r.evidence);
      if (s > bestScore) {
        bestScore = s;
        best = r;
      }
    }
    return best;
  });
  moves.forEach((m, p) => {
    const c = claims[p] as Claim;
    if (m.index === c.index) return;
    c.rivals = [{ index: c.index, evidence: c.evidence }, ...c.rivals.filter((r) => r.index !== m.index)];
    c.index = m.index;
    c.evidence = m.evidence;
  });
}

/**
 * A topic that one paper of the batch plainly names (twice the join evidence, `owner`) and no
 * other paper claims would leave that paper in "More papers" (no section of one paper). It takes
 * the paper in doubt that gives it the most evidence after its own topic (a rival of its claim)
 * from a topic that keeps two or more without it, so the two make a section: a coding paper in a
 * batch of agents papers gets "Code generation" with the coding-agents paper that says both. A
 * paper that plainly names its own topic never moves. Lone topics in index order, each paper
 * moved once. Updates `byTopic` (papers by claimed topic) and `claim` (each paper's topic).
 */
export function pairLoneOwners(
  byTopic: Map<number, number[]>,
  claims: readonly Claim[],
  claim: number[],
  owner: readonly number[],
): void {
  const lone = [...byTopic.entries()]
    .filter(([t, members]) => members.length === 1 && owner[members[0] as number] === t)
    .map(([t]) => t)
    .sort((a, b) => a - b);
  for (const t of lone) {
    let best = -1;
    let bestEvidence = 0;
    claims.forEach((c, p) => {
      const from = claim[p] ?? -1;
      if (from < 0 || from === t || (owner[p] ?? -1) === from) return;
      if ((byTopic.get(from)?.length ?? 0) < 3) return;
      const rival = c.rivals.find((r) => r.index === t);
      if (rival && rival.evidence > bestEvidence) {
        best = p;
        bestEvidence = rival.evidence;
      }
    });
    if (best < 0) continue;
    const from = claim[best] as number;
    byTopic.set(
      from,
      (byTopic.get(from) ?? []).filter((p) => p !== best),
    );
    byTopic.get(t)?.push(best);
    claim[best] = t;
  }
}
