import { describe, expect, it } from 'vitest';
import {
  type Claim,
  claimPapers,
  groupPapers,
  pairLoneOwners,
  settleClaims,
} from '../../../src/topics/index.js';
import { curated, paper } from './builders.js';

describe('papers that name two topics about equally', () => {
  // Fine-tuning comes first in the catalogue: on equal evidence it used to take the paper.
  const CATALOGUE = [
    curated('fine-tuning', 'Fine-tuning and knowledge distillation', ['distillation', 'fine-tuning']),
    curated('image-generation', 'Image generation and editing', ['image generation', 'diffusion models']),
  ];
  const BATCH = [
    paper(
      'd1',
      'Distillation of reasoning traces',
      'We distill chain-of-thought traces of a teacher into a student model for math.',
    ),
    paper(
      'd2',
      'Fine-tuning with distillation for math',
      'A student model learns math word problems from a teacher model.',
    ),
    paper(
      'd3',
      'On-policy distillation for language models',
      'The student model samples, the teacher model scores its math answers.',
    ),
    paper(
      'g1',
      'Image generation with diffusion models',
      'Text-to-image diffusion sampling with fewer denoising steps and sharper pixels.',
    ),
    paper(
      'g2',
      'Faster image generation',
      'Diffusion models render pixels of text-to-image prompts in few denoising steps.',
    ),
    paper(
      'g3',
      'Editing with diffusion models',
      'Text-to-image diffusion edits pixels of a photo in few denoising steps.',
    ),
    paper(
      'x',
      'Two-step image generation via distillation',
      'A diffusion sampler renders text-to-image pixels in two denoising steps.',
    ),
  ];

  it('go with the topic whose undisputed papers of the batch they resemble', () => {
    const { groups } = groupPapers(BATCH, CATALOGUE);
    const home = groups.find((g) => g.paperIds.includes('x'));
    expect(home?.topic.slug).toBe('image-generation');
    expect(groups.find((g) => g.topic.slug === 'fine-tuning')?.paperIds).toEqual(['d1', 'd2', 'd3']);
  });
});

describe('settleClaims', () => {
  // Papers 0-1 are undisputed in topic 0, 2-3 in topic 1, paper 4 is in doubt between 0 and 1.
  const sim = (toFirst: number, toSecond: number): Float64Array => {
    const n = 5;
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i += 1) m[i * n + i] = 1;
    for (const q of [0, 1]) m[4 * n + q] = m[q * n + 4] = toFirst;
    for (const q of [2, 3]) m[4 * n + q] = m[q * n + 4] = toSecond;
    return m;
  };
  // Papers 1 and 3 leave their topic (to topic 2) when that topic is to have one undisputed paper.
  const claims = (coreOfFirst: number, coreOfSecond: number): Claim[] => [
    { index: 0, evidence: 3, rivals: [] },
    { index: coreOfFirst >= 2 ? 0 : 2, evidence: 3, rivals: [] },
    { index: 1, evidence: 3, rivals: [] },
    { index: coreOfSecond >= 2 ? 1 : 2, evidence: 3, rivals: [] },
    { index: 0, evidence: 4, rivals: [{ index: 1, evidence: 3 }] },
  ];

  it.each([
    ['closer to the rival topic', 0.05, 0.3, 2, 2, 1],
    ['closer to its own topic', 0.3, 0.05, 2, 2, 0],
    ['about as close to both: evidence decides', 0.2, 0.2, 2, 2, 0],
    ['the rival has one undisputed paper only: no reference, the claim stands', 0.05, 0.3, 2, 1, 0],
    ['its own topic has one undisputed paper only: the claim stands', 0.05, 0.3, 1, 2, 0],
  ])('a paper in doubt, %s', (_, toFirst, toSecond, first, second, expected) => {
    const cs = claims(first, second);
    settleClaims(cs, sim(toFirst, toSecond), 5);
    expect(cs[4]?.index).toBe(expected);
    expect(cs.slice(0, 4).map((c) => c.index)).toEqual(
      claims(first, second)
        .slice(0, 4)
        .map((c) => c.index),
    );
  });
});

