import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import { bySize, byStrength, type Draft, nameCluster } from '../../../src/topics/drafts.js';
import { catalogueNamed } from '../../../src/topics/group-papers.js';
import { collectPhrases, groupPapers, OTHER_TOPIC, type PaperText } from '../../../src/topics/index.js';
import { seededRandom, shuffle } from './hf-fixture.js';

const p = (id: string, title: string, summary = '', extra: Partial<PaperText> = {}): PaperText => ({
  id,
  title,
  summary,
  keywords: [],
  categories: [],
  ...extra,
});

const user = (slug: string, keywords: string[], categories: string[] = []): Topic => ({
  slug,
  label: slug,
  keywords,
  categories,
  userDefined: true,
});

/** Twelve papers on three subjects: attention kernels, robot grasping, speech. */
const BATCH: PaperText[] = [
  p(
    'a1',
    'Sparse attention kernels for long context',
    'Block sparse attention speeds up long context prefill on GPUs.',
  ),
  p('a2', 'Faster sparse attention', 'A sparse attention kernel for long context language models on GPUs.'),
  p(
    'a3',
    'Long context serving with sparse attention',
    'Sparse attention and KV cache compression for long context serving.',
  ),
  p(
    'a4',
    'KV cache compression for long context',
    'Compressing the KV cache makes long context attention cheaper on GPUs.',
  ),
  p(
    'r1',
    'Dexterous grasp planning for robot hands',
    'A grasp planner for dexterous robot hands and unseen objects.',
  ),
  p(
    'r2',
    'Grasp synthesis with contact maps',
    'Robot grasp synthesis from contact maps for dexterous hands.',
  ),
  p('r3', 'Robot manipulation with grasp priors', 'Grasp priors help robot manipulation of unseen objects.'),
  p('r4', 'Learning robot grasp policies', 'Dexterous robot grasp policies learned from contact data.'),
  p('s1', 'Speech recognition benchmarks', 'Automatic speech recognition models overfit speech benchmarks.'),
  p('s2', 'Robust speech recognition', 'Speech recognition under noise with audio augmentation.'),
  p('s3', 'Self-supervised speech models', 'Audio representation learning for speech recognition.'),
  p('s4', 'Speech recognition for low-resource languages', 'Speech recognition data for low-resource audio.'),
];

const idsOf = (groups: { paperIds: string[] }[]): string[] => groups.flatMap((g) => g.paperIds).sort();
const sectionsOf = (groups: { topic: Topic; paperIds: string[] }[]): string[][] =>
  groups.map((g) => [...g.paperIds].sort()).sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? ''));

