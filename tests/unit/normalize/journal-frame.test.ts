import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/ingest/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import {
  givenNameFirst,
  readJournalFrame,
  splitAuthorNames,
  withoutSectionLabels,
} from '../../../src/normalize/journal-frame.js';
import { ROOT } from '../../helpers/cli.js';
import { rawEntry } from './helpers.js';

const TITLE = 'Propagating clade and model uncertainty to confidence intervals of divergence times';

describe('readJournalFrame', () => {
  // Lines as a journal's feed gives them (block elements as line breaks), and what is left.
  it.each([
    [
      'ScienceDirect: the citation alone, its authors kept',
      [
        'Publication date: February 2022',
        'Source: Molecular Phylogenetics and Evolution, Volume 167',
        'Author(s): David R. Bickel, Jane Roe',
      ],
      { summary: '', authors: ['David R. Bickel', 'Jane Roe'] },
    ],
    [
      'Pensoft: citation, DOI and authors, then "Abstract:" on the abstract\'s line',
      [
        'PhytoKeys 187: 71-76',
        'DOI: 10.3897/phytokeys.187.71960',
        'Authors: Zhi-Yong Xiao, Xiao-Chun Li, Ying Luo',
        'Abstract: Vicia mingyueshanensis, a new species from western Jiangxi, is described.',
      ],
      {
        summary: 'Vicia mingyueshanensis, a new species from western Jiangxi, is described.',
        authors: ['Zhi-Yong Xiao', 'Xiao-Chun Li', 'Ying Luo'],
        doi: '10.3897/phytokeys.187.71960',
      },
    ],
    [
      // Only a "DOI:" field names the article's own DOI: a citation may name another work's.
      'a citation line with a DOI in it names no DOI of the article',
      [
        'Zootaxa 5002(1): 1-103. See also doi: 10.11646/zootaxa.4999.1.1',
        'Abstract',
        'A new genus is described.',
      ],
      { summary: 'A new genus is described.', authors: [] },
    ],
    [
      'PubMed: the citation, then an ABSTRACT heading',
      [
        'Parasitol Int. 2021 Dec 17:102531. doi: 10.1016/j.parint.2021.102531. Online ahead of print.',
        'ABSTRACT',
        'A new species of Gyrodactylus was described on zebrafish.',
        'It differs from its congeners.',
      ],
      {
        summary: 'A new species of Gyrodactylus was described on zebrafish. It differs from its congeners.',
        authors: [],
      },
    ],
    [
      'Oxford: an "Abstract" heading first',
      ['Abstract', 'The Southern Ocean is the least understood environment on earth.'],
      { summary: 'The Southern Ocean is the least understood environment on earth.', authors: [] },
    ],
    [
      'Taylor & Francis: volume, issue and pages alone',
      ['Volume 67, Issue 4, December 2021, Page 283-289', '.'],
      { summary: '', authors: [] },
    ],
    [
      'Schweizerbart: the title over three lines, the authors, the citation, then the abstract',
      [
        'Propagating clade and model uncertainty',
        'to confidence intervals of',
        'divergence times',
        'Doan-Nhu, Hai; Nguyen-Ngoc, Lam',
        'Nova Hedwigia, (2021), p. 281 - 290',
        'Abstract',
        'Genus Alisphaera including 9 species was not often reported.',
      ],
      {
        summary: 'Genus Alisphaera including 9 species was not often reported.',
        authors: ['Doan-Nhu, Hai', 'Nguyen-Ngoc, Lam'],
      },
    ],
    [
      'CNKI: the authors, separated by semicolons, before the abstract',
      [
        'Guocheng SHU;Ping LIU;Tian ZHAO;',
        'Biodiversity is declining globally by an unprecedented extinction rate.',
      ],
      {
        summary: 'Biodiversity is declining globally by an unprecedented extinction rate.',
        authors: ['Guocheng SHU', 'Ping LIU', 'Tian ZHAO'],
      },
    ],
  ])('%s', (_name, lines, expected) => {
    expect(readJournalFrame(lines, TITLE)).toEqual(expected);
  });

  // No frame: the caller keeps the summary as it was.
  it.each([
    ['an abstract', ['We propose a method for clustering. It is fast.']],
    ['an abstract on "abstract" reasoning', ['Abstract reasoning is hard for language models.']],
    [
      'a post that opens on "Source:"',
      ["Source: I'm a landscaper, and I actually enjoy working for people who talk.", 'More.'],
    ],
    [
      'an "Abstract" heading after a paragraph of text',
      ['This week we read three papers on tides and one on storms.', 'Abstract', 'Tides are...'],
    ],
    ['a sentence with semicolons', ['We fit the model; we then test it; it holds.']],
  ])('%s', (_name, lines) => {
    expect(readJournalFrame(lines, TITLE)).toBeUndefined();
  });
});

