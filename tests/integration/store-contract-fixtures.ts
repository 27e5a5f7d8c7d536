import {
  DELIVERY_STATES,
  type DeliveryCounts,
  type Edition,
  type Frequency,
  type NewSubscriber,
  type Paper,
  type RankedPaper,
  type Topic,
} from '../../src/domain/index.js';

/** A paper with every field filled; `over` replaces fields. */
export function makePaper(id: string, over: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Paper ${id}`,
    url: `https://arxiv.org/abs/${id}`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    published: '2025-01-02T00:00:00.000Z',
    summary: `Summary of ${id}.`,
    aiSummary: null,
    keywords: ['graphs'],
    categories: ['cs.LG'],
    upvotes: 1,
    comments: 0,
    sources: ['arxiv'],
    links: { abs: `https://arxiv.org/abs/${id}`, pdf: null, code: null, hf: null },
    ...over,
  };
}

/** A topic of the catalogue. */
export function makeTopic(slug: string, over: Partial<Topic> = {}): Topic {
  return { slug, label: slug.toUpperCase(), keywords: [slug], categories: [], userDefined: false, ...over };
}

function ranked(paper: Paper): RankedPaper {
  return { ...paper, score: { upvotes: paper.upvotes, comments: 0, sources: 1, recency: 1, total: 3 } };
}

/** An edition with one section holding `paperIds`. */
export function makeEdition(
  id: string,
  frequency: Frequency,
  paperIds: string[],
  date = '2025-01-03',
): Edition {
  return {
    id,
    frequency,
    date,
    createdAt: `${date}T08:00:00.000Z`,
    sections: [{ topic: makeTopic('ml'), papers: paperIds.map((p) => ranked(makePaper(p))), more: 2 }],
    more: 1,
  };
}

/** A confirmed daily subscriber. */
export function makeSubscriber(email: string, over: Partial<NewSubscriber> = {}): NewSubscriber {
  return { email, status: 'confirmed', topics: [], frequency: 'daily', ...over };
}

/** A fixed clock origin for tests: times are built from it, never read from the wall clock. */
export const T0 = new Date('2025-01-03T08:00:00.000Z');

/** `T0` plus `seconds`. */
export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

/** Delivery counts: every state at 0 but those given. */
export function deliveryCounts(some: Partial<DeliveryCounts>): DeliveryCounts {
  return { ...(Object.fromEntries(DELIVERY_STATES.map((st) => [st, 0])) as DeliveryCounts), ...some };
}
