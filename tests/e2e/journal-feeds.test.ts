/**
 * A lab's letter of journal feeds (tests/fixtures/journals): ScienceDirect gives each article's
 * citation and authors in place of an abstract, Taylor & Francis its volume and pages, Pensoft the
 * citation, DOI and authors before the abstract. The letter's cards show the authors and the
 * abstract (or nothing), never the citation as the paper's summary.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readerConfig, tempProject } from '../helpers/cli.js';
import { outboxText, runEdition } from '../helpers/run-edition.js';

const JOURNALS = path.join(ROOT, 'tests', 'fixtures', 'journals');
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
});
