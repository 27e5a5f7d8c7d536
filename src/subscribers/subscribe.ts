import { PaperpostError, type Subscriber } from '../domain/index.js';
import { decodeChoices, encodeChoices, parseFrequency, pickTopics } from './choices.js';
import { subscriberOfToken } from './manage.js';
import { normalizeEmail } from './normalize-email.js';
import type { Choices, SubscriptionContext } from './ports.js';
import { buildSubscriberUrls } from './urls.js';

export interface SubscribeInput {
  email: string;
  topics: readonly string[];
  frequency: string;
  /**
   * Keep a known address's topics and frequency (the "send me a new link" form of an expired
   * link page asks for no choices and must not reset them).
   */
  keepChoices?: boolean;
}

/**
 * What happened, for logs and tests only: callers must show the same thing for every detail,
 * so that nobody learns whether an address is known.
 */
export type SubscribeDetail = 'queued' | 'throttled' | 'suppressed';

export interface SubscribeResult {
  email: string;
  detail: SubscribeDetail;
}

/** Meta key of the last confirmation mail of a subscriber in releases before the shared throttle. */
export const confirmMailKey = (id: number): string => `subscribers:confirm-mail:${id}`;

/** Rate-window key of the confirmation-mail throttle of an address (shared through the store). */
export const confirmThrottleKey = (email: string): string => `confirm-mail:${email}`;

function invalid(code: string, message: string): PaperpostError {
  return new PaperpostError('subscribers', code, message);
}

/**
 * Double opt-in: a new address becomes pending, a pending one gets its choices updated, an
 * unsubscribed one becomes pending again; a confirmed one is left as is (its new choices ride in
 * the confirmation link, so nobody can change someone else's subscription). A confirmation mail
 * is queued in the store at most once per `confirmIntervalMinutes` per address (a window the
 * store counts atomically, so parallel requests and replicas share it); suppressed addresses get
 * nothing. No mail is sent here: every state costs the same few store writes, so neither the
 * answer nor its timing tells whether an address is known (`drainMailQueue` sends).
 * Throws `invalid-email` / `invalid-frequency` for bad input.
 */
export async function subscribe(
  ctx: SubscriptionContext,
  input: SubscribeInput,
  now: Date,
): Promise<SubscribeResult> {
  const email = normalizeEmail(input.email);
  if (email === undefined) throw invalid('invalid-email', 'not a valid email address');
  const frequency = parseFrequency(input.frequency);
  if (frequency === undefined) throw invalid('invalid-frequency', 'frequency must be daily or weekly');
  const known = await ctx.store.subscribers.getSubscriberByEmail(email);
  const choices =
    input.keepChoices && known
      ? { frequency: known.frequency, topics: known.topics }
      : { frequency, topics: pickTopics(input.topics, await ctx.store.catalogue.listTopics()) };
  // Taken for every state, suppressed included, so that all do the same work.
  const gate = await ctx.store.mailQueue.takeRateLimit(
    confirmThrottleKey(email),
    1,
    Math.max(1, ctx.confirmIntervalMinutes * 60),
    now,
  );
  if (known?.status === 'suppressed') return { email, detail: 'suppressed' };
  let subscriber: Subscriber | undefined = known;
  if (known === undefined) {
    subscriber = await ctx.store.subscribers.upsertSubscriber({ email, status: 'pending', ...choices });
  } else if (known.status !== 'confirmed') {
    subscriber = await ctx.store.subscribers.updateSubscriber(
      known.id,
      { status: 'pending', ...choices },
      now,
    );
  }
  if (subscriber === undefined)
    throw invalid('subscriber-vanished', 'the subscriber disappeared during sign-up');
  if (!gate.allowed) return { email, detail: 'throttled' };
  const extra = encodeChoices(choices);
  await ctx.store.mailQueue.enqueueMail({ kind: 'confirm', subscriberId: subscriber.id, email, extra }, now);
  return { email, detail: 'queued' };
}

export interface ConfirmResult {
  subscriber: Subscriber;
  /** true when this click confirmed a pending address (and the welcome mail was queued). */
  welcomed: boolean;
  preferencesUrl: string;
}

/**
 * The subscriber and choices a confirmation token stands for, without changing anything (the
 * page a link opens). Bad, expired, wrong-purpose tokens and tokens of people who left since
 * throw `token-invalid`.
 */
export async function checkConfirmToken(
  ctx: Pick<SubscriptionContext, 'store' | 'signer'>,
  token: string,
  now: Date,
): Promise<{ subscriber: Subscriber; choices: Choices }> {
  const verified = ctx.signer.verify('confirm', token, now);
  const choices = verified ? decodeChoices(verified.extra) : undefined;
  const found = verified ? await subscriberOfToken(ctx.store, verified) : undefined;
  if (!verified || !choices || !found || (found.status !== 'pending' && found.status !== 'confirmed')) {
    throw invalid('token-invalid', 'this confirmation link is invalid or has expired');
  }
  return { subscriber: found, choices };
}

/**
 * Confirm a pending address (or apply new choices of a confirmed one) from a confirmation token,
 * and queue the welcome mail on the first confirmation. Throws `token-invalid` as
 * `checkConfirmToken` does.
 */
export async function confirm(ctx: SubscriptionContext, token: string, now: Date): Promise<ConfirmResult> {
  const { subscriber: found, choices } = await checkConfirmToken(ctx, token, now);
  const welcomed = found.status === 'pending';
  const updated = await ctx.store.subscribers.updateSubscriber(
    found.id,
    { status: 'confirmed', ...choices },
    now,
  );
  const subscriber = updated ?? found;
  const urls = buildSubscriberUrls(ctx.baseUrl, ctx.signer, subscriber.key);
  if (welcomed) {
    await ctx.store.mailQueue.enqueueMail(
      { kind: 'welcome', subscriberId: subscriber.id, email: subscriber.email },
      now,
    );
  }
  return { subscriber, welcomed, preferencesUrl: urls.preferencesUrl };
}
