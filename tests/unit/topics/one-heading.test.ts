import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import { addDraft, type Draft } from '../../../src/topics/drafts.js';

/**
 * Issue #12: one heading per subject. A section found in the batch under a catalogue topic's
 * name ("Fine-tuning") is that topic's section, not a second "Fine-tuning and knowledge
 * distillation". tests/e2e/one-heading.test.ts has the letter that made two of them.
 */

const topic = (slug: string): Topic => ({
  slug,
  label: slug,
  keywords: [],
  categories: [],
  userDefined: false,
});

describe('addDraft', () => {
  it.each<[string, Draft[], Draft, string[], number[][]]>([
    [
      'a new topic is a new section',
      [{ members: [0, 1], topic: topic('a'), words: ['a'], source: 0, settled: false }],
      { members: [2, 3], topic: topic('b'), words: ['b'], source: 1, settled: false },
      ['a', 'b'],
      [
        [0, 1],
        [2, 3],
      ],
    ],
    [
      'the same topic joins its section, each paper once',
      [{ members: [3, 0], topic: topic('a'), words: ['a'], source: 0, settled: false }],
      { members: [1, 3], topic: topic('a'), words: ['x'], source: 0, settled: true },
      ['a'],
      [[0, 1, 3]],
    ],
  ])('%s', (_name, drafts, draft, slugs, members) => {
    addDraft(drafts, draft);
    expect(drafts.map((d) => d.topic.slug)).toEqual(slugs);
    expect(drafts.map((d) => d.members)).toEqual(members);
  });
});
