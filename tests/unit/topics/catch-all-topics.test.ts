import { describe, expect, it } from 'vitest';
import { partParent, type Topic, type TopicGroup } from '../../../src/domain/index.js';
import {
  groupPapers,
  JOIN_EVIDENCE,
  OTHER_TOPIC,
  type PaperText,
  topicEvidence,
} from '../../../src/topics/index.js';
import {
  type JudgedPaper,
  loadAreasFile,
  loadCatalogueFile,
  loadPlacementArxivCs,
  loadPlacementDemo,
} from '../../helpers/placement.js';
import { curated, paper } from './builders.js';
import { loadHfLabeled } from './hf-fixture.js';

const CATALOGUE = loadCatalogueFile();
const AREAS = loadAreasFile();

const catchAll = (groups: TopicGroup[]): TopicGroup | undefined =>
  groups.find((g) => g.topic.slug === OTHER_TOPIC.slug);

describe('"More papers" says the topic each of its papers names', () => {
  const topics = [
    curated('agents', 'LLM agents', ['llm agents', 'tool use']),
    curated('video', 'Video generation', ['video generation', 'video diffusion']),
    curated('robotics', 'Robot learning', ['robot manipulation', 'robot learning']),
  ];
  const batch = [
    paper('a1', 'LLM agents that plan with tool use', 'We build LLM agents for tool use in web tasks.'),
    paper('a2', 'Memory for LLM agents', 'LLM agents forget; we give LLM agents a memory for tool use.'),
    paper('a3', 'Benchmarking LLM agents on tool use', 'A benchmark of LLM agents and their tool use.'),
    paper('v1', 'Video generation with long context', 'A video diffusion model for video generation.'),
    paper('v2', 'Fast video generation', 'We speed up video diffusion sampling for video generation.'),
    paper('v3', 'Controllable video generation', 'Camera control for video diffusion and video generation.'),
    paper('r1', 'Robot manipulation from human videos', 'Robot learning of grasping from videos of people.'),
    paper('x1', 'A census of river otters', 'We count otters along three rivers over ten years.'),
  ];

  it('tags the lone paper of a topic without a section, and not the paper that names none', () => {
    const { groups } = groupPapers(batch, topics);
    const other = catchAll(groups);
    expect(groups.map((g) => g.topic.slug)).toEqual(['agents', 'video', 'other']);
    expect(other?.paperIds).toEqual(['r1', 'x1']);
    expect(other?.topic.paperTopics).toEqual({ r1: 'robotics' });
    expect(other?.topic.topicLabels).toEqual({ robotics: 'Robot learning' });
  });

  // A quiet day's letter of five papers or fewer is one section: "More papers" when they are of
  // several topics. A reader of one topic still gets its paper (the letter's cut follows the tags).
  it('tags the papers of a letter of five or fewer, read as one section', () => {
    const few = batch.filter((p) => ['a1', 'v1', 'r1', 'x1'].includes(p.id));
    const { groups } = groupPapers(few, topics);
    expect(groups).toHaveLength(1);
    expect(catchAll(groups)?.paperIds).toEqual(['a1', 'r1', 'v1', 'x1']);
    expect(catchAll(groups)?.topic.paperTopics).toEqual({ a1: 'agents', r1: 'robotics', v1: 'video' });
    expect(catchAll(groups)?.topic.topicLabels).toEqual({
      agents: 'LLM agents',
      robotics: 'Robot learning',
      video: 'Video generation',
    });
  });

  it('heads a letter of five or fewer by their topic when all its papers name one, with its second topics', () => {
    const few = [
      ...batch.filter((p) => ['a1', 'a3'].includes(p.id)),
      paper('a4', 'LLM agents for video generation', 'LLM agents with tool use direct video generation.'),
    ];
    const { groups } = groupPapers(few, topics);
    expect(groups.map((g) => [g.topic.slug, g.paperIds])).toEqual([['agents', ['a1', 'a3', 'a4']]]);
    // Its title names video generation too: that topic's readers get it.
    expect(groups[0]?.topic.alsoTopics).toEqual({ a4: 'video' });
  });

  it('tags nothing when no paper of it names a topic', () => {
    const { groups } = groupPapers(
      batch.filter((p) => p.id !== 'r1'),
      topics,
    );
    expect(catchAll(groups)?.paperIds).toEqual(['x1']);
    expect(catchAll(groups)?.topic.paperTopics).toBeUndefined();
  });
});

