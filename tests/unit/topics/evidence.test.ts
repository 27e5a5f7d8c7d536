import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import { learnShadows, titlePosition } from '../../../src/topics/evidence.js';
import { EVIDENCE, type PaperText, titleNames, topicEvidence } from '../../../src/topics/index.js';

const topic = (keywords: string[]): Topic => ({
  slug: 'topic',
  label: 'Topic',
  keywords,
  categories: [],
  userDefined: false,
  origin: 'curated',
});

const paper = (title: string, summary = '', keywords: string[] = []): PaperText => ({
  id: 'p',
  title,
  summary,
  keywords,
  categories: [],
});

describe('topicEvidence', () => {
  const { title, keywords, abstract, passing } = EVIDENCE;
  it.each([
    [
      'phrases in the title, plurals folded',
      ['llm agents', 'tool use', 'agent'],
      paper('LLM Agents for Tool Use'),
      3 * title,
    ],
    ['non-ASCII words', ['übersetzung', 'agent'], paper('Agents für Übersetzung'), 2 * title],
    ['"us" and "ss" endings kept', ['campus', 'class', 'robot'], paper('Campus class robots'), 3 * title],
    ['a keyword', ['tool use'], paper('A study', '', ['tool-use']), keywords],
    ['a single word once in the abstract', ['agent'], paper('A study', 'An agent acts.'), passing],
    [
      'a single word twice in the abstract',
      ['agent'],
      paper('A study', 'An agent and another agent.'),
      abstract,
    ],
    [
      'a phrase of four words in the abstract',
      ['retrieval augmented generation pipelines'],
      paper('A study', 'A retrieval-augmented generation pipeline for QA.'),
      abstract,
    ],
    ['no phrase said', ['tool use', 'agent'], paper('Diffusion models', 'Images from noise.'), 0],
    [
      'an acronym the abstract spells out as something else (a jailbreak paper\'s "ASR")',
      ['speech recognition', 'asr', 'audio'],
      paper('Risk under pressure', 'We report attack success rate (ASR) at fixed budgets; ASR hides cost.'),
      0,
    ],
    [
      "an acronym spelled out as one of the topic's phrases",
      ['speech recognition', 'asr', 'audio'],
      paper('A study', 'Automatic speech recognition (ASR) errors; ASR at scale.'),
      abstract + abstract,
    ],
    [
      'an acronym not spelled out',
      ['speech recognition', 'asr', 'audio'],
      paper('A study', 'We pair ASR with TTS; ASR errors drop.'),
      abstract,
    ],
    [
      'an acronym in the title, whatever the abstract spells',
      ['speech recognition', 'asr'],
      paper('Benchmark optimization in ASR models', 'Attack success rate (ASR) is not measured.'),
      title,
    ],
  ])('%s', (_case, phrases, source, expected) => {
    expect(topicEvidence(topic(phrases), source)).toBeCloseTo(expected, 10);
  });

  it('reads a keyword list again once it grows', () => {
    const t = topic(['tool use']);
    const source = paper('Diffusion models for images');
    expect(topicEvidence(t, source)).toBe(0);
    t.keywords.push('diffusion models');
    expect(topicEvidence(t, source)).toBe(title);
  });
});

describe('titlePosition: where a title first names a topic', () => {
  it.each([
    ['the word where its first phrase starts', ['memory', 'llm agents'], paper('Memory for LLM Agents'), 0],
    [
      'a later phrase counts from its first word',
      ['multi-agent systems'],
      paper('Memory for Multi-Agent Systems'),
      2,
    ],
    ['plurals folded, as in evidence', ['memory system'], paper('Agents with Memory Systems'), 2],
    ['-1 when only the abstract says it', ['memory'], paper('Agents that learn', 'a memory'), -1],
    ['-1 for part of a phrase', ['memory systems'], paper('Memory for agents'), -1],
  ])('%s', (_, keywords, p, at) => {
    expect(titlePosition(topic(keywords), p)).toBe(at);
  });
});

describe('topicEvidence in a long-running process', () => {
  it('still matches a topic read long ago after many other phrases were seen (tables past their bound)', () => {
    // A daemon reads the catalogue once, then new discovered topics every edition: its phrase
    // tables outgrow their bound and are dropped. The catalogue topic must keep matching.
    const early = topic(['speculative decoding']);
    const source = paper('Faster Speculative Decoding with Draft Trees');
    expect(topicEvidence(early, source)).toBeCloseTo(EVIDENCE.title, 10);
    for (let t = 0; t < 70; t += 1) {
      const many = topic(Array.from({ length: 1000 }, (_, i) => `w${t}x${i} tail${i % 7} end${i % 5}`));
      topicEvidence(many, paper(`w${t}x0 tail0 end0`));
    }
    expect(topicEvidence(early, source)).toBeCloseTo(EVIDENCE.title, 10);
    expect(topicEvidence(early, paper('Faster Speculative Decoding, again'))).toBeCloseTo(EVIDENCE.title, 10);
  });
});

