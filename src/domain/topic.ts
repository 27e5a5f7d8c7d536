/**
 * Where a topic comes from: the operator's config, the curated catalogue shipped in data/, a
 * discovery of the grouping stage (a proposal), or a discovery the operator approved. Only
 * config, curated and approved topics are offered to the public.
 */
export type TopicOrigin = 'config' | 'curated' | 'discovered' | 'approved';

/** Slug of the catch-all section ("More papers"): always last, may show a single paper. */
export const CATCH_ALL_SLUG = 'other';

export const TOPIC_ORIGINS: readonly TopicOrigin[] = ['config', 'curated', 'discovered', 'approved'];

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
  /** Where it comes from; absent on old rows and ad-hoc topics (read as config/discovered). */
  origin?: TopicOrigin;
  /** One line saying what it covers (curated topics). */
  description?: string;
  /** Hidden by the operator: never offered, never claims papers. */
  hidden?: boolean;
  /** For a curated topic the operator merged into another: that topic's slug (it stays hidden). */
  mergedInto?: string;
  /**
   * For a topic of the shipped catalogue: the labels earlier catalogues shipped for it. A store
   * seeded before labels were tracked that still holds one of them takes the shipped label.
   */
  formerLabels?: string[];
  /**
   * For a section that is part of a catalogue topic (a sub-section of a topic that held many
   * papers): that topic's slug. A subscriber of the parent gets the sub-section.
   */
  parent?: string;
  /**
   * For the section of a broad area (see {@link TopicArea}): the catalogue topic (slug) of each of
   * its papers, by paper id. A subscriber of one of those topics gets that topic's papers of it.
   */
  paperTopics?: Record<string, string>;
  /**
   * For the section of a broad area, "More papers" or a section of arXiv classes: the label of
   * each topic of {@link paperTopics}; for the section of one topic, of each of {@link alsoTopics}.
   */
  topicLabels?: Record<string, string>;
  /**
   * For the section of one topic: the other topic (slug) a paper of it gives join evidence for
   * too, by paper id (papers naming none left out). A subscriber of that topic who does not follow
   * this one still gets the paper, under that topic's heading: a long-context reader the "MiniMax
   * Sparse Attention" of an "Efficient inference" section.
   */
  alsoTopics?: Record<string, string>;
  /**
   * Set on the section of an arXiv class that catalogue topics cover ("Machine learning" of a
   * cs.LG listing): the papers of that class on subjects no topic took, a catch-all of the class,
   * which a letter puts after its topics; and on the rest of a field's sections ("Other
   * mathematics" beside "Analysis of PDEs"). Not set on a section of a field no topic covers
   * ("Mathematics" of an all-archives listing): that is a subject heading like any other.
   */
  classCatchAll?: true;
}

/**
 * An editor's broad heading over related catalogue topics ("Computer vision" over image
 * generation, video generation, 3D vision...). In a short letter where each of those topics holds
 * a single paper, their papers read under the area's heading rather than among "More papers". An
 * area is never offered on its own: its sections reach the subscribers of its topics.
 */
export interface TopicArea {
  slug: string;
  label: string;
  description: string;
  /** Slugs of the catalogue topics it gathers (their parts with them). */
  topics: string[];
}

/**
 * The catalogue topic (slug) that takes the papers of an arXiv class no topic claims, by class:
 * `{"cs.CL": "nlp-applications"}` puts a language paper on no catalogued subject under "Language
 * understanding and text analysis" when the letter has that section, rather than in "More
 * papers" or a section of the class beside it ("Natural language processing").
 */
export type ClassHomes = Readonly<Record<string, string>>;

/**
 * Catalogue topics of machine learning applied to a field ("AI for science", "Medical AI",
 * "Efficient inference"): their key phrases name the field ("molecules", "clinical", "FPGA"),
 * which that field's own papers say without learning anything. A paper with arXiv categories,
 * none of them of its topic's `topics` entry (archives such as "cs", classes such as "stat.ML":
 * where learning is at home for that topic), joins the topic (or its parts) only when its title,
 * abstract or keywords say one of `phrases`: a quantum chemistry paper of a physicist's letter is
 * not "AI for science"; a paper without categories (a Hugging Face trending paper) is read as
 * machine learning.
 * A topic of `own` asks for its own phrases instead: "LLM agents" outside cs.CL for a language
 * model ("LLM", "language model", "agentic"), as the robot, virtual human or economic "agent" of
 * another field's paper is no LLM agent; "Visual recognition" outside vision's classes for
 * something seen ("image", "camera", "optical"), as a radar's "target tracking" is not. A paper
 * without categories is asked for them too when it says only the topic's one-word or hyphenated
 * phrases ("agents", "multi-agent"); one of its phrases of words apart ("gaze estimation") it is
 * taken at.
 */
export interface AppliedTopics {
  /** By catalogue topic slug (not a part): the arXiv archives and classes where learning is at home. */
  topics: Readonly<Record<string, readonly string[]>>;
  /** Words and phrases that say a paper learns ("learning", "neural network"). */
  phrases: readonly string[];
  /**
   * By slug of `topics`: the words and phrases a paper must say for that topic instead of
   * `phrases` (what it applies, where the shared ones say learning). Absent: none has its own.
   */
  own?: Readonly<Record<string, readonly string[]>>;
}

/** A group of papers from the grouping stage, before ranking. */
export interface TopicGroup {
  topic: Topic;
  paperIds: string[];
  /**
   * Papers of `paperIds` placed for being close to the section's papers, saying no key phrase of
   * its topic: a letter shows them after those that do (see rankSections).
   */
  closeOnly?: string[];
  /**
   * Papers of `paperIds` whose title says a key phrase of the section's topic: in a letter no
   * reader pushed (arXiv listings, whose scores differ by minutes of age) they lead the section.
   */
  titled?: string[];
}

/** The origin of a topic, old rows and ad-hoc topics included. */
export function topicOrigin(topic: Pick<Topic, 'origin' | 'userDefined'>): TopicOrigin {
  return topic.origin ?? (topic.userDefined ? 'config' : 'discovered');
}

/**
 * The parent slug of a part's slug (`parent--part`, a sub-area of a catalogue topic such as
 * `llm-agents--memory`), or undefined for a topic of its own.
 */
export function partParent(slug: string): string | undefined {
  const at = slug.indexOf('--');
  return at > 0 ? slug.slice(0, at) : undefined;
}

/**
 * true for a topic the public may subscribe to: defined, curated or approved, not hidden, and
 * not a part of another topic (a part is offered through its parent only).
 */
export function isOffered(topic: Pick<Topic, 'slug' | 'origin' | 'userDefined' | 'hidden'>): boolean {
  return topicOrigin(topic) !== 'discovered' && topic.hidden !== true && partParent(topic.slug) === undefined;
}
