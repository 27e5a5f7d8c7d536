import type { Edition } from '../../domain/index.js';
import { formatParts } from './rank.js';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** One section of `editions show --explain`: its papers with the scores stored when it was ranked. */
export interface ExplainedSection {
  label: string;
  slug: string;
  papers: Array<{
    id: string;
    title: string;
    score: number;
    parts: { upvotes: number; comments: number; sources: number; recency: number; growth: number };
  }>;
}

/** The scores an edition was ranked by, as stored with it (no recomputation: they are the record). */
export function explainEdition(edition: Edition): ExplainedSection[] {
  return edition.sections.map((s) => ({
    label: s.topic.label,
    slug: s.topic.slug,
    papers: s.papers.map((p) => ({
      id: p.id,
      title: p.title,
      score: round(p.score.total),
      parts: {
        upvotes: round(p.score.upvotes),
        comments: round(p.score.comments),
        sources: round(p.score.sources),
        recency: round(p.score.recency),
        growth: round(p.score.growth ?? 0),
      },
    })),
  }));
}

/** Lines as `rank --explain` prints them, under a "scores:" heading. */
export function formatExplained(sections: ExplainedSection[]): string[] {
  const lines = ['scores (as ranked):'];
  for (const s of sections) {
    lines.push(`${s.label}`);
    for (const p of s.papers) {
      lines.push(`  ${p.score.toFixed(4)}  ${p.id}  ${p.title}  [${formatParts(p.parts)}]`);
    }
  }
  return lines;
}
