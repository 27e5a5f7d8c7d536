import { describe, expect, it } from 'vitest';
import { topicCounts } from '../../../src/pipeline/build-edition.js';
import { loadPapers, makeEdition } from '../render/fixture.js';

describe('topicCounts: papers of an edition per catalogue topic', () => {
  const edition = makeEdition(loadPapers().slice(0, 9), 3);
  const [a, b, c] = edition.sections as [
    (typeof edition.sections)[number],
    (typeof edition.sections)[number],
    (typeof edition.sections)[number],
  ];
  const ids = (s: typeof a): string[] => s.papers.map((p) => p.id);

  it.each([
    [
      'a section counts for its topic, with the papers cut for size',
      [{ ...a, more: 2 }],
      { 'language-models': 5 },
    ],
    [
      'a sub-section counts for its parent',
      [
        { ...a, topic: { ...a.topic, slug: 'long-context--benchmarks', parent: 'long-context' } },
        { ...b, topic: { ...b.topic, slug: 'long-context' } },
      ],
      { 'long-context': 6 },
    ],
    [
      "a broad area's section counts for the topic of each of its papers, never for itself",
      [
        {
          ...c,
          topic: {
            ...c.topic,
            slug: 'area-vision',
            paperTopics: {
              [ids(c)[0] as string]: 'video-generation',
              [ids(c)[1] as string]: '3d-vision',
              x: 'video-generation',
            },
          },
        },
      ],
      { 'video-generation': 2, '3d-vision': 1 },
    ],
    [
      '"More papers" counts for the topics its papers name, the rest (with those cut) for itself',
      [
        {
          ...c,
          more: 4,
          topic: { ...c.topic, slug: 'other', paperTopics: { [ids(c)[0] as string]: 'robotics' } },
        },
      ],
      { robotics: 1, other: 6 },
    ],
    [
      'a section of an arXiv class likewise',
      [
        {
          ...c,
          topic: {
            ...c.topic,
            slug: 'natural-language-processing',
            paperTopics: { [ids(c)[1] as string]: 'long-context' },
          },
        },
      ],
      { 'long-context': 1, 'natural-language-processing': 2 },
    ],
    [
      'a paper that names another topic too counts for both',
      [
        {
          ...a,
          topic: {
            ...a.topic,
            alsoTopics: { [ids(a)[0] as string]: 'long-context', [ids(a)[2] as string]: 'long-context' },
          },
        },
      ],
      { 'language-models': 3, 'long-context': 2 },
    ],
    [
      "a broad area's paper that names another topic too counts for both",
      [
        {
          ...c,
          topic: {
            ...c.topic,
            slug: 'area-robotics',
            paperTopics: {
              [ids(c)[0] as string]: 'autonomous-driving',
              [ids(c)[1] as string]: 'robotics',
              [ids(c)[2] as string]: 'robotics',
            },
            alsoTopics: { [ids(c)[0] as string]: '3d-vision' },
          },
        },
      ],
      { 'autonomous-driving': 1, robotics: 2, '3d-vision': 1 },
    ],
  ])('%s', (_, sections, expected) => {
    expect(Object.fromEntries(topicCounts({ ...edition, sections }))).toEqual(expected);
  });

  it("counts every topic's section, those the letter had no room for too, when the edition has them", () => {
    const letter = [{ ...a, more: 1 }];
    const topicSections = [
      { ...a, more: 1 },
      { ...b, topic: { ...b.topic, slug: 'speech-audio' } },
    ];
    expect(Object.fromEntries(topicCounts({ ...edition, sections: letter, topicSections }))).toEqual({
      'language-models': 4,
      'speech-audio': 3,
    });
  });
});
