import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import type { Draft } from '../../../src/topics/drafts.js';
import { FORM_MIN_PAPERS, formSections, SHORT_LETTER } from '../../../src/topics/form-sections.js';
import type { PaperText } from '../../../src/topics/vectorize.js';

/**
 * Issue #12: a catch-all over its share forms one more real section from papers that name the
 * same catalogue topic, rather than put them where they are merely close.
 */

function topic(slug: string, keywords: string[], categories: string[] = []): Topic {
  return { slug, label: slug, keywords, categories, userDefined: false, origin: 'curated' };
}

function paper(id: string, title: string, summary = '', categories: string[] = []): PaperText {
  return { id, title, summary, keywords: [], categories };
}

const topics = [
  topic('image-generation', ['image generation', 'diffusion models'], ['cs.CV']),
  topic('speech-audio', ['speech recognition'], ['cs.SD']),
  topic('graph-learning', ['graph neural networks'], ['cs.LG']),
];

const housedSpeech = (): Draft[] => [
  { members: [0, 1], topic: topics[1] as Topic, words: ['speech'], source: 1, settled: true },
];

const batch = [
  paper('s1', 'Speech recognition at scale'),
  paper('s2', 'Speech recognition for dialects'),
  // Image generation said in the title (3 points), or two of its phrases in the abstract (2, and
  // 0.5 for the topic's arXiv category): evidence enough to form a section together.
  paper('i1', 'Image generation by flows'),
  paper('i2', 'Layer decomposition', 'We train diffusion models to split layers for image generation.', [
    'cs.CV',
  ]),
  paper('i3', 'Editable vector graphics', 'Diffusion models guide the edits of image generation.', ['cs.CV']),
  // Said once in an abstract without the category: one incidental phrase, no evidence.
  paper('i4', 'A study of pricing', 'Unlike diffusion models, we price goods.', ['cs.AI']),
  paper('g1', 'Graph neural networks for traffic'),
  paper('g2', 'Graph neural networks on molecules'),
  paper('x', 'Decoding convolutional codes', '', ['cs.IT']),
  // Says image generation's phrases with its category (2.5), but names speech in its title (3).
  paper('s3', 'Speech recognition of children', 'Image generation by diffusion models augments the audio.', [
    'cs.CV',
  ]),
  // One phrase of the abstract with the topic's category (1.5): said in passing, as "out-of-
  // distribution" is in a program-induction or a reward-estimation abstract.
  paper('i5', 'Layer splitting', 'Diffusion models split the layers.', ['cs.CV']),
];

/** The same papers in a letter of more than SHORT_LETTER papers: no longer a short one. */
const long = [
  ...batch,
  ...Array.from({ length: SHORT_LETTER + 1 - batch.length }, (_, i) =>
    paper(`f${i}`, `Sorting networks of depth ${i}`, '', ['cs.DS']),
  ),
];

describe('formSections', () => {
  it.each<[string, number[], number, string[], number[]]>([
    ['three papers naming an unhoused topic form its section', [2, 3, 4, 8], 2, ['image-generation'], [8]],
    ['the incidental mention stays in the catch-all', [2, 3, 4, 5, 8], 2, ['image-generation'], [5, 8]],
    [
      'one phrase of an abstract and the category stay too',
      [2, 3, 4, 8, 10],
      2,
      ['image-generation'],
      [8, 10],
    ],
    ['nor do they make up the count of a section', [2, 3, 8, 10], 2, [], [2, 3, 8, 10]],
    ['two papers are too few for a section', [2, 3, 8], 2, [], [2, 3, 8]],
    ['one paper is never a section', [2, 8], 2, [], [2, 8]],
    [
      'two papers of another topic stay; one section within the room',
      [2, 3, 4, 6, 7, 8],
      1,
      ['image-generation'],
      [6, 7, 8],
    ],
    ['no room, no new section', [2, 3, 4, 8], 0, [], [2, 3, 4, 8]],
  ])('%s', (_name, other, room, formed, left) => {
    const drafts = housedSpeech();
    const kept = formSections(other, drafts, topics, long, room);
    expect(drafts.slice(1).map((d) => d.topic.slug)).toEqual(formed);
    expect(kept).toEqual(left);
    for (const d of drafts.slice(1)) expect(d.members.length).toBeGreaterThanOrEqual(FORM_MIN_PAPERS);
  });

  // Issue #12: sections now form from all the left-over papers, before closeness places any, so
  // one that says more of a topic with a section must not make up the count of another.
  it.each<[string, number[], string[], number[]]>([
    ['a paper naming a housed topic more does not count', [2, 9], [], [2, 9]],
    ['nor is it taken into the section the others form', [2, 3, 4, 9], ['image-generation'], [9]],
  ])('%s', (_name, other, formed, left) => {
    const drafts = housedSpeech();
    const kept = formSections(other, drafts, topics, batch, 2, [0, 1, 2]);
    expect(drafts.slice(1).map((d) => d.topic.slug)).toEqual(formed);
    expect(kept).toEqual(left);
  });

  it('forms no second section for a topic that has one: its papers join it by evidence instead', () => {
    const drafts: Draft[] = [
      { members: [0, 1], topic: topics[0] as Topic, words: ['image'], source: 0, settled: true },
    ];
    expect(formSections([2, 3, 4], drafts, topics, long, 3)).toEqual([2, 3, 4]);
    expect(drafts).toHaveLength(1);
  });

  it.each<[string, number[], string[], number[]]>([
    ['two papers naming an unhoused topic form its section', [2, 3, 8], ['image-generation'], [8]],
    [
      'two papers of each of two topics: both formed',
      [2, 3, 6, 7, 8],
      ['graph-learning', 'image-generation'],
      [8],
    ],
    ['one paper stays in the catch-all', [2, 8], [], [2, 8]],
    ['the incidental mention is no second paper', [2, 5, 8], [], [2, 5, 8]],
  ])('in a short letter, %s', (_name, other, formed, left) => {
    const drafts = housedSpeech();
    expect(batch.length).toBeLessThan(SHORT_LETTER);
    const kept = formSections(other, drafts, topics, batch, 2);
    expect(
      drafts
        .slice(1)
        .map((d) => d.topic.slug)
        .sort(),
    ).toEqual(formed);
    expect(kept).toEqual(left);
  });
});
