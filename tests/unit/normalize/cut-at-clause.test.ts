import { describe, expect, it } from 'vitest';
import { cutAtClause } from '../../../src/domain/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import { rawEntry } from './helpers.js';

const ABSTRACT =
  'Large language models are increasingly used for annotation. We investigate three dimensions of this interaction, and we find that nearly two-thirds of zero-shot errors are resistant to correction and';

// arXiv 2411.17876's abstract (the demo's cs.CL sample), whose card read "... implications. However…".
const TOXICITY =
  'Content moderation and toxicity classification represent critical tasks with significant social implications. However, studies have shown that major classification models exhibit tendencies to magnify or reduce biases and potentially overlook or disadvantage certain marginalized groups within their classification processes.';

describe('cutAtClause', () => {
  it.each([
    ['short text stays', 'Short text.', 50, 'Short text.'],
    ['at a sentence end', ABSTRACT, 120, 'Large language models are increasingly used for annotation.'],
    [
      'at a clause end when no sentence ends late enough',
      'We study retrieval for agents, comparing dense and sparse indexes over five benchmarks with many tools',
      60,
      'We study retrieval for agents…',
    ],
    [
      'never after a dangling "and"',
      'Retrieval helps small models reason better over long documents and',
      60,
      'Retrieval helps small models reason better over long…',
    ],
    [
      'not at "et al." or "e.g."',
      'As Smith et al. show, models (e.g. BERT) overfit quickly on small data sets',
      50,
      'As Smith et al. show…',
    ],
    ['a word when nothing else fits', 'one two three four five six seven', 20, 'one two three four…'],
    [
      'the full sentence, not a stub clause after it ("However…")',
      TOXICITY,
      280,
      'Content moderation and toxicity classification represent critical tasks with significant social implications.',
    ],
    [
      'a clause of four words or more after a full sentence stays',
      'Models are biased. However, recent studies of annotator positionality show, in several settings, that labels carry bias',
      100,
      'Models are biased. However, recent studies of annotator positionality show, in several settings…',
    ],
    [
      'no stub clause after a sentence too short to stand alone',
      'Bias matters. However, classification models exhibit tendencies to magnify or reduce the biases of annotators',
      100,
      'Bias matters. However, classification models exhibit tendencies to magnify or reduce the biases…',
    ],
  ])('%s', (_, text, limit, expected) => {
    const out = cutAtClause(text, limit);
    expect(out).toBe(expected);
    expect(Array.from(out).length).toBeLessThanOrEqual(limit);
  });

  it('regression (issue 14): arXiv abstracts no longer end mid-sentence on "...and…"', () => {
    const paper = normalizeEntry(
      rawEntry({ kind: 'arxiv-api', guid: 'http://arxiv.org/abs/2606.00467v1', summary: ABSTRACT }),
      { maxSummaryChars: 150 },
    );
    expect(paper?.summary).toBe(
      'Large language models are increasingly used for annotation. We investigate three dimensions of this interaction…',
    );
  });
});
