import type { SparseVector } from '../src/topics/index.js';
import { mulberry32 } from './lib.js';

function sparseDot(v: SparseVector, dense: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.idx.length; k += 1) s += (v.val[k] ?? 0) * (dense[v.idx[k] ?? 0] ?? 0);
  return s;
}

/**
 * Spherical k-means (cosine) with k-means++ seeding, best of 5 restarts by total similarity:
 * the classic TF-IDF + k-means baseline. Bench code only.
 */
export function kMeans(vectors: SparseVector[], dim: number, k: number, seed: number): number[] {
  const rand = mulberry32(seed);
  const n = vectors.length;
  let best: { labels: number[]; fit: number } = { labels: new Array<number>(n).fill(0), fit: -1 };
  for (let restart = 0; restart < 5; restart += 1) {
    const centers: Float64Array[] = [];
    const toDense = (v: SparseVector): Float64Array => {
      const d = new Float64Array(dim);
      v.idx.forEach((i, k2) => {
        d[i] = v.val[k2] ?? 0;
      });
      return d;
    };
    centers.push(toDense(vectors[Math.floor(rand() * n)] as SparseVector));
    while (centers.length < k) {
      const dist = vectors.map((v) => Math.max(0, 1 - Math.max(...centers.map((c) => sparseDot(v, c)))) ** 2);
      const total = dist.reduce((a, b) => a + b, 0);
      let r = rand() * total;
      let pick = 0;
      for (; pick < n - 1; pick += 1) {
        r -= dist[pick] ?? 0;
        if (r <= 0) break;
      }
      centers.push(toDense(vectors[pick] as SparseVector));
    }
    let labels = new Array<number>(n).fill(0);
    let fit = 0;
    for (let iter = 0; iter < 30; iter += 1) {
      fit = 0;
      const next = vectors.map((v) => {
        let bi = 0;
        let bs = Number.NEGATIVE_INFINITY;
        centers.forEach((c, ci) => {
          const s = sparseDot(v, c);
          if (s > bs) {
            bs = s;
            bi = ci;
          }
        });
        fit += bs;
        return bi;
      });
      const changed = next.some((l, i) => l !== labels[i]);
      labels = next;
      for (let c = 0; c < k; c += 1) {
        const acc = new Float64Array(dim);
        vectors.forEach((v, i) => {
          if (labels[i] !== c) return;
          v.idx.forEach((x, k2) => {
            acc[x] = (acc[x] ?? 0) + (v.val[k2] ?? 0);
          });
        });
        let norm = 0;
        for (const x of acc) norm += x * x;
        norm = Math.sqrt(norm);
        if (norm > 0) for (let x = 0; x < dim; x += 1) acc[x] = (acc[x] ?? 0) / norm;
        if (norm > 0) centers[c] = acc;
      }
      if (!changed && iter > 0) break;
    }
    if (fit > best.fit) best = { labels, fit };
  }
  return best.labels;
}
