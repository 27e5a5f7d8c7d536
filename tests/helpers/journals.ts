import path from 'node:path';
import { ROOT } from './cli.js';

/** Real journal feeds of botany and zoology (tests/fixtures/journals, its README says whose). */
export const JOURNALS = path.join(ROOT, 'tests', 'fixtures', 'journals');

/**
 * Headings that never fit a letter of those feeds: machine learning applied to a field, and arXiv
 * archives a naive Bayes model guessed for texts it barely knows (issue #12, session 51).
 */
export const NOT_THEIR_HEADINGS = [
  'AI for science',
  'AI for science and medicine',
  'Medical AI',
  'Astrophysics',
  'Mathematics',
  'Physics',
  'Quantitative biology',
];
