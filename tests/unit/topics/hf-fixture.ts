import { readFileSync } from 'node:fs';
import type { Paper, Topic } from '../../../src/domain/index.js';
import { isGeneric, isHeadWord, isStartWord, parseCatalogue, phraseKeys } from '../../../src/topics/index.js';

/** One hand-labelled paper of tests/fixtures/topics/hf-labeled.jsonl. */
export interface LabeledPaper extends Paper {
  label: string;
  /** File of ../shared/corpora/hf/ it came from (its "edition"). */
  origin: string;
}

/** The hand-labelled HF papers (108 real papers, 15 fine topics), as Papers. */
export function loadHfLabeled(): LabeledPaper[] {
  const url = new URL('../../fixtures/topics/hf-labeled.jsonl', import.meta.url);
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const r = JSON.parse(line) as Record<string, unknown>;
      return {
        id: String(r.id),
        title: String(r.title),
        url: `https://huggingface.co/papers/${String(r.id)}`,
        authors: [],
        published: typeof r.published === 'string' ? r.published : null,
        summary: String(r.abstract),
        aiSummary: typeof r.aiSummary === 'string' ? r.aiSummary : null,
        keywords: Array.isArray(r.keywords) ? r.keywords.map(String) : [],
        categories: [],
        upvotes: typeof r.upvotes === 'number' ? r.upvotes : 0,
        comments: typeof r.comments === 'number' ? r.comments : 0,
        sources: ['hf'],
        links: { abs: null, pdf: null, code: null, hf: null },
        label: String(r.label),
        origin: String(r.source),
      };
    });
}

export { seededRandom, shuffle } from '../../helpers/seeded-random.js';

/** A heading, not a cut phrase or two words joined by "and" ("Relative positional", "Teacher and token"). */
export function readsAsHeading(label: string): boolean {
  if (/^\S+ and \S+$/i.test(label)) return false;
  return label.split(/ and |, /i).every((part) => {
    const words = part.trim().split(/\s+/);
    const keys = phraseKeys(part);
    return (
      isHeadWord(words.at(-1) ?? '') && isStartWord(words[0] ?? '') && (keys.length === 0 || !isGeneric(keys))
    );
  });
}

/** The shipped curated catalogue (data/catalogue.json), as a run reads it. */
export function loadCatalogue(): Topic[] {
  const url = new URL('../../../data/catalogue.json', import.meta.url);
  return parseCatalogue(readFileSync(url, 'utf8'), 'data/catalogue.json');
}
