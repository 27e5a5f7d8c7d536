import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedPath, goldenInputs, runGolden } from './golden.js';

describe('golden feeds', () => {
  const inputs = goldenInputs();

  it('has golden pairs for every kind', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(15);
  });

  it.each(inputs)('%s', async (input) => {
    const expected = JSON.parse(readFileSync(expectedPath(input), 'utf8'));
    expect(await runGolden(input)).toEqual(expected);
  });
});