describe('a phrase said inside a longer key phrase of another topic (learnShadows)', () => {
  const named = (slug: string, keywords: string[]): Topic => ({ ...topic(keywords), slug, label: slug });
  const speech = named('speech-audio', ['speech', 'speech recognition']);
  const text = named('nlp', ['hate speech', 'sentiment analysis']);
  const agents = named('llm-agents', ['agent', 'llm agents']);
  const coding = named('coding', ['coding agents', 'code generation']);
  const operator = named('agents', ['agent', 'tool use']);
  // A part of the speech topic: phrases of one family never shadow each other.
  const part = named('speech-audio--tts', ['speech synthesis']);
  const rivals = [speech, text, agents, coding, operator, part];
  const { title, abstract } = EVIDENCE;

  it.each<[string, Topic, PaperText, number]>([
    ['"hate speech" names no speech model', speech, paper('Hate Speech Detection in Tweets'), 0],
    ["...and is the text topic's", text, paper('Hate Speech Detection in Tweets'), title],
    ['a phrase also said on its own still counts', speech, paper('Speech Models Against Hate Speech'), title],
    [
      'the longer phrase shadows an abstract too',
      speech,
      paper('A study', 'We flag hate speech. Hate speech hurts.'),
      0,
    ],
    [
      '"coding agents" are the coding topic\'s, not the agents topic\'s',
      agents,
      paper('Coding Agents in the Wild'),
      0,
    ],
    [
      'a topic that lists the shorter phrase too shares it ("agent" in "LLM agents")',
      operator,
      paper('LLM Agents in the Wild'),
      title,
    ],
    ['its own longer phrase adds to it', agents, paper('LLM Agents in the Wild'), 2 * title],
    ['a phrase of its own family never shadows it', speech, paper('Speech Synthesis at Scale'), title],
    [
      'two phrases of an abstract still count',
      speech,
      paper('A study', 'Speech recognition of speech.'),
      2 * abstract,
    ],
  ])('%s', (_name, t, p, expected) => {
    learnShadows(
      rivals,
      rivals.map((_, i) => i),
    );
    expect(topicEvidence(t, p)).toBeCloseTo(expected, 10);
  });

  it("counts every phrase again when the topics it stood against are no longer the batch's", () => {
    learnShadows(
      rivals,
      rivals.map((_, i) => i),
    );
    expect(topicEvidence(speech, paper('Hate Speech Detection in Tweets'))).toBe(0);
    expect(titleNames(speech, paper('Hate Speech Detection in Tweets'))).toBe(false);
    learnShadows([speech, agents], [0, 1]);
    expect(topicEvidence(speech, paper('Hate Speech Detection in Tweets'))).toBeCloseTo(title, 10);
    expect(titleNames(speech, paper('Hate Speech Detection in Tweets'))).toBe(true);
  });
});

describe('a paper of a field the catalogue does not cover (no topic lists its arXiv categories)', () => {
  const named = (slug: string, keywords: string[], categories: string[]): Topic => ({
    ...topic(keywords),
    slug,
    label: slug,
    categories,
  });
  const interpretability = named(
    'interpretability',
    ['probing', 'explainable ai', 'interpretability'],
    ['cs.LG'],
  );
  const translation = named('multilingual', ['translation', 'machine translation'], ['cs.CL']);
  const own = { ...named('particles', ['probing'], []), userDefined: true };
  const catalogue = [interpretability, translation];
  const of = (title: string, categories: string[], summary = ''): PaperText => ({
    ...paper(title, summary),
    categories,
  });
  const { title, abstract, category } = EVIDENCE;

  it.each<[string, Topic, PaperText, number]>([
    [
      'one word of its title counts as a word of an abstract ("Probing" a particle)',
      interpretability,
      of('Probing chiral and flavored Z′ from cosmic bursts', ['hep-ph', 'astro-ph.HE']),
      abstract,
    ],
    [
      '"translation" flows are no machine translation',
      translation,
      of('Ergodic integrals for extensions of translation flows', ['math.DS']),
      abstract,
    ],
    [
      'a phrase of two words or more is as strong as anywhere',
      interpretability,
      of('Explainable AI in 6G O-RAN: a survey', ['cs.NI']),
      title,
    ],
    [
      'several words still add up',
      interpretability,
      of('Probing interpretability of detectors', ['hep-ex']),
      2 * abstract,
    ],
    [
      'one category the catalogue lists: the title word counts fully',
      interpretability,
      of('Probing language models', ['cs.CL', 'hep-ph']),
      title,
    ],
    [
      "a paper of the topic's own class, as before",
      interpretability,
      of('Probing LLMs', ['cs.LG']),
      title + category,
    ],
    ['a paper without categories (Hugging Face), as before', interpretability, of('Probing LLMs', []), title],
    [
      "an operator's own topic reads its words as the operator wrote them",
      own,
      of('Probing chiral Z′', ['hep-ph']),
      title,
    ],
  ])('%s', (_name, t, p, expected) => {
    learnShadows(
      [...catalogue, own],
      [0, 1, 2].filter((i) => i < 2 || t === own),
    );
    expect(topicEvidence(t, p)).toBeCloseTo(expected, 10);
  });
});

