import { PaperpostError, type ParsedFeed, type RawEntry } from '../domain/index.js';
import { distinct, trimmed } from './fields.js';
import { rssEntry, xmlFeedInfo } from './parse-rss.js';
import type { XmlFeed } from './xml-feed.js';

const PREFIX = /^\s*(?:arXiv:\S+\s+)?Announce Type:\s*([\w-]+)\s*/i;

/** `arXiv:2411.17700v1 Announce Type: new \nAbstract: ...` -> announce type and bare abstract. */
export function splitArxivDescription(description: string | null): {
  announceType: string | null;
  summary: string | null;
} {
  if (!description) return { announceType: null, summary: null };
  const match = PREFIX.exec(description);
  const rest = match ? description.slice(match[0].length) : description;
  const summary = rest.replace(/^\s*Abstract:\s*/i, '').trim();
  return { announceType: match?.[1]?.toLowerCase() ?? null, summary: summary || null };
}

/** `A, B and C` (arXiv's dc:creator) -> [A, B, C]. */
export function splitAuthorList(value: string): string[] {
  return distinct(value.split(/\s*,\s*(?:and\s+)?|\s+and\s+/));
}

/**
 * Maps the current arXiv RSS (rss.arxiv.org, with `arxiv:announce_type`). `replace` and
 * `replace-cross` announcements are skipped unless asked for: they are old papers revised.
 */
export function parseArxivRss(parsed: XmlFeed, sourceId: string, includeReplacements: boolean): ParsedFeed {
  const feed = xmlFeedInfo(parsed, 'arxiv-rss');
  if (feed.title?.startsWith('Feed error for query') && parsed.items.length === 0) {
    const reason = trimmed(parsed.feed['description']) ?? feed.title;
    throw new PaperpostError('ingest', 'parse-failed', `${sourceId}: arXiv RSS error: ${reason}`);
  }
  const entries: RawEntry[] = [];
  for (const item of parsed.items) {
    const entry = rssEntry(item, sourceId, 'arxiv-rss');
    const { announceType, summary } = splitArxivDescription(entry.summary);
    entry.summary = summary;
    entry.announceType = trimmed(item['arxiv:announce_type'])?.toLowerCase() ?? announceType;
    entry.authors = distinct(entry.authors.flatMap(splitAuthorList));
    entry.doi = trimmed(item['arxiv:DOI']) ?? trimmed(item['arxiv:doi']) ?? entry.doi;
    if (!includeReplacements && entry.announceType?.startsWith('replace')) continue;
    entries.push(entry);
  }
  return { feed, entries };
}
