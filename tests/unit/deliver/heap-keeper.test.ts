import { describe, expect, it } from 'vitest';
import { canCollect, createHeapKeeper } from '../../../src/deliver/heap-keeper.js';

describe('createHeapKeeper', () => {
  it.each([
    [[200, 200, 200, 200, 200], 1000, 1],
    [[200, 200, 200, 200, 199], 1000, 0],
    [[600, 600, 600, 600], 1000, 2],
    [[5000], 1000, 1],
  ])('batches %j with every=%i collect %i time(s)', (batches, every, times) => {
    let calls = 0;
    const keep = createHeapKeeper(every, () => {
      calls++;
    });
    for (const n of batches) keep(n);
    expect(calls).toBe(times);
  });

  it('can run a real full collection in this process', () => {
    expect(canCollect()).toBe(true);
    const keep = createHeapKeeper(1);
    expect(() => keep(1)).not.toThrow();
  });
});