describe('groupPapers rules', () => {
  it('returns no groups for no papers, and the catalogue as given', () => {
    const catalogue = [user('robots', ['robot'])];
    expect(groupPapers([], catalogue)).toEqual({ groups: [], catalogue, uncategorizedLearning: true });
  });

  it.each([1, 3, 5])('makes one section of %i papers', (n) => {
    const { groups } = groupPapers(
      BATCH.slice(0, n * 2).filter((_, i) => i % 2 === 0),
      [],
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]?.paperIds).toHaveLength(n);
    expect(groups[0]?.topic.slug).toBe(OTHER_TOPIC.slug);
  });

  it('puts a small batch under the one topic all its papers match', () => {
    const { groups } = groupPapers(BATCH.slice(4, 7), [user('robots', ['robot', 'grasp'])]);
    expect(groups.map((g) => [g.topic.slug, g.paperIds.length])).toEqual([['robots', 3]]);
  });

  it('separates three clear subjects into three sections', () => {
    const { groups } = groupPapers(BATCH, []);
    expect(sectionsOf(groups)).toEqual([
      ['a1', 'a2', 'a3', 'a4'],
      ['r1', 'r2', 'r3', 'r4'],
      ['s1', 's2', 's3', 's4'],
    ]);
  });

  it.each([
    ['a keyword in their titles', user('grasp', ['grasp']), ['r1', 'r2', 'r3', 'r4']],
    [
      'phrases, word for word',
      user('kv', ['kv cache compression', 'long context']),
      ['a1', 'a2', 'a3', 'a4'],
    ],
    ['a plural keyword matching the singular', user('robots', ['robots']), ['r1', 'r3', 'r4']],
    ['an arXiv category', user('audio', [], ['eess.AS']), ['s2', 's3']],
  ])('gives precedence to a user topic matching %s', (_, topic, expected) => {
    const batch = BATCH.map((x) => (x.id === 's2' || x.id === 's3' ? { ...x, categories: ['eess.AS'] } : x));
    const { groups } = groupPapers(batch, [topic]);
    // The claimed papers; near neighbours may join when the letter has no room for another section.
    expect(groups.find((g) => g.topic.slug === topic.slug)?.paperIds).toEqual(
      expect.arrayContaining(expected),
    );
    expect(idsOf(groups)).toEqual(BATCH.map((x) => x.id).sort());
  });

  it('never lets one word said once in an abstract claim a paper (regression: "agentic" put sparse attention under LLM agents)', () => {
    const batch = BATCH.map((x) =>
      x.id === 'a2' ? { ...x, summary: `${x.summary} It also serves agentic workloads.` } : x,
    );
    const { groups } = groupPapers(batch, [user('agents', ['agentic', 'agents', 'tool use'])]);
    expect(groups.find((g) => g.topic.slug === 'agents')).toBeUndefined();
  });

  it('does not match a phrase whose words are apart', () => {
    const { groups } = groupPapers(BATCH, [user('kv', ['cache attention'])]);
    expect(groups.find((g) => g.topic.slug === 'kv')).toBeUndefined();
  });

  it('lists a duplicated id once', () => {
    const { groups } = groupPapers([...BATCH, { ...BATCH[0], title: 'dup' } as PaperText], []);
    expect(idsOf(groups)).toEqual(BATCH.map((x) => x.id).sort());
  });

  it('does not modify the catalogue it is given', () => {
    const catalogue = [user('robots', ['robot'])];
    const copy = structuredClone(catalogue);
    const result = groupPapers(BATCH, catalogue);
    expect(catalogue).toEqual(copy);
    expect(result.catalogue.slice(0, 1)).toEqual(copy);
  });

  it('joins an existing catalogue topic instead of creating a new one', () => {
    const day1 = groupPapers(BATCH, []);
    const robots = day1.groups.find((g) => g.paperIds.includes('r1'))?.topic;
    const day2 = groupPapers(
      [
        p(
          'r5',
          'Dexterous robot grasp planning',
          'Grasp planning for dexterous robot hands with contact maps.',
        ),
        p(
          'r6',
          'Robot grasp policies from contact data',
          'Learning dexterous grasp policies for robot hands.',
        ),
        ...BATCH.slice(8),
      ],
      day1.catalogue,
    );
    expect(day2.groups.find((g) => g.paperIds.includes('r5'))?.topic.slug).toBe(robots?.slug);
    expect(day2.groups.find((g) => g.paperIds.includes('r6'))?.topic.slug).toBe(robots?.slug);
    expect(day2.catalogue).toHaveLength(day1.catalogue.length);
  });
});

