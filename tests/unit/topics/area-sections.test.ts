import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  partParent,
  sectionBounds,
  type Topic,
  type TopicArea,
  type TopicGroup,
} from '../../../src/domain/index.js';
import { otherLabel } from '../../../src/topics/form-sections.js';
import {
  groupPapers,
  JOIN_EVIDENCE,
  labelsClash,
  OTHER_TOPIC,
  parseAreas,
  parseCatalogue,
  phraseKeys,
  topicEvidence,
} from '../../../src/topics/index.js';
import { normalizedMutualInformation } from '../../helpers/cluster-metrics.js';
import { type LabeledPaper, loadHfLabeled, seededRandom, shuffle } from './hf-fixture.js';

const FILE = new URL('../../../data/catalogue.json', import.meta.url);
const TEXT = readFileSync(FILE, 'utf8');
const CATALOGUE = parseCatalogue(TEXT, 'data/catalogue.json');
const AREAS = parseAreas(TEXT, 'data/catalogue.json');

/** A catalogue file of three topics (one with a part) and the given areas. */
const file = (areas: unknown): string =>
  JSON.stringify({
    topics: [
      { slug: 'video', label: 'Video generation', phrases: ['video generation'], categories: [] },
      { slug: 'video--long', label: 'Long videos', phrases: ['long video'], categories: [] },
      { slug: 'three-d', label: '3D vision', phrases: ['3d reconstruction'], categories: [] },
      { slug: 'agents', label: 'LLM agents', phrases: ['llm agents'], categories: [] },
    ],
    ...(areas === undefined ? {} : { areas }),
  });

describe('parseAreas', () => {
  it('reads the areas of a catalogue file, and none from a file without', () => {
    expect(parseAreas(file(undefined), 'c.json')).toEqual([]);
    expect(
      parseAreas(
        file([{ slug: 'area-vision', label: ' Computer vision ', topics: ['video', 'three-d'] }]),
        'c.json',
      ),
    ).toEqual([
      { slug: 'area-vision', label: 'Computer vision', description: '', topics: ['video', 'three-d'] },
    ]);
  });

  it.each([
    ['not an array', { slug: 'a' }, /c\.json: "areas" must be an array/],
    ['no slug', [{ label: 'A', topics: ['video', 'three-d'] }], /c\.json: area 1 has no valid "slug"/],
    [
      'a topic slug',
      [{ slug: 'video', label: 'A', topics: ['three-d', 'agents'] }],
      /area 1: slug "video" is already taken/,
    ],
    ['no label', [{ slug: 'a', topics: ['video', 'three-d'] }], /area 1 \(a\) has no "label"/],
    [
      'one topic',
      [{ slug: 'a', label: 'A', topics: ['video'] }],
      /area 1 \(a\): "topics" must list two or more/,
    ],
    [
      'an unknown topic',
      [{ slug: 'a', label: 'A', topics: ['video', 'nope'] }],
      /"nope" is not a topic of the catalogue/,
    ],
    ['a part', [{ slug: 'a', label: 'A', topics: ['video', 'video--long'] }], /"video--long" is not a topic/],
    [
      'a topic in two areas',
      [
        { slug: 'a', label: 'A', topics: ['video', 'three-d'] },
        { slug: 'b', label: 'B', topics: ['agents', 'video'] },
      ],
      /area 2 \(b\): "video" is already in area "a"/,
    ],
  ])('refuses %s with one line naming the file and the area', (_, areas, message) => {
    expect(() => parseAreas(file(areas), 'c.json')).toThrow(message);
  });
});

describe('the shipped areas', () => {
  it('put every top-level curated topic in exactly one area, under headings no topic has', () => {
    const whole = CATALOGUE.filter((t) => partParent(t.slug) === undefined).map((t) => t.slug);
    expect(AREAS.flatMap((a) => a.topics).sort()).toEqual([...whole].sort());
    for (const area of AREAS)
      for (const t of CATALOGUE)
        expect(labelsClash(phraseKeys(area.label), phraseKeys(t.label)), `${area.label} / ${t.label}`).toBe(
          false,
        );
  });
});

