/**
 * A lab's letter of journal feeds (tests/fixtures/journals): ScienceDirect gives each article's
 * citation and authors in place of an abstract, Taylor & Francis its volume and pages, Pensoft the
 * citation, DOI and authors before the abstract. The letter's cards show the authors and the
 * abstract (or nothing), never the citation as the paper's summary.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readerConfig, tempProject } from '../helpers/cli.js';
import { JOURNALS, NOT_THEIR_HEADINGS, TAXA } from '../helpers/journals.js';
import { outboxText, runEdition } from '../helpers/run-edition.js';

const READER = 'lab@paperpost.example';

describe('a letter of a journal feed', () => {
  it.each([
    ['ScienceDirect (the citation alone)', 'sciencedirect-mpe.xml'],
    ['Taylor & Francis (volume and pages alone)', 'tandfonline-tzme20.xml'],
    ['Pensoft (citation, DOI and authors before the abstract)', 'pensoft-phytokeys.xml'],
  ])(
    '%s: its cards show the authors and the abstract or nothing, never the citation',
    async (_name, file) => {
      const dir = tempProject(
        readerConfig(
          'Journal watch',
          'journals',
          [{ id: 'journal', kind: 'rss', location: path.join(JOURNALS, file) }],
          [{ email: READER }],
        ),
      );
      const { edition } = await runEdition(dir);
      const papers = edition.sections.flatMap((s) => s.papers);
      expect(papers.length).toBeGreaterThan(0);
      for (const p of papers) {
        expect(p.summary, p.title).not.toMatch(
          /^(?:Publication date|Source:|Volume \d|PhytoKeys|DOI:|Authors:|Abstract)|^[^\p{L}\p{N}]+$/u,
        );
        if (p.title !== 'Editorial Board') expect(p.authors.length, p.title).toBeGreaterThan(0);
      }
      const text = (await outboxText(dir, edition.id, READER)) ?? '';
      expect(text).not.toMatch(
        /Publication date:|Author\(s\):|Volume \d+, Issue \d+|PhytoKeys \d+: \d+|DOI: 10\./,
      );
      // A card: its title, then its authors on the next lines.
      const lines = text.split('\n').map((l) => l.trim());
      for (const p of papers.filter((x) => x.authors.length > 0).slice(0, 5)) {
        const at = lines.findIndex((l) => l.includes(p.title.slice(0, 25)));
        expect(at, p.title).toBeGreaterThanOrEqual(0);
        expect(lines.slice(at, at + 5).join(' '), p.title).toContain(p.authors[0] as string);
      }
    },
    60_000,
  );

  // Issue #12: a botany and zoology letter (223 papers: a grouping pool of 100, the rest joining the
  // topics their titles name) read "AI for science" over molecular phylogenies and "Astrophysics"
  // over spiders, its papers taken for machine learning as Hugging Face papers without categories are.
  it('of seven journals of another field: no machine-learning area and no arXiv archive heads its papers', async () => {
    const sources = readdirSync(JOURNALS)
      .filter((f) => f.endsWith('.xml'))
      .map((f) => ({ id: f.replace(/\.xml$/, ''), kind: 'rss', location: path.join(JOURNALS, f) }));
    const dir = tempProject(readerConfig('Journal watch', 'journals', sources, [{ email: READER }]));
    const { edition } = await runEdition(dir);
    // Few of its papers share a found subject: "More papers" takes the room the sections leave,
    // and the letter holds about its 50 papers (its size budget may move a few to the web), not
    // the 13 a catch-all of ~15% allowed.
    expect(edition.sections.flatMap((s) => s.papers).length).toBeGreaterThanOrEqual(45);
    // ScienceDirect's items carry no date: aged from when Paperpost first saw them, they reach the
    // letter beside the dated papers of the other journals (aged as the whole window: 0 of 51).
    const undated = edition.sections
      .flatMap((s) => s.papers)
      .filter((p) => p.sources.includes('sciencedirect-mpe'));
    expect(undated.length).toBeGreaterThan(0);
    const headings = [...edition.sections, ...(edition.topicSections ?? [])].map((s) => s.topic.label);
    expect(headings.length).toBeGreaterThan(0);
    for (const wrong of NOT_THEIR_HEADINGS) expect(headings).not.toContain(wrong);
    const cards = [...edition.sections, ...(edition.topicSections ?? [])].flatMap((s) =>
      Object.values(s.topic.paperTopics ?? {}),
    );
    expect(cards).not.toContain('ai-for-science');
    expect(cards).not.toContain('medical-ai');
  }, 60_000);

  // README "A letter of another field": a lab names its field's topics by the words its papers use.
  // Issue #12: a paper joins an operator's topic on evidence only; a taxonomy lab's "Molecular
  // phylogeny" took a bat survey and a study of "techno-species" for being close to its papers.
  it("of seven journals with a lab's own topics (taxa): they head the letter, each paper says its topic", async () => {
    const sources = readdirSync(JOURNALS)
      .filter((f) => f.endsWith('.xml'))
      .map((f) => ({ id: f.replace(/\.xml$/, ''), kind: 'rss', location: path.join(JOURNALS, f) }));
    const dir = tempProject(
      readerConfig('Taxonomy watch', 'journals', sources, [{ email: READER }], { topics: TAXA }),
    );
    const { edition } = await runEdition(dir);
    expect(edition.sections.flatMap((s) => s.papers).length).toBeGreaterThanOrEqual(45);
    // A config topic's section, or a part of one (its parent, the topic's slug: "Diatom species").
    const slug = (label: string): string => label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const taxonOf = (s: { topic: { label: string; parent?: string } }) =>
      TAXA.find((t) => t.label === s.topic.label || slug(t.label) === s.topic.parent);
    const own = [...edition.sections, ...(edition.topicSections ?? [])].filter((s) => taxonOf(s));
    expect(new Set(own.map((s) => taxonOf(s)?.label)).size).toBeGreaterThanOrEqual(6);
    for (const section of own) {
      const words = (taxonOf(section)?.keywords ?? []).map((k) => k.toLowerCase());
      // The letter's text of a paper is its title and abstract: one of the topic's words is there.
      for (const p of section.papers)
        expect(
          words.some((w) => `${p.title} ${p.summary}`.toLowerCase().includes(w)),
          `${section.topic.label}: ${p.title}`,
        ).toBe(true);
    }
  }, 60_000);
});
