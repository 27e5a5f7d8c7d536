import { type ContentUnit, flatContentRuns, stemWord } from './tokenize.js';

/**
 * Noun-phrase candidates of a batch, for labels. A candidate is one to three adjacent content
 * words of a run (see `contentRuns`), kept only where it reads as a complete phrase: it must
 * usually end where the run ends ("Relative positional" is always followed by "encoding", so it
 * is cut), its last word must be a noun (not "positional", "evaluating", "efficient"), its first
 * word no verb form ("Evaluating long-context ..."), and not every word generic ("Language
 * models", "Approach"). Part-of-speech tagging (wink-nlp) was measured and is too slow to load
 * on the critical path (1.3-1.7 s start-up, 5-9 ms per abstract); these rules are enough for the
 * head-final noun phrases of research writing.
 */
export interface PhraseStats {
  /** Papers that say the phrase anywhere (title, keywords, abstract, AI summary). */
  papers: Set<number>;
  /** Papers that say it in the title or keywords. */
  headline: Set<number>;
  /** Occurrences, and those at the end of a run (complete on the right). */
  count: number;
  complete: number;
  /** Of the complete occurrences, those that end on a plural ("black holes" ending a run). */
  completePlural: number;
  /** Occurrences at the start of a run (not the tail of a longer name: "cache compression" of "KV cache compression"). */
  start: number;
  /** Surface forms and their counts. */
  surfaces: Map<string, number>;
  /** The surface forms written in a title or keywords (see {@link bestSurface}). */
  titled: Set<string>;
  /** Word keys of the phrase. */
  words: string[];
}

/** Per paper text to read phrases from. */
export interface PhraseSource {
  title: string;
  keywords: readonly string[];
  summary: string;
  aiSummary?: string | null;
}

