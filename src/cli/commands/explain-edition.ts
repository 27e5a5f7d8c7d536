import type { Edition } from '../../domain/index.js';
import { explainScore, formatScoreParts, type ScoreExplanation } from '../../rank/index.js';

/** One section of `editions show --explain`: its papers with the scores stored when it was ranked. */
export interface ExplainedSection {
  label: string;
  slug: string;
  papers: Array<{
    id: string;
    title: string;
    score: number;
    parts: ScoreExplanation['parts'];
  }>;
}

/** The scores an edition was ranked by, as stored with it (no recomputation: they are the record). */
export function explainEdition(edition: Edition): ExplainedSection[] {
  return edition.sections.map((s) => ({
    label: s.topic.label,
    slug: s.topic.slug,
    papers: s.papers.map((p) => {
      const { total, parts } = explainScore(p.score);
      return { id: p.id, title: p.title, score: total, parts };
    }),
  }));
}

/** Lines as `rank --explain` prints them, under a "scores:" heading. */
export function formatExplained(sections: ExplainedSection[]): string[] {
  const lines = ['scores (as ranked):'];
  for (const s of sections) {
    lines.push(`${s.label}`);
    for (const p of s.papers) {
      lines.push(`  ${p.score.toFixed(4)}  ${p.id}  ${p.title}  [${formatScoreParts(p.parts)}]`);
    }
  }
  return lines;
}
