import { describeError, type QueuedMail } from '../domain/index.js';
import type { RenderedMail, SubscriptionContext } from './ports.js';
import { buildConfirmUrl, buildSubscriberUrls } from './urls.js';

export interface DrainOptions {
  /** Mails claimed per round (default 20). */
  batchSize?: number;
  /** How long a claimed mail is ours before another drainer may take it (default 120 s). */
  leaseSeconds?: number;
  /** Tries before a mail is dropped (default 8: about a day with the default backoff). */
  maxAttempts?: number;
  /** Wait before the second try; doubles per try, capped at 6 h (default 60 s). */
  retryBaseSeconds?: number;
  /** Stop claiming after this many rounds (default: until the queue has nothing due). */
  maxRounds?: number;
  /** Told about each failed try (the queue keeps the mail). */
  onError?: (mail: QueuedMail, error: string, willRetry: boolean) => void;
}

export interface DrainSummary {
  sent: number;
  /** Failed tries put back for later. */
  retried: number;
  /** Given up after `maxAttempts`. */
  dropped: number;
  /** No longer wanted (the person left, was erased or confirmed meanwhile). */
  skipped: number;
}

type DrainContext = Pick<SubscriptionContext, 'store' | 'signer' | 'mailer' | 'templates' | 'baseUrl'>;

/** The mail for a queued entry, or undefined when its subscriber no longer wants it. */
async function renderQueued(
  ctx: DrainContext,
  mail: QueuedMail,
  now: Date,
): Promise<RenderedMail | undefined> {
  const subscriber = await ctx.store.subscribers.getSubscriber(mail.subscriberId);
  if (subscriber === undefined || subscriber.email !== mail.email) return undefined;
  if (mail.kind === 'confirm') {
    if (subscriber.status !== 'pending' && subscriber.status !== 'confirmed') return undefined;
    const confirmUrl = buildConfirmUrl(ctx.baseUrl, ctx.signer, subscriber.key, mail.extra, now);
    return ctx.templates.renderConfirmation({ confirmUrl, email: subscriber.email });
  }
  if (subscriber.status !== 'confirmed') return undefined;
  const urls = buildSubscriberUrls(ctx.baseUrl, ctx.signer, subscriber.key);
  return ctx.templates.renderWelcome({
    preferencesUrl: urls.preferencesUrl,
    unsubscribeUrl: urls.unsubscribeUrl,
  });
}

/**
 * Sends what the transactional mail queue holds (confirmation and welcome mails): claims due
 * mails under a lease, renders each for its subscriber as they are now, hands it to the mailer,
 * and removes it. A failed try waits (exponential backoff) and is retried by whichever process
 * drains next; a drainer that dies leaves its mails to the next one when the lease ends.
 */
export async function drainMailQueue(
  ctx: DrainContext,
  now: () => Date,
  options: DrainOptions = {},
): Promise<DrainSummary> {
  const batchSize = options.batchSize ?? 20;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.retryBaseSeconds ?? 60;
  const summary: DrainSummary = { sent: 0, retried: 0, dropped: 0, skipped: 0 };
  for (let round = 0; round < (options.maxRounds ?? Number.POSITIVE_INFINITY); round++) {
    const claimed = await ctx.store.mailQueue.claimQueuedMails({
      limit: batchSize,
      leaseSeconds,
      now: now(),
    });
    for (const mail of claimed) {
      try {
        const rendered = await renderQueued(ctx, mail, now());
        if (rendered === undefined) {
          summary.skipped += 1;
        } else {
          await ctx.mailer.sendTransactional({ to: mail.email, ...rendered });
          summary.sent += 1;
        }
        await ctx.store.mailQueue.completeQueuedMail(mail.id);
      } catch (err) {
        const error = describeError(err);
        const willRetry = mail.attempts < maxAttempts;
        options.onError?.(mail, error, willRetry);
        if (willRetry) {
          const delay = Math.min(base * 2 ** Math.min(mail.attempts - 1, 20), 6 * 3600);
          await ctx.store.mailQueue.retryQueuedMail(mail.id, error, new Date(now().getTime() + delay * 1000));
          summary.retried += 1;
        } else {
          await ctx.store.mailQueue.completeQueuedMail(mail.id);
          summary.dropped += 1;
        }
      }
    }
    if (claimed.length < batchSize) break;
  }
  return summary;
}
