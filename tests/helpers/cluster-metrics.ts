/** Contingency counts of two labelings of the same items. */
function contingency(
  a: readonly string[],
  b: readonly string[],
): { cells: number[]; joint: [number, number, number][]; rows: number[]; cols: number[] } {
  if (a.length !== b.length) throw new RangeError(`labelings differ in length: ${a.length} vs ${b.length}`);
  const ra = new Map<string, number>();
  const rb = new Map<string, number>();
  for (const x of a) if (!ra.has(x)) ra.set(x, ra.size);
  for (const x of b) if (!rb.has(x)) rb.set(x, rb.size);
  const cells = new Map<number, number>();
  const rows = new Array<number>(ra.size).fill(0);
  const cols = new Array<number>(rb.size).fill(0);
  a.forEach((x, i) => {
    const r = ra.get(x) as number;
    const c = rb.get(b[i] as string) as number;
    cells.set(r * rb.size + c, (cells.get(r * rb.size + c) ?? 0) + 1);
    rows[r] = (rows[r] ?? 0) + 1;
    cols[c] = (cols[c] ?? 0) + 1;
  });
  const joint = [...cells.entries()].map(([key, count]): [number, number, number] => [
    Math.floor(key / rb.size),
    key % rb.size,
    count,
  ]);
  return { cells: [...cells.values()], joint, rows, cols };
}

function entropy(counts: number[], n: number): number {
  return -counts.reduce((h, c) => (c > 0 ? h + (c / n) * Math.log(c / n) : h), 0);
}

/**
 * Normalized mutual information, arithmetic-mean normalization (scikit-learn's default):
 * 1 for identical partitions, about 0 for independent ones.
 */
export function normalizedMutualInformation(truth: readonly string[], predicted: readonly string[]): number {
  const n = truth.length;
  const { joint, rows, cols } = contingency(truth, predicted);
  if (n === 0) return 1;
  const hA = entropy(rows, n);
  const hB = entropy(cols, n);
  if (hA === 0 && hB === 0) return 1;
  let mi = 0;
  for (const [r, c, count] of joint) {
    mi += (count / n) * Math.log((n * count) / ((rows[r] as number) * (cols[c] as number)));
  }
  const denom = (hA + hB) / 2;
  return denom === 0 ? 0 : Math.max(0, mi / denom);
}

const pairs = (x: number): number => (x * (x - 1)) / 2;

/** Adjusted Rand index: 1 for identical partitions, about 0 for random ones. */
export function adjustedRandIndex(truth: readonly string[], predicted: readonly string[]): number {
  const n = truth.length;
  const { cells, rows, cols } = contingency(truth, predicted);
  if (n < 2) return 1;
  const index = cells.reduce((s, c) => s + pairs(c), 0);
  const sumRows = rows.reduce((s, c) => s + pairs(c), 0);
  const sumCols = cols.reduce((s, c) => s + pairs(c), 0);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
