import type { ScoreParts } from '../domain/index.js';

/** A score's parts rounded to 4 decimals, in the order `formatScoreParts` prints them. */
export interface ScoreExplanation {
  total: number;
  parts: { upvotes: number; comments: number; sources: number; recency: number; growth: number };
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** How a trending score is made up (`rank --explain`, `editions show --explain`). */
export function explainScore(score: ScoreParts): ScoreExplanation {
  return {
    total: round(score.total),
    parts: {
      upvotes: round(score.upvotes),
      comments: round(score.comments),
      sources: round(score.sources),
      recency: round(score.recency),
      growth: round(score.growth ?? 0),
    },
  };
}

/** "upvotes 1.2 + comments 0 + sources 0.5 + recency 0.1 + growth 0" (the score's parts). */
export function formatScoreParts(parts: ScoreExplanation['parts']): string {
  return Object.entries(parts)
    .map(([name, value]) => `${name} ${value}`)
    .join(' + ');
}
