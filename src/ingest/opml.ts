import { PaperpostError, type SourceConfig } from '../domain/index.js';
import { assertNoEntityDeclarations, rootElement } from './xml-guard.js';

/** One feed of an OPML subscription list. */
export interface OpmlFeed {
  title: string | null;
  url: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeAttr(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1]?.toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    out.set((m[1] ?? '').toLowerCase(), decodeAttr(m[3] ?? m[4] ?? ''));
  }
  return out;
}

/**
 * The feeds of an OPML file (what rss2email, Feedly, Thunderbird export): every `<outline>` with
 * an http(s) `xmlUrl`, nested folders included, duplicates once. Throws `parse-failed` when the
 * document is not OPML.
 */
export function parseOpml(text: string, sourceId: string): OpmlFeed[] {
  assertNoEntityDeclarations(text, sourceId);
  const root = rootElement(text);
  if (root?.toLowerCase() !== 'opml') {
    throw new PaperpostError(
      'ingest',
      'parse-failed',
      `${sourceId}: not OPML (root element <${root ?? '?'}>)`,
    );
  }
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(/<outline\b([^>]*)>/gi)) {
    const attrs = attributes(m[1] ?? '');
    const url = attrs.get('xmlurl')?.trim();
    if (!url || !/^https?:\/\//i.test(url) || seen.has(url)) continue;
    seen.add(url);
    feeds.push({ title: attrs.get('title') ?? attrs.get('text') ?? null, url });
  }
  return feeds;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/**
 * The OPML source's feeds as sources of their own (`<opml id>.<feed slug>`), each with its own
 * conditional-GET state and health, kind sniffed from the content.
 */
export function opmlSources(source: SourceConfig, feeds: readonly OpmlFeed[]): SourceConfig[] {
  const used = new Set<string>();
  return feeds.map((feed, index) => {
    let name = slug(feed.title ?? '') || slug(new URL(feed.url).host) || String(index + 1);
    if (used.has(name)) name = `${name}-${index + 1}`;
    used.add(name);
    return {
      id: `${source.id}.${name}`,
      kind: 'auto',
      location: feed.url,
      includeReplacements: source.includeReplacements,
    };
  });
}
