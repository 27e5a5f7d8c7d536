import type { Selectable } from 'kysely';
import type {
  Delivery,
  DeliveryState,
  Frequency,
  Paper,
  PaperLinks,
  SourceState,
  Subscriber,
  SubscriberStatus,
  Topic,
  TopicOrigin,
} from '../domain/index.js';
import { TOPIC_ORIGINS } from '../domain/index.js';
import type { DeliveriesTable, PapersTable, SourcesTable, SubscribersTable, TopicsTable } from './schema.js';

/** Parses a JSON text column, falling back when it is empty or broken. */
export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * Adds `count(*) ... GROUP BY key` rows into `counts`, a record of every known key at 0; a key it
 * does not know (a state or class of a newer version) is left out. Returns `counts`.
 */
export function addCounts<C extends { [K in keyof C]: number }>(
  counts: C,
  rows: Iterable<{ key: string; n: unknown }>,
): C {
  for (const { key, n } of rows) if (key in counts) (counts as Record<string, number>)[key] = Number(n);
  return counts;
}

/** Topic slugs as stored: sorted, unique, joined by ','; '' means every topic. */
export function joinTopics(topics: readonly string[]): string {
  return [...new Set(topics.map((t) => t.trim()).filter((t) => t !== ''))].sort().join(',');
}

function splitTopics(text: string): string[] {
  return text === '' ? [] : text.split(',');
}

const NO_LINKS: PaperLinks = { abs: null, pdf: null, code: null, hf: null };

/** Row -> Paper. */
export function toPaper(row: Selectable<PapersTable>): Paper {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    authors: parseJson<string[]>(row.authors, []),
    published: row.published,
    summary: row.summary,
    aiSummary: row.ai_summary,
    keywords: parseJson<string[]>(row.keywords, []),
    categories: parseJson<string[]>(row.categories, []),
    upvotes: Number(row.upvotes),
    comments: Number(row.comments),
    sources: parseJson<string[]>(row.sources, []),
    links: { ...NO_LINKS, ...parseJson<Partial<PaperLinks>>(row.links, {}) },
    ...(row.thumbnail ? { thumbnail: row.thumbnail } : {}),
    ...(row.listed_at ? { listedAt: row.listed_at } : {}),
  };
}

/** Row -> Topic. */
export function toTopic(row: Selectable<TopicsTable>): Topic {
  return {
    slug: row.slug,
    label: row.label,
    keywords: parseJson<string[]>(row.keywords, []),
    categories: parseJson<string[]>(row.categories, []),
    userDefined: Number(row.user_defined) === 1,
    origin: TOPIC_ORIGINS.includes(row.origin as TopicOrigin) ? (row.origin as TopicOrigin) : 'discovered',
    ...(Number(row.hidden) === 1 ? { hidden: true } : {}),
    ...(row.description ? { description: row.description } : {}),
    ...(row.merged_into ? { mergedInto: row.merged_into } : {}),
  };
}

/** Row -> SourceState. */
export function toSourceState(row: Selectable<SourcesTable>): SourceState {
  return {
    id: row.id,
    etag: row.etag,
    lastModified: row.last_modified,
    lastStatus: row.last_status,
    lastFetchedAt: row.last_fetched_at,
    failuresInRow: Number(row.failures_in_row),
    lastError: row.last_error,
  };
}

/** Row -> Subscriber. */
export function toSubscriber(row: Selectable<SubscribersTable>): Subscriber {
  return {
    id: Number(row.id),
    key: row.key ?? '',
    email: row.email,
    name: row.name,
    status: row.status as SubscriberStatus,
    topics: splitTopics(row.topics),
    frequency: row.frequency as Frequency,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
    unsubscribedAt: row.unsubscribed_at,
    suppressedReason: row.suppressed_reason,
  };
}

/** Row -> Delivery. */
export function toDelivery(row: Selectable<DeliveriesTable>): Delivery {
  return {
    id: Number(row.id),
    editionId: row.edition_id,
    subscriberId: Number(row.subscriber_id),
    subscriberKey: row.subscriber_key ?? '',
    email: row.email,
    variantKey: row.variant_key,
    state: row.state as DeliveryState,
    attempts: Number(row.attempts),
    lastReply: row.last_reply,
    messageId: row.message_id,
    retryAt: row.retry_at,
    leaseUntil: row.lease_until,
    sentAt: row.sent_at,
  };
}
