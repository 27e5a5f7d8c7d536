import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Paper, TopicGroup } from '../../../src/domain/index.js';
import { groupPapers, OTHER_TOPIC, parseCatalogue, parseHomes } from '../../../src/topics/index.js';
import { loadDemoPapers } from '../../helpers/demo-papers.js';
import { loadAreasFile, loadCatalogueFile, loadHomesFile } from '../../helpers/placement.js';

/** A catalogue file of two topics (one with a part) and the given homes. */
const file = (homes: unknown): string =>
  JSON.stringify({
    topics: [
      { slug: 'nlp', label: 'Text analysis', phrases: ['sentiment analysis'], categories: ['cs.CL'] },
      { slug: 'nlp--parsing', label: 'Parsing', phrases: ['dependency parsing'], categories: [] },
      { slug: 'speech', label: 'Speech', phrases: ['speech recognition'], categories: [] },
    ],
    ...(homes === undefined ? {} : { homes }),
  });

describe('parseHomes', () => {
  it('reads the class homes of a catalogue file, and none from a file without', () => {
    expect(parseHomes(file(undefined), 'c.json')).toEqual({});
    expect(parseHomes(file({ 'cs.CL': 'nlp', 'eess.AS': 'speech' }), 'c.json')).toEqual({
      'cs.CL': 'nlp',
      'eess.AS': 'speech',
    });
  });

  it.each([
    [['cs.CL'], 'c.json: "homes" must be an object of arXiv class -> topic slug'],
    [{ CL: 'nlp' }, 'c.json: home "CL" is not an arXiv class (such as "cs.CL")'],
    [{ 'cs.CL': 'physics' }, 'c.json: home "cs.CL": "physics" is not a topic of the catalogue'],
    [{ 'cs.CL': 'nlp--parsing' }, 'c.json: home "cs.CL": "nlp--parsing" is not a topic of the catalogue'],
    [{ 'cs.CL': 3 }, 'c.json: home "cs.CL": 3 is not a topic of the catalogue'],
  ])('rejects %j with one line naming the file and the class', (homes, message) => {
    expect(() => parseHomes(file(homes), 'c.json')).toThrow(message);
  });

  it('gives the shipped classes homes that are offered topics', () => {
    const catalogue = loadCatalogueFile();
    const homes = loadHomesFile();
    expect(homes['cs.CL']).toBe('nlp-applications');
    // A cs.RO paper no topic claims is a robotics paper: the Robotics section takes it.
    expect(homes['cs.RO']).toBe('robotics');
    // And a cs.CV paper no topic claims reads under the letter's general vision topic, not under
    // a "Computer vision" heading of its class beside it.
    expect(homes['cs.CV']).toBe('visual-recognition');
    // A cs.SE paper no topic claims reads under the code topic's section ("Software testing").
    expect(homes['cs.SE']).toBe('coding-agents');
    for (const slug of Object.values(homes)) {
      const topic = catalogue.find((t) => t.slug === slug);
      expect(topic?.hidden).toBeUndefined();
      expect(topic?.parent).toBeUndefined();
    }
  });
});

describe('the demo letter with the class homes (language papers no topic claims)', async () => {
  const { papers, topics } = await loadDemoPapers();
  // As a run groups them: the config's topics first, then a catalogue with shorter phrase lists
  // than the shipped one (tests/fixtures/topics/catalogue-short-phrases.json: the shipped
  // catalogue before its topics learnt more phrases), under which several of the demo's cs.CL
  // papers name no topic: the case class homes are for.
  const short = new URL('../../fixtures/topics/catalogue-short-phrases.json', import.meta.url);
  const catalogue = [
    ...topics,
    ...parseCatalogue(readFileSync(short, 'utf8'), 'catalogue-short-phrases.json'),
  ];
  const group = (homes: Record<string, string>): TopicGroup[] =>
    groupPapers(papers, catalogue, { areas: loadAreasFile(), homes }).groups;
  const byId = new Map<string, Paper>(papers.map((p) => [p.id, p]));
  const primary = (id: string): string | undefined => byId.get(id)?.categories[0];
  const labels = (groups: TopicGroup[]): string[] => groups.map((g) => g.topic.label);

  const other = (groups: TopicGroup[]): string[] =>
    groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds ?? [];
  // The language papers that name no topic of their own, left apart from the home topic: in
  // "More papers" or a section of their class ("Natural language processing"), whichever the
  // letter had room for.
  const apart = (groups: TopicGroup[]): string[] =>
    groups
      .filter((g) => g.topic.slug === OTHER_TOPIC.slug || g.topic.label === 'Natural language processing')
      .flatMap((g) => g.paperIds.filter((id) => primary(id) === 'cs.CL' && !g.topic.paperTopics?.[id]));

  it('without them, language papers that name no topic stand apart from the home topic', () => {
    const before = group({});
    expect(labels(before)).toContain('Language understanding and text analysis');
    expect(apart(before).length).toBeGreaterThanOrEqual(5);
  });

  it('with them, those papers read under the home topic: one language heading, a smaller "More papers"', () => {
    const before = group({});
    const after = group(loadHomesFile());
    expect(labels(after)).not.toContain('Natural language processing');
    const home = after.find((g) => g.topic.slug === 'nlp-applications') as TopicGroup;
    // Every language paper that stood apart naming no topic of its own went home.
    for (const id of apart(before)) expect(home.paperIds).toContain(id);
    expect(apart(after)).toEqual([]);
    // Fewer papers under no subject of their own: "More papers" and the class's section together
    // (without homes, the class section took the room a smaller section gave way; 13 + 14 there).
    const classSection = (groups: TopicGroup[]): string[] =>
      groups.find((g) => g.topic.label === 'Natural language processing')?.paperIds ?? [];
    expect(other(after).length).toBeLessThan(other(before).length + classSection(before).length);
    // A language paper left in "More papers" is one that names a topic without a section.
    const tags = after.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.topic.paperTopics ?? {};
    for (const id of other(after)) if (primary(id) === 'cs.CL') expect(tags[id]).toBeDefined();
  });

  it('leaves a language paper that names another topic in "More papers", carrying that topic to its readers', () => {
    const after = group(loadHomesFile());
    const other = after.find((g) => g.topic.slug === OTHER_TOPIC.slug) as TopicGroup;
    const longKey = papers.find((p) => p.title.startsWith('LongKey')) as Paper;
    expect(other.paperIds).toContain(longKey.id);
    expect(other.topic.paperTopics?.[longKey.id]).toBe('long-context');
  });

  it('changes nothing when the home topic has no section in the letter', () => {
    const without = catalogue.filter((t) => t.slug !== 'nlp-applications');
    const plain = groupPapers(papers, without, { areas: loadAreasFile(), homes: {} }).groups;
    const homed = groupPapers(papers, without, { areas: loadAreasFile(), homes: loadHomesFile() }).groups;
    expect(homed).toEqual(plain);
  });
});
