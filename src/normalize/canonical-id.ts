import type { RawEntry } from '../domain/index.js';
import { arxivIdFrom } from './arxiv-id.js';

const DOI = /^(?:doi:\s*)?(10\.\d{4,9}\/\S+)$/i;
const DOI_HOST = /^(?:dx\.|www\.)?doi\.org$/i;
/**
 * A DOI in a publisher's address, the rest of its path from a segment `10.<registrant>` on:
 * Taylor & Francis and Wiley `/doi/full/10.1080/...`, Springer `/article/10.1007/...`, Frontiers
 * `/articles/10.3389/.../full`, the Microbiology Society `/content/journal/ijsem/10.1099/...`.
 */
const DOI_PATH = /\/(10\.\d{4,9}\/.+)$/;
/** What a publisher's address adds after the DOI to name a view of the article. */
const DOI_VIEW = /\/(?:full|abstract|abs|pdf|epdf|html|fulltext)$/i;

/**
 * Query parameters that say where a click came from, never which article: campaign trackers
 * (`utm_*`, `fbclid`, `gclid`, Mailchimp's, HubSpot's), and what journals' feeds add to every
 * link (ScienceDirect's `dgcid`, Taylor & Francis' and Wiley's `af=R`, Oxford's `rss=1`, the
 * Microbiology Society's `TRACK=RSS`, Cambridge's OpenURL `rft_dat`). A name that could mean
 * something elsewhere (`af`, `rss`, `track`) counts only with the value feeds give it.
 */
const TRACKING: readonly [RegExp, RegExp?][] = [
  [/^utm_/i],
  [/^(?:dgcid|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|rft_dat)$/i],
  [/^af$/i, /^r$/i],
  [/^rss$/i, /^(?:1|true|yes)$/i],
  [/^track$/i, /^rss$/i],
];

/**
 * Hosts whose addresses name an article by their path alone: PubMed's feeds add the time the
 * feed was made (`ff=`, new every fetch), so the same article would have a new address each day.
 */
const PATH_ONLY_HOSTS = new Set(['pubmed.ncbi.nlm.nih.gov']);

function isTracking(key: string, value: string): boolean {
  return TRACKING.some(([name, values]) => name.test(key) && (values === undefined || values.test(value)));
}

/** Takes the tracking parameters off `url` (see TRACKING), its whole query on a path-only host. */
function dropTrackers(url: URL): void {
  const pathOnly = PATH_ONLY_HOSTS.has(url.hostname.toLowerCase());
  for (const [key, value] of [...url.searchParams.entries()])
    if (pathOnly || isTracking(key, value)) url.searchParams.delete(key, value);
}

function lowerDoi(doi: string): string {
  try {
    return decodeURIComponent(doi).toLowerCase();
  } catch {
    return doi.toLowerCase();
  }
}

function parseUrl(u: string): URL | undefined {
  try {
    const url = new URL(u.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A lowercased DOI from a DOI, a `doi:` string, a doi.org link (its query left out) or a
 * publisher's address that carries one in its path (see DOI_PATH), or undefined.
 */
export function doiFrom(text: string | null | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const plain = DOI.exec(t);
  if (plain?.[1]) return lowerDoi(plain[1]);
  const url = /^https?:\/\//i.test(t) ? parseUrl(t) : undefined;
  if (!url) return undefined;
  if (DOI_HOST.test(url.hostname)) {
    const path = /^\/(10\.\d{4,9}\/.+)$/.exec(url.pathname);
    return path?.[1] ? lowerDoi(path[1].replace(/\/+$/, '')) : undefined;
  }
  const inPath = DOI_PATH.exec(url.pathname.replace(/\/+$/, ''));
  return inPath?.[1] ? lowerDoi(inPath[1].replace(DOI_VIEW, '')) : undefined;
}

/**
 * The canonical form of a web address: https, lowercase host, no fragment, no trailing slash, no
 * tracking parameters (see TRACKING; no query at all on a host that names articles by path).
 * Undefined for anything that is not http(s).
 */
export function canonicalUrl(u: string | null | undefined): string | undefined {
  const url = u ? parseUrl(u) : undefined;
  if (!url) return undefined;
  dropTrackers(url);
  return addressOf(url);
}

/**
 * A link as a card shows it: the feed's own, without the tracking parameters canonicalUrl drops
 * (scheme, host and path as given): a PubMed link reads `https://pubmed.ncbi.nlm.nih.gov/34899011/`,
 * not 300 characters of campaign and feed stamps. Null stays null; a link that is no http(s)
 * address is returned as it is, for the caller's guard to refuse.
 */
export function withoutTrackers(link: string | null): string | null {
  const url = link ? parseUrl(link) : undefined;
  if (!url) return link;
  const before = url.searchParams.size;
  dropTrackers(url);
  return url.searchParams.size === before ? link : url.href;
}

function addressOf(url: URL): string {
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  const search = url.searchParams.size > 0 ? url.search : '';
  return `https://${url.hostname.toLowerCase()}${port}${path}${search}`;
}

function arxivIdOf(entry: RawEntry): string | undefined {
  for (const candidate of [entry.guid, entry.url, entry.pdfUrl, entry.doi]) {
    const id = candidate ? arxivIdFrom(candidate) : undefined;
    if (id) return id;
  }
  return undefined;
}

/**
 * The paper id of an entry: the arXiv id without version (from guid, link or pdf link), else
 * `doi:<lowercased doi>` (the entry's DOI, or one its link or guid carries), else the canonical
 * URL of its link (or of a URL guid). The same article from two feeds gets one id.
 */
export function canonicalId(entry: RawEntry): string | undefined {
  const arxiv = arxivIdOf(entry);
  if (arxiv) return arxiv;
  const doi = doiFrom(entry.doi) ?? doiFrom(entry.url) ?? doiFrom(entry.guid);
  if (doi) return `doi:${doi}`;
  return canonicalUrl(entry.url) ?? canonicalUrl(entry.guid);
}

/**
 * The ids earlier releases of Paperpost gave this entry, where they differ from `id`, the one it
 * has now (see canonicalId; a DOI its journal frame names, see normalizeEntry): they kept the
 * query of a doi.org link in its DOI, read no DOI in a publisher's path, a second
 * `<dc:identifier>` or a frame, and took only `utm_*` off an address. A run keeps the id the
 * store already holds the paper under (see keepStoredIds), so an upgrade sends no paper again.
 */
export function formerIds(entry: RawEntry, id: string | undefined = canonicalId(entry)): string[] {
  if (arxivIdOf(entry)) return [];
  const former = new Set<string>();
  for (const text of [entry.doi, entry.url, entry.guid]) {
    const t = text?.trim();
    const match = t ? /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i.exec(t) : null;
    if (match?.[1]) former.add(`doi:${lowerDoi(match[1])}`);
  }
  for (const text of [entry.url, entry.guid]) {
    const url = text ? parseUrl(text) : undefined;
    if (!url) continue;
    for (const key of [...url.searchParams.keys()])
      if (key.toLowerCase().startsWith('utm_')) url.searchParams.delete(key);
    former.add(addressOf(url));
  }
  if (id !== undefined) former.delete(id);
  return [...former];
}
