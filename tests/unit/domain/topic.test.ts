import { describe, expect, it } from 'vitest';
import { isOffered, partParent, type Topic } from '../../../src/domain/index.js';
import { offeredTopics, subscribableSlug } from '../../../src/subscribers/index.js';

const topic = (slug: string, extra: Partial<Topic> = {}): Topic => ({
  slug,
  label: slug,
  keywords: [slug],
  categories: [],
  userDefined: false,
  origin: 'curated',
  ...extra,
});

describe('partParent', () => {
  it.each([
    ['llm-agents--memory', 'llm-agents'],
    ['a--b', 'a'],
    ['llm-agents', undefined],
    ['--memory', undefined],
    ['long-context', undefined],
  ])('%s -> %s', (slug, parent) => {
    expect(partParent(slug)).toBe(parent);
  });
});

describe('isOffered', () => {
  it.each([
    ['a curated topic', topic('llm-agents'), true],
    ['a config topic', topic('mine', { origin: 'config', userDefined: true }), true],
    ['an approved discovery', topic('gui-agents', { origin: 'approved' }), true],
    ['a proposal', topic('gui-agents', { origin: 'discovered' }), false],
    ['a hidden topic', topic('llm-agents', { hidden: true }), false],
    ['a part, even shown by hand', topic('llm-agents--memory', { hidden: false }), false],
    ['an approved part', topic('llm-agents--memory', { origin: 'approved' }), false],
  ])('%s: %s', (_what, t, offered) => {
    expect(isOffered(t)).toBe(offered);
  });

  it('offers a topic and never its parts; choosing a part means its parent', () => {
    const catalogue = [topic('llm-agents'), topic('llm-agents--memory'), topic('long-context')];
    expect(offeredTopics(catalogue).map((t) => t.slug)).toEqual(['llm-agents', 'long-context']);
    expect(subscribableSlug('llm-agents--memory')).toBe('llm-agents');
    expect(subscribableSlug('long-context')).toBe('long-context');
  });

  // Regression: the config's "LLM agents" replaced the curated one on the subscribe page and lost
  // its one-line description.
  it("gives the config's own topic the description of the curated topic it replaces", () => {
    const catalogue = [
      topic('agents', { origin: 'config', userDefined: true, label: 'LLM agents' }),
      topic('llm-agents', { label: 'LLM agents', description: 'Agents that plan and use tools.' }),
      topic('long-context', { label: 'Long context', description: 'Long inputs.' }),
    ];
    expect(offeredTopics(catalogue).map((t) => [t.slug, t.description])).toEqual([
      ['agents', 'Agents that plan and use tools.'],
      ['long-context', 'Long inputs.'],
    ]);
  });
});
