import type { Frequency, Topic, TopicArea } from '../domain/index.js';
import { isOffered, partParent } from '../domain/index.js';
import type { Choices } from './ports.js';

/** A slug, or `!slug` for "every topic except this one". */
const CHOICE = /^!?[a-z0-9][a-z0-9._-]{0,79}$/;

/** `daily` or `weekly`, else undefined. */
export function parseFrequency(value: unknown): Frequency | undefined {
  return value === 'daily' || value === 'weekly' ? value : undefined;
}

/**
 * The topics the public may choose: config, curated and approved ones, not hidden; a curated
 * topic the config already names (same label) is left out for the config's own, which keeps its
 * one-line description when it has none. In reading order: the operator's own topics first, then
 * the rest by label, as a reader scans a list.
 */
export function offeredTopics(catalogue: readonly Topic[]): Topic[] {
  const own = configTopicsByLabel(catalogue);
  const described = new Map(
    catalogue
      .filter((t) => !t.userDefined && t.description)
      .map((t) => [t.label.toLowerCase(), t.description]),
  );
  return catalogue
    .filter((t) => isOffered(t) && (t.userDefined || !own.has(t.label.toLowerCase())))
    .map((t) => {
      const description = t.description || described.get(t.label.toLowerCase());
      return description && !t.description ? { ...t, description } : t;
    })
    .sort(
      (a, b) =>
        Number(b.userDefined) - Number(a.userDefined) ||
        a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) ||
        a.slug.localeCompare(b.slug),
    );
}

/**
 * The config's own topics by label (lowercase) -> slug: a curated topic of the same label is not
 * offered, the config's one is offered in its place (see {@link offeredTopics}).
 */
export function configTopicsByLabel(catalogue: readonly Topic[]): Map<string, string> {
  return new Map(catalogue.filter((t) => t.userDefined).map((t) => [t.label.toLowerCase(), t.slug]));
}

/** Offered topics under one heading of the subscribe and preferences pages. */
export interface TopicGroup {
  /** The broad area's label; null for the list without areas. */
  label: string | null;
  topics: Topic[];
}

/**
 * The offered topics (as {@link offeredTopics} orders them) under the catalogue's broad areas, in
 * the areas' order, so a reader scans ten headings rather than forty names: the operator's own
 * topics first ("Featured topics"), the ones of no area last ("More topics"). One group without a
 * heading when there are no areas; an area none of whose topics is offered is left out.
 */
export function groupByArea(offered: readonly Topic[], areas: readonly TopicArea[]): TopicGroup[] {
  if (areas.length === 0) return offered.length > 0 ? [{ label: null, topics: [...offered] }] : [];
  const areaOf = new Map<string, number>();
  areas.forEach((a, i) => {
    for (const slug of a.topics) areaOf.set(slug, i);
  });
  const own = offered.filter((t) => t.userDefined);
  const inArea = areas.map((): Topic[] => []);
  const rest: Topic[] = [];
  for (const t of offered) {
    if (t.userDefined) continue;
    const i = areaOf.get(t.slug);
    if (i === undefined) rest.push(t);
    else inArea[i]?.push(t);
  }
  return [
    // "Featured", not "Your topics": on the public pages "your" reads as the visitor's own choice.
    ...(own.length > 0 ? [{ label: 'Featured topics', topics: own }] : []),
    ...areas.flatMap((a, i) =>
      (inArea[i]?.length ?? 0) > 0 ? [{ label: a.label, topics: inArea[i] as Topic[] }] : [],
    ),
    ...(rest.length > 0 ? [{ label: 'More topics', topics: rest }] : []),
  ];
}

/**
 * The catalogue topic a section slug belongs to: a sub-section of a topic that held many papers
 * is `parent--part`, and choosing or leaving it means its parent.
 */
export function subscribableSlug(slug: string): string {
  return partParent(slug) ?? slug;
}

/** true for a choice stored as "every topic except ..." (`!slug` entries). */
export function isExceptChoice(topics: readonly string[]): boolean {
  return topics.length > 0 && topics.every((t) => t.startsWith('!'));
}