/** Words that say nothing of a subject alone: a label must have at least one other word. */
const GENERIC = new Set(
  `model language large llm lm paper approach method framework system task data dataset benchmark
  learning network neural deep ai performance result training study analysis technique tool
  application problem solution strategy pipeline algorithm module mechanism process quality
  efficiency capability information knowledge input output scale test setting domain case level
  type way time step token parameter structure baseline metric score error challenge issue
  improvement human user real general question answer prompt response gap environment limit role
  impact effect insight lesson perspective view stage part set form kind behavior behaviour
  llm-based trade-off tradeoff evidence source target goal efficient robust scalable novel new
  rate success cost gain
  simple effective better unified general large small`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** -ing words that name things in research writing ("reasoning models", "Speculative decoding"). */
const NOMINAL_ING = new Set(
  `reasoning learning training planning decoding editing grounding rendering tracking sampling pruning
  routing scaling fine-tuning finetuning pretraining pre-training post-training posttraining
  captioning modeling modelling forecasting embedding embeddings understanding computing programming
  engineering processing clustering hashing matching mapping encoding prompting tuning coding
  red-teaming teaming watermarking unlearning parsing ranking reranking fingerprinting inpainting
  splatting steering probing benchmarking retrieval-augmented thinking forgetting driving manufacturing
  tokenizing tokenization setting testing fuzzing debugging scheduling caching sensing imaging mining
  denoising networking`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

const ADJECTIVES = new Set(
  `efficient robust scalable general unified simple fast large small new different diverse dynamic
  adaptive open fine-grained high-quality end-to-end multimodal effective novel better best strong
  weak hard easy early late real recent various several many few more less most least current
  existing prior previous future key main such same own other low high long short deep shallow
  free based aware driven guided level scale wide broad full partial single multiple joint
  explicit implicit generalist specialist lightweight zero-shot few-shot training-free dual
  linear nonlinear bilinear multilinear molecular cellular circular modular regular irregular
  similar particular solar polar nuclear stellar planar granular angular triangular rectangular`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

const ADJECTIVE_ENDINGS = /(?:al|ive|ous|ful|less|able|ible|ic|ed|ly|ant|ent|ary|ise|ize|wise|like)$/;

/** Nouns with an adjective-like ending that research labels use as heads. */
const NOUN_EXCEPTIONS = new Set(
  `agent agents gradient gradients component components environment environments element elements
  student students patient patients assistant assistants tangent content intent alignment agentic
  retrieval proposal rehearsal signal signals interval intervals potential manual tutorial
  protocol journal survival trial trials rational dialect medical clinical music logic topic topics
  graphic graphics physic physics mechanic mechanics dynamic dynamics semantic semantics metric metrics
  analytic analytics ethic ethics heuristic heuristics objective objectives initiative narrative
  narratives incentive incentives detective alternative alternatives representative derivative
  speed seed need feed bed embed embedded bed weed hundred red-teaming table tables variable variables
  capable vocabulary summary summaries library libraries dictionary boundary boundaries glossary
  anniversary adversary adversaries commentary diary itinerary salary anomaly family assembly
  supply reply apply rely fly butterfly`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/**
 * The regular expressions of the word tests, made once: a bundle for Node 20 turns a `\p{...}`
 * literal into `new RegExp(...)` at its place, which would build one per call.
 */
const LETTER = /\p{L}/u;
const ALL_DIGITS = /^\p{N}+$/u;
const CAPITAL = /\p{Lu}/u;
const TWO_CAPITALS = /\p{Lu}.*\p{Lu}/u;
const CAMEL = /\p{Ll}\p{Lu}/u;

function lastPart(surface: string): string {
  const parts = surface.toLowerCase().split('-');
  return parts[parts.length - 1] ?? '';
}

/** true for a word a noun phrase may end with. */
export function isHeadWord(surface: string): boolean {
  const whole = surface.toLowerCase();
  const word = lastPart(surface);
  if (!LETTER.test(word) || ALL_DIGITS.test(word)) return false;
  if (NOUN_EXCEPTIONS.has(whole) || NOUN_EXCEPTIONS.has(word)) return true;
  if (ADJECTIVES.has(whole) || ADJECTIVES.has(word)) return false;
  // An acronym or a coined name ("KV", "LoRA", "GRPO") is a name.
  if (TWO_CAPITALS.test(surface) || CAMEL.test(surface)) return true;
  if (word.endsWith('ing')) return NOMINAL_ING.has(whole) || NOMINAL_ING.has(word);
  // "positional", "generative", "efficient", "proposed", "formally": modifiers, not heads.
  if (word.length > 4 && ADJECTIVE_ENDINGS.test(word)) return false;
  return true;
}

/** true for a word a noun phrase may start with (no verb form, no adverb). */
export function isStartWord(surface: string): boolean {
  const word = surface.toLowerCase().split('-')[0] ?? '';
  if (!LETTER.test(surface)) return false;
  if (word.endsWith('ing') && !NOMINAL_ING.has(surface.toLowerCase()) && !NOMINAL_ING.has(word)) return false;
  if (word.length > 4 && word.endsWith('ly')) return false;
  // "improved", "proposed", "learned": past participles, modifiers at most.
  if (word.length > 5 && word.endsWith('ed') && !CAPITAL.test(surface)) return false;
  return true;
}

/** true for a phrase whose words are all generic ("Language models", "Large benchmark"). */
export function isGeneric(words: readonly string[]): boolean {
  return words.every((w) => w.split(' ').every((part) => GENERIC_KEYS.has(part)));
}

const GENERIC_KEYS = new Set([...GENERIC].map(stemWord));

/**
 * Words that link papers well enough but make no heading with only generic words beside them:
 * "Machine learning", "Foundation models", "Latent space", "Pre-trained language model", "Dense
 * models" (a contrast with sparse ones: it headed a mixture-of-experts paper and an annotation study),
 * "Natural language", "Contextual information", "Attention networks" (a method's word: what a paper
 * uses, not what it is on), and the kind of paper rather than its subject:
 * "Literature review" headed two testing reviews (of GUI testing, of test automation maturity), as
 * "Survey" or "Systematic review" would.
 */
const VAGUE_KEYS = new Set(
  'machine foundation latent space pre pretrained computer modern dense natural contextual attention literature review survey systematic'
    .split(' ')
    .map(stemWord),
);

/**
 * What a title says of the paper itself, not of its subject: arXiv's "(Extended Version)" of two
 * titles headed a housing-market paper and a kernel-safety one of a cs letter; a kind of review
 * ("Systematic mapping" of three mapping studies of a feed on testing, as "Literature review").
 */
const VAGUE_PHRASES = new Set(
  [
    'extended version',
    'full version',
    'long version',
    'technical report',
    'supplementary material',
    'systematic mapping',
  ].map((p) => p.split(' ').map(stemWord).join(' ')),
);

/** true for a phrase that names no subject as a heading: only generic and vague words. */
export function isVague(words: readonly string[]): boolean {
  if (VAGUE_PHRASES.has(words.join(' '))) return true;
  return words.every((w) => w.split(' ').every((part) => GENERIC_KEYS.has(part) || VAGUE_KEYS.has(part)));
}

/** Words after which a phrase still reads complete ("sparse attention mechanism" names "sparse attention"). */
const TRAILING = new Set(
  'mechanism module technique strategy scheme paradigm pipeline algorithm process setting problem'
    .split(' ')
    .map(stemWord),
);

function record(
  stats: Map<string, PhraseStats>,
  paper: number,
  units: Run,
  start: number,
  end: number,
  headline: boolean,
): void {
  for (let i = start; i < end; i += 1) {
    // No phrase starts on the second half of a name ("Vries" of "Korteweg-de Vries").
    if ((units[i] as ContentUnit).named) continue;
    let key = '';
    let surface = '';
    for (let n = 1; n <= MAX_WORDS && i + n <= end; n += 1) {
      const unit = units[i + n - 1] as ContentUnit;
      key = n === 1 ? unit.key : `${key} ${unit.key}`;
      let s = stats.get(key);
      if (!s) {
        // Phrases are born in titles and keywords; abstracts only add to them.
        if (!headline) continue;
        s = {
          papers: new Set(),
          headline: new Set(),
          count: 0,
          complete: 0,
          completePlural: 0,
          start: 0,
          surfaces: new Map(),
          titled: new Set(),
          words: (units.slice(i, i + n) as ContentUnit[]).map((u) => u.key),
        };
        stats.set(key, s);
      }
      surface = n === 1 ? unit.surface : `${surface} ${unit.surface}`;
      s.papers.add(paper);
      if (headline) s.headline.add(paper);
      s.count += 1;
      // The unit after the run is null (see flatContentRuns).
      const next = units[i + n] as ContentUnit | null;
      if (next === null || TRAILING.has(next.key)) {
        s.complete += 1;
        if (endsPlural(unit)) s.completePlural += 1;
      }
      if (i === start) s.start += 1;
      s.surfaces.set(surface, (s.surfaces.get(surface) ?? 0) + 1);
      if (headline) s.titled.add(surface);
    }
  }
}

/**
 * Counts a run of an abstract or AI summary: only phrases the titles and keywords gave are
 * counted, so a candidate is built only where `next` says one can follow (see
 * {@link continuations}); the same counts as {@link record}, without a string per word and length.
 */
function recordKnown(
  stats: Map<string, PhraseStats>,
  next: ReadonlyMap<string, ReadonlySet<string>>,
  paper: number,
  units: Run,
  start: number,
  end: number,
): void {
  for (let i = start; i < end; i += 1) {
    if ((units[i] as ContentUnit).named) continue;
    let key = '';
    let surface = '';
    for (let n = 1; n <= MAX_WORDS && i + n <= end; n += 1) {
      const unit = units[i + n - 1] as ContentUnit;
      if (n === 1) key = unit.key;
      else if (next.get(key)?.has(unit.key)) key = `${key} ${unit.key}`;
      else break;
      const s = stats.get(key);
      if (!s) {
        // Not a phrase, but maybe the start of one ("a b" of "a b-c"); else none starts here.
        if (n === 1 && !next.has(key)) break;
        continue;
      }
      surface = n === 1 ? unit.surface : `${surface} ${unit.surface}`;
      s.papers.add(paper);
      s.count += 1;
      const after = units[i + n] as ContentUnit | null;
      if (after === null || TRAILING.has(after.key)) {
        s.complete += 1;
        if (endsPlural(unit)) s.completePlural += 1;
      }
      if (i === start) s.start += 1;
      s.surfaces.set(surface, (s.surfaces.get(surface) ?? 0) + 1);
    }
  }
}

/**
 * For each phrase and each start of a phrase (words up to a space), the unit keys that can follow
 * it and still make a phrase or the start of one: a phrase "a b c" allows "b c" and "b" after "a",
 * and "c" after "a b". Phrase keys can meet across readings ("long context" is one hyphenated word
 * or two words), so this is by key, as the phrases are.
 */
function continuations(stats: ReadonlyMap<string, PhraseStats>): Map<string, Set<string>> {
  const next = new Map<string, Set<string>>();
  stats.forEach((_, key) => {
    const spaces: number[] = [];
    for (let at = key.indexOf(' '); at >= 0; at = key.indexOf(' ', at + 1)) spaces.push(at);
    spaces.push(key.length);
    for (let a = 0; a < spaces.length - 1; a += 1) {
      const prefix = key.slice(0, spaces[a]);
      let after = next.get(prefix);
      if (!after) {
        after = new Set();
        next.set(prefix, after);
      }
      for (let b = a + 1; b < spaces.length; b += 1)
        after.add(key.slice((spaces[a] as number) + 1, spaces[b]));
    }
  });
  return next;
}

/** Up to three words long: longer headings read as titles, not section names. */
const MAX_WORDS = 3;

/**
 * Statistics of the candidate phrases of the papers (indices as given): one to three adjacent
 * words of a title or keyword, then counted wherever the papers say them (abstracts too).
 */
export function collectPhrases(papers: readonly PhraseSource[]): Map<string, PhraseStats> {
  const stats = new Map<string, PhraseStats>();
  // Indexed loops: a first, interpreted call walks them several times faster than for-of.
  for (let p = 0; p < papers.length; p += 1) {
    const paper = papers[p] as PhraseSource;
    recordRuns(flatContentRuns(paper.title), (units, a, b) => record(stats, p, units, a, b, true));
    for (let k = 0; k < paper.keywords.length; k += 1)
      recordRuns(flatContentRuns(paper.keywords[k] as string), (units, a, b) =>
        record(stats, p, units, a, b, true),
      );
  }
  const next = continuations(stats);
  for (let p = 0; p < papers.length; p += 1) {
    const paper = papers[p] as PhraseSource;
    recordRuns(flatContentRuns(paper.summary), (units, a, b) => recordKnown(stats, next, p, units, a, b));
    recordRuns(flatContentRuns(paper.aiSummary ?? ''), (units, a, b) =>
      recordKnown(stats, next, p, units, a, b),
    );
  }
  return stats;
}

/** A text's runs of content units, each followed by null (see flatContentRuns). */
type Run = readonly (ContentUnit | null)[];

/** Calls `count` with each run of `units`: its units from `start` to before `end`. */
function recordRuns(units: Run, count: (units: Run, start: number, end: number) => void): void {
  let start = 0;
  for (let i = 0; i < units.length; i += 1)
    if (units[i] === null) {
      count(units, start, i);
      start = i + 1;
    }
}

/**
 * The most frequent surface form; of forms said as often, one a title or keywords write (an
 * abstract's "context learner" does not head papers whose titles say "In-Context Learning"),
 * then the one with capitals, then code-point order.
 */
export function bestSurface(s: PhraseStats): string {
  let best = '';
  let bestCount = -1;
  let bestTitled = false;
  s.surfaces.forEach((c, form) => {
    const titled = s.titled.has(form);
    if (
      c > bestCount ||
      (c === bestCount && ((titled && !bestTitled) || (titled === bestTitled && form < best)))
    ) {
      best = form;
      bestCount = c;
      bestTitled = titled;
    }
  });
  return best;
}

/** A unit written as a plural: ending in "s", its key folded ("holes" -> "hole"; not "mass", "analysis"). */
function endsPlural(unit: ContentUnit): boolean {
  const w = unit.surface;
  const c = w.charCodeAt(w.length - 1);
  return (c === 115 || c === 83) && unit.key !== w.toLowerCase() && !unit.key.includes(' ');
}

/**
 * The phrase as a section's heading: its most frequent form ({@link bestSurface}), in the plural
 * when its papers say the plural at least {@link PLURAL_SHARE} of the time (a tenth), of all its
 * uses or of those that end a run. An editor heads a section of things by their plural ("Black holes",
 * "Quantum dots", "World models"); the singular counts the phrase as a modifier too ("black hole
 * mass", "a double quantum dot array"), so the plural leads less often than it reads right; where
 * the phrase ends a run it is the thing named ("accretion onto the black hole", "black holes
 * grow"). A phrase its papers never say in the plural ("Expressive power", "Hypothesis testing")
 * keeps its form.
 */
export function headingSurface(s: PhraseStats): string {
  const best = bestSurface(s);
  const singular = best.toLowerCase();
  let singularCount = 0;
  let pluralCount = 0;
  let plural = '';
  let pluralBest = -1;
  for (const [form, c] of s.surfaces) {
    const lower = form.toLowerCase();
    if (lower === singular) singularCount += c;
    else if (lower === `${singular}s` || lower === `${singular}es`) {
      pluralCount += c;
      if (c > pluralBest || (c === pluralBest && form < plural)) {
        plural = form;
        pluralBest = c;
      }
    }
  }
  if (pluralCount === 0) return best;
  const named = s.complete > 0 && s.completePlural >= PLURAL_SHARE * s.complete;
  return pluralCount >= PLURAL_SHARE * (pluralCount + singularCount) || named ? plural : best;
}

/**
 * Share of a phrase's uses in the plural that heads its section in the plural (see headingSurface).
 * A tenth, not a third: papers on one black hole each write "black hole" again and again ("the
 * black hole's shadow", "a rotating black hole") and the plural once or twice, and an editor still
 * heads their section "Black holes"; at a third the headings scan (60 seeded letters of each of
 * six feeds) read "Black hole", "Domain wall", "Magnetic field" and "Accretion flow" over sections of
 * two to four papers. A plural said less often than that is a slip or another sense ("optimal
 * controls" among a section's "optimal control").
 */
const PLURAL_SHARE = 1 / 10;

/** true when a phrase reads complete: usually ends its run, head and start words fit. */
export function isCompletePhrase(s: PhraseStats, surface: string): boolean {
  if (s.complete < 0.5 * s.count) return false;
  const words = surface.split(' ');
  if (!isHeadWord(words[words.length - 1] ?? '') || !isStartWord(words[0] ?? '')) return false;
  if (words.some((w) => !LETTER.test(w) || w.length < 2)) return false;
  return !isVague(s.words);
}
