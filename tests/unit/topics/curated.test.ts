import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../../src/topics/index.js';

const file = (topics: unknown[]): string => JSON.stringify({ topics });
const entry = { slug: 'rag', label: 'Retrieval', description: 'Search.', phrases: ['rag'], categories: [] };

describe('parseCatalogue: the labels earlier catalogues shipped', () => {
  it('reads formerLabels, and leaves a topic without them without', () => {
    const [rag, kv] = parseCatalogue(
      file([
        { ...entry, formerLabels: [' RAG '] },
        { ...entry, slug: 'kv', label: 'KV cache' },
      ]),
      'cat.json',
    );
    expect(rag?.formerLabels).toEqual(['RAG']);
    expect(kv && 'formerLabels' in kv).toBe(false);
  });

  it.each([
    ['a string', 'RAG'],
    ['an empty label', ['']],
    ['a number', [3]],
  ])('refuses formerLabels of %s with one line naming the file and the topic', (_name, formerLabels) => {
    expect(() => parseCatalogue(file([{ ...entry, formerLabels }]), 'cat.json')).toThrow(
      /^cat\.json: topic 1 \(rag\): "formerLabels" must be an array of strings$/,
    );
  });

  it('lists, for each topic of the shipped catalogue, labels other than its own', () => {
    const shipped = parseCatalogue(
      readFileSync(new URL('../../../data/catalogue.json', import.meta.url), 'utf8'),
      'data/catalogue.json',
    );
    const renamed = shipped.filter((t) => t.formerLabels !== undefined);
    expect(renamed.map((t) => t.slug)).toContain('rag-retrieval');
    for (const t of renamed) expect(t.formerLabels).not.toContain(t.label);
  });
});
