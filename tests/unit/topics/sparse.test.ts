import { describe, expect, it } from 'vitest';
import { dot, normalize, type SparseVector, similarityMatrix } from '../../../src/topics/sparse.js';

/** A deterministic pseudo-random sparse vector over `features` features (ascending indices). */
function vector(seed: number, features: number, length: number): SparseVector {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const chosen = new Set<number>();
  while (chosen.size < length) chosen.add(Math.floor(next() * features));
  const idx = [...chosen].sort((a, b) => a - b);
  return normalize({ idx, val: idx.map(() => next() * 3 + 0.01) });
}

describe('similarityMatrix', () => {
  it.each([
    ['no vectors', [] as SparseVector[]],
    ['one vector', [vector(1, 50, 5)]],
    ['disjoint features', [normalize({ idx: [0, 1], val: [1, 2] }), normalize({ idx: [2, 3], val: [3, 1] })]],
    ['an empty vector among others', [vector(2, 30, 4), { idx: [], val: [] }, vector(3, 30, 6)]],
    ['a zero weight', [normalize({ idx: [0, 4], val: [1, 1] }), { idx: [0, 4], val: [0, 1] }]],
    ['40 overlapping vectors', Array.from({ length: 40 }, (_, i) => vector(i + 7, 200, 3 + (i % 25)))],
  ])('%s: each pair equals dot() to the last bit, symmetric, 1 on the diagonal', (_name, vectors) => {
    const n = vectors.length;
    const sim = similarityMatrix(vectors);
    expect(sim).toHaveLength(n * n);
    for (let i = 0; i < n; i += 1) {
      expect(sim[i * n + i]).toBe(1);
      for (let j = 0; j < n; j += 1) {
        if (i === j) continue;
        expect(sim[i * n + j]).toBe(dot(vectors[i] as SparseVector, vectors[j] as SparseVector));
        expect(sim[i * n + j]).toBe(sim[j * n + i]);
      }
    }
  });
});
