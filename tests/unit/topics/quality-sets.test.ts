import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TopicGroup } from '../../../src/domain/index.js';
import {
  collectPhrases,
  groupPapers,
  labelsClash,
  OTHER_TOPIC,
  type PaperText,
  phraseKeys,
} from '../../../src/topics/index.js';
import { normalizedMutualInformation } from '../../helpers/cluster-metrics.js';
import { loadAreasFile, loadHomesFile } from '../../helpers/placement.js';
import { loadCatalogue, loadHfLabeled, readsAsHeading, seededRandom, shuffle } from './hf-fixture.js';

/**
 * Quality floors on the hand-labelled sets (tests/fixtures/topics/README.md), below the figures
 * `npm run bench:topics` measures, so a change that makes sections worse fails here.
 */

const CATALOGUE = loadCatalogue();

interface Labelled {
  id: string;
  title: string;
  summary: string;
  keywords: string[];
  categories: string[];
  label: string;
}

function loadFocused(): Labelled[] {
  return readFileSync(new URL('../../fixtures/topics/focused-llm.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .map((r) => ({
      id: String(r.id),
      title: String(r.title),
      summary: String(r.abstract),
      keywords: [],
      categories: [],
      label: String(r.label),
    }));
}

function nmi(papers: readonly Labelled[], groups: TopicGroup[]): number {
  const topicOf = new Map(groups.flatMap((g) => g.paperIds.map((id) => [id, g.topic.slug] as const)));
  return normalizedMutualInformation(
    papers.map((p) => p.label),
    papers.map((p) => topicOf.get(p.id) ?? '?'),
  );
}

/** A discovered label its section's papers mostly go on after ("Bias" of "inductive bias probes"). */
function isCut(label: string, papers: readonly PaperText[]): boolean {
  const s = collectPhrases(papers).get(phraseKeys(label).join(' '));
  return s !== undefined && s.complete < 0.5 * s.count;
}

/** What a reader checks: sections, single-paper ones, the catch-all, headings, clashes. */
function expectReadable(groups: TopicGroup[], papers: readonly PaperText[]): void {
  const n = papers.length;
  const byId = new Map(papers.map((p) => [p.id, p]));
  const named = groups.filter((g) => g.topic.slug !== OTHER_TOPIC.slug);
  expect(groups.length).toBeGreaterThanOrEqual(7);
  expect(groups.length).toBeLessThanOrEqual(12);
  expect(named.filter((g) => g.paperIds.length === 1)).toEqual([]);
  // A sub-section of two papers is a footnote, not a heading.
  expect(named.filter((g) => g.topic.parent !== undefined && g.paperIds.length < 3)).toEqual([]);
  const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0;
  expect(other).toBeLessThanOrEqual(Math.ceil(0.15 * n));
  for (const g of named) {
    expect(readsAsHeading(g.topic.label), g.topic.label).toBe(true);
    const own = g.paperIds.map((id) => byId.get(id) as PaperText);
    if (g.topic.origin === 'discovered') expect(isCut(g.topic.label, own), g.topic.label).toBe(false);
  }
  named.forEach((a, i) => {
    for (const b of named.slice(i + 1))
      expect(
        labelsClash(phraseKeys(a.topic.label), phraseKeys(b.topic.label)),
        `${a.topic.label} / ${b.topic.label}`,
      ).toBe(false);
  });
}

describe('focused set: 70 arXiv papers on LLMs, hand-labelled into 9 sections', () => {
  const papers = loadFocused();
  const { groups } = groupPapers(papers, CATALOGUE);

  it('places every paper once', () => {
    expect(groups.flatMap((g) => g.paperIds).sort()).toEqual(papers.map((p) => p.id).sort());
  });

  // Measured 0.764, 0.757 with the longer phrase lists; 0.734 since "video understanding" names its
  // topic (a Video-LLM paper of this LLM set, hand-labelled multimodal, reads in "More papers"
  // under "Video understanding", and a recommendation paper leaves it for room: session 25); 0.741
  // with "Quantization" split from "Efficient inference" at the end (session 26).
  it('agrees with the editor (NMI floor) in 7-12 readable sections', () => {
    expect(nmi(papers, groups)).toBeGreaterThanOrEqual(0.735);
    expectReadable(groups, papers);
  });
});

describe('hf-labeled 70-paper subsets (the bench seeds)', () => {
  const all = loadHfLabeled();
  // Grouped as a run and the bench group them: with the catalogue's areas and class homes.
  const options = { areas: loadAreasFile(), homes: loadHomesFile() };
  const runs = (first: number): { nmi: number; groups: TopicGroup[]; subset: Labelled[] }[] =>
    Array.from({ length: 20 }, (_, i) => {
      const subset = shuffle(all, seededRandom(first + i)).slice(0, 70);
      const { groups } = groupPapers(subset, CATALOGUE, options);
      return { nmi: nmi(subset, groups), groups, subset };
    });

  // Measured 0.717 (min 0.621) on seeds 1-20 and 0.703 (min 0.636) on the held-out seeds 21-40,
  // with the catalogue read in one order (by slug) whoever calls; 0.766 (min 0.676) and 0.749
  // (min 0.698) with the catalogue's longer phrase lists (session 18); 0.776 (min 0.720) and 0.755
  // (min 0.709) in session 25: every subset at issue #12's 0.70; 0.787 (min 0.711) and 0.758 (min
  // 0.711) in session 26, a section that grew large late split into its parts.
  it.each([
    [1, 0.775],
    [21, 0.75],
  ])('seeds %i.. keep the mean NMI above %f, none below 0.70, every batch readable', (first, floor) => {
    const results = runs(first);
    const mean = results.reduce((a, r) => a + r.nmi, 0) / results.length;
    expect(mean).toBeGreaterThanOrEqual(floor);
    for (const r of results) {
      expect(r.nmi).toBeGreaterThanOrEqual(0.7);
      expectReadable(r.groups, r.subset);
    }
  });
});
