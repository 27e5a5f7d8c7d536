import type { Topic } from '../domain/index.js';
import { extractTerms } from './tokenize.js';
import { type Corpus, normalize, type PaperText, type SparseVector } from './vectorize.js';

/** Feature keys of a paper's whole text (title, abstract, keywords), for phrase matching. */
function paperKeys(paper: PaperText): Set<string> {
  const text = [paper.title, paper.summary, paper.aiSummary ?? '', ...paper.keywords].join(' . ');
  return new Set(extractTerms(text).map((t) => t.key));
}

/** Keys a keyword must all find in a paper: "kv cache" needs "kv cache"; one word needs itself. */
function keywordKey(keyword: string): string | undefined {
  const terms = extractTerms(keyword);
  const words = terms.filter((t) => !t.key.includes(' '));
  if (words.length === 0) return undefined;
  if (words.length === 1) return words[0]?.key;
  return words.map((w) => w.key).join(' ');
}

/**
 * How strongly a user-defined topic claims a paper: one point per matching category, one per
 * keyword or phrase found in its text (phrases match as written, word for word, plurals folded).
 * 0 means no claim.
 */
export function userTopicScore(topic: Topic, paper: PaperText, keys = paperKeys(paper)): number {
  let score = 0;
  const categories = new Set(paper.categories.map((c) => c.toLowerCase()));
  for (const c of topic.categories) if (categories.has(c.toLowerCase())) score += 1;
  for (const keyword of topic.keywords) {
    const key = keywordKey(keyword);
    if (key === undefined) continue;
    if (!key.includes(' ')) {
      if (keys.has(key)) score += 1;
      continue;
    }
    const parts = key.split(' ');
    // Phrases longer than a bigram: every adjacent pair must be in the text.
    let all = true;
    for (let i = 0; i + 1 < parts.length; i += 1) if (!keys.has(`${parts[i]} ${parts[i + 1]}`)) all = false;
    if (all) score += 1;
  }
  return score;
}

/** Index (in `topics`) of the user-defined topic that claims a paper most, ties to the first; -1 if none. */
export function matchUserTopic(topics: Topic[], paper: PaperText): number {
  // Reading the paper's keys is the expensive part: skip it when no user topic could match.
  if (!topics.some((t) => t.userDefined)) return -1;
  const keys = paperKeys(paper);
  let best = -1;
  let bestScore = 0;
  topics.forEach((topic, i) => {
    if (!topic.userDefined) return;
    const score = userTopicScore(topic, paper, keys);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/**
 * A catalogue topic as a vector of today's corpus: its keywords (best first, weights falling with
 * rank) weighted by today's IDF. Keywords unseen today simply drop out.
 */
export function topicVector(topic: Topic, corpus: Corpus): SparseVector {
  const acc = new Map<number, number>();
  topic.keywords.forEach((keyword, rank) => {
    const weight = 1 / (1 + rank / 8);
    for (const term of extractTerms(keyword)) {
      const i = corpus.index.get(term.key);
      if (i === undefined) continue;
      acc.set(i, Math.max(acc.get(i) ?? 0, weight * (corpus.idf[i] ?? 0)));
    }
  });
  const idx = [...acc.keys()].sort((a, b) => a - b);
  return normalize({ idx, val: idx.map((i) => acc.get(i) ?? 0) });
}
