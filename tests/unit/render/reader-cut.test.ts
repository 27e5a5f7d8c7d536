import { describe, expect, it } from 'vitest';
import type { Edition, EditionCaps, RankedPaper, Section } from '../../../src/domain/index.js';
import { countPapers, cutEdition } from '../../../src/render/index.js';
import { catchAllTopic, loadPapers, makeEdition, topic } from './fixture.js';

/**
 * A reader of a few topics is cut from every topic's section (`topicSections`), not only from
 * those the all-topics letter had room for, and held to the letter's caps.
 */

const ranked: RankedPaper[] = makeEdition(loadPapers().slice(0, 30), 30).sections[0]?.papers ?? [];
/** Papers `from`..`to` (exclusive) of the ranking, best first. */
const take = (from: number, to: number): RankedPaper[] => ranked.slice(from, to);

const caps: EditionCaps = { perSection: 6, catchAll: 2, perEdition: 12 };
const agents = topic('llm-agents', 'LLM agents');
const speech = topic('speech-audio', 'Speech and audio models');
const multilingual = topic('multilingual-nlp', 'Multilingual NLP');
// "More papers": its 4th paper names time series, a topic without a section.
const morePapers = take(20, 25);
const other = catchAllTopic({ [morePapers[3]?.id ?? '']: 'time-series' }, { 'time-series': 'Time series' });

/** Every topic's section, ranked and uncapped, as planEdition stores it. */
const topicSections: Section[] = [
  { topic: agents, papers: take(0, 9), more: 0 },
  { topic: speech, papers: [...take(9, 11), ...take(25, 27)], more: 0 },
  { topic: multilingual, papers: take(11, 14), more: 0 },
  { topic: topic('fine-tuning', 'Fine-tuning'), papers: take(14, 20), more: 0 },
  { topic: other, papers: morePapers, more: 3 },
];
/** The all-topics letter of 10 papers: no room for Multilingual NLP. */
const letter: Edition = {
  ...makeEdition([], 1),
  sections: [
    { topic: agents, papers: take(0, 4), more: 5 },
    { topic: speech, papers: take(9, 11), more: 2 },
    { topic: topic('fine-tuning', 'Fine-tuning'), papers: take(14, 16), more: 4 },
    { topic: other, papers: take(20, 22), more: 6 },
  ],
  topicSections,
  caps,
};

const shape = (e: Edition): [string, number, number][] =>
  e.sections.map((s) => [s.topic.slug, s.papers.length, s.more]);

describe('cutEdition for a reader of a few topics', () => {
  it.each<[string, string[], [string, number, number][]]>([
    ['every topic: the letter itself', [], shape(letter)],
    ['a topic the letter had no room for', ['multilingual-nlp'], [['multilingual-nlp', 3, 0]]],
    ['a topic the letter shows 4 of: its best 6', ['llm-agents'], [['llm-agents', 6, 3]]],
    [
      'two topics, in letter order',
      ['multilingual-nlp', 'speech-audio'],
      [
        ['speech-audio', 4, 0],
        ['multilingual-nlp', 3, 0],
      ],
    ],
    [
      'a paper of "More papers" naming the topic, ranked below the catch-all cap',
      ['time-series'],
      [['time-series', 1, 0]],
    ],
    ['"More papers" itself: its cap, the rest on the web', ['other'], [['other', 2, 3 + 2]]],
    [
      'all but one topic: the letter without it, as before',
      ['!llm-agents'],
      [
        ['speech-audio', 2, 2],
        ['fine-tuning', 2, 4],
        ['other', 2, 6],
      ],
    ],
  ])('%s', (_, topics, expected) => {
    expect(shape(cutEdition(letter, topics))).toEqual(expected);
  });

  it('holds many topics to the per-edition cap, dropping the lowest-ranked papers', () => {
    const cut = cutEdition(letter, ['llm-agents', 'speech-audio', 'multilingual-nlp', 'fine-tuning']);
    expect(countPapers(cut)).toBeLessThanOrEqual(caps.perEdition);
    expect(countPapers(cut)).toBeGreaterThanOrEqual(caps.perEdition - 1);
    // The best papers stay: the whole of the top of the ranking is in.
    const ids = new Set(cut.sections.flatMap((s) => s.papers.map((p) => p.id)));
    for (const p of take(0, 6)) expect(ids.has(p.id)).toBe(true);
    // No section is left with a single paper by the cut.
    for (const s of cut.sections) expect(s.papers.length).toBeGreaterThan(1);
  });

  it.each([[['multilingual-nlp']], [['llm-agents', 'other']], [['!llm-agents']], [['time-series']]])(
    '%j: the letter and its "N more on the web" add up to the whole web version',
    (topics) => {
      const whole = (e: Edition): number => e.sections.reduce((n, s) => n + s.papers.length + s.more, e.more);
      const cut = cutEdition(letter, topics);
      expect(whole(cut)).toBe(whole(letter));
      expect(cut.more).toBeGreaterThan(0);
    },
  );

  it('cuts an edition stored before topicSections existed from its letter, as it did', () => {
    const { topicSections: _, caps: __, ...old } = letter;
    expect(shape(cutEdition(old, ['multilingual-nlp']))).toEqual([]);
    expect(shape(cutEdition(old, ['llm-agents']))).toEqual([['llm-agents', 4, 5]]);
  });
});

