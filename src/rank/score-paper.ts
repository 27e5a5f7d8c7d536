import type { Paper, ScoreParts } from '../domain/index.js';

/** Rank weights, as `rank` in the config (see src/config/schema.ts). */
export interface RankWeights {
  upvotes: number;
  comments: number;
  sources: number;
  recency: number;
  /** Hacker-News-style gravity: points / (age_hours + 2) ^ gravity. */
  gravity: number;
}

const HOUR_MS = 3_600_000;

/** Age in hours at `now`; a missing, unparsable or future date counts as age 0. */
export function ageHours(published: string | null, now: Date): number {
  if (published === null) return 0;
  const t = Date.parse(published);
  if (Number.isNaN(t)) return 0;
  return Math.max(0, (now.getTime() - t) / HOUR_MS);
}

/**
 * Trending score of one paper, with its parts (`total` is their sum).
 *
 * Points are log-damped so one viral paper does not flatten the rest: `ln(1 + upvotes)`,
 * `ln(1 + comments)` and `log2(sources)` (one source adds nothing, every doubling adds one), each
 * times its weight, plus the `recency` weight as a base point every paper gets. The sum is divided by
 * the Hacker-News gravity decay `((age + 2) / 2) ^ gravity`: the HN formula `(age + 2) ^ gravity`
 * scaled so a paper of age 0 keeps its points (the order is the same, the numbers stay readable).
 * So the recency part is what a fresh paper with no votes still scores, and it decays like the rest.
 */
export function scorePaper(paper: Paper, now: Date, weights: RankWeights): ScoreParts {
  const decay = ((ageHours(paper.published, now) + 2) / 2) ** weights.gravity;
  const sourceCount = Math.max(1, new Set(paper.sources).size);
  const upvotes = (weights.upvotes * Math.log1p(Math.max(0, paper.upvotes))) / decay;
  const comments = (weights.comments * Math.log1p(Math.max(0, paper.comments))) / decay;
  const sources = (weights.sources * Math.log2(sourceCount)) / decay;
  const recency = weights.recency / decay;
  return { upvotes, comments, sources, recency, total: upvotes + comments + sources + recency };
}
