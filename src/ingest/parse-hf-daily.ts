import type { ParsedFeed, RawEntry } from '../domain/index.js';
import { count, distinct, isoDate, list, trimmed } from './fields.js';
import { emptyEntry } from './parse-rss.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items of an HF daily_papers reply: a bare array, or `{ papers: [...] }`. */
export function hfItems(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (isObject(json) && Array.isArray(json['papers'])) return json['papers'];
  return undefined;
}

/** True when a JSON value looks like an HF daily_papers reply. */
export function looksLikeHfDaily(json: unknown): boolean {
  const items = hfItems(json);
  if (!items) return false;
  const first = items[0];
  if (first === undefined) return Array.isArray(json) || isObject(json);
  return isObject(first) && (isObject(first['paper']) || ('id' in first && 'title' in first));
}

function hfEntry(raw: unknown, sourceId: string): RawEntry | undefined {
  if (!isObject(raw)) return undefined;
  const paper = isObject(raw['paper']) ? raw['paper'] : raw;
  const id = trimmed(paper['id']);
  const entry = emptyEntry(sourceId, 'hf-daily');
  entry.guid = id;
  entry.title = trimmed(paper['title']) ?? trimmed(raw['title']) ?? '';
  entry.url = id ? `https://huggingface.co/papers/${encodeURIComponent(id)}` : null;
  entry.summary = trimmed(paper['summary']) ?? trimmed(raw['summary']);
  entry.aiSummary = trimmed(paper['ai_summary']);
  entry.keywords = distinct(list(paper['ai_keywords']).map((k) => trimmed(k)));
  entry.authors = distinct(
    list(paper['authors']).map((a) => (isObject(a) ? trimmed(a['name']) : trimmed(a))),
  );
  entry.published = isoDate(paper['publishedAt']) ?? isoDate(raw['publishedAt']);
  entry.upvotes = count(paper['upvotes']) ?? count(raw['upvotes']);
  entry.comments = count(raw['numComments']) ?? count(paper['numComments']);
  entry.githubRepo = trimmed(paper['githubRepo']) ?? trimmed(raw['githubRepo']);
  entry.thumbnail = trimmed(raw['thumbnail']) ?? trimmed(paper['thumbnail']);
  entry.listedAt = isoDate(paper['submittedOnDailyAt']) ?? isoDate(raw['submittedOnDailyAt']);
  return entry;
}

/** Maps a Hugging Face `api/daily_papers` JSON reply; items that are not objects are skipped. */
export function parseHfDaily(json: unknown, sourceId: string): ParsedFeed {
  const entries: RawEntry[] = [];
  for (const raw of hfItems(json) ?? []) {
    const entry = hfEntry(raw, sourceId);
    if (entry) entries.push(entry);
  }
  return {
    feed: { title: 'Hugging Face Daily Papers', link: 'https://huggingface.co/papers', kind: 'hf-daily' },
    entries,
  };
}
