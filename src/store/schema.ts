import type { Generated } from 'kysely';

/** Row shapes of the tables, as Kysely sees them (JSON columns are text, times ISO strings). */
export interface SourcesTable {
  id: string;
  etag: string | null;
  last_modified: string | null;
  last_status: string | null;
  last_fetched_at: string | null;
  failures_in_row: number;
  last_error: string | null;
}

export interface PapersTable {
  id: string;
  title: string;
  url: string;
  authors: string;
  published: string | null;
  summary: string;
  ai_summary: string | null;
  keywords: string;
  categories: string;
  upvotes: number;
  comments: number;
  sources: string;
  links: string;
  first_seen: string;
  updated_at: string;
  thumbnail: string | null;
  listed_at: string | null;
}

/** One fetch's upvotes and comments of a paper (migration 0005). */
export interface PaperSnapshotsTable {
  paper_id: string;
  seen_at: string;
  upvotes: number;
  comments: number;
}

export interface TopicsTable {
  slug: string;
  label: string;
  keywords: string;
  categories: string;
  user_defined: number;
  created_at: string;
  origin: Generated<string>;
  hidden: Generated<number>;
  description: Generated<string>;
  papers: Generated<number>;
  /** The catalogue's label `label` was last taken from; null when unknown (0008). */
  shipped_label: string | null;
  /** The topic a curated topic was merged into (hidden since); null for the others (0008). */
  merged_into: string | null;
}

export interface EditionsTable {
  id: string;
  frequency: string;
  date: string;
  created_at: string;
  data: string;
  /** Every topic's ranked section and the caps, JSON (0007); null on older editions. */
  reader_sections: string | null;
}

export interface EditionPapersTable {
  edition_id: string;
  frequency: string;
  paper_id: string;
}

export interface RenderedVariantsTable {
  edition_id: string;
  variant_key: string;
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

export interface SubscribersTable {
  id: Generated<number>;
  email: string;
  name: string | null;
  status: string;
  topics: string;
  frequency: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  suppressed_reason: string | null;
  updated_at: string;
  /** Random, unique, never reassigned: what links name (0002). Null only between migration steps. */
  key: string | null;
}

export interface DeliveriesTable {
  id: Generated<number>;
  edition_id: string;
  subscriber_id: number;
  email: string;
  variant_key: string;
  state: string;
  attempts: number;
  last_reply: string | null;
  message_id: string;
  retry_at: string | null;
  lease_until: string | null;
  claimed_by: string | null;
  sent_at: string | null;
  /** The subscriber's key when the row was written, for the links of that mail (0002). */
  subscriber_key: string | null;
}

export interface RunsTable {
  id: string;
  kind: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  edition_id: string | null;
  summary: string | null;
  /** `host:pid` of the process running it (null for runs recorded before 0003). */
  owner: string | null;
}

export interface MailQueueTable {
  id: Generated<number>;
  kind: string;
  subscriber_id: number;
  email: string;
  extra: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  window_end: string;
  hits: number;
}

export interface LocksTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface BouncesTable {
  id: Generated<number>;
  fingerprint: string;
  delivery_id: number | null;
  subscriber_id: number;
  edition_id: string | null;
  email: string;
  class: string;
  reason: string;
  status: string | null;
  feedback_type: string | null;
  diagnostic: string | null;
  source: string;
  received_at: string;
}

/** The whole database, for `Kysely<Database>`. */
export interface Database {
  sources: SourcesTable;
  papers: PapersTable;
  paper_snapshots: PaperSnapshotsTable;
  topics: TopicsTable;
  editions: EditionsTable;
  edition_papers: EditionPapersTable;
  rendered_variants: RenderedVariantsTable;
  subscribers: SubscribersTable;
  deliveries: DeliveriesTable;
  runs: RunsTable;
  locks: LocksTable;
  meta: MetaTable;
  mail_queue: MailQueueTable;
  rate_limits: RateLimitsTable;
  bounces: BouncesTable;
}
