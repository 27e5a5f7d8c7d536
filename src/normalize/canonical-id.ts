import type { RawEntry } from '../domain/index.js';
import { arxivIdFrom } from './arxiv-id.js';

const DOI_URL = /^https?:\/\/(?:dx\.)?doi\.org\/(10\.\d{4,9}\/\S+)$/i;
const DOI = /^(?:doi:\s*)?(10\.\d{4,9}\/\S+)$/i;

/** A lowercased DOI from a DOI, `doi:` string or doi.org link, or undefined. */
export function doiFrom(text: string | null | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const match = DOI_URL.exec(t) ?? DOI.exec(t);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]).toLowerCase();
  } catch {
    return match[1].toLowerCase();
  }
}

/**
 * The canonical form of a web address: https, lowercase host, no fragment, no `utm_*`
 * parameters, no trailing slash. Undefined for anything that is not http(s).
 */
export function canonicalUrl(u: string | null | undefined): string | undefined {
  if (!u) return undefined;
  let url: URL;
  try {
    url = new URL(u.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  for (const key of [...url.searchParams.keys()]) {
    if (key.toLowerCase().startsWith('utm_')) url.searchParams.delete(key);
  }
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  const search = url.searchParams.size > 0 ? url.search : '';
  return `https://${url.hostname.toLowerCase()}${port}${path}${search}`;
}

/**
 * The paper id of an entry: the arXiv id without version (from guid, link or pdf link), else
 * `doi:<lowercased doi>`, else the canonical URL of its link (or of a URL guid).
 */
export function canonicalId(entry: RawEntry): string | undefined {
  for (const candidate of [entry.guid, entry.url, entry.pdfUrl, entry.doi]) {
    const id = candidate ? arxivIdFrom(candidate) : undefined;
    if (id) return id;
  }
  const doi = doiFrom(entry.doi) ?? doiFrom(entry.url) ?? doiFrom(entry.guid);
  if (doi) return `doi:${doi}`;
  return canonicalUrl(entry.url) ?? canonicalUrl(entry.guid);
}
