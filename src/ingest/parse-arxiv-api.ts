import { PaperpostError, type ParsedFeed, type RawEntry } from '../domain/index.js';
import { attr, distinct, trimmed } from './fields.js';
import { rssEntry, xmlFeedInfo } from './parse-rss.js';
import type { XmlFeed } from './xml-feed.js';

/**
 * Maps an arXiv API reply (export.arxiv.org/api/query Atom). arXiv reports a bad query as a feed
 * with one entry titled "Error"; that becomes a parse-failed error carrying arXiv's reason.
 */
export function parseArxivApi(parsed: XmlFeed, sourceId: string): ParsedFeed {
  const feed = xmlFeedInfo(parsed, 'arxiv-api');
  const entries: RawEntry[] = [];
  for (const item of parsed.items) {
    const entry = rssEntry(item, sourceId, 'arxiv-api');
    if (entry.title === 'Error' && /\/api\/errors/.test(entry.guid ?? '')) {
      const reason = entry.summary ?? 'unknown error';
      throw new PaperpostError('ingest', 'parse-failed', `${sourceId}: arXiv API error: ${reason}`);
    }
    const primary = attr(item['arxiv:primary_category'], 'term');
    entry.categories = distinct([primary, ...entry.categories]);
    entry.doi = trimmed(item['arxiv:doi']) ?? trimmed(item['arxiv:DOI']) ?? entry.doi;
    entry.url = entry.url ?? entry.guid;
    entries.push(entry);
  }
  return { feed, entries };
}
