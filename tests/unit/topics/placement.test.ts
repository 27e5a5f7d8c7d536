import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import {
  type CloseFit,
  categoriesAgainst,
  type Draft,
  FILL_MARGIN,
  FILL_SIMILARITY,
  fillsHome,
  fillsShare,
  fillsSlack,
  fillsUncategorized,
  hasCommonGround,
  joinsByCloseness,
  placeLeftovers,
  sharedPhrasePapers,
  titlePhrasePapers,
} from '../../../src/topics/drafts.js';
import { EVIDENCE } from '../../../src/topics/evidence.js';
import { OTHER_TOPIC } from '../../../src/topics/index.js';
import type { PhraseStats } from '../../../src/topics/phrases.js';
import type { PaperText } from '../../../src/topics/vectorize.js';
import {
  groupAsRun,
  loadCatalogueFile,
  loadPlacementArxivCs,
  loadPlacementDemo,
  measurePlacement,
} from '../../helpers/placement.js';

/**
 * Where a paper no topic claims goes: the rule for joining a section by closeness, and floors on
 * the hand-judged placement sets (tests/fixtures/topics/placement-*.jsonl, see their README).
 */

const closeFit = (over: Partial<CloseFit>): CloseFit => ({
  sim: 0.05,
  runnerUp: 0.02,
  shared: 0,
  keyShared: 0,
  evidence: EVIDENCE.passing,
  ...over,
});

describe('joinsByCloseness', () => {
  it.each([
    ['close, clearly closest, a word of its topic', closeFit({}), true],
    [
      'close, clearly closest, phrases two of its papers say, one a key phrase',
      closeFit({ evidence: 0, shared: 2, keyShared: 1 }),
      true,
    ],
    // Issue #12: two abstract words ("kernel", "speedup") are no shared subject for a paper
    // whose arXiv categories tell its field; for one without categories (HF), closeness decides.
    ['abstract words two of its papers say, no key phrase', closeFit({ evidence: 0, shared: 2 }), false],
    [
      'abstract words two of its papers say, no key phrase, no arXiv categories',
      closeFit({ evidence: 0, shared: 2, uncategorized: true }),
      true,
    ],
    ['a key phrase only one of its papers says', closeFit({ evidence: 0, shared: 1, keyShared: 1 }), false],
    // Issue #12: a quantum-noise paper (quant-ph) that trains an "RL agent" sat under "LLM
    // agents", clearly closest to two multi-agent simulation papers; a paper of a class no topic
    // lists joins a topic's section on a phrase of that topic, never on closeness and a word.
    [
      'a primary class no topic covers, clearly closest, phrases in common, a word of its topic',
      closeFit({ shared: 2, keyShared: 1, offClass: true }),
      false,
    ],
    [
      'a primary class no topic covers, clearly closest, a phrase of its topic',
      closeFit({ evidence: EVIDENCE.abstract, offClass: true }),
      true,
    ],
    ['a phrase only one of its papers says', closeFit({ evidence: 0, shared: 1 }), false],
    ['nothing in common but closeness', closeFit({ evidence: 0, shared: 0 }), false],
    ['half-way between two topics', closeFit({ runnerUp: 0.05 - FILL_MARGIN / 2 }), false],
    ['no closer than average', closeFit({ sim: 0.01, runnerUp: -0.05 }), false],
    [
      'arXiv categories against the topic',
      closeFit({ evidence: Number.NEGATIVE_INFINITY, shared: 5 }),
      false,
    ],
    // Issue #12: a paper that names a topic without a section (a backdoor paper when no safety
    // section formed) needs a phrase of this section's topic, not phrases its papers share ("NLP")
    // nor one word said once ("biomedical" in a relation-extraction survey).
    [
      'names a topic without a section, phrases its papers say, no word of this topic',
      closeFit({ evidence: 0, shared: 4, keyShared: 2, claimedElsewhere: true, homeless: true }),
      false,
    ],
    [
      'names a topic without a section, one word of this topic said once',
      closeFit({
        evidence: EVIDENCE.passing,
        shared: 2,
        keyShared: 1,
        claimedElsewhere: true,
        homeless: true,
      }),
      false,
    ],
    // One phrase of this topic's is the paper's method or setting, not its subject: a meeting-
    // summary evaluator (LLM evaluation) is no "Fine-tuning" paper for "self-training" (issue #12).
    [
      'names a topic without a section, one phrase of this topic',
      closeFit({ evidence: EVIDENCE.abstract, claimedElsewhere: true, homeless: true }),
      false,
    ],
    [
      'names a topic without a section, this topic worth a key phrase of its keywords',
      closeFit({ evidence: EVIDENCE.keywords, claimedElsewhere: true, homeless: true }),
      true,
    ],
    [
      'names a topic without a section, phrases its papers say, no arXiv categories',
      closeFit({
        evidence: 0,
        shared: 4,
        keyShared: 2,
        claimedElsewhere: true,
        homeless: true,
        uncategorized: true,
      }),
      true,
    ],
  ])('%s', (_name, f, expected) => {
    expect(joinsByCloseness(f)).toBe(expected);
  });
});

