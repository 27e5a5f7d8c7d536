import type { Paper, PaperLinks } from '../domain/index.js';
import { isArxivId } from './arxiv-id.js';
import { authorKey } from './normalize-entry.js';

/**
 * How much a record's title and link are trusted: arXiv's own record (an arXiv id without an HF
 * page) over HF, over anything else.
 */
function authority(paper: Paper): number {
  if (isArxivId(paper.id) && paper.links.hf === null) return 2;
  return paper.links.hf !== null ? 1 : 0;
}

function union(lists: string[][], key: (v: string) => string = (v) => v): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const v of list) {
      const k = key(v);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(v);
      }
    }
  }
  return out;
}

function earliest(dates: Array<string | null>): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (best === null || Date.parse(d) < Date.parse(best))) best = d;
  return best;
}

function mergeGroup(group: Paper[]): Paper {
  const first = group[0] as Paper;
  if (group.length === 1) return first;
  // Stable: among equals, the first record wins.
  const best = group.reduce((a, b) => (authority(b) > authority(a) ? b : a));
  const fullest = group.reduce((a, b) => (b.authors.length > a.authors.length ? b : a));
  const longest = group.reduce((a, b) => (b.summary.length > a.summary.length ? b : a));
  const pick = (field: keyof PaperLinks): string | null =>
    best.links[field] ?? group.find((p) => p.links[field] !== null)?.links[field] ?? null;
  return {
    id: first.id,
    title: best.title,
    url: best.url,
    authors: union([fullest.authors, ...group.map((p) => p.authors)], authorKey),
    published: earliest(group.map((p) => p.published)),
    summary: longest.summary,
    aiSummary: group.find((p) => p.aiSummary)?.aiSummary ?? null,
    keywords: union(
      group.map((p) => p.keywords),
      (k) => k.toLowerCase(),
    ),
    categories: union(group.map((p) => p.categories)),
    upvotes: Math.max(...group.map((p) => p.upvotes)),
    comments: Math.max(...group.map((p) => p.comments)),
    sources: union(group.map((p) => p.sources)),
    links: { abs: pick('abs'), pdf: pick('pdf'), code: pick('code'), hf: pick('hf') },
    ...optional('thumbnail', group.find((p) => p.thumbnail)?.thumbnail),
    ...optional('listedAt', earliest(group.map((p) => p.listedAt ?? null))),
  };
}

/** `{ key: value }` when there is a value, else nothing: absent fields stay absent. */
function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/**
 * One Paper per id, in order of first appearance: sources united, the longest abstract, the
 * title and link of the most authoritative record (arXiv over HF over others), every author once
 * (order of the fullest list first), the highest upvotes and comments, keywords and categories
 * united, the earliest date, any AI summary, and links filled from whichever record has them.
 */
export function mergePapers(papers: Paper[]): Paper[] {
  const groups = new Map<string, Paper[]>();
  for (const paper of papers) {
    const group = groups.get(paper.id);
    if (group) group.push(paper);
    else groups.set(paper.id, [paper]);
  }
  return [...groups.values()].map(mergeGroup);
}
