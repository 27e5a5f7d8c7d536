import type { AppliedTopics, ClassHomes, Topic, TopicArea } from '../domain/index.js';
import { PaperpostError, partParent } from '../domain/index.js';

/** One research area of the curated catalogue file (data/catalogue.json). */
interface CatalogueEntry {
  slug: string;
  label: string;
  description: string;
  phrases: string[];
  categories: string[];
  formerLabels?: string[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');
}

/**
 * The curated catalogue from its JSON text (`{"topics": [{slug, label, description, phrases,
 * categories, formerLabels?}]}`) as topics of origin `curated`. `formerLabels` lists the labels
 * earlier catalogues shipped for a topic: a store still holding one takes the new label. Throws a
 * `bad-catalogue` error naming the file and the entry on anything else.
 */
export function parseCatalogue(text: string, file: string): Topic[] {
  const bad = (reason: string): PaperpostError =>
    new PaperpostError('topics', 'bad-catalogue', `${file}: ${reason}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new PaperpostError('topics', 'bad-catalogue', `${file}: not valid JSON`, { cause: err });
  }
  const list = (data as { topics?: unknown } | null)?.topics;
  if (!Array.isArray(list)) throw bad('expected {"topics": [...]}');
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const e = raw as Partial<CatalogueEntry> | null;
    const where = `topic ${i + 1}`;
    if (!e || typeof e.slug !== 'string' || !SLUG.test(e.slug)) throw bad(`${where} has no valid "slug"`);
    if (seen.has(e.slug)) throw bad(`${where}: slug "${e.slug}" appears twice`);
    seen.add(e.slug);
    if (typeof e.label !== 'string' || e.label.trim() === '')
      throw bad(`${where} (${e.slug}) has no "label"`);
    if (!isStrings(e.phrases) || e.phrases.length === 0)
      throw bad(`${where} (${e.slug}): "phrases" must be a non-empty array of strings`);
    const categories = e.categories ?? [];
    if (!isStrings(categories)) throw bad(`${where} (${e.slug}): "categories" must be an array of strings`);
    const former = e.formerLabels ?? [];
    if (!isStrings(former)) throw bad(`${where} (${e.slug}): "formerLabels" must be an array of strings`);
    // A part (`parent--part`) names sub-sections of its parent: never offered on its own.
    const parent = partParent(e.slug);
    if (parent !== undefined && !seen.has(parent))
      throw bad(`${where} (${e.slug}): part of "${parent}", which must come before it`);
    return {
      ...(parent !== undefined ? { hidden: true } : {}),
      slug: e.slug,
      label: e.label.trim(),
      keywords: e.phrases.map((p) => p.toLowerCase()),
      categories: [...categories],
      userDefined: false,
      origin: 'curated',
      description: typeof e.description === 'string' ? e.description : '',
      ...(former.length > 0 ? { formerLabels: former.map((l) => l.trim()) } : {}),
    };
  });
}

/**
 * The broad areas of the curated catalogue file (`{"areas": [{slug, label, description, topics}]}`
 * beside its topics; none when the file has no "areas"); `topics` when the caller parsed them. Each area names topics of the same file
 * (not parts: a part goes with its parent), each topic in one area at most, and its slug is no
 * topic's. Throws a `bad-catalogue` error naming the file and the area on anything else.
 */
export function parseAreas(
  text: string,
  file: string,
  topics: readonly Topic[] = parseCatalogue(text, file),
): TopicArea[] {
  const bad = (reason: string): PaperpostError =>
    new PaperpostError('topics', 'bad-catalogue', `${file}: ${reason}`);
  const list = (JSON.parse(text) as { areas?: unknown }).areas;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw bad('"areas" must be an array');
  const slugs = new Set(topics.map((t) => t.slug));
  const seen = new Set<string>();
  const placed = new Map<string, string>();
  return list.map((raw, i) => {
    const e = raw as Partial<TopicArea> | null;
    const where = `area ${i + 1}`;
    if (!e || typeof e.slug !== 'string' || !SLUG.test(e.slug)) throw bad(`${where} has no valid "slug"`);
    if (seen.has(e.slug) || slugs.has(e.slug)) throw bad(`${where}: slug "${e.slug}" is already taken`);
    seen.add(e.slug);
    if (typeof e.label !== 'string' || e.label.trim() === '')
      throw bad(`${where} (${e.slug}) has no "label"`);
    if (!isStrings(e.topics) || e.topics.length < 2)
      throw bad(`${where} (${e.slug}): "topics" must list two or more topic slugs`);
    for (const slug of e.topics) {
      if (!slugs.has(slug) || partParent(slug) !== undefined)
        throw bad(
          `${where} (${e.slug}): "${slug}" is not a topic of the catalogue (parts go with their parent)`,
        );
      const other = placed.get(slug);
      if (other !== undefined) throw bad(`${where} (${e.slug}): "${slug}" is already in area "${other}"`);
      placed.set(slug, e.slug);
    }
    return {
      slug: e.slug,
      label: e.label.trim(),
      description: typeof e.description === 'string' ? e.description : '',
      topics: [...e.topics],
    };
  });
}

/** An arXiv subject class: "cs.CL", "eess.AS", "astro-ph.CO". */
const ARXIV_CLASS = /^[a-z-]+\.[A-Za-z-]+$/;
const ARXIV_ARCHIVE = /^[a-z-]+$/;

/**
 * The class homes of the curated catalogue file (`{"homes": {"cs.CL": "nlp-applications"}}`
 * beside its topics; none when the file has none): each key an arXiv class, each value a topic of
 * the same file (not a part). Throws a `bad-catalogue` error naming the file and the class on
 * anything else.
 */
export function parseHomes(
  text: string,
  file: string,
  topics: readonly Topic[] = parseCatalogue(text, file),
): ClassHomes {
  const bad = (reason: string): PaperpostError =>
    new PaperpostError('topics', 'bad-catalogue', `${file}: ${reason}`);
  const homes = (JSON.parse(text) as { homes?: unknown }).homes;
  if (homes === undefined) return {};
  if (homes === null || typeof homes !== 'object' || Array.isArray(homes))
    throw bad('"homes" must be an object of arXiv class -> topic slug');
  const slugs = new Set(topics.map((t) => t.slug));
  const out: Record<string, string> = {};
  for (const [cls, slug] of Object.entries(homes)) {
    if (!ARXIV_CLASS.test(cls)) throw bad(`home "${cls}" is not an arXiv class (such as "cs.CL")`);
    if (typeof slug !== 'string' || !slugs.has(slug) || partParent(slug) !== undefined)
      throw bad(
        `home "${cls}": ${JSON.stringify(slug)} is not a topic of the catalogue (parts go with their parent)`,
      );
    out[cls] = slug;
  }
  return out;
}

/** No applied topics (a catalogue file without "applied"). */
export const NO_APPLIED: AppliedTopics = { topics: {}, phrases: [] };

/**
 * The applied topics of the curated catalogue file (`{"applied": {"topics": {slug: [arXiv archive
 * or class...]}, "phrases": [...], "own": {slug: [...]}}}` beside its topics, "own" optional; none
 * when the file has none; see
 * {@link AppliedTopics}): each slug a topic of the same file (not a part). Throws a
 * `bad-catalogue` error naming the file and the field on anything else.
 */
export function parseApplied(
  text: string,
  file: string,
  topics: readonly Topic[] = parseCatalogue(text, file),
): AppliedTopics {
  const bad = (reason: string): PaperpostError =>
    new PaperpostError('topics', 'bad-catalogue', `${file}: ${reason}`);
  const applied = (JSON.parse(text) as { applied?: unknown }).applied;
  if (applied === undefined) return NO_APPLIED;
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(applied)) throw bad('"applied" must be an object {"topics", "phrases"}');
  const { topics: homes, phrases } = applied;
  if (!isObject(homes) || Object.keys(homes).length === 0)
    throw bad('"applied": "topics" must be an object of topic slug -> arXiv archives and classes');
  if (!isStrings(phrases) || phrases.length === 0)
    throw bad('"applied": "phrases" must be a non-empty array of strings');
  const known = new Set(topics.map((t) => t.slug));
  const out: Record<string, string[]> = {};
  for (const [slug, categories] of Object.entries(homes)) {
    if (!known.has(slug) || partParent(slug) !== undefined)
      throw bad(`"applied": "${slug}" is not a topic of the catalogue (parts go with their parent)`);
    if (!isStrings(categories) || categories.length === 0)
      throw bad(`"applied": "${slug}" must list arXiv archives or classes`);
    for (const c of categories)
      if (!ARXIV_CLASS.test(c) && !ARXIV_ARCHIVE.test(c))
        throw bad(`"applied": "${c}" is not an arXiv archive or class (such as "cs" or "stat.ML")`);
    out[slug] = [...categories];
  }
  const result: AppliedTopics = { topics: out, phrases: phrases.map((p) => p.trim().toLowerCase()) };
  const { own } = applied;
  if (own === undefined) return result;
  if (!isObject(own)) throw bad('"applied": "own" must be an object of topic slug -> phrases');
  const owned: Record<string, string[]> = {};
  for (const [slug, list] of Object.entries(own)) {
    if (out[slug] === undefined)
      throw bad(`"applied": "own": "${slug}" is not one of its "topics" (list where it is at home there)`);
    if (!isStrings(list) || list.length === 0)
      throw bad(`"applied": "own": "${slug}" must be a non-empty array of strings`);
    owned[slug] = list.map((p) => p.trim().toLowerCase());
  }
  return { ...result, own: owned };
}