describe('fillsHome, fillsShare and fillsSlack (filling the catch-all down to its share, then past it)', () => {
  // Close, clearly closest to no section, sharing key phrases with two of its papers.
  const far = { evidence: 0, shared: 2, keyShared: 2, runnerUp: 0.04 };
  it.each([
    ['close, key phrases in common with two papers, nothing against it', closeFit(far), true, true, true],
    [
      'close, a phrase of its title in the title of one paper',
      closeFit({ ...far, shared: 1, keyShared: 1, titleShared: 1 }),
      true,
      true,
      true,
    ],
    // Issue #12: a paper joins on a key phrase in its title or several shared phrases; one phrase
    // of its abstract is its method or setting ("transfer learning" took an encoder-benchmark
    // paper to "Medical AI" beside an ECG paper that says it, in an arXiv cs letter).
    [
      'close, one key phrase of its abstract in common with one paper',
      closeFit({ ...far, shared: 1, keyShared: 1 }),
      false,
      false,
      false,
    ],
    ['no closer than average', closeFit({ ...far, sim: FILL_SIMILARITY }), false, false, false],
    // Issue #12: past its share too (a cs.CV 3D-asset paper was put under "Fine-tuning" for
    // sharing "score distillation" with one of its papers).
    [
      'arXiv categories against the topic',
      closeFit({ ...far, evidence: Number.NEGATIVE_INFINITY, homeless: true }),
      false,
      false,
      false,
    ],
    ['a field no topic covers', closeFit({ ...far, offField: true, homeless: true }), false, true, false],
    [
      'names a topic without a section, merely close',
      closeFit({ ...far, claimedElsewhere: true, homeless: true }),
      false,
      false,
      false,
    ],
    // Issue #12: one phrase of the abstract is such a paper's method or setting, not its subject
    // (a video world model "distilled" into few steps under "Fine-tuning and knowledge distillation").
    [
      'names a topic without a section, says a word of this one',
      closeFit({ ...far, evidence: EVIDENCE.passing, claimedElsewhere: true, homeless: true }),
      false,
      false,
      false,
    ],
    [
      'names a topic without a section, says a phrase of this one',
      closeFit({ ...far, evidence: EVIDENCE.abstract, claimedElsewhere: true, homeless: true }),
      false,
      false,
      false,
    ],
    [
      'names a topic without a section, says two phrases of this one',
      closeFit({ ...far, evidence: EVIDENCE.keywords, claimedElsewhere: true, homeless: true }),
      false,
      true,
      false,
    ],
    // Issue #12: a paper joins a section on evidence, never on closeness alone, even when the
    // catch-all holds more than its share (a GMM clustering kernel under "Efficient inference").
    ['nothing in common but closeness', closeFit({ ...far, shared: 0, keyShared: 0 }), false, false, false],
    // Nor on one word of an abstract a section's paper says too ("nlp", "transcript", "mean"):
    // a metaphor repository is no "Multilingual NLP" paper for it.
    [
      'one abstract word in common, no key phrase',
      closeFit({ ...far, shared: 1, keyShared: 0 }),
      false,
      false,
      false,
    ],
    [
      'abstract words in common with several papers, no key phrase',
      closeFit({ ...far, shared: 4, keyShared: 0 }),
      false,
      false,
      false,
    ],
    // Issue #12: a cs.DS paper on root recovery in random trees sat under "Medical AI" for
    // "trees" in its title and a decision-tree paper's; its class's section was formed later.
    [
      'a primary class no topic covers, a key phrase in common',
      closeFit({ ...far, offClass: true }),
      false,
      false,
      false,
    ],
    // Nor for one word of its abstract: a quantum-noise paper's "RL agent" is no "LLM agents".
    [
      'a primary class no topic covers, a word of its topic',
      closeFit({ ...far, offClass: true, evidence: EVIDENCE.passing }),
      false,
      false,
      false,
    ],
    [
      'a primary class no topic covers, a phrase of its topic',
      closeFit({ ...far, offClass: true, evidence: EVIDENCE.abstract }),
      true,
      true,
      true,
    ],
    [
      'a word of its topic, no phrase in common',
      closeFit({ ...far, shared: 0, keyShared: 0, evidence: EVIDENCE.passing }),
      true,
      true,
      true,
    ],
  ])('%s', (_name, f, home, share, slack) => {
    expect(fillsHome(f)).toBe(home);
    expect(fillsShare(f)).toBe(share);
    expect(fillsSlack(f)).toBe(slack);
  });

  // A paper without categories (Hugging Face's) fills its closest section in a one-field feed,
  // but never on closeness alone (issue #12: a paper joins on evidence): a compatible-representation
  // paper read under "Robotics", a continual-learning one under "Information retrieval and RAG".
  it.each([
    [
      'no arXiv categories, close, nothing in common',
      closeFit({ shared: 0, evidence: 0, uncategorized: true }),
      false,
    ],
    [
      'no arXiv categories, close, a word of its topic',
      closeFit({ shared: 0, evidence: EVIDENCE.passing, uncategorized: true }),
      true,
    ],
    [
      'no arXiv categories, close, key phrases two of its papers say',
      closeFit({ shared: 2, keyShared: 2, evidence: 0, uncategorized: true }),
      true,
    ],
    [
      'no arXiv categories, close, a key phrase one of its papers says',
      closeFit({ shared: 1, keyShared: 1, evidence: 0, uncategorized: true }),
      false,
    ],
    ['arXiv categories, close, nothing in common', closeFit({ shared: 0, evidence: 0 }), false],
    [
      'no arXiv categories, no closer than average',
      closeFit({ sim: FILL_SIMILARITY, uncategorized: true }),
      false,
    ],
    [
      'no arXiv categories, a topic without a section',
      closeFit({ uncategorized: true, homeless: true }),
      false,
    ],
  ])('fillsUncategorized: %s', (_name, f, expected) => {
    expect(fillsUncategorized(f)).toBe(expected);
  });

  it.each([
    [closeFit({ shared: 0, evidence: 0 }), false],
    [closeFit({ shared: 1, keyShared: 1, evidence: 0 }), false],
    [closeFit({ shared: 2, keyShared: 2, evidence: 0 }), true],
    [closeFit({ shared: 1, keyShared: 1, titleShared: 1, evidence: 0 }), true],
    [closeFit({ shared: 3, keyShared: 0, evidence: 0 }), false],
    [closeFit({ shared: 0, evidence: EVIDENCE.passing }), true],
    [closeFit({ shared: 3, keyShared: 2, evidence: Number.NEGATIVE_INFINITY }), true],
    [closeFit({ shared: 3, keyShared: 1, evidence: Number.NEGATIVE_INFINITY }), false],
    [closeFit({ shared: 3, keyShared: 0, evidence: Number.NEGATIVE_INFINITY }), false],
  ])('hasCommonGround(%o) is %s', (f, expected) => {
    expect(hasCommonGround(f)).toBe(expected);
  });
});

