import type { Topic } from '../domain/index.js';
import { TOPIC_KEYWORDS } from './label.js';
import { ascending, normalize, type SparseVector } from './sparse.js';
import { extractTerms, type Term } from './tokenize.js';
import { type Corpus, countTerms, type PaperTerms, type PaperText } from './vectorize.js';

/** Feature keys of a paper's whole text (title, abstract, AI summary, keywords), for phrase matching. */
export function paperKeys(terms: PaperTerms): Set<string> {
  const keys = new Set<string>();
  const { title, summary, aiSummary, keywords } = terms.fields;
  for (const field of [title, summary, aiSummary, keywords]) for (const key of field.keys()) keys.add(key);
  return keys;
}

/**
 * Terms of a keyword, read once: catalogue keywords repeat in every run of a daemon. Bounded like
 * the stem cache.
 */
const KEYWORD_TERMS = new Map<string, Term[]>();

function keywordTerms(keyword: string): Term[] {
  let terms = KEYWORD_TERMS.get(keyword);
  if (terms === undefined) {
    terms = extractTerms(keyword);
    if (KEYWORD_TERMS.size > 20_000) KEYWORD_TERMS.clear();
    KEYWORD_TERMS.set(keyword, terms);
  }
  return terms;
}

/** Keys a keyword must all find in a paper: "kv cache" needs "kv cache"; one word needs itself. */
function keywordKey(keyword: string): string | undefined {
  const words = keywordTerms(keyword).filter((t) => !t.key.includes(' ') && t.surface !== '');
  if (words.length === 0) return undefined;
  return words.map((t) => t.key).join(' ');
}

/**
 * How strongly a user-defined topic claims a paper: one point per matching category, one per
 * keyword or phrase found in its text (phrases match as written, word for word, plurals folded).
 * 0 means no claim.
 */
export function userTopicScore(
  topic: Topic,
  paper: PaperText,
  keys: Set<string> = paperKeys(countTerms(paper)),
): number {
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

/**
 * Index (in `topics`) of the user-defined topic that claims a paper most, ties to the first; -1 if
 * none. `terms` are the paper's counted terms when the caller has them already.
 */
export function matchUserTopic(topics: Topic[], paper: PaperText, terms?: PaperTerms): number {
  // Reading the paper's keys is the expensive part: skip it when no user topic could match.
  if (!topics.some((t) => t.userDefined)) return -1;
  const keys = paperKeys(terms ?? countTerms(paper));
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
    for (const { key } of keywordTerms(keyword)) {
      const i = corpus.index.get(key);
      if (i === undefined) continue;
      acc.set(i, Math.max(acc.get(i) ?? 0, weight * (corpus.idf[i] ?? 0)));
    }
  });
  const idx = ascending(acc.keys());
  return normalize({ idx, val: idx.map((i) => acc.get(i) ?? 0) });
}

/** Bounds of {@link refreshKeywords}. */
export interface RefreshOptions {
  /** Most keywords a topic keeps. */
  max?: number;
  /** Leading keywords never dropped: they say what the topic was created for, under its label. */
  anchored?: number;
  /** Most keywords one refresh may bring in. */
  maxNew?: number;
}

/**
 * A catalogue topic's keywords after papers joined it: the words those papers share (`fresh`,
 * best first) that the topic lacks come in at the end, in place of old keywords that today's
 * papers did not confirm, newest-unconfirmed first. Bounded, so a topic follows its subject as it
 * moves without drifting away from its label: the first `anchored` keywords always stay, at most
 * `maxNew` come in per refresh, and the list never grows past `max`. Confirmed keywords keep their
 * rank. Pure and deterministic.
 */
export function refreshKeywords(keywords: string[], fresh: string[], options: RefreshOptions = {}): string[] {
  const max = options.max ?? TOPIC_KEYWORDS;
  const anchored = options.anchored ?? Math.floor(max / 2);
  const maxNew = options.maxNew ?? Math.floor(max / 4);
  const has = new Set(keywords.map((k) => k.toLowerCase()));
  const confirmed = new Set(fresh.map((k) => k.toLowerCase()));
  const incoming = [...new Set(fresh.map((k) => k.toLowerCase()))]
    .filter((k) => !has.has(k))
    .slice(0, maxNew);
  const kept = keywords.slice(0, max);
  // Room for the incoming: free slots first, then unconfirmed keywords past the anchor, from the end.
  let room = max - kept.length;
  const dropped = new Set<number>();
  for (let i = kept.length - 1; i >= anchored && room < incoming.length; i -= 1) {
    if (confirmed.has((kept[i] as string).toLowerCase())) continue;
    dropped.add(i);
    room += 1;
  }
  return [...kept.filter((_, i) => !dropped.has(i)), ...incoming.slice(0, room)];
}