describe('claimPapers: a title that names two topics', () => {
  const CATALOGUE = [
    curated('llm-agents', 'LLM agents', ['llm agents', 'agent', 'agentic', 'tool calling']),
    curated('safety-security', 'AI safety and security', ['safety', 'jailbreak']),
  ];
  // Agents evidence: "llm agents" and "agent" in the title (3 + 3), "agentic" and "tool calling"
  // in the abstract (1 + 1): over 1.5 times the 3 of "safety" in the title.
  const agentic = 'Tool calling agents run agentic tasks; agentic tasks come first.';
  it.each([
    [
      'the title names both: safety is a rival however many synonyms of agent it says',
      'The Cold-Start Safety Gap in LLM Agents',
      agentic,
      'llm-agents',
      ['safety-security'],
    ],
    [
      'safety only in the abstract: no rival',
      'Warming Up LLM Agents',
      `${agentic} Safety improves.`,
      'llm-agents',
      [],
    ],
    [
      'the title names safety only: agents in the abstract are no rival',
      'A Safety Jailbreak Study',
      agentic,
      'safety-security',
      [],
    ],
  ])('%s', (_, title, summary, index, rivals) => {
    const [claim] = claimPapers(CATALOGUE, [], [0, 1], [paper('p', title, summary)], 3);
    expect(CATALOGUE[claim?.index ?? -1]?.slug).toBe(index);
    expect(claim?.rivals.map((r) => CATALOGUE[r.index]?.slug)).toEqual(rivals);
  });
});

describe('pairLoneOwners', () => {
  // Topic 0 holds papers 0-3; paper 4 alone plainly names topic 1; paper 5 alone names topic 2.
  const setup = (rivalsOf: Record<number, { index: number; evidence: number }[]>, owners: number[]) => {
    const claim = [0, 0, 0, 0, 1, 2];
    const claims: Claim[] = claim.map((index, p) => ({ index, evidence: 3, rivals: rivalsOf[p] ?? [] }));
    const byTopic = new Map<number, number[]>([
      [0, [0, 1, 2, 3]],
      [1, [4]],
      [2, [5]],
    ]);
    return { claim, claims, byTopic, owner: owners };
  };
  it.each<[string, Record<number, { index: number; evidence: number }[]>, number[], number[][], number[]]>([
    [
      'the lone owner takes the paper in doubt that gives its topic the most evidence',
      { 1: [{ index: 1, evidence: 3 }], 2: [{ index: 1, evidence: 4 }] },
      [-1, -1, -1, -1, 1, -1],
      [[0, 1, 3], [4, 2], [5]],
      [0, 0, 1, 0, 1, 2],
    ],
    [
      'a paper that plainly names its own topic stays',
      { 2: [{ index: 1, evidence: 4 }] },
      [-1, -1, 0, -1, 1, -1],
      [[0, 1, 2, 3], [4], [5]],
      [0, 0, 0, 0, 1, 2],
    ],
    [
      'a lone paper that does not plainly name its topic takes nobody',
      { 1: [{ index: 2, evidence: 3 }] },
      [-1, -1, -1, -1, 1, -1],
      [[0, 1, 2, 3], [4], [5]],
      [0, 0, 0, 0, 1, 2],
    ],
    [
      'each lone owner gets its own paper, in topic order',
      { 1: [{ index: 2, evidence: 3 }], 2: [{ index: 1, evidence: 3 }] },
      [-1, -1, -1, -1, 1, 2],
      [
        [0, 3],
        [4, 2],
        [5, 1],
      ],
      [0, 2, 1, 0, 1, 2],
    ],
  ])('%s', (_name, rivalsOf, owners, groups, claimed) => {
    const { claim, claims, byTopic, owner } = setup(rivalsOf, owners);
    pairLoneOwners(byTopic, claims, claim, owner);
    expect([0, 1, 2].map((t) => byTopic.get(t))).toEqual(groups);
    expect(claim).toEqual(claimed);
  });

  it('leaves a topic of two papers its two', () => {
    const claim = [0, 0, 1];
    const claims: Claim[] = [
      { index: 0, evidence: 3, rivals: [] },
      { index: 0, evidence: 3, rivals: [{ index: 1, evidence: 3 }] },
      { index: 1, evidence: 6, rivals: [] },
    ];
    const byTopic = new Map<number, number[]>([
      [0, [0, 1]],
      [1, [2]],
    ]);
    pairLoneOwners(byTopic, claims, claim, [-1, -1, 1]);
    expect(byTopic.get(1)).toEqual([2]);
    expect(claim).toEqual([0, 0, 1]);
  });
});
