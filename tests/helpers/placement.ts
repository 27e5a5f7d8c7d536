import { readFileSync } from 'node:fs';
import type { AppliedTopics, ClassHomes, Topic, TopicArea, TopicGroup } from '../../src/domain/index.js';
import {
  groupPapers,
  OTHER_TOPIC,
  type PaperText,
  parseApplied,
  parseAreas,
  parseCatalogue,
  parseHomes,
} from '../../src/topics/index.js';
import { loadDemoPapers } from './demo-papers.js';

/**
 * Hand-judged placement sets (tests/fixtures/topics/placement-*.jsonl): for each paper the
 * catalogue topics a researcher accepts as its section, "none" when "More papers" is right.
 */

const FIXTURES = new URL('../fixtures/topics/', import.meta.url);
const ROOT = new URL('../../', import.meta.url);

/** A paper and the catalogue slugs (or "none") a researcher accepts for it. */
export interface JudgedPaper extends PaperText {
  accept: string[];
}

export function loadCatalogueFile(): Topic[] {
  return parseCatalogue(readFileSync(new URL('data/catalogue.json', ROOT), 'utf8'), 'data/catalogue.json');
}

/** The class homes of the shipped catalogue, as a run groups with them. */
export function loadHomesFile(): ClassHomes {
  return parseHomes(readFileSync(new URL('data/catalogue.json', ROOT), 'utf8'), 'data/catalogue.json');
}

/** The applied topics of the shipped catalogue, as a run groups with them. */
export function loadAppliedFile(): AppliedTopics {
  return parseApplied(readFileSync(new URL('data/catalogue.json', ROOT), 'utf8'), 'data/catalogue.json');
}

/** The broad areas of the shipped catalogue, as a run groups with them. */
export function loadAreasFile(): TopicArea[] {
  return parseAreas(readFileSync(new URL('data/catalogue.json', ROOT), 'utf8'), 'data/catalogue.json');
}

