import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import { parseFeed } from '../../../src/ingest/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import { guessArchive } from '../../../src/topics/archive-guess.js';
import { EVIDENCE, learnApplied, readsAsLearning, topicEvidence } from '../../../src/topics/evidence.js';
import { groupPapers, OTHER_TOPIC, type PaperText } from '../../../src/topics/index.js';
import { JOURNALS, NOT_THEIR_HEADINGS, TAXA } from '../../helpers/journals.js';
import { loadAppliedFile, loadAreasFile, loadCatalogueFile, loadHomesFile } from '../../helpers/placement.js';
import { loadHfLabeled } from './hf-fixture.js';

/**
 * Issue #12, a letter of another field without arXiv categories: a lab's feed of botany and
 * zoology journals (tests/fixtures/journals). Its papers were read as machine learning, as a
 * Hugging Face paper without categories is, so "AI for science" headed 14-18 molecular
 * phylogenies of 100 papers; and the arXiv archive model, which knows few of their words, guessed
 * "Astrophysics", "Mathematics" and "Physics" for gingers, spiders and nannofossils.
 */

async function journalPapers(): Promise<PaperText[]> {
  const dir = JOURNALS;
  const out: PaperText[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.xml'))) {
    const { entries } = await parseFeed(readFileSync(path.join(dir, file), 'utf8'), { sourceId: file });
    for (const e of entries) {
      const p = normalizeEntry(e);
      if (p)
        out.push({
          id: p.id,
          title: p.title,
          summary: p.summary,
          keywords: p.keywords,
          categories: p.categories,
        });
    }
  }
  return out;
}

const CATALOGUE = loadCatalogueFile();
const OPTIONS = { areas: loadAreasFile(), homes: loadHomesFile(), applied: loadAppliedFile() };

describe('a feed of another field, without arXiv categories', () => {
  it('reads as machine learning only where its papers say they learn', async () => {
    learnApplied(OPTIONS.applied);
    expect(readsAsLearning(await journalPapers())).toBe(false);
    expect(readsAsLearning(loadHfLabeled())).toBe(true);
    // arXiv papers with their categories are read by their classes instead.
    expect(
      readsAsLearning([{ title: 'Spiders', summary: 'Spiders.', keywords: [], categories: ['q-bio.PE'] }]),
    ).toBe(true);
  });

  it.each([0, 100])(
    'heads 100 of its papers (from %i) with no machine-learning area and no arXiv archive',
    async (start) => {
      const batch = (await journalPapers()).slice(start, start + 100);
      const result = groupPapers(batch, CATALOGUE, OPTIONS);
      expect(result.uncategorizedLearning).toBe(false);
      const headings = result.groups
        .filter((g) => g.topic.slug !== OTHER_TOPIC.slug)
        .map((g) => g.topic.label);
      for (const wrong of NOT_THEIR_HEADINGS) expect(headings).not.toContain(wrong);
      // Every paper once.
      expect(result.groups.flatMap((g) => g.paperIds).sort()).toEqual(batch.map((p) => p.id).sort());
    },
  );

  it('keeps a Hugging Face day read as machine learning (its sections unchanged)', () => {
    const result = groupPapers(loadHfLabeled().slice(0, 60), CATALOGUE, OPTIONS);
    expect(result.uncategorizedLearning).toBe(true);
  });
});

describe('guessArchive, outside the fields it was trained on', () => {
  it.each([
    [
      'a taxonomy abstract: no guess',
      'Two new species of the spider genus Synagelides Strand from South China (Araneae, Salticidae). Synagelides lushanensis sp. nov. and S. zhangi sp. nov. are described; the females are diagnosed, illustrated and mapped.',
      undefined,
    ],
    [
      'an astrophysics abstract: astro-ph',
      'We measure the rotation curves of dwarf galaxies from HI observations and fit dark matter halo profiles; the inner slopes favour cored haloes over cusps at redshift zero.',
      'astro-ph',
    ],
  ])('%s', (_name, text, archive) => {
    const guess = guessArchive(text);
    expect(guess === undefined ? undefined : guess.archive).toBe(archive);
  });
});

describe('the found headings of a journal feed', () => {
  // Molecular Phylogenetics and Evolution, titles alone (ScienceDirect gives no abstract): its
  // letter read "Historical biogeography" of three papers beside "Biogeographic history" of three.
  it('are told apart: no two on the same words in another order or form', async () => {
    const papers = (await journalPapers()).filter((p) => p.id.includes('sciencedirect'));
    expect(papers.length).toBe(51);
    const { groups } = groupPapers(papers, CATALOGUE, OPTIONS);
    const labels = groups.filter((g) => g.topic.slug !== OTHER_TOPIC.slug).map((g) => g.topic.label);
    expect(labels.length).toBeGreaterThan(1);
    // Read independently of labelsClash: each heading's words cut to five letters, in any order.
    const family = (label: string): string =>
      label
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((w) => w.length > 0)
        .map((w) => w.slice(0, 5))
        .sort()
        .join(' ');
    expect(new Set(labels.map(family)).size).toBe(labels.length);
  });
});

// Issue #12: a paper joins a user topic from the config only on real evidence. A taxonomy lab's
// "Molecular phylogeny" took a bat survey for being close to its papers, and its "Algae and
// diatoms" a part "Diatom species" of milkweeds, a fungus and bacteria.
describe("a lab's own topics over the journals' 223 papers", () => {
  it('take, themselves and their parts, only papers that say them', async () => {
    const own: Topic[] = TAXA.map((t) => ({
      slug: t.label.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      label: t.label,
      keywords: t.keywords,
      categories: [],
      userDefined: true,
      origin: 'config',
    }));
    const batch = await journalPapers();
    const { groups } = groupPapers(batch, [...own, ...CATALOGUE], OPTIONS);
    const byId = new Map(batch.map((p) => [p.id, p]));
    let checked = 0;
    for (const g of groups) {
      const topic = own.find((t) => t.slug === g.topic.slug || t.slug === g.topic.parent);
      if (topic === undefined) continue;
      for (const id of g.paperIds) {
        const p = byId.get(id) as PaperText;
        expect(topicEvidence(topic, p), `${g.topic.label}: ${p.title}`).toBeGreaterThanOrEqual(
          EVIDENCE.passing,
        );
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