describe('groupPapers invariants', () => {
  const VOCAB = (
    'attention kernel sparse cache robot grasp hand speech audio diffusion image video agent memory tool ' +
    'reward policy reasoning benchmark retrieval graph protein molecule weather forecast code repair'
  ).split(' ');

  function randomBatch(seed: number): PaperText[] {
    const random = seededRandom(seed);
    const pick = (k: number): string =>
      Array.from({ length: k }, () => VOCAB[Math.floor(random() * VOCAB.length)] as string).join(' ');
    const n = Math.floor(random() * 60);
    return Array.from({ length: n }, (_, i) =>
      p(`${seed}-${Math.floor(random() * n * 1.2)}-${i % 7}`, pick(4), `${pick(12)}. ${pick(8)}.`, {
        keywords: random() < 0.3 ? [pick(2)] : [],
      }),
    );
  }

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))(
    'every id lands in exactly one group (seed %i)',
    (seed) => {
      const batch = randomBatch(seed);
      const { groups, catalogue } = groupPapers(batch, []);
      const ids = groups.flatMap((g) => g.paperIds);
      expect(ids.sort()).toEqual([...new Set(batch.map((x) => x.id))].sort());
      expect(groups.every((g) => g.paperIds.length > 0)).toBe(true);
      const slugs = new Set(catalogue.map((t) => t.slug));
      // A section is a catalogue topic, a labelled part of one, or the catch-all.
      expect(
        groups.every(
          (g) =>
            slugs.has(g.topic.slug) || slugs.has(g.topic.parent ?? '') || g.topic.slug === OTHER_TOPIC.slug,
        ),
      ).toBe(true);
      expect(slugs.size).toBe(catalogue.length);
      expect(groups.slice(0, -1).every((g) => g.topic.slug !== OTHER_TOPIC.slug)).toBe(true);
      if (batch.length > 5)
        expect(groups.filter((g) => g.paperIds.length === 1 && g.topic.slug !== OTHER_TOPIC.slug)).toEqual(
          [],
        );
    },
  );

  it('gives the same output twice and for a shuffled input', () => {
    const first = groupPapers(BATCH, []);
    expect(groupPapers(BATCH, [])).toEqual(first);
    for (const seed of [1, 2, 3]) expect(groupPapers(shuffle(BATCH, seededRandom(seed)), [])).toEqual(first);
  });

  it('makes kebab-case unique slugs and unique labels', () => {
    const { catalogue } = groupPapers(BATCH, []);
    for (const t of catalogue) expect(t.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(new Set(catalogue.map((t) => t.label.toLowerCase())).size).toBe(catalogue.length);
  });
});

describe('a focused feed (every paper in one catalogue topic)', () => {
  const longContext: Topic = {
    slug: 'long-context',
    label: 'Long context',
    keywords: ['long context', 'long-context'],
    categories: [],
    userDefined: false,
    origin: 'curated',
  };
  const themes = [
    ['positional encoding', 'Rotary positional encoding scales the context window of long-context models'],
    ['KV cache compression', 'Compressing the KV cache cuts memory of long-context inference'],
    ['long-context benchmarks', 'Long-context benchmarks test retrieval over long documents'],
    ['sparse attention', 'Sparse attention kernels speed up long-context prefill'],
  ] as const;
  const batch = themes.flatMap(([theme, text], t) =>
    Array.from({ length: 7 }, (_, i) =>
      p(`f${t}-${i}`, `${theme} for long-context models, variant ${i}`, `${text}. Study ${i} on ${theme}.`, {
        keywords: [theme],
      }),
    ),
  );

  it('splits the topic into labelled parts that keep its slug as parent', () => {
    const { groups } = groupPapers(batch, [longContext]);
    const parts = groups.filter((g) => g.topic.parent === 'long-context');
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(groups.flatMap((g) => g.paperIds).sort()).toEqual(batch.map((x) => x.id).sort());
    for (const part of parts) {
      expect(part.topic.slug.startsWith('long-context--')).toBe(true);
      expect(themes.map(([theme]) => theme.toLowerCase())).toContain(part.topic.label.toLowerCase());
      expect(new Set(part.paperIds.map((id) => id.slice(0, 2))).size).toBe(1);
    }
  });
});

describe('catalogueNamed (a discovered section named like a catalogue topic is that topic)', () => {
  const t = (slug: string, label: string): Topic => ({
    slug,
    label,
    keywords: ['q-learning'],
    categories: [],
    userDefined: false,
    origin: 'curated',
  });
  const topics = [t('reinforcement-learning', 'Reinforcement learning'), t('robotics', 'Robot learning')];
  it.each([
    ['the same label', 'Reinforcement learning', [0, 1], 0],
    ['another case and spacing', 'Reinforcement  Learning', [0, 1], 0],
    ['a label no topic has', 'Policy optimization', [0, 1], -1],
    ['a longer label on the same words', 'Reinforcement learning agents', [0, 1], -1],
    ['a topic that is not a candidate (hidden, user-defined)', 'Reinforcement learning', [1], -1],
  ])('%s', (_name, label, candidates, expected) => {
    expect(catalogueNamed(topics, candidates, label)).toBe(expected);
  });
});