/** The letter of one recorded day of Hugging Face daily papers (hand-labelled, whole day). */
const DAYS = (() => {
  const all = loadHfLabeled();
  const byDay = new Map<string, LabeledPaper[]>();
  for (const p of all) byDay.set(p.origin, [...(byDay.get(p.origin) ?? []), p]);
  return [...byDay.entries()].filter(([, papers]) => papers.length >= 20);
})();

const otherShare = (groups: TopicGroup[], n: number): number =>
  (groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0) / n;

const nmi = (groups: TopicGroup[], papers: LabeledPaper[]): number => {
  const of = new Map(groups.flatMap((g) => g.paperIds.map((id) => [id, g.topic.slug] as const)));
  return normalizedMutualInformation(
    papers.map((p) => p.label),
    papers.map((p) => of.get(p.id) ?? '?'),
  );
};

describe('a letter of one day of Hugging Face papers, with the catalogue areas', () => {
  it('has three recorded days to read', () => {
    expect(DAYS.map(([day, papers]) => [day, papers.length])).toEqual([
      ['daily_papers_2026-06-12_sotawhat.json', 30],
      ['hf_papers_jsonfeed_2026-04-07.json', 33],
      ['hf_papers_jsonfeed_2026-08-22.json', 26],
    ]);
  });

  // A day whose letter already holds as many sections as it reads well with (2026-06-12 and
  // 2026-08-22: their agents papers in two parts) has room for an area's heading only when a
  // topic's parts merge back (see groupPapers): with the areas 2026-06-12 reads "LLM agents" of
  // eight and "LLM reasoning and post-training" rather than two agents sections beside a "More
  // papers" of four.
  const roomy = DAYS.filter(
    ([, papers]) => groupPapers(papers, CATALOGUE).groups.length < sectionBounds(papers.length)[1],
  );
  const withArea = DAYS.filter(([, papers]) =>
    groupPapers(papers, CATALOGUE, { areas: AREAS }).groups.some((g) =>
      AREAS.some((a) => a.slug === g.topic.slug),
    ),
  );

  it('has room for an area in one of the three days; in the others, once agents parts merge', () => {
    expect(roomy.map(([day]) => day)).toEqual(['hf_papers_jsonfeed_2026-04-07.json']);
    expect(withArea.map(([day]) => day)).toEqual([
      'daily_papers_2026-06-12_sotawhat.json',
      'hf_papers_jsonfeed_2026-04-07.json',
      'hf_papers_jsonfeed_2026-08-22.json',
    ]);
    const [, full] = DAYS[0] as (typeof DAYS)[number];
    const withAreas = groupPapers(full, CATALOGUE, { areas: AREAS }).groups;
    const labels = withAreas.map((g) => g.topic.label);
    expect(labels).toContain('LLM reasoning and post-training');
    expect(labels.filter((l) => /agent/i.test(l))).toEqual(['LLM agents']);
    expect(withAreas.length).toBe(sectionBounds(full.length)[1]);
  });

  it.each(DAYS)('%s: a smaller "More papers" and sections closer to an editor\'s', (_, papers) => {
    const without = groupPapers(papers, CATALOGUE).groups;
    const withAreas = groupPapers(papers, CATALOGUE, { areas: AREAS }).groups;
    expect(otherShare(withAreas, papers.length)).toBeLessThan(otherShare(without, papers.length));
    expect(otherShare(withAreas, papers.length)).toBeLessThanOrEqual(0.25);
    expect(nmi(withAreas, papers)).toBeGreaterThan(nmi(without, papers));
    expect(withAreas.filter((g) => g.paperIds.length === 1 && g.topic.slug !== OTHER_TOPIC.slug)).toEqual([]);
    expect(withAreas.flatMap((g) => g.paperIds).sort()).toEqual(papers.map((p) => p.id).sort());
  });

  it.each(withArea)('%s: an area section holds only papers that name one of its topics', (_, papers) => {
    const { groups } = groupPapers(papers, CATALOGUE, { areas: AREAS });
    const areaGroups = groups.filter((g) => AREAS.some((a) => a.slug === g.topic.slug));
    expect(areaGroups.length).toBeGreaterThan(0);
    const byId = new Map(papers.map((p) => [p.id, p]));
    const housed = new Set(groups.map((g) => g.topic.parent ?? partParent(g.topic.slug) ?? g.topic.slug));
    for (const g of areaGroups) {
      const area = AREAS.find((a) => a.slug === g.topic.slug) as TopicArea;
      expect(g.topic.label).toBe(area.label);
      expect(g.paperIds.length).toBeGreaterThanOrEqual(2);
      // Every paper carries the topic it goes with (for its subscribers): one of the area's,
      // none that has a section of its own in this letter.
      expect(Object.keys(g.topic.paperTopics ?? {}).sort()).toEqual([...g.paperIds].sort());
      for (const id of g.paperIds) {
        const slug = g.topic.paperTopics?.[id] as string;
        expect(area.topics).toContain(slug);
        expect(housed.has(slug)).toBe(false);
        const paper = byId.get(id) as LabeledPaper;
        const own = topicEvidence(CATALOGUE.find((t) => t.slug === slug) as Topic, paper);
        // Real evidence: a key phrase of its topic in the title, or several of the area's.
        expect(Math.max(own, topicEvidence(g.topic, paper)), paper.title).toBeGreaterThanOrEqual(
          JOIN_EVIDENCE,
        );
        // A paper that plainly names a topic of another area, and names it more than its own, is
        // not this area's (a multi-agent framework for medical reasoning in Indic languages names
        // agents, and names multilingual NLP more).
        for (const t of CATALOGUE)
          if (partParent(t.slug) === undefined && !area.topics.includes(t.slug)) {
            const other = topicEvidence(t, paper);
            if (other >= 2 * JOIN_EVIDENCE) expect(other, `${paper.title} / ${t.slug}`).toBeLessThan(own);
          }
      }
    }
  });

  it('changes nothing in a letter whose "More papers" is within its share', () => {
    const papers = loadHfLabeled().slice(0, 80);
    const plain = groupPapers(papers, CATALOGUE).groups;
    expect(otherShare(plain, papers.length)).toBeLessThanOrEqual(0.1);
    expect(groupPapers(papers, CATALOGUE, { areas: AREAS }).groups).toEqual(plain);
  });
});

