import type { Topic } from '../domain/index.js';
import { extractTerms, foldPlural } from './tokenize.js';
import type { PaperTerms } from './vectorize.js';

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

/** Key words of a phrase, read once (catalogues repeat in every run): "long-context" -> [long, context]. */
const PHRASE_KEYS = new Map<string, string[]>();

/** The feature keys a phrase must find in a field, in order; [] for a phrase of stopwords. */
export function phraseKeys(phrase: string): string[] {
  let keys = PHRASE_KEYS.get(phrase);
  if (keys === undefined) {
    keys = extractTerms(phrase)
      .filter((t) => !t.key.includes(' ') && t.surface !== '')
      .map((t) => t.key);
    if (PHRASE_KEYS.size > 20_000) PHRASE_KEYS.clear();
    PHRASE_KEYS.set(phrase, keys);
  }
  return keys;
}

/** How often a field says a phrase (by its keys): the least count of its adjacent word pairs. */
function phraseCount(field: ReadonlyMap<string, number>, keys: string[]): number {
  if (keys.length === 1) return field.get(keys[0] as string) ?? 0;
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < keys.length; i += 1) {
    least = Math.min(least, field.get(`${keys[i]} ${keys[i + 1]}`) ?? 0);
    if (least === 0) return 0;
  }
  return least;
}

/**
 * true when a paper writes the single word `word` itself (plural folded), not only a word of the
 * same stem: "tokenizer" must not match "tokens", nor "agentic" "agency".
 */
function writesWord(terms: PaperTerms, key: string, word: string): boolean {
  const forms = terms.surfaces.get(key);
  if (!forms) return false;
  const want = foldPlural(word.toLowerCase());
  for (const form of forms.keys()) if (foldPlural(form.toLowerCase()) === want) return true;
  return false;
}

/** Evidence of one phrase in one paper (see {@link EVIDENCE}); `word` is a one-word phrase as written. */
export function phraseEvidence(terms: PaperTerms, keys: string[], word?: string): number {
  if (keys.length === 0) return 0;
  if (keys.length === 1 && word !== undefined && !writesWord(terms, keys[0] as string, word)) return 0;
  const { title, keywords, summary, aiSummary } = terms.fields;
  if (phraseCount(title, keys) > 0) return EVIDENCE.title;
  if (phraseCount(keywords, keys) > 0) return EVIDENCE.keywords;
  const said = phraseCount(summary, keys) + phraseCount(aiSummary, keys);
  if (said === 0) return 0;
  return keys.length > 1 || said >= 2 ? EVIDENCE.abstract : EVIDENCE.passing;
}

/**
 * Evidence a paper gives for a topic: the sum over the topic's distinct key phrases, plus a
 * little for a shared arXiv category when some phrase matched.
 */
export function topicEvidence(topic: Topic, terms: PaperTerms, categories: readonly string[]): number {
  let score = 0;
  const seen = new Set<string>();
  for (const phrase of topic.keywords) {
    const keys = phraseKeys(phrase);
    const key = keys.join(' ');
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    score += phraseEvidence(terms, keys, keys.length === 1 && !/[\s-]/.test(phrase) ? phrase : undefined);
  }
  if ((score > 0 || topic.userDefined) && topic.categories.length > 0) {
    const own = new Set(categories.map((c) => c.toLowerCase()));
    // An operator's category rule is evidence of its own; a catalogue's only supports a phrase.
    if (topic.categories.some((c) => own.has(c.toLowerCase())))
      score += topic.userDefined ? JOIN_EVIDENCE : EVIDENCE.category;
  }
  return score;
}

/**
 * The topic (index in `topics`) a paper gives the most evidence for, if it reaches `min`
 * ({@link JOIN_EVIDENCE}); ties go to the first topic. -1 when none does.
 */
export function bestTopic(
  topics: readonly Topic[],
  candidates: readonly number[],
  terms: PaperTerms,
  categories: readonly string[],
  min = JOIN_EVIDENCE,
): { index: number; evidence: number } {
  let best = { index: -1, evidence: 0 };
  for (const i of candidates) {
    const evidence = topicEvidence(topics[i] as Topic, terms, categories);
    if (evidence >= min && evidence > best.evidence) best = { index: i, evidence };
  }
  return best;
}
