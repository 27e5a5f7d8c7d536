import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import { topicOrigin } from '../../../src/domain/index.js';
import {
  archivesApart,
  type Draft,
  labelPhrases,
  namedClaims,
  placeLeftovers,
} from '../../../src/topics/drafts.js';
import { OTHER_TOPIC, type PaperText } from '../../../src/topics/index.js';
import { groupAsRun, readArxivFixture } from '../../helpers/placement.js';
import { curated } from './builders.js';

/**
 * A section found in the batch (labelled from its papers' phrases, no catalogue topic) takes a
 * left-over paper for closeness only when the paper's arXiv archives meet its papers' (issue #12:
 * a paper joins on real evidence). 100 papers of an arXiv OAI-PMH harvest of 2008, every archive
 * (tests/fixtures/topics/broad-arxivraw-2008.jsonl): its letter had "Josephson junctions" of two
 * Josephson-junction papers (cond-mat) and two it took for sharing "oscillations" and
 * "fluctuations": a neutrino-oscillation paper (hep-ph) and a solar-prominence one (astro-ph),
 * while that letter had sections of both their archives.
 */

const paper = (id: string, categories: string[]): PaperText => ({
  id,
  title: id,
  summary: '',
  keywords: [],
  categories,
});

describe('archivesApart', () => {
  const batch = [
    paper('a', ['cond-mat.mes-hall']),
    paper('b', ['cond-mat.supr-con', 'quant-ph']),
    paper('c', []),
  ];
  it.each([
    ['an archive none of the section papers is filed in', ['hep-ph'], [0, 1], true],
    ['another class of an archive a section paper is filed in', ['cond-mat.str-el'], [0, 1], false],
    ['the archive of a section paper cross-list', ['quant-ph', 'physics.optics'], [0, 1], false],
    ['no categories (a Hugging Face daily paper)', [], [0, 1], false],
    ['a section with a paper without categories', ['hep-ph'], [0, 2], false],
    ['an empty section', ['hep-ph'], [], false],
  ])('%s: %s', (_what, categories, members, apart) => {
    expect(archivesApart(members, paper('p', categories), batch)).toBe(apart);
  });
});

describe('a broad feed of 2008, every archive', () => {
  const papers = readArxivFixture('broad-arxivraw-2008.jsonl');
  const { groups } = groupAsRun(papers);

  it('forms no section of a phrase two fields use apart ("force fields" of turbulence and of nanofluids)', () => {
    // Regression: with "general" no longer keyed as "generation" (tokenize.ts), this letter's
    // clusters moved and one was headed "Force fields": a turbulence paper (physics.flu-dyn) and
    // a nanofluid one (cond-mat.mes-hall) that both say it in their titles.
    expect(groups.map((g) => g.topic.label)).not.toContain('Force fields');
  });

  it('puts the neutrino-oscillation paper under "High energy physics", where its archive reads', () => {
    const neutrino = papers.find((p) => /neutrino oscillations/.test(p.title));
    const section = groups.find((g) => g.paperIds.includes(neutrino?.id ?? ''));
    expect(section?.topic.label).toBe('High energy physics');
  });
});

describe('every section found in a batch of arXiv papers', () => {
  // Letters with sections of their own phrases (no catalogue topic): each paper of such a section
  // shares an arXiv archive with another of its papers, however the section formed.
  const found = [
    'broad-arxivraw-2008.jsonl',
    'one-field-physics.jsonl',
    'one-field-quantum.jsonl',
    'one-field-astro.jsonl',
    'all-archives-letter-seed7.jsonl',
  ].flatMap((file) => {
    const papers = readArxivFixture(file);
    const byId = new Map(papers.map((p) => [p.id, p]));
    return groupAsRun(papers)
      .groups.filter(
        (g) =>
          g.topic.slug !== OTHER_TOPIC.slug &&
          topicOrigin(g.topic) === 'discovered' &&
          g.topic.categories.length === 0,
      )
      .map((g) => ({
        file,
        label: g.topic.label,
        papers: g.paperIds.map((id) => byId.get(id) as PaperText),
      }));
  });
  const archives = (p: PaperText): string[] => p.categories.map((c) => c.split('.')[0] as string);

  it('has sections found in the batch to check (at least five)', () => {
    expect(found.length).toBeGreaterThanOrEqual(5);
  });

  it.each(found.map((f) => [f.file, f.label, f.papers] as const))(
    '%s: every paper of "%s" shares an arXiv archive with another of its papers',
    (_file, _label, members) => {
      for (const p of members) {
        const others = new Set(members.filter((o) => o !== p).flatMap(archives));
        expect(
          archives(p).some((a) => others.has(a)),
          p.title,
        ).toBe(true);
      }
    },
  );
});

