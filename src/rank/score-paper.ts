import type { Paper, ScoreParts } from '../domain/index.js';

/** Rank weights, as `rank` in the config (see src/config/schema.ts). */
export interface RankWeights {
  upvotes: number;
  comments: number;
  sources: number;
  recency: number;
  /** Points per upvote gained per day between refetches (absent: 0). */
  growth?: number;
  /** Hacker-News-style gravity: points / (age_hours + 2) ^ gravity. */
  gravity: number;
}

const HOUR_MS = 3_600_000;
/** How far ahead of the window's end a date may be (time zones, a feed's clock) and still count. */
const FUTURE_TOLERANCE_MS = 24 * HOUR_MS;
/** Age cap when no window is given: a daily edition's 3 days. */
export const DEFAULT_WINDOW_HOURS = 72;

/** The date a paper is aged by: when it reached a trending list (HF daily page), else its own. */
export function paperDate(paper: Pick<Paper, 'published' | 'listedAt'>): string | null {
  return paper.listedAt ?? paper.published;
}

/**
 * Age in hours at the window's end `end`, capped at the window's length: a paper older than the
 * window is as old as the window, not older. A missing, unparsable or future date (past a day's
 * tolerance) is not trusted: it counts as the whole window, so a 2099 date earns no freshness.
 */
export function ageHours(date: string | null, end: Date, windowHours = DEFAULT_WINDOW_HOURS): number {
  const t = date === null ? Number.NaN : Date.parse(date);
  if (Number.isNaN(t) || t > end.getTime() + FUTURE_TOLERANCE_MS) return windowHours;
  return Math.min(windowHours, Math.max(0, (end.getTime() - t) / HOUR_MS));
}

/**
 * The end of an edition's own window: its newest trustworthy paper date, never after `now`.
 * Recency counts back from here, so a set of papers from months ago (the shipped samples, a
 * backfill) ranks by how recent each is within that set, not by how far all are from today.
 */
export function windowEnd(papers: ReadonlyArray<Pick<Paper, 'published' | 'listedAt'>>, now: Date): Date {
  const limit = now.getTime() + FUTURE_TOLERANCE_MS;
  let newest = Number.NEGATIVE_INFINITY;
  for (const paper of papers) {
    const date = paperDate(paper);
    const t = date === null ? Number.NaN : Date.parse(date);
    if (!Number.isNaN(t) && t <= limit && t > newest) newest = t;
  }
  return Number.isFinite(newest) ? new Date(Math.min(now.getTime(), newest)) : now;
}

/**
 * Trending score of one paper at the window's end `end`, with its parts (`total` is their sum).
 *
 * Points: `upvotes` and `comments` count as they are (times their weights), `growth` counts the
 * upvotes gained per day between refetches, the number of distinct sources is log-damped (`log2`:
 * one source adds nothing, every doubling adds one), and the `recency` weight is a base point
 * every paper gets. The sum is divided by the Hacker-News gravity decay `((age + 2) / 2) ^
 * gravity`: the HN formula `(age + 2) ^ gravity` scaled so that a paper of age 0 keeps its points.
 * The age counts from {@link paperDate} and is capped at the window (see {@link ageHours}).
 *
 * Votes are not log-damped on purpose: with gravity on hours, a log of the votes could never make
 * up for a few hours of age (a 16-hour-old paper with 200 upvotes would rank below a fresh one with
 * none), which is what HN's linear points avoid.
 */
export function scorePaper(
  paper: Paper,
  end: Date,
  weights: RankWeights,
  windowHours = DEFAULT_WINDOW_HOURS,
): ScoreParts {
  const decay = ((ageHours(paperDate(paper), end, windowHours) + 2) / 2) ** weights.gravity;
  const sourceCount = Math.max(1, new Set(paper.sources).size);
  const upvotes = (weights.upvotes * Math.max(0, paper.upvotes)) / decay;
  const comments = (weights.comments * Math.max(0, paper.comments)) / decay;
  const sources = (weights.sources * Math.log2(sourceCount)) / decay;
  const recency = weights.recency / decay;
  const perDay = paper.upvotesPerDay;
  const growth =
    perDay !== undefined && Number.isFinite(perDay)
      ? ((weights.growth ?? 0) * Math.max(0, perDay)) / decay
      : 0;
  return {
    upvotes,
    comments,
    sources,
    recency,
    growth,
    total: upvotes + comments + sources + recency + growth,
  };
}

/**
 * Papers of one source whose listing is stale (its newest date is older than the window: a
 * shipped sample, a backfill, a feed that stopped) are listed from when Paperpost first saw them,
 * `now`, less how far down that listing each one was. So a snapshot from months ago ranks like
 * the day it was taken, not as months old; a live source keeps its own dates, and so do papers
 * older than the window within the stale listing (or undated): they were old on that day too.
 */
export function anchorStaleListing(papers: Paper[], now: Date, windowHours = DEFAULT_WINDOW_HOURS): Paper[] {
  const end = windowEnd(papers, now);
  if (now.getTime() - end.getTime() <= windowHours * HOUR_MS) return papers;
  return papers.map((paper) => {
    const date = paperDate(paper);
    const t = date === null ? Number.NaN : Date.parse(date);
    const age = end.getTime() - t;
    if (Number.isNaN(t) || age < 0 || age > windowHours * HOUR_MS) return paper;
    return { ...paper, listedAt: new Date(now.getTime() - age).toISOString() };
  });
}

/**
 * Papers of a feed that gives no date (ScienceDirect's journal feeds) are aged from when
 * Paperpost first saw them, `now` (the store keeps that first date): aged as the whole window, a
 * journal's undated papers never reached a letter beside the dated ones of other feeds (0 of 51
 * in a letter of seven journals). Papers with a date, or listed on a trending page, keep theirs.
 */
export function dateUndated(papers: Paper[], now: Date): Paper[] {
  const at = now.toISOString();
  return papers.map((p) => (p.published === null && !p.listedAt ? { ...p, listedAt: at } : p));
}