/**
 * Why a stored topic choice (as exported, typed on the CLI) can't be kept, or undefined when it
 * can: every entry names a catalogue topic, `slug` or `!slug`, and a choice is either a list or
 * "all except" (every entry `!slug`), never both (a mix selects nothing sensible).
 */
export function checkTopicChoice(
  topics: readonly string[],
  catalogue: ReadonlySet<string>,
): string | undefined {
  const unknown = topics.filter((t) => !catalogue.has(t.startsWith('!') ? t.slice(1) : t));
  if (unknown.length > 0) {
    const hint = catalogue.size === 0 ? ' (the topic catalogue is empty: define topics in the config)' : '';
    return `unknown topic ${unknown.map((s) => `"${s}"`).join(', ')}${hint}`;
  }
  if (topics.some((t) => t.startsWith('!')) && !isExceptChoice(topics))
    return `topics mix slugs and "!slug" exceptions (${topics.join(';').slice(0, 80)}): use either a list or all-except`;
  return undefined;
}

/** The offered slugs a stored choice selects: all (empty), all except (`!slug`), or a list. */
export function selectedSlugs(topics: readonly string[], offered: readonly Topic[]): string[] {
  if (topics.length === 0) return offered.map((t) => t.slug);
  if (isExceptChoice(topics)) {
    const out = new Set(topics.map((t) => t.slice(1)));
    return offered.map((t) => t.slug).filter((slug) => !out.has(slug));
  }
  const wanted = new Set(topics);
  return offered.map((t) => t.slug).filter((slug) => wanted.has(slug));
}

/**
 * The choice to store for the slugs ticked on a form, among the offered topics: every topic is
 * "all" (empty), so topics added later reach the subscriber. Someone who had all topics (or all
 * but some) and unticks fewer than they keep stays broad: "all except" those, never a frozen list.
 */
export function pickTopics(
  requested: readonly string[],
  catalogue: readonly Topic[],
  previous?: readonly string[],
): string[] {
  const offered = offeredTopics(catalogue);
  const wanted = new Set(requested.map((slug) => subscribableSlug(slug.trim().toLowerCase())));
  const picked = offered.filter((topic) => wanted.has(topic.slug)).map((topic) => topic.slug);
  if (picked.length === offered.length) return [];
  const broad = previous !== undefined && (previous.length === 0 || isExceptChoice(previous));
  if (broad && picked.length > 0 && offered.length - picked.length < picked.length) {
    return offered.filter((t) => !wanted.has(t.slug)).map((t) => `!${t.slug}`);
  }
  return picked;
}

/**
 * The choice after leaving one topic: "all" becomes "all except it", an exception list grows,
 * an explicit list shrinks. `undefined` when nothing is left (the caller unsubscribes).
 */
export function leaveTopic(
  topics: readonly string[],
  slug: string,
  catalogue: readonly Topic[],
): string[] | undefined {
  const target = subscribableSlug(slug);
  const offered = offeredTopics(catalogue);
  if (topics.length === 0 || isExceptChoice(topics)) {
    const out = new Set([...topics.map((t) => t.slice(1)), target]);
    if (offered.length > 0 && offered.every((t) => out.has(t.slug))) return undefined;
    return [...out].sort().map((t) => `!${t}`);
  }
  const remaining = topics.filter((t) => t !== target);
  return remaining.length === 0 ? undefined : remaining;
}

/** Choices as a short string bound into a confirmation token: `d:slug,slug` / `w:` / `d:!slug`. */
export function encodeChoices(choices: Choices): string {
  return `${choices.frequency === 'weekly' ? 'w' : 'd'}:${choices.topics.join(',')}`;
}

/** The choices a confirmation token carries, or undefined for anything else. */
export function decodeChoices(extra: string): Choices | undefined {
  const match = /^([dw]):(.*)$/.exec(extra);
  if (!match) return undefined;
  const topics = match[2] === '' || match[2] === undefined ? [] : match[2].split(',');
  if (!topics.every((slug) => CHOICE.test(slug))) return undefined;
  return { frequency: match[1] === 'w' ? 'weekly' : 'daily', topics };
}