describe("a part of a catalogue topic keeps its topic's categories", () => {
  // Regression: a sub-section found in the batch ("Diffusion models" of "Image generation and
  // editing") was read as a section of no topic, so a radio-survey paper (astro-ph.CO) joined it
  // for one of its papers being cross-listed in astro-ph, where the topic's cs.CV spoke against it.
  const parent: Topic = {
    slug: 'image-generation',
    label: 'Image generation and editing',
    keywords: ['image generation', 'diffusion models'],
    categories: ['cs.CV'],
    userDefined: false,
    origin: 'curated',
  };
  const part: Topic = {
    slug: 'image-generation--diffusion-models',
    label: 'Diffusion models',
    keywords: ['diffusion models'],
    categories: [],
    userDefined: false,
    origin: 'discovered',
    parent: 'image-generation',
  };
  const batch: PaperText[] = [
    { ...paper('g', ['astro-ph.GA', 'cs.CV']), title: 'Galaxy evolution with diffusion models' },
    { ...paper('t', ['cs.CV']), title: 'Virtual try-off with diffusion models' },
    { ...paper('r', ['astro-ph.CO']), title: 'Galaxy evolution in a radio survey' },
  ];
  const close = new Float64Array(9);
  for (const [a, b] of [
    [2, 0],
    [2, 1],
  ] as const) {
    close[a * 3 + b] = 0.3;
    close[b * 3 + a] = 0.3;
  }

  it('leaves the paper of another field in the catch-all', () => {
    const drafts: Draft[] = [
      { members: [0, 1], topic: part, words: ['diffus', 'model'], source: -1, settled: true },
    ];
    const other = placeLeftovers([2], drafts, {
      topics: [parent, part],
      batch,
      stats: labelPhrases(batch),
      sim: close,
      n: 3,
      maxShare: 0,
    });
    expect(drafts[0]?.members).toEqual([0, 1]);
    expect(other).toEqual([2]);
  });
});

describe('namedClaims: the topic each left-over paper names, kept between placements of a batch', () => {
  const topic = (slug: string, keywords: string[]): Topic => curated(slug, slug, keywords);
  const batch: PaperText[] = [
    { ...paper('gnn', []), title: 'Graph neural networks for molecules' },
    { ...paper('diffusion', []), title: 'Diffusion models for images' },
  ];

  it('reads the claims again once a topic, its phrase list or the topics asked change', () => {
    const graphs = topic('graphs', ['graph neural networks']);
    const images = topic('images', ['speech']);
    const topics = [graphs, images];
    const claims = (named: number[]): number[] => {
      const of = namedClaims(batch, topics, named);
      return [of(0), of(1)];
    };
    expect(claims([0, 1])).toEqual([0, -1]);
    expect(claims([0, 1])).toEqual([0, -1]);
    images.keywords.push('diffusion models'); // grown in place
    expect(claims([0, 1])).toEqual([0, 1]);
    images.keywords = ['speech']; // replaced
    expect(claims([0, 1])).toEqual([0, -1]);
    topics[1] = topic('images', ['diffusion models']); // another topic object
    expect(claims([0, 1])).toEqual([0, 1]);
    expect(claims([0])).toEqual([0, -1]); // fewer topics asked
  });
});
