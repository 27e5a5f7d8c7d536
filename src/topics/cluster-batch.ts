import { averageLinkage, cutTree, silhouette } from './cluster.js';

/** Knobs of {@link clusterBatch}. */
export interface ClusterOptions {
  /** Clusters smaller than this are dissolved into their nearest cluster or "Other". */
  minClusterSize: number;
  /** Average similarity a dissolved paper needs to join a cluster instead of "Other". */
  attachThreshold: number;
  /** Largest share of the papers left in "Other"; the closest of the rest are attached anyway. */
  maxOtherShare: number;
  /** Most clusters tried, per square root of the batch size. */
  sectionsPerRoot: number;
  /** Most clusters tried, whatever the batch size. */
  maxSections: number;
}

/** Cluster of each paper (0..k-1), or -1 for "Other". */
export type Assignment = number[];

/**
 * Clusters one batch: average linkage, k chosen by the best mean silhouette within
 * {@link sectionRange}, then clusters below `minClusterSize` are dissolved (each paper joins the cluster
 * it is closest to on average, or "Other" when nothing is close), keeping "Other" small.
 */
export function clusterBatch(sim: Float64Array, n: number, options: ClusterOptions): Assignment {
  if (n === 0) return [];
  if (n < 2 * options.minClusterSize) return new Array<number>(n).fill(n >= options.minClusterSize ? 0 : -1);
  const merges = averageLinkage(sim, n);
  const [minK, maxK] = sectionRange(n, options.sectionsPerRoot, options.maxSections);
  let bestLabels = cutTree(merges, n, 1);
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let k = minK; k <= maxK; k += 1) {
    const labels = refineAssignment(sim, n, cutTree(merges, n, k));
    const score = silhouette(sim, n, labels);
    if (score > bestScore) {
      bestScore = score;
      bestLabels = labels;
    }
  }
  return dissolveSmall(sim, n, bestLabels, options);
}

/**
 * Moves each paper to the cluster it is most similar to on average (itself left out), in rounds,
 * until nothing moves or after `maxRounds`: average linkage commits early merges for good, and this
 * repairs papers that a greedy merge put in the wrong branch. Each round scores every paper's best
 * move, then makes the moves by decreasing gain, each checked again against the clusters as they
 * are by then: the papers that gain the most move first, whatever their order in the batch, so the
 * result does not depend on that order (ties aside). Clusters are never emptied.
 */
export function refineAssignment(sim: Float64Array, n: number, labels: number[], maxRounds = 10): number[] {
  const out = labels.slice();
  const k = Math.max(...out) + 1;
  const sizes = new Array<number>(k).fill(0);
  for (const l of out) sizes[l] = (sizes[l] ?? 0) + 1;
  // sums[i * k + c]: similarity of paper i to the papers of cluster c, itself left out.
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) {
      if (j === i) continue;
      const at = i * k + (out[j] as number);
      sums[at] = (sums[at] as number) + (sim[i * n + j] as number);
    }
  }
  // The gain of the last move found, in a typed array: a number kept in a closure's variable is
  // a new heap object at every change, thousands for a run's first batch.
  const gain = new Float64Array(1);
  /** The cluster paper i gains most by joining (-1: none), its gain left in `gain[0]`. */
  const bestMove = (i: number): number => {
    const own = out[i] as number;
    gain[0] = 0;
    if ((sizes[own] as number) < 2) return -1;
    const stay = (sums[i * k + own] as number) / ((sizes[own] as number) - 1);
    let best = -1;
    let most = 0;
    for (let c = 0; c < k; c += 1) {
      const size = sizes[c] as number;
      if (c === own || size === 0) continue;
      const g = (sums[i * k + c] as number) / size - stay;
      if (g > most + 1e-12) {
        most = g;
        best = c;
      }
    }
    gain[0] = most;
    return best;
  };
  for (let round = 0; round < maxRounds; round += 1) {
    const candidates: { i: number; gain: number }[] = [];
    for (let i = 0; i < n; i += 1) if (bestMove(i) >= 0) candidates.push({ i, gain: gain[0] as number });
    candidates.sort((a, b) => b.gain - a.gain || a.i - b.i);
    let moved = 0;
    for (const { i } of candidates) {
      const to = bestMove(i);
      if (to < 0) continue;
      const from = out[i] as number;
      out[i] = to;
      sizes[from] = (sizes[from] as number) - 1;
      sizes[to] = (sizes[to] as number) + 1;
      for (let j = 0; j < n; j += 1) {
        if (j === i) continue;
        const s = sim[j * n + i] as number;
        sums[j * k + from] = (sums[j * k + from] as number) - s;
        sums[j * k + to] = (sums[j * k + to] as number) + s;
      }
      moved += 1;
    }
    if (moved === 0) break;
  }
  return out;
}

/**
 * Range of cluster counts tried for n papers: about sqrt(n)/2 to `sectionsPerRoot` * sqrt(n), at
 * most `maxSections` (defaults 2.2 and 30: 70 papers -> 4 to 19, 400 papers -> 10 to 30), so an
 * edition stays skimmable whatever the silhouette prefers.
 */
export function sectionRange(n: number, sectionsPerRoot = 2.2, maxSections = 30): [number, number] {
  const root = Math.sqrt(n);
  const max = Math.max(2, Math.min(n - 1, maxSections, Math.ceil(sectionsPerRoot * root)));
  return [Math.min(max, Math.max(2, Math.round(root / 2))), max];
}

function dissolveSmall(sim: Float64Array, n: number, labels: number[], options: ClusterOptions): Assignment {
  const sizes = new Map<number, number>();
  for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  const big = [...sizes.entries()].filter(([, s]) => s >= options.minClusterSize).map(([l]) => l);
  const renumber = new Map(big.sort((a, b) => a - b).map((l, i) => [l, i]));
  const out = labels.map((l) => renumber.get(l) ?? -1);
  if (big.length === 0) return out;
  // Closest big cluster (average similarity to its members) of each dissolved paper.
  const candidates: { i: number; cluster: number; sim: number }[] = [];
  for (let i = 0; i < n; i += 1) {
    if (out[i] !== -1) continue;
    const sums = new Float64Array(big.length);
    const counts = new Float64Array(big.length);
    for (let j = 0; j < n; j += 1) {
      const c = out[j] as number;
      if (c < 0 || labels[j] === labels[i]) continue;
      sums[c] = (sums[c] as number) + (sim[i * n + j] as number);
      counts[c] = (counts[c] as number) + 1;
    }
    let best = 0;
    let bestSim = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < big.length; c += 1) {
      const avg = (counts[c] as number) > 0 ? (sums[c] as number) / (counts[c] as number) : 0;
      if (avg > bestSim) {
        bestSim = avg;
        best = c;
      }
    }
    candidates.push({ i, cluster: best, sim: bestSim });
  }
  candidates.sort((a, b) => b.sim - a.sim || a.i - b.i);
  const maxOther = Math.floor(options.maxOtherShare * n);
  candidates.forEach((c, rank) => {
    const mustAttach = candidates.length - rank > maxOther;
    if (c.sim >= options.attachThreshold || mustAttach) out[c.i] = c.cluster;
  });
  return out;
}
