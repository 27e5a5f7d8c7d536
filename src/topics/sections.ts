import { averageLinkage, cutTree, silhouette } from './cluster.js';
import { refineAssignment } from './cluster-batch.js';

export { sectionBounds } from '../domain/index.js';

/**
 * Splits `n` points (similarity matrix `sim`, row-major) into between `minK` and `maxK` clusters:
 * average linkage, each cut repaired by moving papers to their closest cluster, the cut with
 * the best mean silhouette kept. Deterministic.
 */
export function splitPoints(sim: Float64Array, n: number, minK: number, maxK: number): number[] {
  if (n <= 1 || maxK <= 1) return new Array<number>(n).fill(0);
  const merges = averageLinkage(sim, n);
  let best = cutTree(merges, n, 1);
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let k = Math.max(2, minK); k <= Math.min(maxK, n - 1); k += 1) {
    const labels = refineAssignment(sim, n, cutTree(merges, n, k));
    const score = silhouette(sim, n, labels);
    if (score > bestScore) {
      bestScore = score;
      best = labels;
    }
  }
  return best;
}

/** Sub-matrix of `sim` (n x n) for the points `rows`. */
export function subMatrix(sim: Float64Array, n: number, rows: readonly number[]): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) {
    const ri = rows[i] as number;
    for (let j = 0; j < m; j += 1) out[i * m + j] = sim[ri * n + (rows[j] as number)] as number;
  }
  return out;
}

/** Average similarity of point `p` to the points `members` (itself left out); -Infinity for none. */
export function meanSimilarity(sim: Float64Array, n: number, p: number, members: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (let m = 0; m < members.length; m += 1) {
    const q = members[m] as number;
    if (q === p) continue;
    sum += sim[p * n + q] as number;
    count += 1;
  }
  return count === 0 ? Number.NEGATIVE_INFINITY : sum / count;
}
