import type { RankedPaper } from './paper.js';
import type { Topic } from './topic.js';

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
