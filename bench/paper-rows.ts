import type { PaperText } from '../src/topics/index.js';

/**
 * A paper of a labelled JSON Lines set (tests/fixtures/topics, the shared corpora) as grouping
 * reads it. arXiv categories are the labels of these sets: they are left out of the input.
 */
export function paperText(r: Record<string, unknown>): PaperText {
  return {
    id: String(r.id),
    title: String(r.title ?? ''),
    summary: String(r.abstract ?? ''),
    aiSummary: typeof r.aiSummary === 'string' ? r.aiSummary : null,
    keywords: Array.isArray(r.keywords) ? r.keywords.map(String) : [],
    categories: [],
  };
}
