import { describe, expect, it } from 'vitest';
import { sectionBounds } from '../../../src/domain/index.js';
import { groupFixtureAsRun } from '../../helpers/placement.js';

/**
 * Issue #12: a paper that plainly names a topic reads in the letter's section of that topic's
 * broad area when the area's heading says it, even with "More papers" within its share. A
 * 40-paper letter as `paperpost init` sets up (tests/fixtures/topics/mixed-letter-area-strays.jsonl:
 * Hugging Face and arXiv cs papers, judged), where a pedestrian-forecasting paper, a latent
 * reasoning paper and a topic-modelling paper sat in "More papers" beside "Robotics", "Fine-tuning
 * and knowledge distillation" and "Multilingual NLP".
 */
describe('a mixed 40-paper letter: papers that name a topic of an area read under its heading', () => {
  const { letter, groups, section, other } = groupFixtureAsRun('mixed-letter-area-strays.jsonl');

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

/**
 * A paper that names no topic is placed first in the section of its arXiv class's home topic
 * (data/catalogue.json "homes": cs.CV -> "Visual recognition") when that section is close
 * enough, as "More papers" sends it there (see sendHome), rather than in the closest section:
 * a 70-paper letter as `paperpost init` sets up (tests/fixtures/topics/mixed-letter-class-home.jsonl),
 * where a weed-detection paper that trains on Stable Diffusion images read under "Image
 * generation and editing".
 */
describe('a mixed 70-paper letter: a paper that names no topic goes to its class home', () => {
  const { section } = groupFixtureAsRun('mixed-letter-class-home.jsonl');

  it('reads the weed-detection paper (cs.CV) under "Visual recognition"', () => {
    expect(section('Visual recognition')?.paperIds).toContain('2411.18513');
    expect(section('Image generation and editing')?.paperIds).not.toContain('2411.18513');
  });

  it('leaves the image-generation papers, which name their topic, where they are', () => {
    expect(section('Image generation and editing')?.paperIds).toEqual(
      expect.arrayContaining(['2411.17769', '2411.17832', '2411.18552']),
    );
    const vision = new Set(section('Visual recognition')?.paperIds);
    for (const id of ['2411.17769', '2411.17832', '2411.18552']) expect(vision.has(id)).toBe(false);
  });
});

/**
 * A broad letter's sections of one area read as one (mergeIntoArea, 'wide') when that frees room
 * for a section formed from "More papers": the area's own section ("Other text, retrieval and
 * recommendation", papers of the area no section of their topic took) counts among them, as the
 * rest of an area of arXiv classes does. A 100-paper letter as `paperpost init` sets up
 * (tests/fixtures/topics/mixed-letter-area-sections.jsonl) read "Other text, retrieval and
 * recommendation" of three beside "Multilingual NLP" of three, with three vision papers among
 * seven in "More papers".
 */
describe('a mixed 100-paper letter: an area section and a topic of its area read as one', () => {
  const { letter, groups, section, other } = groupFixtureAsRun('mixed-letter-area-sections.jsonl');

  it.each([
    ['2411.18162', 'multilingual-nlp'], // SentiXRL: multilingual emotion recognition
    ['2606.13572', 'multilingual-nlp'], // ArogyaSutra: medical reasoning in Indic languages
    ['2608.17744', 'multilingual-nlp'], // thinking in a low-resource language
    ['2411.18383', 'nlp-applications'], // topic modelling and sentiment analysis
    ['2411.18583', 'rag-retrieval'], // literature review with retrieval-augmented generation
  ])('"Text, retrieval and recommendation" holds %s, its card saying %s', (id, topic) => {
    const text = section('Text, retrieval and recommendation');
    expect(text?.paperIds).toContain(id);
    expect(text?.topic.paperTopics?.[id]).toBe(topic);
  });

  it('has no second heading of that area', () => {
    const labels = groups.map((g) => g.topic.label);
    expect(labels).not.toContain('Multilingual NLP');
    expect(labels).not.toContain('Other text, retrieval and recommendation');
  });

  it('reads the vision papers "More papers" held in a vision section, leaving at most four there', () => {
    // Before: seven of 100, among them a multiview-diffusion, a motion-generation and a video
    // world-model paper.
    expect(other?.paperIds.length ?? 0).toBeLessThanOrEqual(4);
    for (const id of ['2405.11616', '2411.18303', '2608.14022'])
      expect(other?.paperIds ?? []).not.toContain(id);
    const [lo, hi] = sectionBounds(letter.length);
    expect(groups.length).toBeGreaterThanOrEqual(lo);
    expect(groups.length).toBeLessThanOrEqual(hi);
    for (const g of groups)
      if (g !== other) expect(g.paperIds.length, g.topic.label).toBeGreaterThanOrEqual(2);
  });
});
