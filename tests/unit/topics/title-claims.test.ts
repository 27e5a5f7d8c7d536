import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import { claimPapers, type PaperText, parseCatalogue, titleClaims } from '../../../src/topics/index.js';
import { loadAppliedFile, loadCatalogueFile } from '../../helpers/placement.js';
import { curated, paper } from './builders.js';

/** The papers below a run's grouping pool: each joins the topic its title names, on that alone. */
describe('titleClaims', () => {
  const CATALOGUE: Topic[] = [
    curated('speech-audio', 'Speech and audio models', ['speech recognition', 'text-to-speech', 'audio']),
    curated('robotics', 'Robotics', ['robot manipulation', 'robot learning']),
    { ...curated('hidden-topic', 'Hidden topic', ['graph neural networks']), hidden: true },
  ];

  it.each([
    { title: 'Streaming Speech Recognition with Small Models', abstract: '', claim: 'speech-audio' },
    { title: 'Dexterous Robot Manipulation from Video', abstract: '', claim: 'robotics' },
    // Said only in the abstract, however often: not a title's subject.
    {
      title: 'A Study of Model Compression',
      abstract: 'Speech recognition models, speech recognition latency, speech recognition at scale.',
      claim: undefined,
    },
    // A hidden topic claims nothing.
    { title: 'Graph Neural Networks for Chemistry', abstract: '', claim: undefined },
    { title: 'The Greedy Coin Change Problem', abstract: '', claim: undefined },
  ])('reads "$title" as $claim', ({ title, abstract, claim }) => {
    expect(titleClaims([paper('p', title, abstract)], CATALOGUE)).toEqual([claim]);
  });

  it("lets an operator's own topic take a title before the catalogue's, as a batch's claims do", () => {
    const own: Topic = {
      slug: 'asr',
      label: 'ASR',
      keywords: ['speech recognition'],
      categories: [],
      userDefined: true,
    };
    const papers = [
      paper('a', 'Streaming Speech Recognition', ''),
      paper('b', 'Text-to-Speech in Welsh', ''),
    ];
    expect(titleClaims(papers, [...CATALOGUE, own])).toEqual(['asr', 'speech-audio']);
  });

  it('reads each paper alone: the same claims in any order of papers or topics', () => {
    const papers = [
      paper('a', 'Robot Learning at Home', ''),
      paper('b', 'Audio Captioning', ''),
      paper('c', 'Sorting Networks', ''),
    ];
    const forward = titleClaims(papers, CATALOGUE);
    expect(forward).toEqual(['robotics', 'speech-audio', undefined]);
    expect(titleClaims([...papers].reverse(), [...CATALOGUE].reverse())).toEqual([...forward].reverse());
    expect(titleClaims([], CATALOGUE)).toEqual([]);
  });

  it("claims what a batch's claims would of the same titles, on the curated catalogue and real papers", () => {
    const catalogue = parseCatalogue(readFileSync('data/catalogue.json', 'utf8'), 'data/catalogue.json');
    const rows = readFileSync('tests/fixtures/topics/placement-arxiv-cs.jsonl', 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; title: string; categories: string[] });
    const titles: PaperText[] = rows.map((r) => ({ ...paper(r.id, r.title, ''), categories: r.categories }));
    // claimPapers over the catalogue in a batch's order (slug), every topic offered and no part.
    const sorted = [...catalogue].sort((a, b) => (a.slug < b.slug ? -1 : 1));
    const claimable = sorted.flatMap((t, i) => (t.hidden || t.slug.includes('--') ? [] : [i]));
    const batch = claimPapers(sorted, [], claimable, titles, 3).map((c) =>
      c.index >= 0 ? sorted[c.index]?.slug : undefined,
    );
    const claims = titleClaims(rows, catalogue);
    expect(claims).toEqual(batch);
    expect(claims.filter(Boolean).length).toBeGreaterThan(40);
  });

  // A pool of another field's papers without arXiv categories (a botany journal's feed) does not
  // read as machine learning (GroupResult.uncategorizedLearning): nor do the titles below it.
  it('reads titles of another field as the pool was read', () => {
    const catalogue = loadCatalogueFile();
    const titles = [
      'Molecular phylogeny and drug discovery targets of Salvia (Lamiaceae)',
      'Clinical features of snake bites in Kerala: a hospital study',
    ].map((title, i) => ({ id: `p${i}`, title, categories: [] }));
    const applied = loadAppliedFile();
    expect(titleClaims(titles, catalogue, { applied })).toEqual(['ai-for-science', 'medical-ai']);
    expect(titleClaims(titles, catalogue, { applied, uncategorizedLearning: false })).toEqual([
      undefined,
      undefined,
    ]);
  });
});