describe('readJournalFrame on hostile text', () => {
  // Feed text is hostile: a first line of two runs of 59 capitals and a digit, read as a possible
  // list of names, in each of twenty items. A name pattern that let a word end anywhere took
  // ~400 ms to refuse each (~8 s for these items); one pass each now.
  it('reads them once, and finds no names there', () => {
    const run = `${'A'.repeat(59)}1`;
    for (let item = 0; item < 20; item += 1)
      expect(readJournalFrame([`${run};${run}`, 'We study tides.'], TITLE)).toBeUndefined();
    // A guard against a hang, not a speed target: ~3 ms now, ~8 s with the old pattern.
  }, 2_000);
});

describe('splitAuthorNames', () => {
  it.each([
    [
      'Donghua Qiu, Xiang Zeng, Lingyu Zeng and Zongze Shao',
      ['Donghua Qiu', 'Xiang Zeng', 'Lingyu Zeng', 'Zongze Shao'],
    ],
    ['Brandão S, Saeedi H, Brandt A.', ['Brandão S', 'Saeedi H', 'Brandt A.']],
    ['Chen C, Zhou Y, Watanabe H, et al.', ['Chen C', 'Zhou Y', 'Watanabe H']],
    ['Zhang, Kai; Guo, Weihua', ['Zhang, Kai', 'Guo, Weihua']],
    // One person, family name first: whole.
    ['Engel, Michael S.', ['Engel, Michael S.']],
    ['Smith, John', ['Smith, John']],
    ['Jane Doe', ['Jane Doe']],
    ['Västsvenska EntomologKlubben', ['Västsvenska EntomologKlubben']],
  ])('%s', (value, names) => {
    expect(splitAuthorNames(value)).toEqual(names);
  });

  it('splits a list for sure (a frame\'s "Authors:" field) at every comma, one-word names too', () => {
    expect(splitAuthorNames('Jinpeng Zhang, Yunianta, Van Duy Nguyen', { list: true })).toEqual([
      'Jinpeng Zhang',
      'Yunianta',
      'Van Duy Nguyen',
    ]);
    // Not known to be a list: one field that might be one person, family name first.
    expect(splitAuthorNames('Jinpeng Zhang, Yunianta, Van Duy Nguyen')).toEqual([
      'Jinpeng Zhang, Yunianta, Van Duy Nguyen',
    ]);
  });
});

describe('givenNameFirst', () => {
  it.each([
    ['Inoda, Toshio', 'Toshio Inoda'],
    ['Engel, Michael S.', 'Michael S. Engel'],
    ['Archer, L. A.', 'L. A. Archer'],
    ['Doan-Nhu, Hai', 'Hai Doan-Nhu'],
    ['Cañiza Ovelar, Bernardo D.', 'Bernardo D. Cañiza Ovelar'],
    // Not a family name first: as it is.
    ['Jane Doe', 'Jane Doe'],
    ['King, Jr.', 'King, Jr.'],
    ['Sam Jones in Madrid', 'Sam Jones in Madrid'],
    ['the lab, sometimes', 'the lab, sometimes'],
  ])('%s -> %s', (name, written) => {
    expect(givenNameFirst(name)).toBe(written);
  });
});

describe('normalizeEntry of a journal feed item', () => {
  it('takes the citation off the summary and keeps the authors it names', () => {
    const p = normalizeEntry(
      rawEntry({
        title: TITLE,
        url: 'https://www.sciencedirect.com/science/article/pii/S1055790321002906',
        summary:
          '<p>Publication date: February 2022</p><p><b>Source:</b> Molecular Phylogenetics and Evolution, Volume 167</p><p>Author(s): David R. Bickel</p>',
      }),
    );
    expect(p?.summary).toBe('');
    expect(p?.authors).toEqual(['David R. Bickel']);
  });

  it('keeps the authors an item names itself over those of its frame', () => {
    const p = normalizeEntry(
      rawEntry({
        url: 'https://example.org/a',
        authors: ['A. Author'],
        summary: '<p>Authors: Someone Else</p><p>Abstract: We study tides.</p>',
      }),
    );
    expect(p?.summary).toBe('We study tides.');
    expect(p?.authors).toEqual(['A. Author']);
  });

  it("takes the article's id from its frame's DOI field when the item gives none", () => {
    const item = {
      url: 'https://zookeys.pensoft.net/article/67935/',
      summary:
        '<p>ZooKeys 1072: 1-20</p><p>DOI: 10.3897/zookeys.1072.67935</p><p>Abstract: Two new species.</p>',
    };
    expect(normalizeEntry(rawEntry(item))?.id).toBe('doi:10.3897/zookeys.1072.67935');
    // The item's own DOI comes first.
    expect(normalizeEntry(rawEntry({ ...item, doi: '10.1000/own' }))?.id).toBe('doi:10.1000/own');
  });

  it('reads a summary of punctuation alone as none', () => {
    const p = normalizeEntry(rawEntry({ url: 'https://example.org/a', summary: '. <br/>' }));
    expect(p?.summary).toBe('');
  });

  it('leaves arXiv and Hugging Face text alone', () => {
    const p = normalizeEntry(
      rawEntry({
        kind: 'arxiv-api',
        url: 'https://arxiv.org/abs/2401.00001',
        summary: 'Volume 3, Issue 2, Page 1-9',
        authors: ['Donghua Qiu, Xiang Zeng'],
      }),
    );
    expect(p?.summary).toBe('Volume 3, Issue 2, Page 1-9');
    expect(p?.authors).toEqual(['Donghua Qiu, Xiang Zeng']);
  });
});

