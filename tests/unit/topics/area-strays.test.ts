import { describe, expect, it } from 'vitest';
import { sectionBounds } from '../../../src/domain/index.js';
import { OTHER_TOPIC } from '../../../src/topics/index.js';
import { groupAsRun, readArxivFixture } from '../../helpers/placement.js';

/**
 * Issue #12: a paper that plainly names a topic reads in the letter's section of that topic's
 * broad area when the area's heading says it, even with "More papers" within its share. A
 * 40-paper letter as `paperpost init` sets up (tests/fixtures/topics/mixed-letter-area-strays.jsonl:
 * Hugging Face and arXiv cs papers, judged), where a pedestrian-forecasting paper, a latent
 * reasoning paper and a topic-modelling paper sat in "More papers" beside "Robotics", "Fine-tuning
 * and knowledge distillation" and "Multilingual NLP".
 */
describe('a mixed 40-paper letter: papers that name a topic of an area read under its heading', () => {
  const letter = readArxivFixture('mixed-letter-area-strays.jsonl');
  const { groups } = groupAsRun(letter);
  const section = (label: string) => groups.find((g) => g.topic.label === label);
  const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug);

  it.each([
    ['Robotics and autonomous driving', '2411.17376', 'autonomous-driving'], // RealTraj: pedestrian trajectory forecasting
    ['LLM reasoning and post-training', '2606.13106', 'reasoning-rl'], // switchable latent reasoning with on-policy RL
    ['Text, retrieval and recommendation', '2411.18383', 'nlp-applications'], // topic modelling and sentiment analysis
  ])('"%s" holds %s, its card saying %s', (label, id, topic) => {
    expect(section(label)?.paperIds).toContain(id);
    expect(section(label)?.topic.paperTopics?.[id]).toBe(topic);
    expect(other?.paperIds ?? []).not.toContain(id);
  });

  it('keeps the sections whose area it heads: the robot papers stay together', () => {
    expect(section('Robotics and autonomous driving')?.paperIds).toEqual(
      expect.arrayContaining(['2411.18539', '2606.08039', '2608.16885']),
    );
    expect(groups.map((g) => g.topic.label)).not.toContain('Robotics');
  });

  it('leaves at most one paper in "More papers", within the sections the letter may have', () => {
    // Before: four of 40.
    expect(other?.paperIds.length ?? 0).toBeLessThanOrEqual(1);
    const [lo, hi] = sectionBounds(letter.length);
    expect(groups.length).toBeGreaterThanOrEqual(lo);
    expect(groups.length).toBeLessThanOrEqual(hi);
    for (const g of groups)
      if (g !== other) expect(g.paperIds.length, g.topic.label).toBeGreaterThanOrEqual(2);
  });
});