function readJudged(file: string): Record<string, unknown>[] {
  return readFileSync(new URL(file, FIXTURES), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : []);

/**
 * A fixture of arXiv papers with their categories (tests/fixtures/topics/broad-*.jsonl,
 * off-field-probing.jsonl), as a run groups them: title, abstract, categories; a Hugging Face
 * paper's keywords and AI summary where the fixture has them (mixed-letter-*.jsonl).
 */
export function readArxivFixture(file: string): PaperText[] {
  return readJudged(file).map((r) => ({
    id: String(r.id),
    title: String(r.title),
    summary: String(r.abstract),
    keywords: strings(r.keywords),
    categories: strings(r.categories),
    ...(typeof r.aiSummary === 'string' ? { aiSummary: r.aiSummary } : {}),
  }));
}

/** Papers grouped as a run groups them: the curated catalogue, its areas and class homes. */
export function groupAsRun(papers: PaperText[]): ReturnType<typeof groupPapers> {
  return groupPapers(papers, loadCatalogueFile(), {
    areas: loadAreasFile(),
    homes: loadHomesFile(),
    applied: loadAppliedFile(),
  });
}

/**
 * A letter of tests/fixtures/topics (see {@link readArxivFixture}) grouped as a run groups it
 * (see {@link groupAsRun}), with its section of a heading and its "More papers" at hand.
 */
export function groupFixtureAsRun(file: string): {
  letter: PaperText[];
  groups: ReturnType<typeof groupPapers>['groups'];
  section: (label: string) => TopicGroup | undefined;
  other: TopicGroup | undefined;
} {
  const letter = readArxivFixture(file);
  const { groups } = groupAsRun(letter);
  return {
    letter,
    groups,
    section: (label) => groups.find((g) => g.topic.label === label),
    other: groups.find((g) => g.topic.slug === OTHER_TOPIC.slug),
  };
}

/** The demo samples (all 107, merged as a run does, with their arXiv categories) and judgements. */
export async function loadPlacementDemo(): Promise<JudgedPaper[]> {
  const accept = new Map(readJudged('placement-demo.jsonl').map((r) => [String(r.id), strings(r.accept)]));
  const { papers } = await loadDemoPapers();
  return papers.map((p) => ({ ...p, accept: accept.get(p.id) ?? [] }));
}

/**
 * 100 arXiv cs papers (cs-only RSS of 28 Nov 2024, seeded sample), with their categories; or the
 * held-out 60 of the same feed, judged after the placement rule was fixed.
 */
export function loadPlacementArxivCs(heldOut = false): JudgedPaper[] {
  return readJudged(heldOut ? 'placement-arxiv-cs-heldout.jsonl' : 'placement-arxiv-cs.jsonl').map((r) => ({
    id: String(r.id),
    title: String(r.title),
    summary: String(r.abstract),
    aiSummary: null,
    keywords: [],
    categories: strings(r.categories),
    accept: strings(r.accept),
  }));
}

/** How well a letter's sections place the judged papers. */
export interface Placement {
  papers: number;
  /** Share in an acceptable section, or in "More papers" when no section of the letter fits. */
  wellPlaced: number;
  /** Share in an acceptable section, or in "More papers" only when judged "none". */
  strict: number;
  /** Share in the catch-all section. */
  otherShare: number;
  /** Share in sections of arXiv classes ("Astrophysics"), a catch-all of one class. */
  classShare: number;
  /** Papers in a section that no catalogue topic names (discovered), counted as misplaced. */
  unjudged: number;
  /** Misplaced papers: title and section label. */
  misplaced: string[];
  /** Papers of "More papers" or of a section of arXiv classes that carry the topic they name. */
  tagged: number;
  /** Of those, the papers whose topic the judge accepts. */
  taggedRight: number;
  /** Papers of a topic's section that name a second topic (`alsoTopics`: its readers get them). */
  second: number;
  /** Of those, the papers whose second topic the judge accepts. */
  secondRight: number;
}

/**
 * The catalogue topic a section stands for: the topic itself, the parent of a part, or for a
 * discovered section the catalogue topic of the same label; undefined when there is none.
 */
function familyOf(topic: Topic, catalogue: readonly Topic[]): string | undefined {
  const slugs = new Set(catalogue.map((t) => t.slug));
  const slug = topic.parent ?? topic.slug.split('--')[0] ?? topic.slug;
  if (slugs.has(slug)) return slug;
  const label = topic.label.toLowerCase();
  return catalogue.find((t) => t.label.toLowerCase() === label)?.slug;
}

/** Scores a letter's groups against the judgements (see {@link Placement}). */
export function scorePlacement(
  groups: readonly TopicGroup[],
  papers: readonly JudgedPaper[],
  catalogue: readonly Topic[],
  areas: readonly TopicArea[] = loadAreasFile(),
): Placement {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const families = new Set(
    groups.flatMap((g) => {
      if (g.topic.slug === OTHER_TOPIC.slug) return [];
      const area = areas.find((a) => a.slug === g.topic.slug);
      return area ? area.topics : [familyOf(g.topic, catalogue) ?? '?'];
    }),
  );
  let well = 0;
  let strict = 0;
  let other = 0;
  let unjudged = 0;
  let classed = 0;
  let tagged = 0;
  let taggedRight = 0;
  let second = 0;
  let secondRight = 0;
  const misplaced: string[] = [];
  for (const g of groups) {
    const isOther = g.topic.slug === OTHER_TOPIC.slug;
    const family = isOther ? undefined : familyOf(g.topic, catalogue);
    // A broad area's section ("Computer vision") is right for a paper of any of its topics.
    const area = areas.find((a) => a.slug === g.topic.slug);
    // A section of arXiv classes ("Hardware architecture") is where a researcher looks for a
    // paper of that primary class that no catalogue topic fits: like "More papers" for it.
    const byClass =
      !isOther && family === undefined && g.topic.keywords.length === 0 && g.topic.categories.length > 0;
    for (const id of g.paperIds) {
      const p = byId.get(id);
      if (!p) continue;
      if (isOther) other += 1;
      const tag = isOther || byClass ? g.topic.paperTopics?.[id] : undefined;
      if (tag !== undefined) {
        tagged += 1;
        if (p.accept.includes(tag)) taggedRight += 1;
      }
      const also = g.topic.alsoTopics?.[id];
      if (also !== undefined) {
        second += 1;
        if (p.accept.includes(also)) secondRight += 1;
      }
      if (byClass) classed += 1;
      const ofClass =
        byClass && p.categories[0] !== undefined && g.topic.categories.includes(p.categories[0]);
      if (!isOther && family === undefined && !ofClass && !area) unjudged += 1;
      const none = p.accept.includes('none');
      const ok =
        isOther || ofClass
          ? none
          : area
            ? area.topics.some((t) => p.accept.includes(t))
            : family !== undefined && p.accept.includes(family);
      const homeless = (isOther || ofClass) && !p.accept.some((a) => families.has(a));
      if (ok) strict += 1;
      if (ok || homeless) well += 1;
      else misplaced.push(`${p.title.slice(0, 70)} -> ${g.topic.label}`);
    }
  }
  const n = papers.length;
  return {
    papers: n,
    wellPlaced: well / n,
    strict: strict / n,
    otherShare: other / n,
    classShare: classed / n,
    unjudged,
    misplaced,
    tagged,
    taggedRight,
    second,
    secondRight,
  };
}

/** Groups a judged set with the curated catalogue, as a run does, and scores the placement. */
export function measurePlacement(
  papers: readonly JudgedPaper[],
  catalogue: Topic[],
  areas: readonly TopicArea[] = loadAreasFile(),
): Placement {
  const { groups } = groupPapers(
    papers.map(({ accept: _, ...p }) => p),
    catalogue,
    { areas, homes: loadHomesFile(), applied: loadAppliedFile() },
  );
  return scorePlacement(groups, papers, catalogue, areas);
}
