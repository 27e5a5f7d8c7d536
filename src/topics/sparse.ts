/** A sparse vector: feature indices ascending, with their values. */
export interface SparseVector {
  idx: number[];
  val: number[];
}

/** Scales a vector to unit length (the zero vector stays zero). */
export function normalize(v: SparseVector): SparseVector {
  let sum = 0;
  for (const x of v.val) sum += x * x;
  const norm = Math.sqrt(sum);
  return norm === 0 ? v : { idx: v.idx, val: v.val.map((x) => x / norm) };
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
  const idx = [...acc.keys()].sort((a, b) => a - b);
  return normalize({ idx, val: idx.map((i) => acc.get(i) ?? 0) });
}

/** Cosine similarity matrix (n x n, row-major) of unit vectors. */
export function similarityMatrix(vectors: SparseVector[]): Float64Array {
  const n = vectors.length;
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    sim[i * n + i] = 1;
    const vi = vectors[i] as SparseVector;
    for (let j = i + 1; j < n; j += 1) {
      const s = dot(vi, vectors[j] as SparseVector);
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
  }
  return sim;
}
