import { describe, expect, it } from 'vitest';
import { isEmptyVariant } from '../../../src/pipeline/variants.js';
import { catchAllTopic, loadPapers, makeEdition } from '../render/fixture.js';

describe('isEmptyVariant: a reader whose topics the edition has nothing of', () => {
  // Sections language-models, computer-vision, robotics; robotics' first paper moved to "More
  // papers", where it names time-series (a topic without a section).
  const base = makeEdition(loadPapers().slice(0, 9), 3);
  const [lm, cv, robotics] = base.sections as [
    (typeof base.sections)[number],
    (typeof base.sections)[number],
    (typeof base.sections)[number],
  ];
  const [tagged, ...rest] = robotics.papers;
  const edition = {
    ...base,
    sections: [
      lm,
      cv,
      { ...robotics, papers: rest },
      {
        topic: catchAllTopic({ [tagged?.id as string]: 'time-series' }, { 'time-series': 'Time series' }),
        papers: [tagged as (typeof base.sections)[number]['papers'][number]],
        more: 0,
      },
    ],
  };

  it.each([
    ['daily:*', false],
    ['daily:robotics', false],
    ['daily:medical-ai', true],
    ['daily:medical-ai,robotics', false],
    ['daily:time-series', false],
    ['daily:other', true],
    ['daily:!medical-ai', false],
    ['daily:!computer-vision,!language-models,!robotics', false],
    ['daily:!computer-vision,!language-models,!other,!robotics,!time-series', true],
  ])('%s: %s', (key, empty) => {
    expect(isEmptyVariant(edition, key)).toBe(empty);
  });
});
