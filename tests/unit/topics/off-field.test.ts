import { describe, expect, it } from 'vitest';
import { groupPapers, OTHER_TOPIC } from '../../../src/topics/index.js';
import {
  loadAreasFile,
  loadCatalogueFile,
  loadHomesFile,
  readArxivFixture,
} from '../../helpers/placement.js';

/**
 * Papers of fields the catalogue does not cover, in a broad feed: the arXiv all-archives feed's
 * 100-paper fixture and eight papers of the same day (tests/fixtures/topics/off-field-probing.jsonl):
 * five physics papers whose titles start "Probing" and three on interpretability or explainable
 * AI. "Probing" is a key phrase of "Interpretability"; the run's letter of that day put a
 * neutrino paper under that heading (issue #12: a paper joins on real evidence, never a word).
 */

describe('a broad feed with papers of fields no catalogue topic covers', () => {
  const extra = readArxivFixture('off-field-probing.jsonl');
  const papers = [...readArxivFixture('broad-all-archives.jsonl'), ...extra];
  const catalogue = loadCatalogueFile();
  const { groups } = groupPapers(papers, catalogue, { areas: loadAreasFile(), homes: loadHomesFile() });
  const sectionOf = new Map(groups.flatMap((g) => g.paperIds.map((id) => [id, g.topic] as const)));
  const catalogueSlugs = new Set(catalogue.map((t) => t.slug));
  const probing = extra.filter((p) => p.title.startsWith('Probing'));

  it('holds the five physics papers the fixture says it does', () => {
    expect(probing.map((p) => p.categories[0])).toEqual(
      expect.arrayContaining(['hep-ph', 'gr-qc', 'astro-ph.HE', 'cond-mat.mes-hall', 'cond-mat.supr-con']),
    );
  });

  it.each(extra.filter((p) => p.title.startsWith('Probing')).map((p) => [p.title, p.id]))(
    'never puts a physics paper under a machine-learning topic for one word of its title: %s',
    (_title, id) => {
      const topic = sectionOf.get(id);
      expect(topic).toBeDefined();
      // An arXiv class section ("High energy physics") or "More papers", never a catalogue topic.
      expect(catalogueSlugs.has(topic?.slug ?? '')).toBe(false);
      expect(topic?.slug === OTHER_TOPIC.slug || (topic?.categories.length ?? 0) > 0).toBe(true);
    },
  );

  it('still gives "Interpretability" the papers that are about it', () => {
    // The coronary-artery classifier "and its explainability" reads under "Medical AI".
    const section = groups.find((g) => g.topic.slug === 'interpretability');
    const about = extra
      .filter((p) => /^(From interpretability|Explainable AI)/.test(p.title))
      .map((p) => p.id);
    expect(about).toHaveLength(2);
    expect(section?.paperIds).toEqual(expect.arrayContaining(about));
  });
});

describe("a paper of a class no topic covers, clearly closest to a topic's section", () => {
  // 100 papers of the arXiv all-archives feed (tests/fixtures/topics/all-archives-letter-seed7.jsonl).
  // A quantum-noise paper (quant-ph) that trains "the RL agent" once in its abstract sat under
  // "LLM agents", closest to two multi-agent simulation papers there (issue #12: never one
  // incidental word of the abstract).
  const papers = readArxivFixture('all-archives-letter-seed7.jsonl');
  const { groups } = groupPapers(papers, loadCatalogueFile(), {
    areas: loadAreasFile(),
    homes: loadHomesFile(),
  });
  const sectionOf = new Map(groups.flatMap((g) => g.paperIds.map((id) => [id, g.topic] as const)));

  it('reads under its physics section, not "LLM agents"', () => {
    const quantum = papers.find((p) => p.id === '2408.01506');
    expect(quantum?.categories[0]).toBe('quant-ph');
    expect(sectionOf.get('2408.01506')?.label).toMatch(/physics/i);
  });

  it('leaves "LLM agents" to papers of classes a topic covers', () => {
    const agents = groups.find((g) => g.topic.slug === 'llm-agents');
    expect(agents?.paperIds.length).toBeGreaterThanOrEqual(3);
    for (const id of agents?.paperIds ?? [])
      expect(papers.find((p) => p.id === id)?.categories[0]).toMatch(/^cs\./);
  });
});