describe('otherLabel', () => {
  it.each([
    ['Physics', 'Other physics'],
    ['Computer vision', 'Other computer vision'],
    ['Evaluation, safety and interpretability', 'Other evaluation, safety and interpretability'],
    ['LLM reasoning and post-training', 'Other LLM reasoning and post-training'],
    ['3D vision', 'Other 3D vision'],
  ])('%s -> %s', (label, other) => {
    expect(otherLabel(label)).toBe(other);
  });
});

describe('an area section beside sections of its own topics', () => {
  // 40 seeded letters of 15-114 Hugging Face papers, as bench:topics draws them.
  const letters = (() => {
    const all = loadHfLabeled();
    const random = seededRandom(31);
    return Array.from({ length: 40 }, () => {
      const size = 15 + Math.floor(random() * 100);
      return shuffle(all, random).slice(0, size);
    });
  })();
  const areaOf = (g: TopicGroup): TopicArea | undefined => AREAS.find((a) => a.slug === g.topic.slug);
  const family = (g: TopicGroup): string => g.topic.parent ?? partParent(g.topic.slug) ?? g.topic.slug;

  it('never reads under the area\'s heading: "Other computer vision" beside "3D vision", not "Computer vision"', () => {
    let beside = 0;
    for (const papers of letters) {
      const { groups } = groupPapers(papers, CATALOGUE, { areas: AREAS });
      for (const g of groups) {
        const area = areaOf(g);
        if (!area) continue;
        const siblings = groups.filter((h) => h !== g && area.topics.includes(family(h)));
        if (siblings.length === 0) continue;
        beside += 1;
        expect(g.topic.label, siblings.map((h) => h.topic.label).join(', ')).not.toBe(area.label);
        // Of several of the area's topics (one alone would be that topic's own section).
        expect(new Set(Object.values(g.topic.paperTopics ?? {})).size).toBeGreaterThan(1);
        expect(g.topic.label).toBe(otherLabel(area.label));
        for (const h of groups)
          if (h !== g) expect(labelsClash(phraseKeys(h.topic.label), phraseKeys(g.topic.label))).toBe(false);
      }
    }
    // The seeded letters hold such sections (three of 40 when this was written).
    expect(beside).toBeGreaterThan(0);
  });
});
