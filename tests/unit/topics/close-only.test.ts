import { describe, expect, it } from 'vitest';
import type { Paper, TopicGroup } from '../../../src/domain/index.js';
import { EVIDENCE, groupPapers, titleNames, topicEvidence } from '../../../src/topics/index.js';
import { loadDemoPapers } from '../../helpers/demo-papers.js';
import { loadAreasFile, loadCatalogueFile, loadHomesFile } from '../../helpers/placement.js';

/**
 * A topic's section marks the papers it holds for closeness alone (`closeOnly`: they say none of
 * its key phrases), which a letter shows after those that name its subject.
 */
describe('closeOnly: the papers a section holds for being close to its papers', async () => {
  const { papers, topics } = await loadDemoPapers();
  const catalogue = [...topics, ...loadCatalogueFile()];
  const { groups } = groupPapers(papers, catalogue, { areas: loadAreasFile(), homes: loadHomesFile() });
  const byId = new Map<string, Paper>(papers.map((p) => [p.id, p]));
  const plain = groups.filter((g) => g.topic.slug !== 'other' && g.topic.paperTopics === undefined);

  it('are exactly the papers of a topic section that say none of its key phrases', () => {
    let marked = 0;
    for (const g of plain) {
      const close = new Set(g.closeOnly ?? []);
      marked += close.size;
      for (const id of g.paperIds) {
        const evidence = topicEvidence(g.topic, byId.get(id) as Paper);
        expect(close.has(id), `${g.topic.label}: ${byId.get(id)?.title}`).toBe(evidence < EVIDENCE.passing);
      }
    }
    expect(marked).toBeGreaterThan(0);
  });

  it('include the clustering kernel of "Efficient inference" (close to it for a memory-efficient GPU kernel)', () => {
    const efficient = groups.find((g) => g.topic.slug === 'efficient-inference') as TopicGroup;
    const kernel = papers.find((p) => p.title.startsWith('Flash-GMM')) as Paper;
    expect(efficient.paperIds).toContain(kernel.id);
    expect(efficient.closeOnly).toContain(kernel.id);
  });

  it('are never marked in "More papers" or a broad area, whose papers carry their own topics', () => {
    for (const g of groups.filter((x) => x.topic.slug === 'other' || x.topic.paperTopics !== undefined))
      expect(g.closeOnly).toBeUndefined();
  });
});

describe('titled: the papers of a section whose titles name its subject (a listing opens on them)', async () => {
  const { papers, topics } = await loadDemoPapers();
  const catalogue = [...topics, ...loadCatalogueFile()];
  const { groups } = groupPapers(papers, catalogue, { areas: loadAreasFile(), homes: loadHomesFile() });
  const byId = new Map<string, Paper>(papers.map((p) => [p.id, p]));

  it('are exactly the papers of a topic section whose title says one of its key phrases', () => {
    let marked = 0;
    for (const g of groups.filter((x) => x.topic.slug !== 'other' && x.topic.paperTopics === undefined)) {
      const titled = new Set(g.titled ?? []);
      marked += titled.size;
      for (const id of g.paperIds)
        expect(titled.has(id), `${g.topic.label}: ${byId.get(id)?.title}`).toBe(
          titleNames(g.topic, byId.get(id) as Paper),
        );
      // Never one held for closeness alone: a title naming the subject is evidence.
      for (const id of g.closeOnly ?? []) expect(titled.has(id)).toBe(false);
    }
    expect(marked).toBeGreaterThan(10);
  });

  it('are never marked in "More papers" or a broad area', () => {
    for (const g of groups.filter((x) => x.topic.slug === 'other' || x.topic.paperTopics !== undefined))
      expect(g.titled).toBeUndefined();
  });
});
