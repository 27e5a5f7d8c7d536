import type { Topic } from '../../../src/domain/index.js';
import type { PaperText } from '../../../src/topics/index.js';

/** A curated catalogue topic of these key phrases and no arXiv categories. */
export const curated = (slug: string, label: string, keywords: string[]): Topic => ({
  slug,
  label,
  keywords,
  categories: [],
  userDefined: false,
  origin: 'curated',
});

/** A paper of a title and an abstract only (no keywords, no categories). */
export const paper = (id: string, title: string, summary: string): PaperText => ({
  id,
  title,
  summary,
  keywords: [],
  categories: [],
});