describe('journal feeds as publishers serve them (tests/fixtures/journals)', () => {
  const papersOf = async (file: string) => {
    const text = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'journals', file), 'utf8');
    const { entries } = await parseFeed(text, { sourceId: file });
    return entries.flatMap((e) => normalizeEntry(e) ?? []);
  };
  const FRAME =
    /^(?:Publication date|Source:|Author\(s\)|Authors:|Volume \d|Abstract\b|ABSTRACT|DOI:|[\p{L} .]+\d+:\s*\d+)/u;

  it.each([
    ['sciencedirect-mpe.xml', 51, 0],
    ['tandfonline-tzme20.xml', 13, 0],
    ['pensoft-phytokeys.xml', 100, 100],
    ['pubmed-search.xml', 15, 15],
    ['oup-zoolinnean.xml', 14, 14],
    ['schweizerbart-nova-hedwigia.xml', 10, 10],
    ['cnki-yzlq.xml', 20, 20],
  ])(
    '%s: %i papers, %i with an abstract, none opening on its citation, all with authors',
    async (file, count, withAbstract) => {
      const papers = await papersOf(file);
      expect(papers).toHaveLength(count);
      expect(papers.filter((p) => p.summary !== '')).toHaveLength(withAbstract);
      for (const p of papers) {
        expect(p.summary, p.title).not.toMatch(FRAME);
        // Every article names its authors; ScienceDirect's "Editorial Board" page has none.
        if (p.title !== 'Editorial Board') expect(p.authors.length, p.title).toBeGreaterThan(0);
      }
    },
  );

  it('reads the first items as their pages say', async () => {
    const [sd] = await papersOf('sciencedirect-mpe.xml');
    expect(sd?.authors).toEqual(['David R. Bickel']);
    const [phyto] = await papersOf('pensoft-phytokeys.xml');
    expect(
      phyto?.summary.startsWith('Two East Asian Lomariopsis (Lomariopsidaceae, Polypodiales) species'),
    ).toBe(true);
    expect(phyto?.authors.slice(0, 3)).toEqual(['Yi-Hsuan Wu', 'Chih-Yun Sun', 'Atsushi Ebihara']);
    const [oup] = await papersOf('oup-zoolinnean.xml');
    expect(oup?.summary.startsWith('The Southern Ocean (SO) is the least understood')).toBe(true);
    expect(oup?.authors).toEqual(['Brandão S', 'Saeedi H', 'Brandt A.']);
    const [cnki] = await papersOf('cnki-yzlq.xml');
    expect(cnki?.authors.slice(0, 2)).toEqual(['Guocheng SHU', 'Ping LIU']);
    expect(cnki?.summary.startsWith('Biodiversity is declining')).toBe(true);
  });
});

// PubMed's feeds keep a structured abstract's headings in its text: a card read "AIMS: The control
// of Xanthomonas citri ..." and "... sediment. METHODS AND RESULTS: The compound ...".
describe('withoutSectionLabels', () => {
  it.each([
    [
      'AIMS: The control of citrus canker relies on copper. METHODS AND RESULTS: We isolated a compound. CONCLUSIONS: It works.',
      'The control of citrus canker relies on copper. We isolated a compound. It works.',
    ],
    ['SIGNIFICANCE AND IMPACT OF THE STUDY: A new agent.', 'A new agent.'],
    ['BACKGROUND: The genus includes 13 species.', 'The genus includes 13 species.'],
    // An acronym before a colon, a heading word inside a sentence, a lowercase heading: no heading.
    [
      'We fine-tune BERT: a small model. RESULTS show gains.',
      'We fine-tune BERT: a small model. RESULTS show gains.',
    ],
    ['Our results: a 3% gain.', 'Our results: a 3% gain.'],
    ['THE: x', 'THE: x'],
  ])('%s', (text, expected) => {
    expect(withoutSectionLabels(text)).toBe(expected);
  });

  it("takes them off PubMed's abstracts", async () => {
    const papers = await (async () => {
      const text = readFileSync(
        path.join(ROOT, 'tests', 'fixtures', 'journals', 'pubmed-search.xml'),
        'utf8',
      );
      const { entries } = await parseFeed(text, { sourceId: 'pubmed' });
      return entries.flatMap((e) => normalizeEntry(e) ?? []);
    })();
    expect(papers.length).toBe(15);
    for (const p of papers)
      expect(p.summary, p.title).not.toMatch(
        /(?:^|[.!?]\s)(?:AIMS|METHODS|RESULTS|CONCLUSIONS?|BACKGROUND)\b[A-Z ]*:/,
      );
  });
});
