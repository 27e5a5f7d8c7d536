import { describe, expect, it } from 'vitest';
import {
  averageLinkage,
  centeredSimilarity,
  cutTree,
  refineAssignment,
  sectionRange,
  silhouette,
} from '../../../src/topics/index.js';

/** Similarity matrix of points on a line: sim = 1 - |x_i - x_j| / 10. */
function lineSim(xs: number[]): Float64Array {
  const n = xs.length;
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) sim[i * n + j] = 1 - Math.abs((xs[i] as number) - (xs[j] as number)) / 10;
  }
  return sim;
}

describe('averageLinkage + cutTree', () => {
  const xs = [0, 0.2, 5, 5.1, 9.8, 10];
  const merges = averageLinkage(lineSim(xs), xs.length);

  it('makes n - 1 merges, most similar first', () => {
    expect(merges).toHaveLength(xs.length - 1);
    const sims = merges.map((m) => m.sim);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
  });

  it.each([
    [1, [0, 0, 0, 0, 0, 0]],
    [3, [0, 0, 1, 1, 2, 2]],
    [6, [0, 1, 2, 3, 4, 5]],
  ])('cut at k = %i', (k, labels) => {
    expect(cutTree(merges, xs.length, k)).toEqual(labels);
  });

  it('uses the average of the pairs (UPGMA), not the closest pair', () => {
    // {0, 1} then 2.1 joins them at the mean similarity to both points.
    const m = averageLinkage(lineSim([0, 1, 2.1]), 3);
    expect(m[1]?.sim).toBeCloseTo(1 - (2.1 + 1.1) / 2 / 10, 12);
  });
});

describe('silhouette', () => {
  it.each([
    ['well separated clusters score high', [0, 0.1, 9.9, 10], [0, 0, 1, 1], 0.9],
    ['a wrong split scores below zero', [0, 0.1, 9.9, 10], [0, 1, 0, 1], -0.4],
  ])('%s', (_, xs, labels, bound) => {
    const s = silhouette(lineSim(xs), xs.length, labels);
    if (bound > 0) expect(s).toBeGreaterThan(bound);
    else expect(s).toBeLessThan(bound);
  });

  it('gives 0 to a single cluster', () => {
    expect(silhouette(lineSim([0, 1, 2]), 3, [0, 0, 0])).toBe(0);
  });
});

describe('refineAssignment', () => {
  it('moves a point to the cluster it is closest to on average', () => {
    const xs = [0, 0.1, 0.2, 5, 5.1];
    expect(refineAssignment(lineSim(xs), xs.length, [0, 0, 1, 1, 1])).toEqual([0, 0, 0, 1, 1]);
  });

  it('never empties a cluster', () => {
    const xs = [0, 0.1, 0.2];
    const out = refineAssignment(lineSim(xs), xs.length, [0, 0, 1]);
    expect(new Set(out).size).toBe(2);
  });

  it('gives the same clusters whatever the order of the points', () => {
    // Papers in index order settle this one differently when the order is reversed.
    const xs = [0.2, 0.3, 3.2, 4, 0, 2.3, 0.4, 2.5];
    const labels = [0, 1, 2, 2, 1, 2, 2, 1];
    const reference = refineAssignment(lineSim(xs), xs.length, labels);
    const sameCluster = (out: number[], order: number[]): boolean[] =>
      order.flatMap((a, i) => order.map((b, j) => out[i] === out[j] && a !== b));
    const orders = [
      [7, 6, 5, 4, 3, 2, 1, 0],
      [6, 7, 0, 2, 4, 1, 3, 5],
    ];
    for (const order of orders) {
      const out = refineAssignment(
        lineSim(order.map((i) => xs[i] as number)),
        xs.length,
        order.map((i) => labels[i] as number),
      );
      // Compare partitions in the original numbering of the points.
      const back = new Array<number>(xs.length);
      order.forEach((orig, pos) => {
        back[orig] = out[pos] as number;
      });
      const identity = xs.map((_, i) => i);
      expect(sameCluster(back, identity)).toEqual(sameCluster(reference, identity));
    }
  });
});

describe('centeredSimilarity', () => {
  it('is the cosine of the vectors minus their mean', () => {
    const vs = [
      [1, 0, 0],
      [0.8, 0.6, 0],
      [0, 0.6, 0.8],
      [0, 0, 1],
    ];
    const n = vs.length;
    const cos = (a: number[], b: number[]): number => {
      const d = a.reduce((s, x, i) => s + x * (b[i] as number), 0);
      const na = Math.hypot(...a);
      const nb = Math.hypot(...b);
      return d / (na * nb);
    };
    const sim = new Float64Array(n * n);
    vs.forEach((a, i) => {
      vs.forEach((b, j) => {
        sim[i * n + j] = cos(a, b);
      });
    });
    const mean = [0, 1, 2].map((d) => vs.reduce((s, v) => s + (v[d] as number), 0) / n);
    const centred = vs.map((v) => v.map((x, d) => x - (mean[d] as number)));
    const out = centeredSimilarity(sim, n);
    for (let i = 0; i < n; i += 1) {
      expect(out[i * n + i]).toBe(1);
      for (let j = 0; j < n; j += 1) {
        if (i !== j)
          expect(out[i * n + j]).toBeCloseTo(cos(centred[i] as number[], centred[j] as number[]), 10);
      }
    }
  });

  it('leaves a paper equal to the mean unlike every other', () => {
    const sim = Float64Array.from([1, 1, 1, 1]);
    expect([...centeredSimilarity(sim, 2)]).toEqual([1, 0, 0, 1]);
  });
});

describe('sectionRange', () => {
  it.each([
    [6, 2, 5],
    [30, 3, 13],
    [70, 4, 19],
    [108, 5, 23],
    [400, 10, 30],
    [1500, 19, 30],
  ])('%i papers -> %i..%i sections tried', (n, min, max) => {
    expect(sectionRange(n)).toEqual([min, max]);
  });
});