describe("titlePhrasePapers (papers of a section whose titles share a phrase of the paper's title)", () => {
  const batch = [
    paper('p', 'KV cache compression for long context'),
    paper('a', 'Sparse attention kernels for long context'),
    paper('b', 'Long-context serving with KV cache eviction'),
    paper('c', 'Language models at scale'),
    paper('d', 'Robot grasping', [], 'A KV cache compression method for long context robots.'),
    { ...paper('e', 'A study'), keywords: ['long context'] },
  ];
  it.each([
    ['a phrase of two words in both titles', [1], 1],
    ['a phrase in both titles, after a hyphenated word', [2], 1],
    ['only generic words in common ("language models")', [3], 0],
    ["the phrase in the member's abstract only", [4], 0],
    ["the phrase in the member's keywords", [5], 1],
    ['several members', [1, 2, 3, 4, 5], 3],
    ['the paper itself is no member', [0], 0],
  ])('%s', (_name, members, expected) => {
    expect(titlePhrasePapers(0, batch, members)).toBe(expected);
  });
});

describe("categoriesAgainst (a paper's arXiv categories against a topic's)", () => {
  const field = new Set(['cs.sd', 'cs.cl', 'cs.cv', 'cs.hc', 'eess.iv', 'q-bio.qm']);
  it.each([
    ['a category in common', ['cs.SD'], ['cs.CL', 'cs.SD'], false],
    ['none in common, the same archive', ['cs.SD'], ['cs.CL'], true],
    // Issue #12: medical papers are filed under cs.HC, cs.CV or cs.LG as often as under eess.IV.
    [
      "none in common, the topic listed outside the paper's archives",
      ['eess.IV', 'q-bio.QM'],
      ['cs.HC'],
      false,
    ],
    ['a field no topic covers', ['cs.CV'], ['hep-th'], true],
    ['a field no topic covers, against a topic of another archive', ['eess.IV'], ['hep-th', 'math.GT'], true],
    ['no categories on the paper', ['cs.SD'], [], false],
    ['no categories on the topic', [], ['cs.CL'], false],
  ])('%s', (_name, topicCats, paperCats, expected) => {
    expect(categoriesAgainst(topicCats, paperCats, field)).toBe(expected);
  });
});

/** Phrase statistics of a phrase (word keys) said by `papers`, in the titles of `headline`. */
function phraseStats(words: string[], papers: number[], headline: number[] = []): PhraseStats {
  return {
    papers: new Set(papers),
    headline: new Set(headline),
    count: papers.length,
    complete: papers.length,
    completePlural: 0,
    start: papers.length,
    surfaces: new Map([[words.join(' '), papers.length]]),
    titled: new Set(),
    words,
  };
}

describe('sharedPhrasePapers (papers of a section sharing a phrase with paper 0)', () => {
  const members = [1, 2, 3];
  it.each([
    ['a phrase of two words', [phraseStats(['soft', 'cluster'], [0, 1, 2])], 2, 2],
    ['one word of the abstracts', [phraseStats(['kernel'], [0, 1, 2])], 2, 0],
    ['one word in its title only', [phraseStats(['kernel'], [0, 1, 2], [0])], 2, 0],
    ['one word in both titles', [phraseStats(['kernel'], [0, 1, 2], [0, 2])], 2, 1],
    ['nothing said by the section', [phraseStats(['soft', 'cluster'], [0, 5])], 0, 0],
  ])('%s', (_name, phrases, all, key) => {
    expect(sharedPhrasePapers(0, phrases, members)).toBe(all);
    expect(sharedPhrasePapers(0, phrases, members, true)).toBe(key);
  });
});

