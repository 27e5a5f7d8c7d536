import { readableText } from '../src/cli/input-file.js';
import type { PaperText } from '../src/topics/index.js';

/**
 * A paper of a labelled JSON Lines set (tests/fixtures/topics, the shared corpora) as grouping
 * reads it: its title and abstract as `paperpost group --in` reads them (arXiv's LaTeX as Unicode,
 * see readableText). arXiv categories are the labels of these sets: they are left out of the input.
 */
export function paperText(r: Record<string, unknown>): PaperText {
  return {
    id: String(r.id),
    title: readableText(String(r.title ?? '')),
    summary: readableText(String(r.abstract ?? '')),
    aiSummary: typeof r.aiSummary === 'string' ? readableText(r.aiSummary) : null,
    keywords: Array.isArray(r.keywords) ? r.keywords.map(String) : [],
    categories: [],
  };
}
