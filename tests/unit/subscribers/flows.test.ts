import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/domain/index.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import {
  buildSubscriberUrls,
  confirm,
  createTokenSigner,
  drainMailQueue,
  pauseSubscription,
  readPreferences,
  resolveToken,
  resumeSubscription,
  type SubscriptionContext,
  selectedSlugs,
  subscribe,
  type TransactionalMail,
  unsubscribe,
  unsubscribeTopic,
  updatePreferences,
} from '../../../src/subscribers/index.js';

const topic = (slug: string): Topic => ({
  slug,
  label: slug,
  keywords: [],
  categories: [],
  userDefined: true,
});
const NOW = new Date('2025-03-01T10:00:00Z');
const later = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);

let store: Store;
let sent: TransactionalMail[];
let ctx: SubscriptionContext;

beforeEach(async () => {
  store = await createStore({ driver: 'sqlite', path: ':memory:' });
  await store.catalogue.saveTopics([topic('llm'), topic('vision'), topic('robotics')]);
  sent = [];
  ctx = {
    store,
    signer: createTokenSigner('s'.repeat(32)),
    mailer: { sendTransactional: async (mail) => void sent.push(mail) },
    templates: {
      renderConfirmation: ({ confirmUrl, email }) => ({
        subject: 'Confirm',
        html: confirmUrl,
        text: `${email} ${confirmUrl}`,
      }),
      renderWelcome: ({ preferencesUrl, unsubscribeUrl }) => ({
        subject: 'Welcome',
        html: preferencesUrl,
        text: unsubscribeUrl,
      }),
    },
    baseUrl: 'https://news.example.org',
    confirmIntervalMinutes: 10,
  };
});
afterEach(async () => store.close());

const tokenOf = (url: string): string => new URL(url).searchParams.get('token') ?? '';
/** Sends the queued mails at `at`, as `serve` or `send` would. */
const drain = (at = NOW) => drainMailQueue(ctx, () => at);

