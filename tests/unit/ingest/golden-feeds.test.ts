import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergePapers } from '../../../src/normalize/index.js';
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

describe('golden feeds merged across sources', () => {
  it('merges the HF papers RSS and JSON Feed of one day into one paper per id with both sources', async () => {
    const rss = await runGolden('hf-papers-rss2-2025-07-14.xml');
    const json = await runGolden('hf-papers-jsonfeed-2025-07-14.json');
    if ('error' in rss || 'error' in json) throw new Error('fixture failed to parse');
    const merged = mergePapers([...rss.papers, ...json.papers]);
    expect(merged).toHaveLength(rss.papers.length);
    expect(merged.every((p) => p.sources.length === 2)).toBe(true);
    expect(merged.map((p) => p.id)).toEqual(rss.papers.map((p) => p.id));
  });
});
