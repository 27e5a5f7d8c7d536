import { describe, expect, it } from 'vitest';
import { buildWebEdition } from '../../../src/server/edition-page.js';
import { loadPapers, makeEdition } from '../render/fixture.js';

describe("the web edition: a broad area's section says each paper's topic, letter and web-only papers alike", () => {
  it('puts the topic first in the "why" line of the area\'s papers only', async () => {
    const papers = loadPapers().slice(0, 8);
    const base = makeEdition(papers.slice(0, 4), 2);
    const [area, other] = base.sections as [(typeof base.sections)[number], (typeof base.sections)[number]];
    const ids = [...area.papers.map((p) => p.id), papers[4]?.id as string];
    const edition = {
      ...base,
      sections: [
        {
          ...area,
          topic: {
            ...area.topic,
            slug: 'area-vision',
            label: 'Computer vision',
            paperTopics: Object.fromEntries(
              ids.map((id, i) => [id, i === 1 ? '3d-vision' : 'video-generation']),
            ),
            topicLabels: { 'video-generation': 'Video generation', '3d-vision': '3D vision' },
          },
        },
        other,
      ],
      webOnly: [{ slug: 'area-vision', label: 'Computer vision', ids: [papers[4]?.id as string] }],
    };
    const web = await buildWebEdition(edition, async (want) => papers.filter((p) => want.includes(p.id)));
    const [vision, rest] = web.sections;
    expect(vision?.inLetter.map((p) => p.why.split(' · ')[0])).toEqual(['Video generation', '3D vision']);
    expect(vision?.webOnly.map((p) => p.why.split(' · ')[0])).toEqual(['Video generation']);
    expect(rest?.inLetter.some((p) => /^(Video generation|3D vision)/.test(p.why))).toBe(false);
  });
});

describe('the web edition: a class catch-all follows every topic, as in the letter', () => {
  it('puts "Other mathematics" after the topics the letter did not reach, before "More papers"', async () => {
    // A mathematician's edition: the letter ends on "Other mathematics" (the classes with no
    // section of their own); the web adds "Group theory", which the letter had no room for.
    const papers = loadPapers().slice(0, 8);
    const base = makeEdition(papers.slice(0, 4), 2);
    const [first, second] = base.sections as [(typeof base.sections)[number], (typeof base.sections)[number]];
    const edition = {
      ...base,
      sections: [
        { ...first, topic: { ...first.topic, slug: 'combinatorics', label: 'Combinatorics' } },
        {
          ...second,
          topic: {
            ...second.topic,
            slug: 'other-mathematics',
            label: 'Other mathematics',
            classCatchAll: true as const,
          },
        },
      ],
      webOnly: [
        { slug: 'group-theory', label: 'Group theory', ids: [papers[4]?.id as string] },
        { slug: null, label: 'More papers', ids: [papers[5]?.id as string] },
      ],
    };
    const web = await buildWebEdition(edition, async (want) => papers.filter((p) => want.includes(p.id)));
    expect(web.sections.map((s) => s.label)).toEqual([
      'Combinatorics',
      'Group theory',
      'Other mathematics',
      'More papers',
    ]);
  });
});

describe('the web edition: "More papers" the letter did not reach says the topic each paper names', () => {
  it('reads the tags of the edition\'s uncut "More papers" (a paper below the grouping pool naming a topic)', async () => {
    const papers = loadPapers().slice(0, 6);
    const base = makeEdition(papers.slice(0, 4), 2);
    const [first] = base.sections as [(typeof base.sections)[number]];
    const [tagged, plain] = [papers[4]?.id as string, papers[5]?.id as string];
    const edition = {
      ...base,
      sections: [first],
      webOnly: [{ slug: null, label: 'More papers', ids: [tagged, plain] }],
      topicSections: [
        first,
        {
          topic: {
            slug: 'other',
            label: 'More papers',
            keywords: [],
            categories: [],
            userDefined: false,
            paperTopics: { [tagged]: 'speech-audio' },
            topicLabels: { 'speech-audio': 'Speech and audio models' },
          },
          papers: [],
          more: 2,
        },
      ],
    };
    const web = await buildWebEdition(edition, async (want) => papers.filter((p) => want.includes(p.id)));
    const more = web.sections.find((s) => s.label === 'More papers');
    expect(
      more?.webOnly.map(
        (p) => p.why.startsWith('Speech and audio models · ') || p.why === 'Speech and audio models',
      ),
    ).toEqual([true, false]);
  });
});

describe("the web edition: a card names its paper's feeds as the letter does", () => {
  it("by the names the config gives them (a lab's journal feeds)", async () => {
    const papers = loadPapers()
      .slice(0, 4)
      .map((p) => ({
        ...p,
        sources: ['pubmed', 'zookeys'],
        categories: [],
        links: { abs: 'https://zookeys.pensoft.net/article/1', pdf: null, code: null, hf: null },
      }));
    const edition = makeEdition(papers, 1);
    const names = new Map([
      ['pubmed', 'PubMed search'],
      ['zookeys', 'ZooKeys'],
    ]);
    const web = await buildWebEdition(edition, async () => [], names);
    const cards = web.sections.flatMap((s) => s.inLetter);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card.why).toContain('in PubMed search and ZooKeys');
  });
});