describe('topicEvidence asked again (a batch asks for the same pairs many times)', () => {
  const { title } = EVIDENCE;
  const p = paper('Tool Use for LLM Agents');

  it('reads a topic again when its phrase list is replaced or grows', () => {
    const t = topic(['diffusion']);
    expect(topicEvidence(t, p)).toBe(0);
    expect(topicEvidence(t, p)).toBe(0);
    // Replaced by a list of the same length.
    t.keywords = ['tool use'];
    expect(topicEvidence(t, p)).toBeCloseTo(title, 10);
    // Grown in place.
    t.keywords.push('llm agents');
    expect(topicEvidence(t, p)).toBeCloseTo(2 * title, 10);
  });

  it('reads a topic again when its categories or its owner change', () => {
    const t: Topic = { ...topic(['tool use']), categories: ['cs.CL'] };
    const withCategory = { ...p, categories: ['cs.CL'] };
    expect(topicEvidence(t, withCategory)).toBeCloseTo(title + EVIDENCE.category, 10);
    t.userDefined = true;
    expect(topicEvidence(t, withCategory)).toBeCloseTo(title + 3, 10);
    t.categories = ['cs.CV'];
    expect(topicEvidence(t, withCategory)).toBeCloseTo(title, 10);
  });
});

describe('topicEvidence kept while other topics are learnt (issue #12: a run reads each pair once)', () => {
  const { title, keywords, abstract } = EVIDENCE;
  // Phrases of later topics that start with the same words as the first topic's ("agent",
  // "tool") or add new ones: the papers' n-grams are read again, the first topic's evidence stands.
  const later = [
    ['agent memory', 'agent environments'],
    ['tool learning', 'tool use benchmarks'],
    ['memory', 'sandbox'],
  ];
  const papers = [
    paper('Tool Use for LLM Agents', 'Agent memory helps agents. Tool learning is studied.'),
    paper('A sandbox study', 'We build agent environments and tool use benchmarks for an agent.', [
      'agent memory',
    ]),
    paper('Memory of LLM agents', 'LLM agents with tool use.'),
  ];
  const first = (): Topic => topic(['llm agents', 'tool use', 'agent']);

  it('gives the same evidence when asked before and after the other topics are learnt', () => {
    const t = first();
    const before = papers.map((p) => topicEvidence(t, p));
    expect(before).toEqual([3 * title, keywords + abstract, 2 * title + abstract]);
    for (const words of later) for (const p of papers) topicEvidence(topic(words), p);
    expect(papers.map((p) => topicEvidence(t, p))).toEqual(before);
    // A fresh topic with the same phrases, read only now (every phrase learnt): the same again.
    expect(papers.map((p) => topicEvidence(first(), p))).toEqual(before);
  });

  it('reads a later topic in papers whose n-grams were read before it (again from their matched words)', () => {
    // Keywords of several texts, one of them with no word, and an abstract and AI summary.
    const p: PaperText & { aiSummary: string } = {
      ...paper('Agents of the sea', 'Coral reef mapping by underwater drones.', [
        '',
        'reef mapping',
        'sonar',
      ]),
      aiSummary: 'Underwater drones map coral reefs.',
    };
    expect(topicEvidence(topic(['agent']), p)).toBeCloseTo(title, 10);
    // Learnt only now: the paper's n-grams are read again for its words.
    const reefs = topic(['reef mapping', 'underwater drones', 'coral reef mapping', 'sonar']);
    expect(topicEvidence(reefs, p)).toBeCloseTo(2 * keywords + 2 * abstract, 10);
  });
});