function paper(id: string, title: string, categories: string[] = [], summary = ''): PaperText {
  return { id, title, summary, keywords: [], categories };
}

/** A topic of a section found in the batch: named by its papers' phrase, no key phrases. */
function foundTopic(slug: string, label: string): Topic {
  return { slug, label, keywords: [], categories: [], userDefined: false, origin: 'discovered' };
}

function topic(slug: string, keywords: string[], categories: string[] = []): Topic {
  return { slug, label: slug, keywords, categories, userDefined: false, origin: 'curated' };
}

/** A similarity matrix of n papers from pairs [a, b, value] (symmetric, 0 elsewhere). */
function matrix(n: number, pairs: [number, number, number][]): Float64Array {
  const sim = new Float64Array(n * n);
  for (const [a, b, v] of pairs) {
    sim[a * n + b] = v;
    sim[b * n + a] = v;
  }
  return sim;
}

describe('placeLeftovers', () => {
  const topics = [
    topic('speech-audio', ['speech recognition'], ['cs.SD']),
    topic('medical-ai', ['medical imaging'], ['eess.IV']),
    topic('image-generation', ['image generation', 'diffusion'], ['cs.CV']),
  ];
  const drafts = (): Draft[] => [
    { members: [0, 1], topic: topics[0] as Topic, words: ['speech'], source: 0, settled: true },
    { members: [2, 3], topic: topics[2] as Topic, words: ['image'], source: 2, settled: true },
  ];
  const base = [
    paper('s1', 'Speech recognition at scale'),
    paper('s2', 'Speech recognition for dialects'),
    paper('i1', 'Image generation with flows'),
    paper('i2', 'Image generation by diffusion'),
  ];

  // Paper 4 says "image generation" (evidence for that section) but plainly names medical imaging,
  // which has no section: it goes to the catch-all, not where it merely fits. Issue #12: a paper
  // that plainly names two topics (a multi-agent framework for multilingual medical reasoning)
  // reads under the one that has a section when its strongest has none.
  it.each([
    ['plainly names only medical imaging: the catch-all', [[1]], [2, 3], [4]],
    ['plainly names image generation too: that section', [[1, 2]], [2, 3, 4], []],
  ])('a paper whose own topic has no section, %s', (_name, plain, members, left) => {
    const batch = [...base, paper('m', 'Medical imaging platform for image generation')];
    const ds = drafts();
    const other = placeLeftovers([4], ds, {
      topics,
      batch,
      stats: new Map(),
      sim: matrix(5, [[4, 2, 0.2]]),
      n: 5,
      maxShare: 0.5,
      owner: [-1, -1, -1, -1, 1],
      plain: [[], [], [], [], ...plain],
    });
    expect(ds[1]?.members).toEqual(members);
    expect(other).toEqual(left);
  });

  it('fills the catch-all down to its share with the papers that fit, keeping the homeless one', () => {
    // Paper 5 clearly fits the image section (closest by far, says a word of its topic); paper 4
    // is about as close to both sections, and says a phrase of the speech topic; paper 6 is the
    // closest of all to the image section, but its arXiv category is foreign to that topic. The
    // catch-all keeps one paper: paper 6.
    const batch = [
      ...base,
      paper('x', 'Between the two', [], 'We study speech recognition.'),
      paper('g', 'A generation method', [], 'We use diffusion.'),
      paper('h', 'A generation study', ['hep-th'], 'We use diffusion.'),
    ];
    const sim = matrix(7, [
      [4, 0, 0.1],
      [4, 1, 0.1],
      [4, 2, 0.09],
      [4, 3, 0.09],
      [5, 2, 0.2],
      [5, 3, 0.2],
      [6, 2, 0.3],
      [6, 3, 0.3],
    ]);
    const ds = drafts();
    const other = placeLeftovers([4, 5, 6], ds, {
      topics,
      batch,
      stats: new Map(),
      sim,
      n: 7,
      maxShare: 0.15,
    });
    expect(ds[0]?.members).toEqual([0, 1, 4]);
    expect(ds[1]?.members).toEqual([2, 3, 5]);
    expect(other).toEqual([6]);
  });
  // Issue #12: in a broad feed without arXiv categories (under half its papers name a catalogue
  // topic) closeness alone put a logic paper under "Robot learning"; in a feed of one field
  // (Hugging Face daily papers) a paper's closest section is most often right, but closeness alone
  // put a compatible-representation paper under "Robotics": it needs a word of the topic at least.
  it.each([
    [
      'a batch of one field, a word of its topic: it joins the section it is close to',
      true,
      'We give semantics by diffusion.',
      [2, 3, 4],
      [],
    ],
    [
      'a batch of one field, nothing of its topic: it stays in the catch-all',
      true,
      'We give semantics.',
      [2, 3],
      [4],
    ],
    [
      'a broad batch, nothing of its topic: it stays in the catch-all',
      false,
      'We give semantics.',
      [2, 3],
      [4],
    ],
  ])('a paper without categories close to a section, %s', (_name, oneField, summary, members, left) => {
    const batch = [...base, paper('u', 'A study of public announcement logic', [], summary)];
    const sim = matrix(5, [
      [4, 2, 0.3],
      [4, 3, 0.3],
    ]);
    const ds = drafts();
    const other = placeLeftovers([4], ds, {
      topics,
      batch,
      stats: new Map(),
      sim,
      n: 5,
      maxShare: 0,
      oneField,
    });
    expect(ds[1]?.members).toEqual(members);
    expect(other).toEqual(left);
  });

  // A title phrase of a topic its arXiv categories speak against, when the paper names another
  // topic (without a section) more strongly: an arXiv cs letter read "Scalable Spatiotemporal
  // Prediction with Bayesian Neural Fields" (cs.LG, stat) under "3D vision" for "neural fields".
  it.each([
    ["filed under the section topic's class: that section", ['cs.CV'], [0, 1, 2], []],
    ['filed against it, naming time series more: the catch-all', ['cs.LG', 'stat.ME'], [0, 1], [2]],
  ])('a paper with a title phrase of a section, %s', (_name, categories, members, left) => {
    const fields = [
      topic('3d-vision', ['neural fields', 'point clouds'], ['cs.CV']),
      topic('time-series', ['time series', 'forecasting'], ['cs.LG']),
    ];
    const batch = [
      paper('a', 'Neural fields for dynamic scenes', ['cs.CV']),
      paper('b', 'Point clouds meet neural fields', ['cs.CV']),
      paper(
        'x',
        'Bayesian neural fields for spatiotemporal forecasting',
        categories,
        'Spatially referenced time series are everywhere; we forecast such time series at scale.',
      ),
    ];
    const ds: Draft[] = [
      { members: [0, 1], topic: fields[0] as Topic, words: ['neural', 'field'], source: 0, settled: true },
    ];
    const other = placeLeftovers([2], ds, {
      topics: fields,
      batch,
      stats: new Map(),
      sim: matrix(3, [
        [2, 0, 0.2],
        [2, 1, 0.2],
      ]),
      n: 3,
      maxShare: 0,
    });
    expect(ds[0]?.members).toEqual(members);
    expect(other).toEqual(left);
  });

  it('keeps a paper that names a topic without a section out of a section it is merely close to', () => {
    // No room in the catch-all: paper 5 (no topic of its own, a word of the image topic) joins
    // the image section it is close to; paper 4, as close, names medical imaging in its title,
    // which has no section here.
    const batch = [
      ...base,
      paper('m', 'Medical imaging at scale'),
      paper('u', 'A study at scale', [], 'We use diffusion.'),
    ];
    const sim = matrix(6, [
      [4, 2, 0.3],
      [4, 3, 0.3],
      [5, 2, 0.3],
      [5, 3, 0.3],
    ]);
    const ds = drafts();
    const other = placeLeftovers([4, 5], ds, { topics, batch, stats: new Map(), sim, n: 6, maxShare: 0 });
    expect(ds[1]?.members).toEqual([2, 3, 5]);
    expect(other).toEqual([4]);
  });

  /** Places the papers `extra` (after `base`) with no room in the catch-all: the drafts and what stays. */
  const placeAll = (
    extra: PaperText[],
    pairs: [number, number, number][],
    stats: Map<string, PhraseStats> = new Map(),
  ): { ds: Draft[]; other: number[] } => {
    const batch = [...base, ...extra];
    const ds = drafts();
    const leftovers = extra.map((_, i) => base.length + i);
    const other = placeLeftovers(leftovers, ds, {
      topics,
      batch,
      stats,
      sim: matrix(batch.length, pairs),
      n: batch.length,
      maxShare: 0,
    });
    return { ds, other };
  };

  it('never puts a paper of a field no topic covers where it is merely close', () => {
    // No room in the catch-all at all: the eess.IV paper (a field the catalogue covers, though
    // not the image topic) joins the image section it is closest to and shares key phrases
    // with both its papers; the hep-th paper, as close and sharing them too, stays.
    const { ds, other } = placeAll(
      [
        paper('h', 'Generating functions of BPS indices', ['hep-th']),
        paper('e', 'A generation pipeline for scans', ['eess.IV']),
      ],
      [
        [4, 2, 0.3],
        [4, 3, 0.3],
        [5, 2, 0.2],
        [5, 3, 0.2],
      ],
      new Map([
        ['generation pipeline', phraseStats(['generation', 'pipeline'], [2, 4, 5])],
        ['scan generation', phraseStats(['scan', 'generation'], [3, 4, 5])],
      ]),
    );
    expect(ds[1]?.members).toEqual([2, 3, 5]);
    expect(other).toEqual([4]);
  });

  // Issue #12: a "Document understanding" section of two document-parsing papers took a poetry
  // metric, an annotation study and a forecasting model (Hugging Face papers, no categories) for
  // being close to them: its heading no longer described most of its papers.
  // Three papers there for closeness alone (4-6) and one that says a word of the topic (7), at
  // `near` from the section's two papers; the closeness papers share a key phrase with them.
  const closenessCase = (near: number): { ds: Draft[]; other: number[] } =>
    placeAll(
      [
        paper('a', 'A metric for poems'),
        paper('b', 'Annotators and priors'),
        paper('c', 'Forecasting with periodicity'),
        paper('d', 'A layered study', [], 'We use diffusion.'),
      ],
      [
        [4, 2, 0.3],
        [4, 3, 0.3],
        [5, 2, 0.25],
        [5, 3, 0.25],
        [6, 2, 0.2],
        [6, 3, 0.2],
        [7, 2, near],
        [7, 3, near],
      ],
      new Map([
        ['layer split', phraseStats(['layer', 'split'], [2, 3, 4])],
        ['mask blend', phraseStats(['mask', 'blend'], [2, 3, 5])],
        ['tile merge', phraseStats(['tile', 'merge'], [2, 3, 6])],
      ]),
    );

  it('fills a section with papers there for closeness alone only while those that name its topic are as many', () => {
    const { ds, other } = closenessCase(0.1);
    // Two papers name image generation: two closeness papers join, the closest first; the third
    // stays in the catch-all. A paper that says a word of the topic joins past them.
    expect(ds[1]?.members).toEqual([2, 3, 4, 5, 7]);
    expect(other).toEqual([6]);
  });

  it('counts a paper that names the topic and joined first among those that name it', () => {
    // The paper saying a word of the topic the closest: it joins first, and three papers then
    // name the topic, so all three closeness papers join (a regression counted the section's
    // namers before that paper joined, and kept one of them out).
    const { ds, other } = closenessCase(0.35);
    expect(ds[1]?.members).toEqual([2, 3, 7, 4, 5, 6]);
    expect(other).toEqual([]);
  });

  it('holds a section found in the batch to the same: its label said by most of its papers', () => {
    // "Dirac operator" (a section named by the phrase two of its papers say) took five papers for
    // closeness in an all-archives letter; it takes the closest one, fewer than those that say it:
    // its label, all a reader has of a section found in the batch, describes most of its papers.
    const found = foundTopic('dirac-operator', 'Dirac operator');
    const batch = [
      paper('d1', 'Spectra of the Dirac operator', ['math.DG']),
      paper('d2', 'A Dirac operator on manifolds', ['math.DG']),
      paper('a', 'Curvature flows', ['math.DG']),
      paper('b', 'Harmonic maps', ['math.DG']),
      paper('c', 'Minimal surfaces', ['math.DG']),
    ];
    const ds: Draft[] = [
      { members: [0, 1], topic: found, words: ['dirac', 'operator'], source: -1, settled: true },
    ];
    const stats = new Map([
      ['dirac operator', phraseStats(['dirac', 'operator'], [0, 1], [0, 1])],
      ['spin geometry', phraseStats(['spin', 'geometry'], [0, 1, 2])],
      ['index theorem', phraseStats(['index', 'theorem'], [0, 1, 3])],
      ['heat kernel', phraseStats(['heat', 'kernel'], [0, 1, 4])],
    ]);
    const sim = matrix(5, [
      [2, 0, 0.3],
      [2, 1, 0.3],
      [3, 0, 0.25],
      [3, 1, 0.25],
      [4, 0, 0.2],
      [4, 1, 0.2],
    ]);
    const other = placeLeftovers([2, 3, 4], ds, { topics: [], batch, stats, sim, n: 5, maxShare: 0 });
    expect(ds[0]?.members).toEqual([0, 1, 2]);
    expect(other).toEqual([3, 4]);
  });

  it('holds a found section of three papers that say its label to one there for closeness', () => {
    // A condensed-matter letter's "Quantum information" of three papers that say it took two that
    // never do (two of five papers its heading did not describe); at most half as many now.
    const found = foundTopic('quantum-information', 'Quantum information');
    const batch = [
      paper('q1', 'Quantum information jets in a Hubbard chain', ['cond-mat.str-el']),
      paper('q2', 'Quantum information in photon squeezing', ['cond-mat.mes-hall']),
      paper('q3', 'Dissipative forces and quantum information', ['cond-mat.other']),
      paper('a', 'Chirality of vibrational modes', ['cond-mat.mes-hall']),
      paper('b', 'Vortices of Bose-Einstein condensates', ['cond-mat.quant-gas']),
    ];
    const ds: Draft[] = [
      { members: [0, 1, 2], topic: found, words: ['quantum', 'inform'], source: -1, settled: true },
    ];
    const stats = new Map([
      ['quantum inform', phraseStats(['quantum', 'inform'], [0, 1, 2], [0, 1, 2])],
      ['mode coupling', phraseStats(['mode', 'coupling'], [0, 1, 3])],
      ['condensate dynamics', phraseStats(['condensate', 'dynamics'], [1, 2, 4])],
    ]);
    const sim = matrix(5, [
      [3, 0, 0.3],
      [3, 1, 0.3],
      [3, 2, 0.3],
      [4, 0, 0.25],
      [4, 1, 0.25],
      [4, 2, 0.25],
    ]);
    const other = placeLeftovers([3, 4], ds, { topics: [], batch, stats, sim, n: 5, maxShare: 0 });
    expect(ds[0]?.members).toEqual([0, 1, 2, 3]);
    expect(other).toEqual([4]);
  });

  // Issue #12: closeness alone made a GMM clustering kernel an "Efficient inference" paper and
  // a trajectory-forecasting paper a "Fine-tuning" one, to keep "More papers" to its share.
  it('keeps a paper that shares nothing but closeness in the catch-all, even past its share', () => {
    const { ds, other } = placeAll(
      [paper('k', 'A kernel for soft clustering', ['cs.LG'])],
      [
        [4, 2, 0.3],
        [4, 3, 0.3],
      ],
    );
    expect(other).toEqual([4]);
    expect(ds[1]?.members).toEqual([2, 3]);
  });

  // Issue #12: a backdoor paper (no safety section formed) sat under "Retrieval-augmented
  // generation" for being clearly closest to it and sharing "natural language processing" with
  // two of its papers.
  it('keeps a paper with arXiv categories that names a topic without a section out of a section it shares phrases with', () => {
    const shared = new Map([
      ['generation pipeline', phraseStats(['generation', 'pipeline'], [2, 3, 4])],
      ['pipeline design', phraseStats(['pipeline', 'design'], [2, 3, 5])],
    ]);
    const pairs: [number, number, number][] = [
      [4, 2, 0.3],
      [4, 3, 0.3],
      [5, 2, 0.3],
      [5, 3, 0.3],
    ];
    const { ds, other } = placeAll(
      [
        paper('m', 'Medical imaging with a generation pipeline', ['cs.CV']),
        paper('c', 'A pipeline design for generation', ['cs.CV']),
      ],
      pairs,
      shared,
    );
    expect(ds[1]?.members).toEqual([2, 3, 5]);
    expect(other).toEqual([4]);
  });

  // Issue #12: "Medical AI" is listed under eess.IV and q-bio.QM, and medical papers are filed
  // under cs.HC or cs.CV as often: a cs.CV paper that says a medical phrase joins it; a hep-th
  // paper (a field no topic covers) that says it too does not.
  it("lets a paper of another archive than a topic's categories join its section", () => {
    const medical: Draft = {
      members: [2, 3],
      topic: topics[1] as Topic,
      words: ['medical'],
      source: 1,
      settled: true,
    };
    const batch = [
      ...base.slice(0, 2),
      paper('r1', 'Medical imaging of lungs', ['eess.IV']),
      paper('r2', 'Medical imaging of hearts', ['eess.IV']),
      paper('a', 'Anxiety biomarkers from wearables', ['cs.CV'], 'Signals for medical imaging and care.'),
      paper('b', 'Scattering amplitudes of wearables', ['hep-th'], 'Signals for medical imaging and care.'),
    ];
    const ds = [drafts()[0] as Draft, medical];
    const sim = matrix(6, [
      [4, 2, 0.3],
      [4, 3, 0.3],
      [5, 2, 0.3],
      [5, 3, 0.3],
    ]);
    const other = placeLeftovers([4, 5], ds, { topics, batch, stats: new Map(), sim, n: 6, maxShare: 0 });
    expect(ds[1]?.members).toEqual([2, 3, 4]);
    expect(other).toEqual([5]);
  });

  it('puts a left-over paper in the close section it shares a key phrase with, not merely the closest', () => {
    // Paper 4 is closest to the image section, but shares "speaker diarization" with both
    // speech papers and nothing with the image papers: it goes with the speech papers.
    const { ds, other } = placeAll(
      [paper('d', 'Diarization in the wild')],
      [
        [4, 0, 0.1],
        [4, 1, 0.1],
        [4, 2, 0.2],
        [4, 3, 0.2],
      ],
      new Map([['speaker diarization', phraseStats(['speaker', 'diarization'], [0, 1, 4])]]),
    );
    expect(other).toEqual([]);
    expect(ds[0]?.members).toEqual([0, 1, 4]);
  });
});

