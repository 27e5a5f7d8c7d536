/** A sparse vector: feature indices ascending, with their values. */
export interface SparseVector {
  idx: number[];
  val: number[];
}

/** Scales a vector to unit length (the zero vector stays zero). */
export function normalize(v: SparseVector): SparseVector {
  let sum = 0;
  for (let k = 0; k < v.val.length; k += 1) sum += (v.val[k] as number) * (v.val[k] as number);
  const norm = Math.sqrt(sum);
  if (norm === 0) return v;
  const val: number[] = [];
  for (let k = 0; k < v.val.length; k += 1) val.push((v.val[k] as number) / norm);
  return { idx: v.idx, val };
}

/** Dot product of two sparse vectors (their cosine when both are unit length). */
export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const ai = a.idx[i] as number;
    const bj = b.idx[j] as number;
    if (ai === bj) {
      sum += (a.val[i] as number) * (b.val[j] as number);
      i += 1;
      j += 1;
    } else if (ai < bj) i += 1;
    else j += 1;
  }
  return sum;
}

/** Sum of vectors, normalized: the direction of a group of papers. */
export function centroid(vectors: SparseVector[]): SparseVector {
  const acc = new Map<number, number>();
  for (const v of vectors) {
    for (let k = 0; k < v.idx.length; k += 1) {
      const i = v.idx[k] as number;
      acc.set(i, (acc.get(i) ?? 0) + (v.val[k] as number));
    }
  }
  const idx = ascending(acc.keys());
  return normalize({ idx, val: idx.map((i) => acc.get(i) ?? 0) });
}

/**
 * Distinct non-negative integers (feature indices) in ascending order: sorted as an Int32Array,
 * without calling a comparator per pair (what makes a first, unoptimized call slow).
 */
export function ascending(indices: Iterable<number>): number[] {
  const sorted = Int32Array.from(indices).sort();
  const out: number[] = new Array(sorted.length);
  for (let k = 0; k < sorted.length; k += 1) out[k] = sorted[k] as number;
  return out;
}

/**
 * Cosine similarity matrix (n x n, row-major) of unit vectors, from an inverted index: for each
 * feature in ascending order, the products of the papers that have it are added to their pairs.
 * A pair's products are added in the same (ascending feature) order as {@link dot}, so the sums
 * are the same to the last bit; the work is the number of pairs sharing each feature (a batch's
 * vectors share few), not every pair times a vector's length, which matters most while a run's
 * first batch is interpreted.
 */
export function similarityMatrix(vectors: SparseVector[]): Float64Array {
  const n = vectors.length;
  const sim = new Float64Array(n * n);
  let size = 0;
  let entries = 0;
  for (let i = 0; i < n; i += 1) {
    const idx = (vectors[i] as SparseVector).idx;
    entries += idx.length;
    for (let k = 0; k < idx.length; k += 1) if ((idx[k] as number) >= size) size = (idx[k] as number) + 1;
  }
  // Postings of each feature (papers ascending, as the vectors are visited in order), CSR layout.
  const start = new Int32Array(size + 1);
  for (let i = 0; i < n; i += 1) {
    const idx = (vectors[i] as SparseVector).idx;
    for (let k = 0; k < idx.length; k += 1)
      start[(idx[k] as number) + 1] = (start[(idx[k] as number) + 1] as number) + 1;
  }
  for (let f = 0; f < size; f += 1) start[f + 1] = (start[f + 1] as number) + (start[f] as number);
  const fill = start.slice(0, size);
  const paper = new Int32Array(entries);
  const value = new Float64Array(entries);
  for (let i = 0; i < n; i += 1) {
    const v = vectors[i] as SparseVector;
    for (let k = 0; k < v.idx.length; k += 1) {
      const at = (fill[v.idx[k] as number] as number)++;
      paper[at] = i;
      value[at] = v.val[k] as number;
    }
  }
  for (let f = 0; f < size; f += 1) {
    const end = start[f + 1] as number;
    for (let a = start[f] as number; a < end; a += 1) {
      const i = paper[a] as number;
      const vi = value[a] as number;
      if (vi === 0) continue;
      const row = i * n;
      for (let b = a + 1; b < end; b += 1) {
        const vj = value[b] as number;
        if (vj === 0) continue;
        sim[row + (paper[b] as number)] = (sim[row + (paper[b] as number)] as number) + vi * vj;
      }
    }
  }
  for (let i = 0; i < n; i += 1) {
    sim[i * n + i] = 1;
    for (let j = i + 1; j < n; j += 1) sim[j * n + i] = sim[i * n + j] as number;
  }
  return sim;
}

/**
 * Cosine similarity of the vectors once the batch's mean vector is subtracted from each, computed
 * from their similarity matrix `sim` (n x n, unit diagonal) alone: (v_i - m).(v_j - m) =
 * s_ij - a_i - a_j + c, with a_i the mean similarity of paper i to the batch and c the mean of all.
 * What every paper of the batch shares (the field's own vocabulary: "LLM", "model", "benchmark")
 * then no longer makes two papers alike, and a paper that resembles everything a little (a hub)
 * no longer pulls clusters together. A paper identical to the mean keeps only its self-similarity.
 */
export function centeredSimilarity(sim: Float64Array, n: number): Float64Array {
  const mean = new Float64Array(n);
  let all = 0;
  for (let i = 0; i < n; i += 1) {
    let sum = 0;
    for (let j = 0; j < n; j += 1) sum += sim[i * n + j] as number;
    mean[i] = sum / n;
    all += sum;
  }
  all /= n * n;
  const norm = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const g = (sim[i * n + i] as number) - 2 * (mean[i] as number) + all;
    norm[i] = g > 1e-12 ? Math.sqrt(g) : 0;
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    out[i * n + i] = 1;
    const ni = norm[i] as number;
    if (ni === 0) continue;
    for (let j = i + 1; j < n; j += 1) {
      const nj = norm[j] as number;
      if (nj === 0) continue;
      const g = (sim[i * n + j] as number) - (mean[i] as number) - (mean[j] as number) + all;
      const s = g / (ni * nj);
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}
