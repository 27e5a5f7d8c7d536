import type { Topic } from '../domain/index.js';
import { contentRuns } from './tokenize.js';
import type { PaperText } from './vectorize.js';

/**
 * Evidence a paper gives for a topic's key phrase, by where it says it: in its title (the paper
 * names its subject), in its keywords (Hugging Face `ai_keywords`, authors' keywords), or only
 * in its abstract / AI summary, where one word said in passing ("agentic" once) is weak.
 */
export const EVIDENCE = {
  title: 3,
  keywords: 2,
  /** A phrase of two words or more in the abstract, or a single word said at least twice. */
  abstract: 1,
  /** A single word said once in the abstract. */
  passing: 0.4,
  /** One of the topic's arXiv categories: only on top of a phrase match, never alone. */
  category: 0.5,
} as const;

/** Evidence at which a paper joins a topic: a key phrase in its title, or several shared phrases. */
export const JOIN_EVIDENCE = 3;

/** Unit keys of a phrase, read once (catalogues repeat in every run). */
const PHRASE_KEYS = new Map<string, string[]>();

/**
 * The feature keys of a phrase's words, in order ("vision-language models" -> ["vision language",
 * "model"]); [] for a phrase with a stopword or a too-short word ("video understanding", "3d
 * generation"): matching what is left ("video", "generation") would claim unrelated papers.
 */
export function phraseKeys(phrase: string): string[] {
  let keys = PHRASE_KEYS.get(phrase);
  if (keys === undefined) {
    const runs = contentRuns(phrase);
    const words = phrase.trim().split(/\s+/).filter((w) => w !== '');
    keys = runs.length === 1 && runs[0]?.length === words.length ? runs[0].map((u) => u.key) : [];
    if (PHRASE_KEYS.size > 20_000) PHRASE_KEYS.clear();
    PHRASE_KEYS.set(phrase, keys);
  }
  return keys;
}

/** What evidence is read from: a paper's text fields and categories. */
export type EvidenceSource = Pick<PaperText, 'title' | 'summary' | 'keywords' | 'categories'> & {
  aiSummary?: string | null;
};

/** A phrase as a match key: lowercase, hyphens as spaces, each word's plural "s" dropped. */
function phraseId(text: string): string {
  return text
    .toLowerCase()
    .split(/[\s\u2010-\u2015-]+/)
    .filter((w) => w !== '')
    .map((w) => (w.length > 3 && /[^s]s$/.test(w) ? w.slice(0, -1) : w))
    .join(' ');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface TopicMatcher {
  regex: RegExp;
  /** Phrase ids of the topic, and whether each is a single word. */
  single: Map<string, boolean>;
}

const MATCHERS = new WeakMap<Topic, TopicMatcher>();

/**
 * One regular expression per topic for all its phrases, word for word as written: hyphen or
 * space between words, a plural "s" optional, nothing stemmed ("tokenizer" does not match
 * "tokens", "3d generation" needs "3D").
 */
function matcherOf(topic: Topic): TopicMatcher {
  let m = MATCHERS.get(topic);
  if (!m) {
    const single = new Map<string, boolean>();
    const parts: string[] = [];
    for (const phrase of topic.keywords) {
      const id = phraseId(phrase);
      if (id === '' || single.has(id)) continue;
      single.set(id, !id.includes(' '));
      parts.push(id.split(' ').map((w) => `${escape(w)}(?:e?s)?`).join('[\\s\u2010-\u2015-]+'));
    }
    const body = parts.length > 0 ? parts.sort((a, b) => b.length - a.length).join('|') : '(?!)';
    m = { regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu'), single };
    MATCHERS.set(topic, m);
  }
  return m;
}

/** Phrase ids a text says, with counts. */
function said(m: TopicMatcher, texts: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const text of texts) {
    if (text === '') continue;
    for (const match of text.matchAll(m.regex)) {
      const id = phraseId(match[0]);
      const known = m.single.has(id) ? id : phraseId(match[0].replace(/(?:e?s)(?=$|[\s-])/gi, ''));
      out.set(known, (out.get(known) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * Evidence a paper gives for a topic: for each distinct key phrase, the strongest place it says
 * it (see {@link EVIDENCE}), summed; plus a little for a shared arXiv category when some phrase
 * matched (an operator's own category rule counts fully).
 */
export function topicEvidence(topic: Topic, paper: EvidenceSource): number {
  const m = matcherOf(topic);
  const inTitle = said(m, [paper.title]);
  const inKeywords = said(m, paper.keywords);
  const inAbstract = said(m, [paper.summary, paper.aiSummary ?? '']);
  let score = 0;
  // Single words of an abstract ("agent", "agentic", "multi-agent") count once together: they
  // are one subject said several ways, not several shared phrases.
  let words = 0;
  for (const [id, one] of m.single) {
    if (inTitle.has(id)) score += EVIDENCE.title;
    else if (inKeywords.has(id)) score += EVIDENCE.keywords;
    else {
      const count = inAbstract.get(id) ?? 0;
      if (count > 0 && one) words = Math.max(words, count >= 2 ? EVIDENCE.abstract : EVIDENCE.passing);
      else if (count > 0) score += EVIDENCE.abstract;
    }
  }
  score += words;
  if ((score > 0 || topic.userDefined) && topic.categories.length > 0) {
    const own = new Set(paper.categories.map((c) => c.toLowerCase()));
    // An operator's category rule is evidence of its own; a catalogue's only supports a phrase.
    if (topic.categories.some((c) => own.has(c.toLowerCase())))
      score += topic.userDefined ? JOIN_EVIDENCE : EVIDENCE.category;
  }
  return score;
}

/**
 * The topic (index in `topics`, among `candidates`) a paper gives the most evidence for, if it
 * reaches `min` ({@link JOIN_EVIDENCE}); ties go to the first. -1 when none does.
 */
export function bestTopic(
  topics: readonly Topic[],
  candidates: readonly number[],
  paper: EvidenceSource,
  min = JOIN_EVIDENCE,
): { index: number; evidence: number } {
  let best = { index: -1, evidence: 0 };
  for (const i of candidates) {
    const evidence = topicEvidence(topics[i] as Topic, paper);
    if (evidence >= min && evidence > best.evidence) best = { index: i, evidence };
  }
  return best;
}
