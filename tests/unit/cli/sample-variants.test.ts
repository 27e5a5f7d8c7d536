import { describe, expect, it } from 'vitest';
import { sampleVariants } from '../../../src/cli/commands/render.js';
import { catchAllTopic, loadPapers, makeEdition } from '../render/fixture.js';

describe('sampleVariants: the variants preview offers', () => {
  const base = makeEdition(loadPapers().slice(0, 6), 3);
  const [first, second] = base.sections as [(typeof base.sections)[number], (typeof base.sections)[number]];
  /** "More papers" of the second section's papers, naming these topics ('' for none). */
  const withCatchAll = (tags: string[]) => ({
    ...base,
    sections: [
      first,
      {
        topic: catchAllTopic(
          Object.fromEntries(second.papers.flatMap((p, i) => (tags[i] ? [[p.id, tags[i] as string]] : []))),
          { robotics: 'Robot learning' },
        ),
        papers: second.papers,
        more: 0,
      },
    ],
  });

  it('offers every topic, then one variant per section', () => {
    expect(sampleVariants(withCatchAll(['robotics', '', ''])).map((v) => v.key)).toEqual([
      'daily:*',
      'daily:language-models',
      'daily:other',
    ]);
  });

  it('offers the topics the everyone letter had no room for', () => {
    const letter = withCatchAll(['robotics', '', '']);
    const extra = {
      topic: { ...first.topic, slug: 'multilingual-nlp', label: 'Multilingual NLP' },
      papers: second.papers,
      more: 0,
    };
    const edition = {
      ...letter,
      topicSections: [...letter.sections, extra],
      caps: { perSection: 6, catchAll: 3, perEdition: 20 },
    };
    expect(sampleVariants(edition).map((v) => v.key)).toEqual([
      'daily:*',
      'daily:language-models',
      'daily:other',
      'daily:multilingual-nlp',
    ]);
  });

  it('leaves out "More papers" when each of its papers names a topic: its readers would get nothing', () => {
    expect(sampleVariants(withCatchAll(['robotics', 'robotics', 'robotics'])).map((v) => v.key)).toEqual([
      'daily:*',
      'daily:language-models',
    ]);
  });
});
