import type { ParsedFeed, RawEntry } from '../domain/index.js';
import { distinct, isoDate, list, trimmed } from './fields.js';
import { emptyEntry } from './parse-rss.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a JSON Feed 1.x document (`version: https://jsonfeed.org/version/1...`). */
export function looksLikeJsonFeed(json: unknown): boolean {
  return (
    isObject(json) &&
    typeof json['version'] === 'string' &&
    json['version'].startsWith('https://jsonfeed.org/')
  );
}

function authorNames(item: Json): string[] {
  const nodes = [...list(item['authors']), ...list(item['author'])];
  return distinct(nodes.map((a) => (isObject(a) ? trimmed(a['name']) : trimmed(a))));
}

/** Maps a JSON Feed 1.0/1.1 to entries of kind `rss`. */
export function parseJsonFeed(json: unknown, sourceId: string): ParsedFeed {
  const doc = isObject(json) ? json : {};
  const entries: RawEntry[] = [];
  for (const raw of list(doc['items'])) {
    if (!isObject(raw)) continue;
    const entry = emptyEntry(sourceId, 'rss');
    entry.guid = trimmed(raw['id']);
    entry.title = trimmed(raw['title']) ?? '';
    entry.url = trimmed(raw['url']) ?? trimmed(raw['external_url']);
    entry.summary = trimmed(raw['content_html']) ?? trimmed(raw['content_text']) ?? trimmed(raw['summary']);
    entry.authors = authorNames(raw);
    entry.published = isoDate(raw['date_published']) ?? isoDate(raw['date_modified']);
    entry.categories = distinct(list(raw['tags']).map((t) => trimmed(t)));
    entry.thumbnail = trimmed(raw['image']) ?? trimmed(raw['banner_image']);
    if (!entry.thumbnail) delete entry.thumbnail;
    entries.push(entry);
  }
  return {
    feed: { title: trimmed(doc['title']), link: trimmed(doc['home_page_url']), kind: 'rss' },
    entries,
  };
}