describe('subscribe and confirm', () => {
  it('creates a pending subscriber, mails a confirmation, confirms and welcomes once', async () => {
    const result = await subscribe(
      ctx,
      { email: ' Ada@Example.ORG ', topics: ['llm', 'nope'], frequency: 'weekly' },
      NOW,
    );
    expect(result).toEqual({ email: 'ada@example.org', detail: 'queued' });
    const pending = await store.subscribers.getSubscriberByEmail('ada@example.org');
    expect(pending).toMatchObject({ status: 'pending', topics: ['llm'], frequency: 'weekly' });
    expect(sent).toHaveLength(0); // queued, not sent while the request waits
    expect(await drain()).toMatchObject({ sent: 1 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('ada@example.org');
    const confirmUrl = sent[0]?.html ?? '';
    expect(confirmUrl.startsWith('https://news.example.org/confirm?token=')).toBe(true);

    const first = await confirm(ctx, tokenOf(confirmUrl), later(1));
    expect(first.welcomed).toBe(true);
    expect(first.subscriber).toMatchObject({ status: 'confirmed', topics: ['llm'], frequency: 'weekly' });
    await drain(later(1));
    expect(sent.map((m) => m.subject)).toEqual(['Confirm', 'Welcome']);
    const again = await confirm(ctx, tokenOf(confirmUrl), later(2));
    expect(again.welcomed).toBe(false);
    await drain(later(2));
    expect(sent).toHaveLength(2);
  });

  it('rate-limits confirmation mails per address and allows one after the interval', async () => {
    const input = { email: 'bob@example.org', topics: [], frequency: 'daily' };
    expect((await subscribe(ctx, input, NOW)).detail).toBe('queued');
    expect((await subscribe(ctx, input, later(5))).detail).toBe('throttled');
    expect((await subscribe(ctx, input, later(11))).detail).toBe('queued');
    await drain(later(11));
    expect(sent).toHaveLength(2);
  });

  it('never changes a confirmed subscription without a click: the choices ride in the link', async () => {
    await store.subscribers.upsertSubscriber({
      email: 'cy@example.org',
      status: 'confirmed',
      topics: ['vision'],
      frequency: 'daily',
    });
    const result = await subscribe(
      ctx,
      { email: 'cy@example.org', topics: ['robotics'], frequency: 'weekly' },
      NOW,
    );
    expect(result.detail).toBe('queued');
    await drain();
    expect(await store.subscribers.getSubscriberByEmail('cy@example.org')).toMatchObject({
      topics: ['vision'],
      frequency: 'daily',
    });
    const confirmed = await confirm(ctx, tokenOf(sent[0]?.html ?? ''), later(1));
    expect(confirmed.welcomed).toBe(false);
    expect(confirmed.subscriber).toMatchObject({
      topics: ['robotics'],
      frequency: 'weekly',
      status: 'confirmed',
    });
  });

  it('keeps known choices when a new link is asked for from an expired-link page', async () => {
    await store.subscribers.upsertSubscriber({
      email: 'kim@example.org',
      status: 'confirmed',
      topics: ['llm'],
      frequency: 'weekly',
    });
    await subscribe(
      ctx,
      { email: 'kim@example.org', topics: [], frequency: 'daily', keepChoices: true },
      NOW,
    );
    await drain();
    const confirmed = await confirm(ctx, tokenOf(sent[0]?.html ?? ''), later(1));
    expect(confirmed.subscriber).toMatchObject({ topics: ['llm'], frequency: 'weekly' });
  });

  it('sends nothing to a suppressed address but answers the same way', async () => {
    const row = await store.subscribers.upsertSubscriber({
      email: 'dee@example.org',
      status: 'confirmed',
      topics: [],
      frequency: 'daily',
    });
    await store.subscribers.updateSubscriber(row.id, { status: 'suppressed', suppressedReason: '550' }, NOW);
    const result = await subscribe(ctx, { email: 'dee@example.org', topics: [], frequency: 'daily' }, NOW);
    expect(result).toEqual({ email: 'dee@example.org', detail: 'suppressed' });
    expect(await drain()).toMatchObject({ sent: 0 });
    expect(sent).toHaveLength(0);
  });

  it('rejects bad input with codes', async () => {
    await expect(
      subscribe(ctx, { email: 'a@b.c\r\nBcc: x@y.z', topics: [], frequency: 'daily' }, NOW),
    ).rejects.toMatchObject({
      code: 'invalid-email',
    });
    await expect(
      subscribe(ctx, { email: 'a@example.org', topics: [], frequency: 'hourly' }, NOW),
    ).rejects.toMatchObject({
      code: 'invalid-frequency',
    });
    expect(sent).toHaveLength(0);
  });

  it('refuses bad, wrong-purpose and left-since confirmation tokens', async () => {
    await subscribe(ctx, { email: 'eve@example.org', topics: [], frequency: 'daily' }, NOW);
    await drain();
    const token = tokenOf(sent[0]?.html ?? '');
    const sub = await store.subscribers.getSubscriberByEmail('eve@example.org');
    const wrongPurpose = ctx.signer.sign('unsubscribe', sub?.key ?? '', 'd:');
    for (const bad of ['garbage', wrongPurpose, `${token}x`]) {
      await expect(confirm(ctx, bad, NOW)).rejects.toMatchObject({ code: 'token-invalid' });
    }
    await expect(confirm(ctx, token, later(8 * 24 * 60))).rejects.toMatchObject({ code: 'token-invalid' });
    await unsubscribe(ctx, sub?.id ?? 0, NOW);
    await expect(confirm(ctx, token, later(1))).rejects.toMatchObject({ code: 'token-invalid' });
  });
});

describe('manage', () => {
  async function confirmed(email: string, topics: string[] = []) {
    return store.subscribers.upsertSubscriber({ email, status: 'confirmed', topics, frequency: 'daily' });
  }

  it('resolves signed links to their subscriber', async () => {
    const sub = await confirmed('f@example.org');
    const urls = buildSubscriberUrls(ctx.baseUrl, ctx.signer, sub.key);
    expect(urls.oneClickUrl).toBe(urls.unsubscribeUrl);
    expect((await resolveToken(ctx, 'preferences', tokenOf(urls.preferencesUrl), NOW)).subscriber.id).toBe(
      sub.id,
    );
    const topicLink = await resolveToken(
      ctx,
      'topic-unsubscribe',
      tokenOf(urls.topicUnsubscribeUrl('llm')),
      NOW,
    );
    expect(topicLink.extra).toBe('llm');
    await expect(resolveToken(ctx, 'preferences', tokenOf(urls.unsubscribeUrl), NOW)).rejects.toMatchObject({
      code: 'token-invalid',
    });
    await store.subscribers.forgetSubscriber('f@example.org');
    await expect(resolveToken(ctx, 'preferences', tokenOf(urls.preferencesUrl), NOW)).rejects.toMatchObject({
      code: 'token-invalid',
    });
  });

  it('updates preferences, pauses, resumes and unsubscribes', async () => {
    const sub = await confirmed('g@example.org');
    expect(
      await updatePreferences(ctx, sub.id, { topics: ['vision', 'x'], frequency: 'weekly' }, NOW),
    ).toMatchObject({
      topics: ['vision'],
      frequency: 'weekly',
    });
    await expect(updatePreferences(ctx, sub.id, { topics: [], frequency: 'x' }, NOW)).rejects.toMatchObject({
      code: 'invalid-frequency',
    });
    expect((await pauseSubscription(ctx, sub.id, NOW)).status).toBe('unsubscribed');
    expect((await readPreferences(store, (await store.subscribers.getSubscriber(sub.id))!)).paused).toBe(
      true,
    );
    expect((await resumeSubscription(ctx, sub.id, NOW)).status).toBe('confirmed');
    const left = await unsubscribe(ctx, sub.id, NOW);
    expect(left.status).toBe('unsubscribed');
    expect(left.unsubscribedAt).not.toBeNull();
    expect((await readPreferences(store, left)).paused).toBe(false);
    expect((await unsubscribe(ctx, sub.id, later(1))).status).toBe('unsubscribed');
  });

  it('leaves one topic: "all topics" becomes "all except it", so later topics still arrive; the last topic unsubscribes', async () => {
    const all = await confirmed('h@example.org');
    const one = await unsubscribeTopic(ctx, all.id, 'vision', NOW);
    expect(one).toMatchObject({ left: false, subscriber: { topics: ['!vision'], status: 'confirmed' } });
    await store.catalogue.saveTopics([topic('speech')]);
    expect(selectedSlugs(one.subscriber.topics, await store.catalogue.listTopics())).toEqual([
      'llm',
      'robotics',
      'speech',
    ]);
    const two = await unsubscribeTopic(ctx, all.id, 'llm', NOW);
    expect(two.subscriber.topics).toEqual(['!llm', '!vision']);
    // Unticking fewer topics than kept on the preferences form keeps the broad shape too.
    const prefs = await updatePreferences(
      ctx,
      all.id,
      { topics: ['llm', 'robotics', 'speech'], frequency: 'daily' },
      NOW,
    );
    expect(prefs.topics).toEqual(['!vision']);
    for (const slug of ['llm', 'robotics', 'speech']) await unsubscribeTopic(ctx, all.id, slug, NOW);
    expect((await store.subscribers.getSubscriber(all.id))?.status).toBe('unsubscribed');
    const single = await confirmed('i@example.org', ['llm']);
    expect(await unsubscribeTopic(ctx, single.id, 'vision', NOW)).toMatchObject({ left: false });
    const last = await unsubscribeTopic(ctx, single.id, 'llm', NOW);
    expect(last).toMatchObject({ left: true, subscriber: { status: 'unsubscribed' } });
  });
});
