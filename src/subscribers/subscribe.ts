import { PaperpostError, type Subscriber } from '../domain/index.js';
import { decodeChoices, encodeChoices, parseFrequency, pickTopics } from './choices.js';
import { normalizeEmail } from './normalize-email.js';
import type { SubscriptionContext } from './ports.js';
import { buildConfirmUrl, buildSubscriberUrls } from './urls.js';

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
export type SubscribeDetail = 'mailed' | 'throttled' | 'suppressed';

export interface SubscribeResult {
  email: string;
  detail: SubscribeDetail;
}

/** Meta key of the last confirmation mail sent to a subscriber (persisted: survives restarts). */
export const confirmMailKey = (id: number): string => `subscribers:confirm-mail:${id}`;

function invalid(code: string, message: string): PaperpostError {
  return new PaperpostError('subscribers', code, message);
}

async function throttled(ctx: SubscriptionContext, id: number, now: Date): Promise<boolean> {
  const last = await ctx.store.getMeta(confirmMailKey(id));
  if (!last) return false;
  const lastMs = Date.parse(last);
  return Number.isFinite(lastMs) && now.getTime() - lastMs < ctx.confirmIntervalMinutes * 60_000;
}

/**
 * Double opt-in: a new address becomes pending, a pending one gets its choices updated, an
 * unsubscribed one becomes pending again; a confirmed one is left as is (its new choices ride in
 * the confirmation link, so nobody can change someone else's subscription). A confirmation mail
 * goes out at most once per `confirmIntervalMinutes`; suppressed addresses get nothing.
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
  const known = await ctx.store.getSubscriberByEmail(email);
  const choices =
    input.keepChoices && known
      ? { frequency: known.frequency, topics: known.topics }
      : { frequency, topics: pickTopics(input.topics, await ctx.store.listTopics()) };
  if (known?.status === 'suppressed') return { email, detail: 'suppressed' };
  let subscriber: Subscriber | undefined = known;
  if (known === undefined) {
    subscriber = await ctx.store.upsertSubscriber({ email, status: 'pending', ...choices });
  } else if (known.status !== 'confirmed') {
    subscriber = await ctx.store.updateSubscriber(known.id, { status: 'pending', ...choices }, now);
  }
  if (subscriber === undefined)
    throw invalid('subscriber-vanished', 'the subscriber disappeared during sign-up');
  if (await throttled(ctx, subscriber.id, now)) return { email, detail: 'throttled' };

  const confirmUrl = buildConfirmUrl(ctx.baseUrl, ctx.signer, subscriber.id, encodeChoices(choices), now);
  const mail = await ctx.templates.renderConfirmation({ confirmUrl, email });
  await ctx.mailer.sendTransactional({ to: email, subject: mail.subject, html: mail.html, text: mail.text });
  await ctx.store.setMeta(confirmMailKey(subscriber.id), now.toISOString());
  return { email, detail: 'mailed' };
}

export interface ConfirmResult {
  subscriber: Subscriber;
  /** true when this click confirmed a pending address (and the welcome mail went out). */
  welcomed: boolean;
  preferencesUrl: string;
}

/**
 * Confirm a pending address (or apply new choices of a confirmed one) from a confirmation token,
 * and send the welcome mail on the first confirmation. Bad, expired, wrong-purpose tokens and
 * tokens of people who left since throw `token-invalid`.
 */
export async function confirm(ctx: SubscriptionContext, token: string, now: Date): Promise<ConfirmResult> {
  const verified = ctx.signer.verify('confirm', token, now);
  const choices = verified ? decodeChoices(verified.extra) : undefined;
  const found = verified ? await ctx.store.getSubscriber(verified.subscriberId) : undefined;
  if (!verified || !choices || !found || (found.status !== 'pending' && found.status !== 'confirmed')) {
    throw invalid('token-invalid', 'this confirmation link is invalid or has expired');
  }
  const welcomed = found.status === 'pending';
  const updated = await ctx.store.updateSubscriber(found.id, { status: 'confirmed', ...choices }, now);
  const subscriber = updated ?? found;
  const urls = buildSubscriberUrls(ctx.baseUrl, ctx.signer, subscriber.id);
  if (welcomed) {
    const mail = await ctx.templates.renderWelcome({
      preferencesUrl: urls.preferencesUrl,
      unsubscribeUrl: urls.unsubscribeUrl,
    });
    await ctx.mailer.sendTransactional({
      to: subscriber.email,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
    });
  }
  return { subscriber, welcomed, preferencesUrl: urls.preferencesUrl };
}
