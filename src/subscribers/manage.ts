import {
  LEGACY_TOKEN_MAX_ID,
  PaperpostError,
  type Subscriber,
  type SubscriberStatus,
  type Topic,
} from '../domain/index.js';
import { leaveTopic, offeredTopics, parseFrequency, pickTopics } from './choices.js';
import type { SubscriberStore, SubscriptionContext } from './ports.js';
import type { TokenPurpose, TokenSigner, VerifiedToken } from './tokens.js';

/** Meta key set while a subscriber has paused (status `unsubscribed`, choices kept). */
export const pausedKey = (id: number): string => `subscribers:paused:${id}`;

export interface ResolvedToken {
  subscriber: Subscriber;
  extra: string;
}

/**
 * The subscriber a verified token names: by key; or, for a token signed before keys existed, by
 * id, only when this store issued that id (ids up to the one recorded by migration 0002; an
 * imported store records none), so an old link never acts on whoever holds the id now.
 */
export async function subscriberOfToken(
  store: SubscriberStore,
  verified: VerifiedToken,
): Promise<Subscriber | undefined> {
  if (verified.subscriberKey !== null) return store.subscribers.getSubscriberByKey(verified.subscriberKey);
  const legacyMax = Number(await store.runs.getMeta(LEGACY_TOKEN_MAX_ID));
  if (verified.legacyId === null || !(verified.legacyId <= legacyMax)) return undefined;
  return store.subscribers.getSubscriber(verified.legacyId);
}

/** The subscriber a link token names; throws `token-invalid` when it is bad, expired or orphaned. */
export async function resolveToken(
  deps: { store: SubscriberStore; signer: TokenSigner },
  purpose: TokenPurpose,
  token: string,
  now: Date,
): Promise<ResolvedToken> {
  const verified = deps.signer.verify(purpose, token, now);
  const subscriber = verified ? await subscriberOfToken(deps.store, verified) : undefined;
  if (!verified || !subscriber) {
    throw new PaperpostError('subscribers', 'token-invalid', 'this link is invalid or has expired');
  }
  return { subscriber, extra: verified.extra };
}

export interface PreferencesView {
  subscriber: Subscriber;
  paused: boolean;
  catalogue: Topic[];
}

/** What the preferences page shows. */
export async function readPreferences(
  store: SubscriberStore,
  subscriber: Subscriber,
): Promise<PreferencesView> {
  const paused =
    subscriber.status === 'unsubscribed' && Boolean(await store.runs.getMeta(pausedKey(subscriber.id)));
  return { subscriber, paused, catalogue: offeredTopics(await store.catalogue.listTopics()) };
}

function mustExist(subscriber: Subscriber | undefined, id: number): Subscriber {
  if (subscriber === undefined) throw new PaperpostError('subscribers', 'not-found', `no subscriber ${id}`);
  return subscriber;
}

/** Change topics and frequency; unknown slugs are dropped. Throws `invalid-frequency`. */
export async function updatePreferences(
  ctx: Pick<SubscriptionContext, 'store'>,
  subscriberId: number,
  input: { topics: readonly string[]; frequency: string },
  now: Date,
): Promise<Subscriber> {
  const frequency = parseFrequency(input.frequency);
  if (frequency === undefined) {
    throw new PaperpostError('subscribers', 'invalid-frequency', 'frequency must be daily or weekly');
  }
  const before = mustExist(await ctx.store.subscribers.getSubscriber(subscriberId), subscriberId);
  const topics = pickTopics(input.topics, await ctx.store.catalogue.listTopics(), before.topics);
  return mustExist(
    await ctx.store.subscribers.updateSubscriber(subscriberId, { topics, frequency }, now),
    subscriberId,
  );
}

/**
 * Moves a subscriber in one of the states `from` to `to`, then sets its pause mark to `paused`
 * (undefined: leaves it); a subscriber in another state is returned as it is.
 */
async function moveStatus(
  ctx: Pick<SubscriptionContext, 'store'>,
  subscriberId: number,
  change: { from: readonly SubscriberStatus[]; to: SubscriberStatus; paused?: string },
  now: Date,
): Promise<Subscriber> {
  const subscriber = mustExist(await ctx.store.subscribers.getSubscriber(subscriberId), subscriberId);
  if (!change.from.includes(subscriber.status)) return subscriber;
  const updated = await ctx.store.subscribers.updateSubscriber(subscriberId, { status: change.to }, now);
  if (change.paused !== undefined) await ctx.store.runs.setMeta(pausedKey(subscriberId), change.paused);
  return mustExist(updated, subscriberId);
}

/**
 * Stop mails at once. Pending and confirmed become `unsubscribed` (the ledger's claim skips them);
 * suppressed stays suppressed. Idempotent; a pause becomes a leave.
 */
export async function unsubscribe(
  ctx: Pick<SubscriptionContext, 'store'>,
  subscriberId: number,
  now: Date,
): Promise<Subscriber> {
  if (await ctx.store.runs.getMeta(pausedKey(subscriberId)))
    await ctx.store.runs.setMeta(pausedKey(subscriberId), '');
  return moveStatus(ctx, subscriberId, { from: ['pending', 'confirmed'], to: 'unsubscribed' }, now);
}

/** Pause: like unsubscribing, but remembered so the preferences page offers to resume. */
export function pauseSubscription(
  ctx: Pick<SubscriptionContext, 'store'>,
  subscriberId: number,
  now: Date,
): Promise<Subscriber> {
  return moveStatus(
    ctx,
    subscriberId,
    { from: ['confirmed'], to: 'unsubscribed', paused: now.toISOString() },
    now,
  );
}

/**
 * Resume after a pause or come back after leaving, from a preferences link (which proves the
 * mailbox). Suppressed (bounced) addresses stay suppressed.
 */
export function resumeSubscription(
  ctx: Pick<SubscriptionContext, 'store'>,
  subscriberId: number,
  now: Date,
): Promise<Subscriber> {
  return moveStatus(ctx, subscriberId, { from: ['unsubscribed'], to: 'confirmed', paused: '' }, now);
}

export interface TopicUnsubscribeResult {
  subscriber: Subscriber;
  /** true when that was the last topic, so the subscriber left altogether. */
  left: boolean;
}

/**
 * Leave one topic. "All topics" becomes "all except this one" (topics added later still arrive);
 * leaving the last one unsubscribes.
 */
export async function unsubscribeTopic(
  ctx: Pick<SubscriptionContext, 'store'>,
  subscriberId: number,
  slug: string,
  now: Date,
): Promise<TopicUnsubscribeResult> {
  const subscriber = mustExist(await ctx.store.subscribers.getSubscriber(subscriberId), subscriberId);
  const remaining = leaveTopic(subscriber.topics, slug, await ctx.store.catalogue.listTopics());
  if (remaining === undefined) return { subscriber: await unsubscribe(ctx, subscriberId, now), left: true };
  if (remaining.join(',') === subscriber.topics.join(',')) return { subscriber, left: false };
  const updated = await ctx.store.subscribers.updateSubscriber(subscriberId, { topics: remaining }, now);
  return { subscriber: mustExist(updated, subscriberId), left: false };
}
