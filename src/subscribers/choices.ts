import type { Frequency, Topic } from '../domain/index.js';
import type { Choices } from './ports.js';

const SLUG = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/** `daily` or `weekly`, else undefined. */
export function parseFrequency(value: unknown): Frequency | undefined {
  return value === 'daily' || value === 'weekly' ? value : undefined;
}

/**
 * Keep the requested slugs that exist in the catalogue, in catalogue order, without duplicates.
 * Choosing every topic is stored as "all topics" (empty), so new topics reach the subscriber.
 */
export function pickTopics(requested: readonly string[], catalogue: readonly Topic[]): string[] {
  const wanted = new Set(requested.map((slug) => slug.trim().toLowerCase()));
  const picked = catalogue.filter((topic) => wanted.has(topic.slug)).map((topic) => topic.slug);
  return picked.length === catalogue.length ? [] : picked;
}

/** Choices as a short string bound into a confirmation token: `d:slug,slug` / `w:`. */
export function encodeChoices(choices: Choices): string {
  return `${choices.frequency === 'weekly' ? 'w' : 'd'}:${choices.topics.join(',')}`;
}

/** The choices a confirmation token carries, or undefined for anything else. */
export function decodeChoices(extra: string): Choices | undefined {
  const match = /^([dw]):(.*)$/.exec(extra);
  if (!match) return undefined;
  const topics = match[2] === '' || match[2] === undefined ? [] : match[2].split(',');
  if (!topics.every((slug) => SLUG.test(slug))) return undefined;
  return { frequency: match[1] === 'w' ? 'weekly' : 'daily', topics };
}