const AREA_SLUGS = new Set(AREAS.map((a) => a.slug));

/**
 * Checks the tags of a letter's catch-alls ("More papers", sections of arXiv classes): real
 * evidence, a topic without a section, an area's sections left alone. Returns them by paper id.
 */
function checkTags(groups: TopicGroup[], papers: readonly PaperText[]): Record<string, string> {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const housed = new Set(groups.map((g) => g.topic.parent ?? partParent(g.topic.slug) ?? g.topic.slug));
  const out: Record<string, string> = {};
  for (const g of groups) {
    if (AREA_SLUGS.has(g.topic.slug)) continue;
    const tags = g.topic.paperTopics ?? {};
    // Only a catch-all says its papers' topics: "More papers", or a section of arXiv classes.
    if (Object.keys(tags).length > 0)
      expect(
        g.topic.slug === OTHER_TOPIC.slug || (g.topic.keywords.length === 0 && g.topic.categories.length > 0),
      ).toBe(true);
    for (const [id, slug] of Object.entries(tags)) {
      expect(g.paperIds).toContain(id);
      expect(housed.has(slug), slug).toBe(false);
      const t = CATALOGUE.find((c) => c.slug === slug) as Topic;
      expect(g.topic.topicLabels?.[slug]).toBe(t.label);
      const p = byId.get(id) as PaperText;
      expect(topicEvidence(t, p), `${p.title} / ${slug}`).toBeGreaterThanOrEqual(JOIN_EVIDENCE);
      out[id] = slug;
    }
  }
  return out;
}

describe('tags of "More papers" and of sections of arXiv classes on real letters', () => {
  it('on the recorded days of Hugging Face papers: each on real evidence, of a topic without a section', () => {
    const byDay = new Map<string, PaperText[]>();
    for (const p of loadHfLabeled()) byDay.set(p.origin, [...(byDay.get(p.origin) ?? []), p]);
    let tagged = 0;
    for (const papers of byDay.values()) {
      if (papers.length < 20) continue;
      tagged += Object.keys(
        checkTags(groupPapers(papers, CATALOGUE, { areas: AREAS }).groups, papers),
      ).length;
    }
    expect(tagged).toBeGreaterThan(0);
  });

  it('on the hand-judged sets: the topic a researcher accepts for the paper, nearly always', async () => {
    const cs = loadPlacementArxivCs();
    const heldOut = loadPlacementArxivCs(true);
    const sets: JudgedPaper[][] = [
      await loadPlacementDemo(),
      cs,
      heldOut,
      cs.slice(0, 40),
      cs.slice(40, 80),
      heldOut.slice(0, 40),
    ];
    let right = 0;
    let all = 0;
    for (const judged of sets) {
      const papers = judged.map(({ accept: _, ...p }) => p);
      const tags = checkTags(groupPapers(papers, CATALOGUE, { areas: AREAS }).groups, papers);
      for (const [id, slug] of Object.entries(tags)) {
        all += 1;
        if (judged.find((p) => p.id === id)?.accept.includes(slug)) right += 1;
      }
    }
    expect(all).toBeGreaterThanOrEqual(40);
    expect(right / all).toBeGreaterThanOrEqual(0.9);
  });

  it('in a 40-paper letter of an arXiv cs feed, a class section says the topics its papers name', () => {
    const papers = loadPlacementArxivCs()
      .slice(0, 40)
      .map(({ accept: _, ...p }) => p);
    const { groups } = groupPapers(papers, CATALOGUE, { areas: AREAS });
    const nlp = groups.find((g) => g.topic.label === 'Natural language processing');
    expect(nlp?.topic.categories).toEqual(['cs.CL']);
    const tags = nlp?.topic.paperTopics ?? {};
    // Some of its papers name a topic (a backdoor paper: "AI safety and security"), some none.
    expect(Object.keys(tags).length).toBeGreaterThan(0);
    expect(Object.keys(tags).length).toBeLessThan(nlp?.paperIds.length ?? 0);
    expect(Object.values(tags)).toContain('safety-security');
  });
});