describe('placement on the hand-judged sets (floors under npm run bench:topics)', () => {
  const catalogue = loadCatalogueFile();

  // 10 of the 107 are judged "none" (physics, mathematics, statistics), which "More papers" is
  // right for; the language papers no topic claims read under their class's home topic
  // (`homes`), not among "More papers" (23% before).
  it('demo samples: most papers well placed, "More papers" near the issue\'s ~15%', async () => {
    const s = measurePlacement(await loadPlacementDemo(), catalogue);
    expect(s.papers).toBe(107);
    // 84% / 76% before a section of the same size gave way by its papers' evidence (byStrength);
    // 85% / 79% / 23% before the class homes, 86% / 81% / 15% with them; 85% / 78% / 17% since
    // "benchmarking" alone no longer names "LLM evaluation" (a benchmark of LLM memory use went
    // by closeness to "Retrieval-augmented generation"; the Hugging Face sets gained 0.01-0.09 NMI);
    // 85% / 77% / 19% since a language paper that names another topic stays in "More papers"
    // with that topic (LongKey, "Long context": its readers get it) rather than go home.
    // 89% / 80% / 19% with the catalogue's longer phrase lists (session 18); 89% / 81% / 20% since
    // a paper naming another topic joins by closeness only on this one's topic said twice (the
    // demo letter's meeting-summary evaluator left "Fine-tuning"; an activation-steering paper
    // that says "fine-tuning" once reads in "More papers" under its own "Interpretability").
    // 88% / 85% / 14% since a section gives way to a larger one formed from "More papers" (a
    // "Reasoning and RL post-training" of three to "Evaluation, safety and interpretability" of
    // six): 95 -> 94 of 107 well placed, 87 -> 91 strictly, 21 -> 15 in "More papers".
    expect(s.wellPlaced).toBeGreaterThanOrEqual(0.87);
    expect(s.strict).toBeGreaterThanOrEqual(0.84);
    expect(s.otherShare).toBeLessThanOrEqual(0.15);
    // Those papers carry their topic, and the judge accepts it for all but one.
    expect(s.taggedRight).toBeGreaterThanOrEqual(s.tagged - 1);
  });

  // Over the 15%: a quarter of these papers are networking, hardware or theory, which
  // no catalogue topic covers and which join no section by closeness alone; others name a topic
  // (3D vision, video) that has no section in this letter, and are not put where merely close,
  // nor for abstract words its papers say too (33% -> 49% with issue #12's key-phrase rules for
  // common ground: 16 more papers, misplaced ones 30 -> 24; 43% with the sections of arXiv
  // classes and the sections formed before closeness placements, misplaced ones 20).
  it('arXiv cs-only 100: most papers well placed, "More papers" under a quarter', () => {
    const s = measurePlacement(loadPlacementArxivCs(), catalogue);
    expect(s.papers).toBe(100);
    // 89% / 77% / 34% with the catalogue's longer phrase lists (session 18): 16 -> 11 misplaced.
    // 88% / 73% / 23% since the larger section of arXiv classes is formed first, whichever kind
    // ("Natural language processing" of six, "Machine learning" of nine, no "Networking" of
    // three), each in the place of a smaller section ("Video understanding" of two, "AI for
    // science" of three): 11 fewer in "More papers"; strict counts a section of classes as a
    // catch-all, and four papers of those two small sections lost a heading the judge accepts.
    expect(s.wellPlaced).toBeGreaterThanOrEqual(0.87);
    expect(s.strict).toBeGreaterThanOrEqual(0.72);
    expect(s.otherShare).toBeLessThanOrEqual(0.24);
  });

  // "More papers" 48% -> 33% with the sections of the classes catalogue topics list (papers of
  // cs.LG, cs.CV, cs.CL on subjects no topic has), placements unchanged. With the catalogue's
  // longer phrase lists (session 18) more papers name their topic: strict 67% -> 83%, and the
  // letter's sections are topics' rather than classes' ("Information theory", "Machine
  // learning"), so the papers judged to fit no topic stay in "More papers" (37%).
  it('arXiv cs-only, 60 held-out papers: most papers well placed, "More papers" under two fifths', () => {
    const s = measurePlacement(loadPlacementArxivCs(true), catalogue);
    expect(s.papers).toBe(60);
    // 93% / 82% while "spatio-temporal" named "Time series" (a spiking-network paper went there);
    // 95% / 83% before "3D vision" listed its parts' depth phrases (session 32): its two depth
    // papers now make that section, in place of an "Information retrieval and RAG" of two whose
    // literature-review paper then reads in "More papers" beside the language section it fits.
    // 95% / 87% (session 33: 52 of 60) since two small sections of one area read under its heading when
    // that frees room for a section from "More papers" (see mergeIntoArea): the language and
    // retrieval sections as "Text, retrieval and recommendation", the review paper with them.
    // 92% / 90% (session 36: 54 of 60 strict) since the area's only section takes the papers of
    // "More papers" naming its other topics ("Time series" of three reads "Machine learning
    // methods" of six, with a graph and a federated-learning paper): two papers left in "More
    // papers" under topics the judge accepts (fine-tuning, AI for science) now count as misplaced,
    // for the judge accepts a topic of that area's too (reinforcement learning, learning theory).
    expect(s.wellPlaced).toBeGreaterThanOrEqual(0.91);
    expect(s.strict).toBeGreaterThanOrEqual(0.88);
    expect(s.otherShare).toBeLessThanOrEqual(0.4);
  });

  it("arXiv cs-only, 60 held-out papers: the area's only section takes the papers of its other topics", () => {
    const papers = loadPlacementArxivCs(true);
    const { groups } = groupAsRun(papers.map(({ accept: _, ...p }) => p));
    const area = groups.find((g) => g.topic.slug === 'area-ml');
    expect(area?.topic.label).toBe('Machine learning methods');
    expect(groups.some((g) => g.topic.slug === 'time-series')).toBe(false);
    const cards = Object.values(area?.topic.paperTopics ?? {});
    expect(cards).toEqual(expect.arrayContaining(['time-series', 'graph-learning', 'federated-learning']));
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug);
    for (const id of other?.paperIds ?? [])
      expect(['time-series', 'graph-learning', 'federated-learning']).not.toContain(
        other?.topic.paperTopics?.[id],
      );
  });
});
