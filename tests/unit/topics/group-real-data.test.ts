import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TopicGroup } from '../../../src/domain/index.js';
import {
  groupPapers,
  labelsClash,
  OTHER_TOPIC,
  parseCatalogue,
  phraseKeys,
  sectionBounds,
} from '../../../src/topics/index.js';
import { adjustedRandIndex, normalizedMutualInformation } from '../../helpers/cluster-metrics.js';
import { type LabeledPaper, loadHfLabeled, readsAsHeading, seededRandom, shuffle } from './hf-fixture.js';

const PAPERS = loadHfLabeled();
const CATALOGUE_FILE = new URL('../../../data/catalogue.json', import.meta.url);
const CATALOGUE = parseCatalogue(readFileSync(CATALOGUE_FILE, 'utf8'), 'data/catalogue.json');

function scores(papers: LabeledPaper[], groups: TopicGroup[]): { nmi: number; ari: number } {
  const topicOf = new Map(groups.flatMap((g) => g.paperIds.map((id) => [id, g.topic.slug] as const)));
  const truth = papers.map((p) => p.label);
  const predicted = papers.map((p) => topicOf.get(p.id) ?? '?');
  return { nmi: normalizedMutualInformation(truth, predicted), ari: adjustedRandIndex(truth, predicted) };
}

const topicOf = (groups: TopicGroup[]): Map<string, string> =>
  new Map(groups.flatMap((g) => g.paperIds.map((id) => [id, g.topic.slug] as const)));

/** What a reader sees of a letter's sections. */
function shape(groups: TopicGroup[]): { sections: number; singles: number; other: number } {
  return {
    sections: groups.length,
    singles: groups.filter((g) => g.paperIds.length === 1 && g.topic.slug !== OTHER_TOPIC.slug).length,
    other: groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0,
  };
}

describe('groupPapers with the curated catalogue on the hand-labelled HF papers (108 papers, 15 topics)', () => {
  const { groups, catalogue } = groupPapers(PAPERS, CATALOGUE);

  it('places every paper exactly once', () => {
    expect(groups.flatMap((g) => g.paperIds).sort()).toEqual(PAPERS.map((p) => p.id).sort());
  });

  it('keeps quality above the floor measured by bench:topics', () => {
    const { nmi, ari } = scores(PAPERS, groups);
    expect(nmi).toBeGreaterThanOrEqual(0.58);
    expect(ari).toBeGreaterThanOrEqual(0.25);
  });

  it('makes sections sized for reading: within the bounds, none of one paper, "More papers" last and small', () => {
    const [lo, hi] = sectionBounds(PAPERS.length);
    const s = shape(groups);
    expect(s.sections).toBeGreaterThanOrEqual(lo);
    expect(s.sections).toBeLessThanOrEqual(hi);
    expect(s.singles).toBe(0);
    expect(s.other).toBeLessThanOrEqual(Math.ceil(PAPERS.length * 0.16));
    expect(groups.slice(0, -1).some((g) => g.topic.slug === OTHER_TOPIC.slug)).toBe(false);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'keeps 70-paper batches in 7-12 sections, none of one paper (subset %i)',
    (seed) => {
      const subset = shuffle(PAPERS, seededRandom(seed)).slice(0, 70);
      const result = groupPapers(subset, CATALOGUE);
      const s = shape(result.groups);
      expect(s.sections).toBeGreaterThanOrEqual(7);
      expect(s.sections).toBeLessThanOrEqual(12);
      expect(s.singles).toBe(0);
      expect(s.other).toBeLessThanOrEqual(Math.ceil(70 * 0.16));
      expect(scores(subset, result.groups).nmi).toBeGreaterThanOrEqual(0.55);
    },
  );

  it('writes labels that read as headings, all distinct', () => {
    const labels = groups.map((g) => g.topic.label).filter((l) => l !== OTHER_TOPIC.label);
    for (const label of labels) expect(readsAsHeading(label), label).toBe(true);
    labels.forEach((a, i) => {
      for (const b of labels.slice(i + 1))
        expect(labelsClash(phraseKeys(a), phraseKeys(b)), `${a} / ${b}`).toBe(false);
    });
  });

  it('offers nothing new without approval: topics it discovers are proposals', () => {
    for (const topic of catalogue.slice(CATALOGUE.length)) expect(topic.origin).toBe('discovered');
  });

  it('groups a shuffled input the same way', () => {
    const again = groupPapers(shuffle(PAPERS, seededRandom(7)), CATALOGUE);
    expect(again.groups).toEqual(groups);
  });
});

describe('groupPapers on real papers without a catalogue (topics discovered)', () => {
  const { groups } = groupPapers(PAPERS, []);

  it('places every paper once in sections within the bounds, none of one paper', () => {
    expect(groups.flatMap((g) => g.paperIds).sort()).toEqual(PAPERS.map((p) => p.id).sort());
    const [lo, hi] = sectionBounds(PAPERS.length);
    const s = shape(groups);
    expect(s.sections).toBeGreaterThanOrEqual(Math.min(lo, 4));
    expect(s.sections).toBeLessThanOrEqual(hi);
    expect(s.singles).toBe(0);
  });

  it('names discovered sections with headings', () => {
    for (const g of groups.filter((x) => x.topic.slug !== OTHER_TOPIC.slug))
      expect(readsAsHeading(g.topic.label), g.topic.label).toBe(true);
  });
});

describe('two editions of real papers', () => {
  // Day 1: the June 2026 HF replies and the 2025/April 2026 feeds; day 2: the August 2026 feed.
  const day1 = PAPERS.filter((p) => !p.origin.includes('2026-08-22'));
  const first = groupPapers(day1, CATALOGUE);

  it('sends day-1 papers back to their own sections when they come again', () => {
    const again = groupPapers(day1, first.catalogue);
    const before = topicOf(first.groups);
    const after = topicOf(again.groups);
    const same = day1.filter((p) => before.get(p.id) === after.get(p.id)).length;
    expect(same / day1.length).toBeGreaterThanOrEqual(0.9);
    expect(again.catalogue.length - first.catalogue.length).toBeLessThanOrEqual(1);
  });
});
