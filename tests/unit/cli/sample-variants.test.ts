import { describe, expect, it } from 'vitest';
import { sampleVariants, variantTopics } from '../../../src/cli/commands/render.js';
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

  it("offers after a broad area's section the letter of each topic its papers are of", () => {
    const area = {
      topic: {
        ...second.topic,
        slug: 'area-vision',
        label: 'Computer vision',
        paperTopics: Object.fromEntries(
          second.papers.map((p, i) => [p.id, i === 0 ? '3d-vision' : 'image-generation']),
        ),
        topicLabels: { '3d-vision': '3D vision', 'image-generation': 'Image generation and editing' },
      },
      papers: second.papers,
      more: 0,
    };
    const variants = sampleVariants({ ...base, sections: [first, area] });
    expect(variants.map((v) => v.key)).toEqual([
      'daily:*',
      'daily:language-models',
      'daily:area-vision',
      'daily:3d-vision',
      'daily:image-generation',
    ]);
    expect(variants.find((v) => v.key === 'daily:3d-vision')?.topics).toEqual(['3d-vision']);
  });

  it('leaves out "More papers" when each of its papers names a topic: its readers would get nothing', () => {
    expect(sampleVariants(withCatchAll(['robotics', 'robotics', 'robotics'])).map((v) => v.key)).toEqual([
      'daily:*',
      'daily:language-models',
    ]);
  });
});

describe('variantTopics: the topics `render --topics` accepts', () => {
  const base = makeEdition(loadPapers().slice(0, 6), 3);
  const [first, second] = base.sections as [(typeof base.sections)[number], (typeof base.sections)[number]];
  // A broad area's section: each paper carries its own topic, which has no section of its own.
  const area = {
    topic: {
      ...second.topic,
      slug: 'area-efficiency',
      label: 'Efficient inference and architectures',
      paperTopics: Object.fromEntries(
        second.papers.map((p, i) => [p.id, i === 0 ? 'efficient-inference' : 'architectures']),
      ),
    },
    papers: second.papers,
    more: 0,
  };
  const edition = { ...base, sections: [first, area] };

  it.each([
    ['a section', 'language-models', ['language-models']],
    ['the area section', 'area-efficiency', ['area-efficiency']],
    [
      "topics of the area section's papers",
      'efficient-inference, architectures',
      ['efficient-inference', 'architectures'],
    ],
    ['none: every topic', undefined, []],
  ])('accepts %s', (_, option, topics) => {
    expect(variantTopics(option, edition)).toEqual(topics);
  });

  it('refuses a topic no paper of the edition carries, naming the ones it knows', () => {
    expect(() => variantTopics('robotics', edition)).toThrow(
      /--topics robotics: no such topic in this edition; known: language-models, area-efficiency, efficient-inference, architectures$/,
    );
  });
});
