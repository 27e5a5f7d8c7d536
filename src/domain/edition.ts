import type { RankedPaper } from './paper.js';
import { CATCH_ALL_SLUG, type Topic } from './topic.js';

export type Frequency = 'daily' | 'weekly';
export const FREQUENCIES: readonly Frequency[] = ['daily', 'weekly'];

export interface Section {
  topic: Topic;
  papers: RankedPaper[];
  /** Papers cut by the per-section cap ("N more on the web"). */
  more: number;
}

/** What one frequency publishes at one time. */
export interface Edition {
  id: string;
  frequency: Frequency;
  /** Publication day, YYYY-MM-DD (UTC). */
  date: string;
  createdAt: string;
  sections: Section[];
  /** Papers cut by the per-edition cap. */
  more: number;
  /** Ids of papers cut by the caps: published with this edition (web version), not in the mail. */
  overflowIds?: string[];
  /**
   * The same papers arranged for the web version: per topic, in rank order; topics of the letter
   * first in letter order, then topics the letter had no room for, then ungrouped papers
   * (`slug` null). Absent on editions stored before it existed.
   */
  webOnly?: WebOnlyGroup[];
  /**
   * Every topic's section with all its papers of the grouping pool, ranked, uncapped (`more`:
   * papers of it the web lists beyond the pool): what the letter of a reader of a few topics is
   * cut from, so a topic the all-topics letter had no room for still reaches its readers. With
   * `caps`; absent on editions stored before it existed (their readers are cut from `sections`).
   */
  topicSections?: Section[];
  /** The caps the letter was built with, applied again to each reader's own cut. */
  caps?: EditionCaps;
}

/** Papers a letter shows at most: per section, in "More papers", in all. */
export interface EditionCaps {
  perSection: number;
  catchAll: number;
  perEdition: number;
}

/** Papers of one topic that only the web version of an edition shows, best first. */
export interface WebOnlyGroup {
  slug: string | null;
  label: string;
  ids: string[];
}

/** The HTML anchor of a topic's section, shared by the letter ("N more ... on the web") and the site. */
export function sectionAnchor(slug: string): string {
  return `topic-${slug.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
}

/** The edition cut to one subscriber profile; rendered once, shared by its subscribers. */
export interface Variant {
  /** Stable key: frequency plus sorted topic slugs ("daily:*" for all topics). */
  key: string;
  frequency: Frequency;
  topics: string[];
}

/** Output of the renderer for one variant; per-subscriber placeholders still unfilled. */
export interface RenderedVariant {
  variantKey: string;
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

/**
 * The counts of one edition, in the one vocabulary the CLI, the site and the feed share:
 * `selected` papers are published with the edition, `inLetter` of them are in the letter (every
 * topic), `onWeb` are the rest, on the web version only.
 */
export interface EditionCounts {
  selected: number;
  inLetter: number;
  onWeb: number;
  /** Topic sections of the letter, not counting the catch-all ("More papers"). */
  topics: number;
  /** Whether the letter ends with the catch-all section. */
  catchAll: boolean;
}

/** Counts of a stored or planned edition (see {@link EditionCounts}). */
export function countEdition(edition: Edition): EditionCounts {
  const inLetter = edition.sections.reduce((n, s) => n + s.papers.length, 0);
  const onWeb = edition.overflowIds?.length ?? 0;
  const catchAll = edition.sections.some((s) => s.topic.slug === CATCH_ALL_SLUG);
  return {
    selected: inLetter + onWeb,
    inLetter,
    onWeb,
    topics: edition.sections.length - (catchAll ? 1 : 0),
    catchAll,
  };
}

/**
 * "10 topics and More papers" (the letter's sections, as the CLI names them); "More papers only"
 * for a letter of papers on as many subjects (a quiet day of five papers, one paper of a feed).
 */
export function describeSections(counts: Pick<EditionCounts, 'topics' | 'catchAll'>): string {
  if (counts.topics === 0 && counts.catchAll) return 'More papers only';
  const topics = `${counts.topics} ${counts.topics === 1 ? 'topic' : 'topics'}`;
  return counts.catchAll ? `${topics} and More papers` : topics;
}

/** "107 papers selected: 40 in the letter, 67 more on the web" (the words every output uses). */
export function describeCounts(counts: Pick<EditionCounts, 'selected' | 'inLetter' | 'onWeb'>): string {
  const noun = counts.selected === 1 ? 'paper' : 'papers';
  const web = counts.onWeb > 0 ? `, ${counts.onWeb} more on the web` : '';
  return `${counts.selected} ${noun} selected: ${counts.inLetter} in the letter${web}`;
}

/**
 * How many sections a letter of n papers reads well with: about 6-10 for 40 papers, 7-12 for 70,
 * 8-14 for 100 (an editor's numbers), fewer for a short letter, at most 16. A letter of fewer than
 * 26 papers (a personal digest of one Hugging Face day) has room for one section more than a
 * quarter of its papers: its papers are on as many subjects as a longer letter's, a few each
 * (60 seeded letters of 10-25 HF papers: NMI 0.683 -> 0.725, "More papers" 34% -> 28%).
 */
export function sectionBounds(n: number): [number, number] {
  if (n <= 5) return [1, 1];
  const quarter = Math.round(n / 4);
  const hi = Math.min(
    16,
    Math.max(2, n < 40 ? Math.max(quarter, Math.min(quarter + 1, 7)) : Math.round(10 + (n - 40) / 15)),
  );
  const lo = Math.min(hi, Math.max(1, Math.round(n < 40 ? n / 7 : 6 + (n - 40) / 30)));
  return [lo, hi];
}
