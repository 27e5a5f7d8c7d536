import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import { aliasClaim, replacedTopics } from '../../../src/topics/claims.js';
import { type Claim, groupPapers } from '../../../src/topics/index.js';
import { loadDemoPapers } from '../../helpers/demo-papers.js';
import {
  loadAreasFile,
  loadCatalogueFile,
  loadHomesFile,
  loadPlacementDemo,
  scorePlacement,
} from '../../helpers/placement.js';

const topic = (slug: string, label: string, userDefined = false): Topic => ({
  slug,
  label,
  keywords: ['x'],
  categories: [],
  userDefined,
  origin: userDefined ? 'config' : 'curated',
});

describe('replacedTopics', () => {
  // 0: the operator's "LLM agents", 1: the catalogue's, 2: another catalogue topic, 3: the
  // operator's second topic, of no catalogue label.
  const topics = [
    topic('agents', 'LLM agents', true),
    topic('llm-agents', 'LLM Agents'),
    topic('coding-agents', 'Code generation'),
    topic('mine', 'My subject', true),
  ];
  it('maps a curated topic to the operator topic of its label (case aside), and nothing else', () => {
    expect([...replacedTopics(topics, [0, 3], [1, 2])]).toEqual([[1, 0]]);
    expect([...replacedTopics(topics, [3], [1, 2])]).toEqual([]);
    expect([...replacedTopics(topics, [], [1, 2])]).toEqual([]);
  });

  const replaced = new Map([[1, 0]]);
  it.each<[string, Claim, Claim]>([
    [
      'a claim of the replaced topic is the operator topic’s; the topics it names too',
      { index: 1, evidence: 4, rivals: [], named: [{ index: 1, evidence: 4 }] },
      { index: 0, evidence: 4, rivals: [], named: [{ index: 0, evidence: 4 }] },
    ],
    [
      'a replaced rival goes; the claim of another topic stays',
      {
        index: 2,
        evidence: 5,
        rivals: [{ index: 1, evidence: 4 }],
        named: [
          { index: 2, evidence: 5 },
          { index: 1, evidence: 4 },
        ],
      },
      {
        index: 2,
        evidence: 5,
        rivals: [],
        named: [
          { index: 2, evidence: 5 },
          { index: 0, evidence: 4 },
        ],
      },
    ],
    [
      'no claim stays no claim',
      { index: -1, evidence: 0, rivals: [], named: [] },
      { index: -1, evidence: 0, rivals: [], named: [] },
    ],
    [
      'an operator topic’s claim (no named list) is unchanged',
      { index: 0, evidence: 3, rivals: [] },
      { index: 0, evidence: 3, rivals: [] },
    ],
  ])('%s', (_name, claim, expected) => {
    expect(aliasClaim(claim, replaced)).toEqual(expected);
  });
});

describe('the demo letter, whose config defines its own "LLM agents" (as `npm start` groups it)', async () => {
  const { papers, topics } = await loadDemoPapers();
  const catalogue = [...topics, ...loadCatalogueFile()];
  const { groups } = groupPapers(papers, catalogue, { areas: loadAreasFile(), homes: loadHomesFile() });
  const sectionOf = (title: string): string | undefined => {
    const id = papers.find((p) => p.title.startsWith(title))?.id;
    return groups.find((g) => id !== undefined && g.paperIds.includes(id))?.topic.slug;
  };

  it('reads a memory-benchmark paper the catalogue’s agent phrases find under the operator’s section', () => {
    expect(topics.map((t) => t.slug)).toContain('agents');
    // Its title says "LLM Memory Use", no "agent": the operator's keywords do not find it, the
    // catalogue's "LLM agents" phrases do. It waited in "More papers" under that topic's tag.
    expect(sectionOf('MemTrapBench')).toBe('agents');
  });

  it('names the replaced catalogue topic nowhere: no section, no card’s topic, no second topic', () => {
    for (const g of groups) {
      expect(g.topic.slug).not.toBe('llm-agents');
      expect(Object.values(g.topic.paperTopics ?? {})).not.toContain('llm-agents');
      expect(Object.values(g.topic.alsoTopics ?? {})).not.toContain('llm-agents');
    }
  });

  it('places more of the judged papers well than when the replaced topic claimed them apart', async () => {
    const judged = await loadPlacementDemo();
    const placement = scorePlacement(groups, judged, loadCatalogueFile());
    // 91 of 107 strict (94 well placed) while the catalogue's "LLM agents" kept its own claims.
    expect(placement.strict * placement.papers).toBeGreaterThanOrEqual(95);
    expect(placement.wellPlaced * placement.papers).toBeGreaterThanOrEqual(96);
  });
});