describe("cutEdition: a paper that names another topic too (alsoTopics) reaches that topic's readers", () => {
  // The agents section's 2nd paper names AI safety (no section of its own), its 3rd speech.
  const id = (i: number): string => ranked[i]?.id ?? '';
  const agentsToo = {
    ...agents,
    alsoTopics: { [id(1)]: 'safety-security', [id(2)]: 'speech-audio' },
    topicLabels: { 'safety-security': 'AI safety and security', 'speech-audio': 'Speech and audio models' },
  };
  const swap = (sections: Section[]): Section[] =>
    sections.map((s) => (s.topic.slug === 'llm-agents' ? { ...s, topic: agentsToo } : s));
  const withAlso: Edition = {
    ...letter,
    sections: swap(letter.sections),
    topicSections: swap(topicSections),
  };

  it.each<[string, string[], [string, number, number][]]>([
    ['a topic with no section: under its own heading', ['safety-security'], [['safety-security', 1, 0]]],
    ['a topic with a section: after its own papers', ['speech-audio'], [['speech-audio', 5, 0]]],
    ['both topics: once, in its own section', ['llm-agents', 'safety-security'], [['llm-agents', 6, 3]]],
    [
      'all but its section: in the section of the topic the reader keeps, else in "More papers"',
      ['!llm-agents'],
      [
        ['speech-audio', 3, 2],
        ['fine-tuning', 2, 4],
        ['other', 3, 6],
      ],
    ],
    ['all but the other topic: the letter as it is', ['!safety-security'], shape(letter)],
  ])('%s', (_, topics, expected) => {
    expect(shape(cutEdition(withAlso, topics))).toEqual(expected);
  });

  it("heads the section with the topic's label and puts the paper after the section's own", () => {
    const safety = cutEdition(withAlso, ['safety-security']).sections[0];
    expect(safety?.topic.label).toBe('AI safety and security');
    expect(safety?.papers.map((p) => p.id)).toEqual([id(1)]);
    const speechCut = cutEdition(withAlso, ['speech-audio']).sections[0];
    expect(speechCut?.papers.map((p) => p.id).at(-1)).toBe(id(2));
  });

  it('puts the paper before the papers of the section from below the grouping pool', () => {
    // Speech's last two papers joined it by their titles alone, from below the grouping pool.
    const below = new Set(take(25, 27).map((p) => p.id));
    const marked = withAlso.topicSections?.map((s) =>
      s.topic.slug === 'speech-audio'
        ? { ...s, papers: s.papers.map((p) => (below.has(p.id) ? { ...p, belowPool: true as const } : p)) }
        : s,
    );
    const speechCut = cutEdition({ ...withAlso, topicSections: marked }, ['speech-audio']).sections[0];
    expect(speechCut?.papers.map((p) => p.id)).toEqual([...take(9, 11).map((p) => p.id), id(2), ...below]);
  });

  it('says in "More papers" of a reader of all topics but its section the topic it names', () => {
    const other = cutEdition(withAlso, ['!llm-agents']).sections.at(-1);
    expect(other?.papers.map((p) => p.id).at(-1)).toBe(id(1));
    expect(other?.topic.paperTopics?.[id(1)]).toBe('safety-security');
    expect(other?.topic.topicLabels?.['safety-security']).toBe('AI safety and security');
    // The letter's own tags stay.
    expect(other?.topic.paperTopics?.[morePapers[3]?.id ?? '']).toBe('time-series');
  });

  it.each([[['safety-security']], [['speech-audio']], [['!llm-agents']]])(
    '%j: the letter and its "N more on the web" add up to the whole web version',
    (topics) => {
      const whole = (e: Edition): number => e.sections.reduce((n, s) => n + s.papers.length + s.more, e.more);
      expect(whole(cutEdition(withAlso, topics))).toBe(whole(withAlso));
    },
  );
});

describe("cutEdition: a paper of a broad area's section that names another topic too", () => {
  // "Robotics and autonomous driving": a driving benchmark (its title says 3D object detection,
  // a topic with a section of its own) and two robotics papers.
  const ids = take(0, 3).map((p) => p.id);
  const area: Section = {
    topic: {
      ...topic('area-robotics', 'Robotics and autonomous driving'),
      paperTopics: {
        [ids[0] as string]: 'autonomous-driving',
        [ids[1] as string]: 'robotics',
        [ids[2] as string]: 'robotics',
      },
      alsoTopics: { [ids[0] as string]: '3d-vision' },
      topicLabels: {
        'autonomous-driving': 'Autonomous driving',
        robotics: 'Robotics',
        '3d-vision': '3D vision',
      },
    },
    papers: take(0, 3),
    more: 0,
  };
  const vision: Section = { topic: topic('3d-vision', '3D vision'), papers: take(3, 5), more: 0 };
  const edition: Edition = { ...makeEdition([], 1), sections: [area, vision] };
  const sectionIds = (e: Edition): [string, string[]][] =>
    e.sections.map((s) => [s.topic.slug, s.papers.map((p) => p.id)]);

  it.each<[string, string[], [string, string[]][]]>([
    [
      "a reader of the other topic: after that topic's own papers",
      ['3d-vision'],
      [['3d-vision', [...take(3, 5).map((p) => p.id), ids[0] as string]]],
    ],
    [
      'a reader of its own topic: in the area, once',
      ['autonomous-driving', '3d-vision'],
      [
        ['area-robotics', [ids[0] as string]],
        ['3d-vision', take(3, 5).map((p) => p.id)],
      ],
    ],
    [
      'all but its own topic: with the topic the reader keeps',
      ['!autonomous-driving'],
      [
        ['area-robotics', [ids[1] as string, ids[2] as string]],
        ['3d-vision', [...take(3, 5).map((p) => p.id), ids[0] as string]],
      ],
    ],
    [
      'a reader of robotics alone: not the driving paper',
      ['robotics'],
      [['area-robotics', [ids[1] as string, ids[2] as string]]],
    ],
  ])('%s', (_, topics, expected) => {
    expect(sectionIds(cutEdition(edition, topics))).toEqual(expected);
  });
});
