/** A catalogue entry: stable slug, readable label. */
export interface Topic {
  slug: string;
  label: string;
  /** Words and phrases that describe it (for matching future papers), lowercase. */
  keywords: string[];
  /** arXiv categories that put a paper in it (user-defined topics). */
  categories: string[];
  /** true for topics defined in the config; they take precedence. */
  userDefined: boolean;
}

/** A group of papers from the grouping stage, before ranking. */
export interface TopicGroup {
  topic: Topic;
  paperIds: string[];
}
