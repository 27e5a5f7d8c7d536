import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper, Topic, TopicGroup } from '../../../src/domain/index.js';
import { partParent } from '../../../src/domain/index.js';
import {
  EVIDENCE,
  groupPapers,
  JOIN_EVIDENCE,
  OTHER_TOPIC,
  topicEvidence,
} from '../../../src/topics/index.js';
import { loadDemoPapers } from '../../helpers/demo-papers.js';
import {
  loadAreasFile,
  loadCatalogueFile,
  loadHomesFile,
  loadPlacementArxivCs,
} from '../../helpers/placement.js';
import { loadCatalogue } from './hf-fixture.js';

/**
 * A paper sits in one section, but may plainly name a second topic: a sparse-attention kernel for
 * ultra-long contexts under "Efficient inference" is a long-context paper too. Its section says
 * so (`alsoTopics`), for the readers of that topic alone (see cutEdition).
 */
describe('groupPapers: the second topic a paper of a section names (the demo samples)', () => {
  let groups: TopicGroup[];
  let catalogue: Topic[];
  let papers: Paper[];
  const byTitle = (start: string): { group: TopicGroup; paper: Paper } => {
    const paper = papers.find((p) => p.title.startsWith(start)) as Paper;
    return { group: groups.find((g) => g.paperIds.includes(paper.id)) as TopicGroup, paper };
  };

  const demoOwn = (): string[] => catalogue.filter((t) => t.userDefined).map((t) => t.label);

  beforeAll(async () => {
    const demo = await loadDemoPapers();
    papers = demo.papers;
    catalogue = [...demo.topics, ...loadCatalogue()];
    ({ groups } = groupPapers(papers, catalogue));
  });

  it.each([
    ['MiniMax Sparse Attention', 'long-context', 'Long context'],
    ['Aligning Pre-trained Models for Spoken Language Translation', 'multilingual-nlp', 'Multilingual NLP'],
  ])('"%s" names %s besides its section', (title, slug, label) => {
    const { group, paper } = byTitle(title);
    expect(group.topic.slug).not.toBe(slug);
    expect(group.topic.alsoTopics?.[paper.id]).toBe(slug);
    expect(group.topic.topicLabels?.[slug]).toBe(label);
  });

  it("names only a topic a reader may follow, other than the section's, on join evidence", () => {
    let named = 0;
    for (const g of groups) {
      const family = g.topic.parent ?? partParent(g.topic.slug) ?? g.topic.slug;
      for (const [id, slug] of Object.entries(g.topic.alsoTopics ?? {})) {
        named += 1;
        expect(g.paperIds).toContain(id);
        expect(slug).not.toBe(family);
        const topic = catalogue.find((t) => t.slug === slug) as Topic;
        expect(topic.hidden ?? false).toBe(false);
        expect(partParent(slug)).toBeUndefined();
        const paper = papers.find((p) => p.id === id) as Paper;
        expect(topicEvidence(topic, paper)).toBeGreaterThanOrEqual(JOIN_EVIDENCE);
        // Said in its title or keywords, not in its abstract alone.
        expect(topicEvidence(topic, { ...paper, summary: '', aiSummary: null })).toBeGreaterThanOrEqual(
          EVIDENCE.keywords,
        );
      }
    }
    expect(named).toBeGreaterThan(0);
  });

  it('never names a curated topic the operator\'s own of the same label replaces (the demo\'s "LLM agents")', () => {
    const named = groups.flatMap((g) => Object.values(g.topic.alsoTopics ?? {}));
    expect(demoOwn()).toContain('LLM agents');
    expect(named).not.toContain('llm-agents');
  });

  it('leaves "More papers" to the topic each of its papers names (paperTopics), as before', () => {
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug);
    expect(other?.topic.alsoTopics).toBeUndefined();
  });
});

/**
 * A second topic is one the paper names in its title or keywords: said in the abstract alone it
 * is most often the paper's method or setting (a trajectory forecaster "fine-tuned", a visual
 * policy trained by "diffusion"), and its readers would get a paper that is not about their topic.
 * The hand-judged arXiv cs papers, grouped as a run groups them (judge: tests/fixtures/topics).
 */
describe('groupPapers: a second topic said in the abstract alone is none', () => {
  // Each set as its own letter, as `npm run bench:topics` measures them.
  const sets = [loadPlacementArxivCs(), loadPlacementArxivCs(true)];
  const papers = sets.flat();
  const groups = sets.flatMap(
    (set) => groupPapers(set, loadCatalogueFile(), { areas: loadAreasFile(), homes: loadHomesFile() }).groups,
  );
  const secondOf = (start: string): { section: string; second: string | undefined } => {
    const paper = papers.find((p) => p.title.startsWith(start));
    const group = groups.find((g) => paper !== undefined && g.paperIds.includes(paper.id));
    if (!paper || !group) throw new Error(`no paper "${start}"`);
    // The card's topic: its section's, or the one it says in a broad area's section.
    return {
      section: group.topic.paperTopics?.[paper.id] ?? group.topic.slug,
      second: group.topic.alsoTopics?.[paper.id],
    };
  };

  it.each<[string, string, string | undefined]>([
    // Abstract only: "fine-tuning", "diffusion", "graph" are how the work is done.
    ['RealTraj: Towards Real-World Pedestrian Trajectory Forecasting', 'autonomous-driving', undefined],
    ['Prediction with Action: Visual Policy Learning', 'robotics', undefined],
    ['Heterogeneous Relationships of Subjects and Shapelets', 'time-series', undefined],
    // Its title says it: 3D object detection is a 3D-vision reader's subject too.
    [
      'OpenAD: Open-World Autonomous Driving Benchmark for 3D Object Detection',
      'autonomous-driving',
      '3d-vision',
    ],
  ])('"%s": under %s, second topic %s', (title, section, second) => {
    expect(secondOf(title)).toEqual({ section, second });
  });
});

describe("groupPapers: the second topic of a paper an operator's topic claims", () => {
  // An operator's topic claims these papers (the catalogue's claims are not read for them): the
  // second topic is their strongest other topic, on the same rule, named in title or keywords.
  const catalogue: Topic[] = [
    { slug: 'agents', label: 'Agents', keywords: ['agents', 'agent'], categories: [], userDefined: true },
    {
      slug: 'fine-tuning',
      label: 'Fine-tuning',
      keywords: ['fine-tuning', 'lora', 'instruction tuning'],
      categories: [],
      userDefined: false,
      origin: 'curated',
    },
  ];
  const paper = (id: string, title: string, summary: string) => ({
    id,
    title,
    summary,
    keywords: [],
    categories: [],
  });
  const papers = [
    paper('a1', 'Fine-Tuning Web Agents with LoRA', 'Web agents learn to browse.'),
    paper(
      'a2',
      'Memory for Language Agents',
      'Agents store notes. We use fine-tuning with LoRA and instruction tuning on agent traces; LoRA keeps it cheap.',
    ),
    ...['a3', 'a4', 'a5', 'a6', 'a7'].map((id) => paper(id, `Agents that plan, ${id}`, 'Agents plan tasks.')),
  ];
  const { groups } = groupPapers(papers, catalogue);
  const agents = groups.find((g) => g.topic.slug === 'agents') as TopicGroup;

  it('names the second topic of a title that says it, not of an abstract alone', () => {
    expect(agents.paperIds).toEqual(expect.arrayContaining(['a1', 'a2']));
    expect(agents.topic.alsoTopics).toEqual({ a1: 'fine-tuning' });
  });
});