describe('nameCluster: a paper joins a found section on evidence', () => {
  const batch: PaperText[] = [
    p('c1', 'Flaky tests in continuous integration'),
    p('c2', 'Predicting flaky tests from test history'),
    p('c3', 'Flaky tests and test retries'),
    p('c4', 'Test retries and test history in continuous integration'),
    p('c5', 'Graph coloring with local search'),
  ];
  const stats = collectPhrases(batch);
  const ids = (indices: number[]) => indices.map((i) => batch[i]?.id);

  it.each([
    {
      name: 'papers that say the label stay, one with nothing of it goes back',
      cluster: [0, 1, 2, 4],
      members: ['c1', 'c2', 'c3'],
      rest: ['c5'],
    },
    {
      name: "a paper that shares two of the section's phrases stays without saying the label",
      cluster: [0, 1, 2, 3],
      members: ['c1', 'c2', 'c3', 'c4'],
      rest: [],
    },
  ])('$name', ({ cluster, members, rest }) => {
    const named = nameCluster(cluster, stats, [], batch);
    expect(named.label?.label).toBe('Flaky tests');
    expect(ids(named.members)).toEqual(members);
    expect(ids(named.rest)).toEqual(rest);
  });

  it('names no section by one word alone', () => {
    const one: PaperText[] = [
      p('s1', 'Video synthesis with motion', ''),
      p('s2', 'Task synthesis for terminal agents', ''),
      p('s3', 'Synthesis of scenes', ''),
    ];
    const named = nameCluster([0, 1, 2], collectPhrases(one), [], one);
    expect(named.label).toBeUndefined();
    expect(named.rest).toEqual([0, 1, 2]);
  });
});

describe('byStrength: which section gives way when a letter has too many', () => {
  const topic = (slug: string, keywords: string[]): Topic => ({
    ...user(slug, keywords),
    userDefined: false,
  });
  const batch = [
    p('x1', 'Jailbreak attacks on AI safety', 'We study AI safety under jailbreak attacks.'),
    p('x2', 'AI safety of tool use', 'AI safety risks when models call tools.'),
    p('y1', 'A survey', 'Continual learning is mentioned once.'),
    p('y2', 'Another study', 'We look at adaptation and continual learning.'),
    p('z1', 'Grasping', 'Robot grasping.'),
    p('z2', 'More grasping', 'Robot grasping again.'),
    p('z3', 'Grasp planning', 'Robot grasp planning.'),
  ];
  const draft = (slug: string, keywords: string[], members: number[]): Draft => ({
    members,
    topic: topic(slug, keywords),
    words: [slug],
    source: 0,
    settled: false,
  });

  it('puts larger sections first and, at one size, the one whose papers say its phrases more', () => {
    const drafts = [
      draft('a-continual', ['continual learning'], [2, 3]),
      draft('c-safety', ['ai safety', 'jailbreak'], [0, 1]),
      draft('z-robot', ['robot'], [4, 5, 6]),
    ];
    // By size and slug alone "a-continual" would stay and "c-safety" give way.
    expect([...drafts].sort(bySize).map((d) => d.topic.slug)).toEqual(['z-robot', 'a-continual', 'c-safety']);
    expect(drafts.sort(byStrength(batch)).map((d) => d.topic.slug)).toEqual([
      'z-robot',
      'c-safety',
      'a-continual',
    ]);
  });

  it('falls back to size and slug when the evidence is equal (as bySize)', () => {
    const drafts = [draft('b', ['nothing said'], [2, 3]), draft('a', ['nothing said'], [0, 1])];
    expect(drafts.sort(byStrength(batch)).map((d) => d.topic.slug)).toEqual(['a', 'b']);
  });
});
