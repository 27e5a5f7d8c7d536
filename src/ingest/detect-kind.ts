import type { SourceKind } from '../domain/index.js';
import { looksLikeHfDaily } from './parse-hf-daily.js';
import { looksLikeJsonFeed } from './parse-json-feed.js';
import { rootElement } from './xml-guard.js';

/** What sniffing found: a kind (with the parsed JSON, for JSON input), or why it is not a feed. */
export type Sniffed =
  | { kind: SourceKind; format: 'xml' }
  | { kind: SourceKind; format: 'json'; json: unknown }
  | { kind: undefined; reason: string };

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:RDF', 'RDF', 'channel']);
const HEAD_CHARS = 64 * 1024;

function sniffJson(text: string): Sniffed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { kind: undefined, reason: `invalid JSON: ${(err as Error).message.split('\n')[0]}` };
  }
  if (looksLikeJsonFeed(json)) return { kind: 'rss', format: 'json', json };
  if (looksLikeHfDaily(json)) return { kind: 'hf-daily', format: 'json', json };
  return { kind: undefined, reason: 'JSON that is neither an HF daily_papers reply nor a JSON Feed' };
}

function sniffXml(text: string): Sniffed {
  const root = rootElement(text);
  if (!root) return { kind: undefined, reason: 'no XML root element' };
  const local = root.includes(':') && root !== 'rdf:RDF' ? root.slice(root.indexOf(':') + 1) : root;
  if (!FEED_ROOTS.has(root) && !FEED_ROOTS.has(local)) {
    return { kind: undefined, reason: `root element <${root}>` };
  }
  const head = text.slice(0, HEAD_CHARS);
  const arxivNs = /xmlns:arxiv\s*=\s*["']http:\/\/arxiv\.org\/schemas\/atom["']/.test(head);
  if (local === 'feed' && (arxivNs || /<id>\s*https?:\/\/(export\.)?arxiv\.org\/api\//.test(head))) {
    return { kind: 'arxiv-api', format: 'xml' };
  }
  if (local === 'rss' && (arxivNs || /<link>\s*https?:\/\/rss\.arxiv\.org\//.test(head))) {
    return { kind: 'arxiv-rss', format: 'xml' };
  }
  return { kind: 'rss', format: 'xml' };
}

/** Sniffs a document: JSON (HF daily, JSON Feed) or XML (arXiv API, arXiv RSS, any RSS/Atom/RDF). */
export function sniffDocument(text: string): Sniffed {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') return { kind: undefined, reason: 'empty document' };
  const first = start[0];
  if (first === '{' || first === '[') return sniffJson(start);
  if (first === '<') return sniffXml(start);
  return { kind: undefined, reason: `starts with ${JSON.stringify(start.slice(0, 20))}` };
}

/** The source kind of a document, or undefined when it is not a feed Paperpost reads. */
export function detectKind(text: string): SourceKind | undefined {
  return sniffDocument(text).kind;
}
