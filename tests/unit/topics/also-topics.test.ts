import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper, Topic, TopicGroup } from '../../../src/domain/index.js';
import { partParent } from '../../../src/domain/index.js';
import { groupPapers, JOIN_EVIDENCE, OTHER_TOPIC, topicEvidence } from '../../../src/topics/index.js';
import { loadDemoPapers } from '../../helpers/demo-papers.js';
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
