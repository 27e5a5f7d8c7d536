import { PaperpostError, type ParsedFeed, type SourceKind } from '../domain/index.js';
import { type Sniffed, sniffDocument } from './detect-kind.js';
import { splitHfRssSummary } from './hf-rss.js';
import { parseArxivApi } from './parse-arxiv-api.js';
import { parseArxivRss } from './parse-arxiv-rss.js';
import { parseHfDaily } from './parse-hf-daily.js';
import { parseJsonFeed } from './parse-json-feed.js';
import { rssEntry, xmlFeedInfo } from './parse-rss.js';
import { readXmlFeed, type XmlFeed } from './xml-feed.js';
import { assertNoEntityDeclarations } from './xml-guard.js';

/** Options of parseFeed. */
export interface ParseFeedOptions {
  /** Names the input in errors and in every RawEntry. */
  sourceId: string;
  /** Force a kind, or `auto` (default) to sniff it. */
  kind?: SourceKind | 'auto';
  /** arXiv RSS: keep `replace` and `replace-cross` announcements (default false). */
  includeReplacements?: boolean;
  /** Keep at most this many entries, in document order. */
  maxEntries?: number;
  /** Refuse longer text (default 32 Mi characters): rss-parser builds the whole tree in memory. */
  maxChars?: number;
}

/** Default cap on the text parseFeed accepts. */
export const DEFAULT_MAX_FEED_CHARS = 32 * 1024 * 1024;

function failed(sourceId: string, reason: string, cause?: unknown): PaperpostError {
  return new PaperpostError('ingest', 'parse-failed', `${sourceId}: ${reason}`, { cause });
}

/**
 * Parses feed text into entries: RSS 2.0 / Atom / RDF and JSON Feed (`rss`), arXiv RSS, arXiv API
 * Atom, or HF daily_papers JSON. Throws PaperpostError `parse-failed` naming the source and the
 * reason for unrecognised input, refused XML (entity declarations) and oversized text.
 */
export async function parseFeed(text: string, options: ParseFeedOptions): Promise<ParsedFeed> {
  const { sourceId } = options;
  const cap = options.maxChars ?? DEFAULT_MAX_FEED_CHARS;
  if (text.length > cap) throw failed(sourceId, `document is ${text.length} characters, over the ${cap} cap`);
  const sniffed = sniffDocument(text);
  if (sniffed.kind === undefined) throw failed(sourceId, `not a feed (${sniffed.reason})`);
  const kind = options.kind && options.kind !== 'auto' ? options.kind : sniffed.kind;
  const parsed = await parseAs(text, sniffed, kind, options);
  if (options.maxEntries !== undefined && parsed.entries.length > options.maxEntries) {
    parsed.entries = parsed.entries.slice(0, Math.max(0, options.maxEntries));
  }
  return parsed;
}

async function parseAs(
  text: string,
  sniffed: Sniffed,
  kind: SourceKind,
  options: ParseFeedOptions,
): Promise<ParsedFeed> {
  const { sourceId } = options;
  if (sniffed.kind === undefined) throw failed(sourceId, 'not a feed');
  if (sniffed.format === 'json') {
    if (kind === 'hf-daily' && sniffed.kind === 'hf-daily') return parseHfDaily(sniffed.json, sourceId);
    if (sniffed.kind === 'rss') {
      const parsed = parseJsonFeed(sniffed.json, sourceId);
      return { feed: parsed.feed, entries: parsed.entries.map(splitHfRssSummary) };
    }
    throw failed(sourceId, `not a feed of kind ${kind} (got HF daily_papers JSON)`);
  }
  if (kind === 'hf-daily') throw failed(sourceId, 'not a feed of kind hf-daily (got XML)');
  assertNoEntityDeclarations(text, sourceId);
  const xml = await readXml(text, sourceId);
  if (kind === 'arxiv-rss') return parseArxivRss(xml, sourceId, options.includeReplacements ?? false);
  if (kind === 'arxiv-api') return parseArxivApi(xml, sourceId);
  const feed = xmlFeedInfo(xml, 'rss');
  const base = feed.link && /^https?:\/\//i.test(feed.link) ? feed.link : null;
  const entries = xml.items.map((item) => splitHfRssSummary(rssEntry(item, sourceId, 'rss', base)));
  return { feed, entries };
}

async function readXml(text: string, sourceId: string): Promise<XmlFeed> {
  try {
    return await readXmlFeed(text);
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err);
    throw failed(sourceId, `not a feed (${reason})`, err);
  }
}
