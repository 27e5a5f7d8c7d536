import { describe, expect, it } from 'vitest';
import type { Edition, Variant } from '../../../src/domain/index.js';
import { variantLabel } from '../../../src/server/preview-app.js';

const edition = {
  sections: [
    { topic: { slug: 'robotics', label: 'Robot learning' } },
    { topic: { slug: 'agents', label: 'LLM agents' } },
  ],
  // A topic the everyone letter had no room for: named from the edition's topic sections.
  topicSections: [{ topic: { slug: 'multilingual-nlp', label: 'Multilingual NLP' } }],
} as unknown as Edition;

describe('variantLabel: the preview names a variant as people chose it', () => {
  it.each([
    [[], 'daily', 'Daily · all topics'],
    [['robotics'], 'daily', 'Daily · Robot learning'],
    [['agents', 'robotics'], 'weekly', 'Weekly · LLM agents, Robot learning'],
    // Regression: "all except" choices (`!slug`) read "Daily · !robotics" before.
    [['!robotics'], 'daily', 'Daily · all topics except Robot learning'],
    [['!robotics', '!agents'], 'weekly', 'Weekly · all topics except Robot learning, LLM agents'],
    [['!unknown-slug'], 'daily', 'Daily · all topics except unknown-slug'],
    [['multilingual-nlp'], 'daily', 'Daily · Multilingual NLP'],
  ])('%j (%s) -> %s', (topics, frequency, label) => {
    expect(variantLabel({ topics, frequency } as unknown as Variant, edition)).toBe(label);
  });
});
