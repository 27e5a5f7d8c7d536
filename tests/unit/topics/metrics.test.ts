import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, normalizedMutualInformation } from '../../helpers/cluster-metrics.js';

describe('clustering metrics', () => {
  it.each([
    // Reference values from scikit-learn (normalized_mutual_info_score, adjusted_rand_score).
    ['identical', ['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y'], 1, 1],
    ['renamed clusters', ['a', 'a', 'b', 'b', 'c'], ['2', '2', '0', '0', '1'], 1, 1],
    ['one cluster for everything', ['a', 'a', 'b', 'b'], ['x', 'x', 'x', 'x'], 0, 0],
    [
      'sklearn example',
      ['0', '0', '0', '1', '1', '1'],
      ['0', '0', '1', '1', '2', '2'],
      0.5158037429793889,
      0.24242424242424246,
    ],
  ])('%s', (_, truth, predicted, nmi, ari) => {
    expect(normalizedMutualInformation(truth, predicted)).toBeCloseTo(nmi, 9);
    expect(adjustedRandIndex(truth, predicted)).toBeCloseTo(ari, 9);
  });

  it('rejects labelings of different lengths', () => {
    expect(() => adjustedRandIndex(['a'], ['a', 'b'])).toThrow(RangeError);
  });
});
