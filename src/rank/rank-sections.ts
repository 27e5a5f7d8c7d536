import type { Paper, RankedPaper, Section, TopicGroup } from '../domain/index.js';
import { PaperpostError } from '../domain/index.js';
import { type RankWeights, scorePaper } from './score-paper.js';

/** Options of {@link rankSections}. */
export interface RankOptions {
  /** The end of the edition's window: ages count back from here (see `windowEnd`). */
  now: Date;
  /** Ages are capped at the window's length (default 72 h, a daily edition). */
  windowHours?: number;
  weights: RankWeights;
  /** Papers kept in the whole edition, after the per-section cap. */
  maxPerEdition: number;
  /** Papers kept per section; the rest are counted in `Section.more`. */
  maxPerSection: number;
}

/** Ranked sections and the number of papers cut by the per-edition cap. */
export interface RankResult {
  sections: Section[];
  more: number;
}

/** Higher score first, then id, so equal scores always come out in the same order. */
export function comparePapers(a: RankedPaper, b: RankedPaper): number {
  if (b.score.total !== a.score.total) return b.score.total - a.score.total;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Ranks every paper of a list at the window's end `now`, best first. */
export function rankPapers(
  papers: Paper[],
  now: Date,
  weights: RankWeights,
  windowHours?: number,
): RankedPaper[] {
  return papers.map((p) => ({ ...p, score: scorePaper(p, now, weights, windowHours) })).sort(comparePapers);
}

/**
 * Orders papers by score inside each group and groups by their best paper, then applies the caps:
 * `maxPerSection` per section (the cut ones counted in `Section.more`), then `maxPerEdition` over
 * the edition, keeping the best papers overall (the cut ones counted in the returned `more`; a
 * section left empty is dropped). Ties are broken by paper id and topic slug.
 */
export function rankSections(groups: TopicGroup[], papers: Paper[], options: RankOptions): RankResult {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const sections: Section[] = [];
  for (const group of groups) {
    const ranked = group.paperIds.map((id) => {
      const paper = byId.get(id);
      if (!paper) {
        throw new PaperpostError(
          'rank',
          'unknown-paper',
          `topic ${group.topic.slug}: paper ${id} is not in the input`,
        );
      }
      return paper;
    });
    if (ranked.length === 0) continue;
    const all = rankPapers(ranked, options.now, options.weights, options.windowHours);
    const kept = all.slice(0, Math.max(0, options.maxPerSection));
    sections.push({ topic: group.topic, papers: kept, more: all.length - kept.length });
  }
  const kept = new Set(
    sections
      .flatMap((s) => s.papers)
      .sort(comparePapers)
      .slice(0, Math.max(0, options.maxPerEdition))
      .map((p) => p.id),
  );
  let more = 0;
  const capped: Section[] = [];
  for (const section of sections) {
    const papersKept = section.papers.filter((p) => kept.has(p.id));
    more += section.papers.length - papersKept.length;
    if (papersKept.length === 0) {
      more += section.more;
      continue;
    }
    capped.push({ ...section, papers: papersKept });
  }
  capped.sort(compareSections);
  return { sections: capped, more };
}

function compareSections(a: Section, b: Section): number {
  // The catch-all section ("More papers", slug "other") closes the letter whatever its scores.
  const last = Number(a.topic.slug === 'other') - Number(b.topic.slug === 'other');
  if (last !== 0) return last;
  const pa = a.papers[0];
  const pb = b.papers[0];
  if (pa && pb) {
    const c = comparePapers(pa, pb);
    if (c !== 0) return c;
  }
  return a.topic.slug < b.topic.slug ? -1 : a.topic.slug > b.topic.slug ? 1 : 0;
}
