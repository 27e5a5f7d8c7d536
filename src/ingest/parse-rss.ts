import type { FeedInfo, RawEntry, SourceKind } from '../domain/index.js';
import { attr, distinct, isoDate, list, text, trimmed } from './fields.js';
import type { XmlFeed } from './xml-feed.js';

/** A RawEntry with every optional field empty, to fill in. */
export function emptyEntry(sourceId: string, kind: SourceKind): RawEntry {
  return {
    sourceId,
    kind,
    guid: null,
    title: '',
    url: null,
    authors: [],
    published: null,
    summary: null,
    aiSummary: null,
    keywords: [],
    categories: [],
    upvotes: null,
    comments: null,
    githubRepo: null,
    pdfUrl: null,
    doi: null,
    announceType: null,
  };
}

/** Feed title and link of an XML feed. */
export function xmlFeedInfo(parsed: XmlFeed, kind: SourceKind): FeedInfo {
  return { title: trimmed(parsed.feed['title']), link: trimmed(parsed.feed['link']), kind };
}

/** Name of an author node: `Jane Doe`, `{ name: ['Jane'] }`, or RSS `jane@x.org (Jane Doe)`. */
function authorName(node: unknown): string | null {
  if (node && typeof node === 'object' && !Array.isArray(node) && 'name' in node) {
    return trimmed((node as { name: unknown }).name);
  }
  const t = trimmed(node);
  if (!t) return null;
  const inParens = /^\S+@\S+\s+\((.+)\)$/.exec(t);
  if (inParens?.[1]) return inParens[1].trim();
  const withAddress = /^(.+?)\s+(?:\(\S+@\S+\)|<\S+@\S+>)$/.exec(t);
  if (withAddress?.[1]) return withAddress[1].trim();
  // A bare address is not a name, and need not travel further.
  return /^\S+@\S+\.\S+$/.test(t) ? null : t;
}

/** `<link>` nodes as `{ href, rel, type, title }`; RSS links are plain strings. */
export function itemLinks(
  item: Record<string, unknown>,
): Array<{ href: string; rel: string; type: string | null }> {
  const out: Array<{ href: string; rel: string; type: string | null }> = [];
  for (const node of list(item['links'])) {
    const href = attr(node, 'href') ?? trimmed(node);
    if (href)
      out.push({
        href,
        rel: attr(node, 'rel') ?? 'alternate',
        type: attr(node, 'type') ?? attr(node, 'title'),
      });
  }
  return out;
}

/** Category names: RSS text, Atom `term`, or `{ _: text }` with a domain attribute. */
export function itemCategories(item: Record<string, unknown>): string[] {
  const names = list(item['categoryList']).map((node) => attr(node, 'term') ?? trimmed(node));
  if (names.length === 0) names.push(...list(item['categories']).map((c) => trimmed(c)));
  return distinct(names);
}

/** An absolute link: relative ones resolve against the feed's own link; unparseable ones stay as they are. */
export function resolveLink(href: string | null, base: string | null): string | null {
  if (!href || !base || /^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

/** Maps one rss-parser item of any RSS/Atom/RDF feed to a RawEntry; `base` resolves relative links. */
export function rssEntry(
  item: Record<string, unknown>,
  sourceId: string,
  kind: SourceKind,
  base: string | null = null,
): RawEntry {
  const entry = emptyEntry(sourceId, kind);
  const links = itemLinks(item);
  entry.title = text(item['title'])?.trim() ?? '';
  entry.guid = trimmed(item['guid']) ?? trimmed(item['id']);
  entry.url = resolveLink(
    trimmed(item['link']) ?? links.find((l) => l.rel === 'alternate')?.href ?? links[0]?.href ?? null,
    base,
  );
  entry.pdfUrl = resolveLink(
    links.find((l) => l.type === 'application/pdf' || l.type === 'pdf')?.href ?? null,
    base,
  );
  entry.authors = distinct([
    ...list(item['authors']).map(authorName),
    ...list(item['creators']).map(authorName),
    ...(list(item['authors']).length === 0 ? [authorName(item['author'])] : []),
  ]);
  if (entry.authors.length === 0) entry.authors = distinct([authorName(itunesAuthor(item))]);
  entry.published =
    isoDate(item['published']) ??
    isoDate(item['pubDate']) ??
    isoDate(item['dc:date']) ??
    isoDate(item['issued']) ??
    isoDate(item['dcterms:issued']) ??
    isoDate(item['created']) ??
    isoDate(item['dcterms:created']) ??
    isoDate(item['updated']) ??
    isoDate(item['modified']) ??
    isoDate(item['dcterms:modified']);
  entry.summary =
    trimmed(item['content:encoded']) ?? trimmed(item['content']) ?? trimmed(item['summary']) ?? null;
  entry.categories = itemCategories(item);
  entry.doi = trimmed(item['prism:doi']) ?? doiFromIdentifiers(item['identifiers']);
  const thumbnail = resolveLink(itemThumbnail(item), base);
  if (thumbnail) entry.thumbnail = thumbnail;
  return entry;
}

/**
 * The item's preview image: Media RSS `<media:thumbnail url>` (also inside `<media:group>`), else a
 * `<media:content>` that is an image, else an image `<enclosure>`. Normalize judges the URL.
 */
export function itemThumbnail(item: Record<string, unknown>): string | null {
  const groups = list(item['mediaGroups']).filter(
    (g): g is Record<string, unknown> => !!g && typeof g === 'object',
  );
  const thumbnails = [item['mediaThumbnails'], ...groups.map((g) => g['media:thumbnail'])].flatMap(list);
  for (const node of thumbnails) {
    const url = attr(node, 'url');
    if (url) return url;
  }
  const contents = [item['mediaContents'], ...groups.map((g) => g['media:content'])].flatMap(list);
  for (const node of contents) {
    const url = attr(node, 'url');
    const type = attr(node, 'type') ?? '';
    if (url && (attr(node, 'medium') === 'image' || type.startsWith('image/'))) return url;
  }
  const enclosure = item['enclosure'];
  if (enclosure && typeof enclosure === 'object') {
    const { url, type } = enclosure as { url?: unknown; type?: unknown };
    if (typeof type === 'string' && type.startsWith('image/')) return trimmed(url);
  }
  return null;
}

function itunesAuthor(item: Record<string, unknown>): unknown {
  const itunes = item['itunes'];
  return itunes && typeof itunes === 'object' ? (itunes as Record<string, unknown>)['author'] : null;
}

/** The first DOI among an item's `<dc:identifier>`s (PubMed lists `pmid:` before `doi:`). */
function doiFromIdentifiers(value: unknown): string | null {
  for (const one of list(value)) {
    const t = trimmed(one);
    const match = t ? /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)(10\.\S+)$/i.exec(t) : null;
    if (match?.[1]) return match[1];
  }
  return null;
}
