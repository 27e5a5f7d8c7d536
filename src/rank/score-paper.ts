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
 * Points: `upvotes` and `comments` count as they are (times their weights), the number of distinct
 * sources is log-damped (`log2`: one source adds nothing, every doubling adds one), and the
 * `recency` weight is a base point every paper gets. The sum is divided by the Hacker-News gravity
 * decay `((age + 2) / 2) ^ gravity`: the HN formula `(age + 2) ^ gravity` scaled so that a paper of
 * age 0 keeps its points (same order, readable numbers). The recency part is thus what a fresh paper
 * with no votes still scores, and it decays like the rest.
 *
 * Votes are not log-damped on purpose: with gravity on hours, a log of the votes could never make
 * up for a few hours of age (a 16-hour-old paper with 200 upvotes would rank below a fresh one with
 * none), which is what HN's linear points avoid.
 */
export function scorePaper(paper: Paper, now: Date, weights: RankWeights): ScoreParts {
  const decay = ((ageHours(paper.published, now) + 2) / 2) ** weights.gravity;
  const sourceCount = Math.max(1, new Set(paper.sources).size);
  const upvotes = (weights.upvotes * Math.max(0, paper.upvotes)) / decay;
  const comments = (weights.comments * Math.max(0, paper.comments)) / decay;
  const sources = (weights.sources * Math.log2(sourceCount)) / decay;
  const recency = weights.recency / decay;
  return { upvotes, comments, sources, recency, total: upvotes + comments + sources + recency };
}
