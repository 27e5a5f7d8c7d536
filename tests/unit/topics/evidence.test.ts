import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import { EVIDENCE, type PaperText, topicEvidence } from '../../../src/topics/index.js';

const topic = (keywords: string[]): Topic => ({
  slug: 'topic',
  label: 'Topic',
  keywords,
  categories: [],
  userDefined: false,
  origin: 'curated',
});

const paper = (title: string, summary = '', keywords: string[] = []): PaperText => ({
  id: 'p',
  title,
  summary,
  keywords,
  categories: [],
});

describe('topicEvidence', () => {
  const { title, keywords, abstract, passing } = EVIDENCE;
  it.each([
    [
      'phrases in the title, plurals folded',
      ['llm agents', 'tool use', 'agent'],
      paper('LLM Agents for Tool Use'),
      3 * title,
    ],
    ['non-ASCII words', ['übersetzung', 'agent'], paper('Agents für Übersetzung'), 2 * title],
    ['"us" and "ss" endings kept', ['campus', 'class', 'robot'], paper('Campus class robots'), 3 * title],
    ['a keyword', ['tool use'], paper('A study', '', ['tool-use']), keywords],
    ['a single word once in the abstract', ['agent'], paper('A study', 'An agent acts.'), passing],
    [
      'a single word twice in the abstract',
      ['agent'],
      paper('A study', 'An agent and another agent.'),
      abstract,
    ],
    [
      'a phrase of four words in the abstract',
      ['retrieval augmented generation pipelines'],
      paper('A study', 'A retrieval-augmented generation pipeline for QA.'),
      abstract,
    ],
    ['no phrase said', ['tool use', 'agent'], paper('Diffusion models', 'Images from noise.'), 0],
  ])('%s', (_case, phrases, source, expected) => {
    expect(topicEvidence(topic(phrases), source)).toBeCloseTo(expected, 10);
  });

  it('reads a keyword list again once it grows', () => {
    const t = topic(['tool use']);
    const source = paper('Diffusion models for images');
    expect(topicEvidence(t, source)).toBe(0);
    t.keywords.push('diffusion models');
    expect(topicEvidence(t, source)).toBe(title);
  });
});
