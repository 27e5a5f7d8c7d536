/** One merge of the dendrogram: the clusters holding points `a` and `b` join at similarity `sim`. */
export interface Merge {
  a: number;
  b: number;
  sim: number;
}

/**
 * Average-linkage agglomerative clustering on a similarity matrix, by the nearest-neighbour
 * chain algorithm (O(n^2) time). Returns the n - 1 merges sorted by similarity, highest first
 * (ties in the order found), which is the dendrogram read from the leaves up. Deterministic: ties
 * go to the lower index. `sim` is row-major n x n; it is copied, not modified.
 */
export function averageLinkage(sim: Float64Array, n: number): Merge[] {
  const s = Float64Array.from(sim);
  const size = new Array<number>(n).fill(1);
  const active = new Array<boolean>(n).fill(true);
  const merges: Merge[] = [];
  const chain: number[] = [];
  let remaining = n;
  while (remaining > 1) {
    if (chain.length === 0) chain.push(active.indexOf(true));
    const a = chain[chain.length - 1] as number;
    const prev = chain.length >= 2 ? (chain[chain.length - 2] as number) : -1;
    let best = prev;
    let bestSim = prev >= 0 ? (s[a * n + prev] as number) : Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k += 1) {
      if (k === a || !active[k]) continue;
      const v = s[a * n + k] as number;
      if (v > bestSim) {
        bestSim = v;
        best = k;
      }
    }
    if (best !== prev) {
      chain.push(best);
      continue;
    }
    chain.pop();
    chain.pop();
    const keep = Math.min(a, best);
    const drop = Math.max(a, best);
    const na = size[keep] as number;
    const nb = size[drop] as number;
    for (let k = 0; k < n; k += 1) {
      if (!active[k] || k === keep || k === drop) continue;
      const sa = s[keep * n + k] as number;
      const sb = s[drop * n + k] as number;
      const v = (na * sa + nb * sb) / (na + nb);
      s[keep * n + k] = v;
      s[k * n + keep] = v;
    }
    size[keep] = na + nb;
    active[drop] = false;
    remaining -= 1;
    merges.push({ a: keep, b: drop, sim: bestSim });
  }
  return merges
    .map((m, order) => ({ m, order }))
    .sort((x, y) => y.m.sim - x.m.sim || x.order - y.order)
    .map(({ m }) => m);
}

/** Cluster of each point after applying the first `n - k` merges; clusters numbered 0.. by first point. */
export function cutTree(merges: Merge[], n: number, k: number): number[] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    let y = x;
    while (parent[y] !== r) {
      const next = parent[y] as number;
      parent[y] = r;
      y = next;
    }
    return r;
  };
  for (const m of merges.slice(0, Math.max(0, n - k))) {
    const ra = find(m.a);
    const rb = find(m.b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const ids = new Map<number, number>();
  return Array.from({ length: n }, (_, i) => {
    const root = find(i);
    let id = ids.get(root);
    if (id === undefined) {
      id = ids.size;
      ids.set(root, id);
    }
    return id;
  });
}

/**
 * Mean silhouette of a partition under the distance 1 - similarity. Single-point clusters score 0,
 * so a cut that shatters the data into singletons is not rewarded.
 */
export function silhouette(sim: Float64Array, n: number, labels: number[]): number {
  const k = Math.max(...labels) + 1;
  if (k < 2 || k >= n) return 0;
  const sizes = new Array<number>(k).fill(0);
  for (const l of labels) sizes[l] = (sizes[l] ?? 0) + 1;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i += 1) {
    const own = labels[i] as number;
    if ((sizes[own] as number) < 2) continue;
    sums.fill(0);
    for (let j = 0; j < n; j += 1) {
      if (j === i) continue;
      const l = labels[j] as number;
      sums[l] = (sums[l] as number) + 1 - (sim[i * n + j] as number);
    }
    const a = (sums[own] as number) / ((sizes[own] as number) - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c += 1) {
      if (c !== own && (sizes[c] as number) > 0) b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
    }
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}
