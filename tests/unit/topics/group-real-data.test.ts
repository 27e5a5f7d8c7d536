import { describe, expect, it } from 'vitest';
import type { Topic, TopicGroup } from '../../../src/domain/index.js';
import { groupPapers, labelWordCount, OTHER_TOPIC, TOPIC_KEYWORDS } from '../../../src/topics/index.js';
import { adjustedRandIndex, normalizedMutualInformation } from '../../helpers/cluster-metrics.js';
import { type LabeledPaper, loadHfLabeled, seededRandom, shuffle } from './hf-fixture.js';

const PAPERS = loadHfLabeled();

function scores(papers: LabeledPaper[], groups: TopicGroup[]): { nmi: number; ari: number } {
  const topicOf = new Map(groups.flatMap((g) => g.paperIds.map((id) => [id, g.topic.slug] as const)));
  const truth = papers.map((p) => p.label);
  const predicted = papers.map((p) => topicOf.get(p.id) ?? '?');
  return { nmi: normalizedMutualInformation(truth, predicted), ari: adjustedRandIndex(truth, predicted) };
}

const topicOf = (groups: TopicGroup[]): Map<string, string> =>
  new Map(groups.flatMap((g) => g.paperIds.map((id) => [id, g.topic.slug] as const)));

describe('groupPapers on the hand-labelled HF papers (108 papers, 15 topics)', () => {
  const { groups, catalogue } = groupPapers(PAPERS, []);

  it('places every paper exactly once', () => {
    expect(groups.flatMap((g) => g.paperIds).sort()).toEqual(PAPERS.map((p) => p.id).sort());
  });

  it('keeps quality above the floor measured by bench:topics (NMI 0.705, ARI 0.371)', () => {
    const { nmi, ari } = scores(PAPERS, groups);
    expect(nmi).toBeGreaterThanOrEqual(0.69);
    expect(ari).toBeGreaterThanOrEqual(0.35);
  });

  it('keeps the number of sections skimmable and "Other" small', () => {
    // Up to 2.2 sections per square root of the batch: 23 for 108 papers.
    expect(groups.length).toBeGreaterThanOrEqual(6);
    expect(groups.length).toBeLessThanOrEqual(23);
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0;
    expect(other).toBeLessThanOrEqual(Math.floor(PAPERS.length * 0.1));
    expect(groups.filter((g) => g.paperIds.length === 1).length).toBeLessThanOrEqual(2);
  });

  // Measured: NMI 0.701, 0.707, 0.785 on subsets 1-3.
  it.each([1, 2, 3])('keeps 70-paper batches in 6-20 sections with NMI >= 0.69 (subset %i)', (seed) => {
    const subset = shuffle(PAPERS, seededRandom(seed)).slice(0, 70);
    const result = groupPapers(subset, []);
    expect(result.groups.length).toBeGreaterThanOrEqual(6);
    expect(result.groups.length).toBeLessThanOrEqual(20);
    expect(result.groups.filter((g) => g.paperIds.length === 1).length).toBeLessThanOrEqual(1);
    expect(scores(subset, result.groups).nmi).toBeGreaterThanOrEqual(0.69);
  });

  it('keeps the mean NMI of 70-paper batches 1-8 above the floor (measured: mean 0.723, min 0.674)', () => {
    const nmis = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const subset = shuffle(PAPERS, seededRandom(seed)).slice(0, 70);
      return scores(subset, groupPapers(subset, []).groups).nmi;
    });
    expect(nmis.reduce((a, b) => a + b, 0) / nmis.length).toBeGreaterThanOrEqual(0.71);
    expect(Math.min(...nmis)).toBeGreaterThanOrEqual(0.66);
  });

  it('writes labels of 2-4 real words taken from the papers, all different', () => {
    const text = PAPERS.map((p) => [p.title, p.summary, p.aiSummary ?? '', ...p.keywords].join(' '))
      .join(' ')
      .toLowerCase();
    const words = new Set(text.split(/[^\p{L}\p{N}]+/u));
    const labels = groups.map((g) => g.topic.label).filter((l) => l !== OTHER_TOPIC.label);
    for (const label of labels) {
      expect(labelWordCount(label), label).toBeGreaterThanOrEqual(2);
      expect(labelWordCount(label), label).toBeLessThanOrEqual(4);
      for (const word of label
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)) {
        expect(words.has(word), `"${word}" of "${label}" is not in the papers`).toBe(true);
      }
    }
    expect(new Set(labels.map((l) => l.toLowerCase())).size).toBe(labels.length);
  });

  it('stores keywords on each new topic to match later papers', () => {
    for (const topic of catalogue.filter((t) => t.slug !== OTHER_TOPIC.slug)) {
      expect(topic.keywords.length, topic.label).toBeGreaterThanOrEqual(5);
      expect(topic.userDefined).toBe(false);
    }
  });

  it('groups a shuffled input the same way', () => {
    const again = groupPapers(shuffle(PAPERS, seededRandom(7)), []);
    expect(again.groups).toEqual(groups);
    expect(again.catalogue).toEqual(catalogue);
  });
});

describe('catalogue stability across two editions of real papers', () => {
  // Day 1: the June 2026 HF replies and the 2025/April 2026 feeds; day 2: the August 2026 feed.
  const day1 = PAPERS.filter((p) => !p.origin.includes('2026-08-22'));
  const day2 = PAPERS.filter((p) => p.origin.includes('2026-08-22'));
  const first = groupPapers(day1, []);
  const second = groupPapers(day2, first.catalogue);
  const oldSlugs = new Set(first.catalogue.map((t) => t.slug));

  it('keeps every topic of day 1 with its slug and label; keywords change within bounds', () => {
    expect(day2.length).toBeGreaterThan(20);
    const kept = second.catalogue.slice(0, first.catalogue.length);
    expect(kept.map((t) => [t.slug, t.label, t.userDefined])).toEqual(
      first.catalogue.map((t) => [t.slug, t.label, t.userDefined]),
    );
    kept.forEach((topic, i) => {
      const before = (first.catalogue[i] as Topic).keywords;
      const anchored = Math.min(before.length, TOPIC_KEYWORDS / 2);
      expect(topic.keywords.slice(0, anchored)).toEqual(before.slice(0, anchored));
      expect(topic.keywords.length).toBeLessThanOrEqual(TOPIC_KEYWORDS);
      expect(topic.keywords.filter((k) => !before.includes(k)).length).toBeLessThanOrEqual(6);
    });
  });

  it('has most papers of day 2 join topics of day 1 (measured: 22 of 26)', () => {
    const joined = second.groups.filter((g) => oldSlugs.has(g.topic.slug)).flatMap((g) => g.paperIds);
    expect(joined.length).toBeGreaterThanOrEqual(Math.ceil(day2.length * 0.6));
    expect(second.catalogue.length - first.catalogue.length).toBeLessThanOrEqual(4);
  });

  it('sends day-1 papers back to their own topics when they come again (measured: 79 of 82)', () => {
    const again = groupPapers(day1, first.catalogue);
    const before = topicOf(first.groups);
    const after = topicOf(again.groups);
    const same = day1.filter((p) => before.get(p.id) === after.get(p.id)).length;
    expect(same / day1.length).toBeGreaterThanOrEqual(0.9);
    expect(again.catalogue.length - first.catalogue.length).toBeLessThanOrEqual(1);
  });
});
