import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition, Section } from '../../src/domain/index.js';
import { sampleSources, tempProject } from '../helpers/cli.js';
import { outboxText, runEdition } from '../helpers/run-edition.js';

// A busy day in a short letter: the demo samples (107 papers, a dozen topics) in 10 papers, 4 per
// section. Most topics find no room in the all-topics letter; their readers still get them.
const READERS = ['speech-audio', 'multilingual-nlp', 'robotics', 'rag-retrieval', 'image-generation'];
const config = {
  title: 'Busy day',
  sources: sampleSources(),
  sender: { fromAddress: 'digest@paperpost.example', listId: 'busy.paperpost.example' },
  limits: { maxPapersPerEdition: 10, maxPapersPerSection: 4 },
  seedSubscribers: [
    { email: 'all@paperpost.example' },
    ...READERS.map((slug) => ({ email: `${slug}@paperpost.example`, topics: [slug] })),
    { email: 'two@paperpost.example', topics: ['speech-audio', 'multilingual-nlp'] },
  ],
  dataDir: 'data',
};

describe('paperpost run: a reader of a few topics gets them even when the letter had no room', () => {
  let dir: string;
  let edition: Edition;
  let skipped: string[];
  const text = async (who: string): Promise<string | undefined> =>
    (await outboxText(dir, edition.id, `${who}@paperpost.example`))?.replace(/\s+/g, ' ');
  const sectionOf = (slug: string): Section | undefined =>
    edition.topicSections?.find((s) => s.topic.slug === slug);

  beforeAll(async () => {
    dir = tempProject(config);
    ({ edition, skipped } = await runEdition(dir));
  }, 120_000);

  it('stores every topic ranked, and the letter leaves some of the readers topics out', () => {
    expect(edition.caps).toEqual({ perSection: 4, catchAll: 2, perEdition: 10 });
    const inLetter = new Set(edition.sections.map((s) => s.topic.slug));
    const left = READERS.filter((slug) => !inLetter.has(slug));
    // The premise of this test: at least two of the readers' topics had no room in the letter.
    expect(left.length).toBeGreaterThanOrEqual(2);
    for (const slug of READERS) expect(sectionOf(slug)?.papers.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it.each(READERS)("gives a reader of %s that topic's best papers, up to the section cap", async (slug) => {
    const section = sectionOf(slug) as Section;
    const mail = await text(slug);
    expect(skipped).not.toContain(`${slug}@paperpost.example`);
    expect(mail).toBeDefined();
    // Papers of other sections that name the topic too follow its own papers (alsoTopics).
    const also = (edition.topicSections ?? []).flatMap((s) =>
      s.topic.slug === slug ? [] : s.papers.filter((p) => s.topic.alsoTopics?.[p.id] === slug),
    );
    const papers = [...section.papers, ...also];
    const shown = papers.slice(0, 4);
    for (const p of shown) expect(mail).toContain(p.title.replace(/\s+/g, ' ').slice(0, 40));
    expect(mail).toContain(`== 1. ${section.topic.label} ==`);
    expect(mail).not.toContain('== 2.');
    const more = papers.length - shown.length;
    if (more > 0) expect(mail).toContain(`${more} more in ${section.topic.label} on the web`);
    // The closing line counts the rest of the web version (the "N more in" above included).
    const whole = edition.sections.reduce((n, s) => n + s.papers.length + s.more, edition.more);
    expect(mail).toContain(`${whole - shown.length} more papers on the web`);
  });

  it('gives a reader of two such topics both, and the everyone letter stays at 10 papers', async () => {
    const mail = (await text('two')) as string;
    for (const slug of ['speech-audio', 'multilingual-nlp'])
      expect(mail).toContain(`. ${(sectionOf(slug) as Section).topic.label} ==`);
    expect(edition.sections.reduce((n, s) => n + s.papers.length, 0)).toBeLessThanOrEqual(10);
    expect(await text('all')).toMatch(/here are 10 trending papers/);
  });
});
