import type { Context, Hono } from 'hono';
import { CATCH_ALL_SLUG, type Subscriber } from '../domain/index.js';
import {
  buildSubscriberUrls,
  parseFrequency,
  pauseSubscription,
  readPreferences,
  resolveToken,
  resumeSubscription,
  selectedSlugs,
  type TokenPurpose,
  unsubscribe,
  unsubscribeTopic,
  updatePreferences,
} from '../subscribers/index.js';
import { type FormBody, field, fields, queryToken, readForm, type ServerParts } from './parts.js';

const STATUS_TEXT: Record<Subscriber['status'], string> = {
  pending: 'waiting for confirmation',
  confirmed: 'subscribed',
  unsubscribed: 'not subscribed',
  suppressed: 'mails to this address bounced; contact us to resume',
};

const NOTICES: Record<string, string> = {
  save: 'Your preferences are saved.',
  pause: 'Paused. No digest until you resume.',
  resume: 'Welcome back: the digest resumes with the next edition.',
  leave: 'You are unsubscribed. No more digests will be sent.',
};

/** `GET|POST /preferences`, `GET|POST /unsubscribe` (RFC 8058 one-click), `GET|POST /unsubscribe/topic`. */
export function registerManageRoutes(app: Hono, parts: ServerParts): void {
  const { pages, flows, tokens, logger } = parts;
  const selfUrl = (c: Context, path: string): string => `${path}?token=${encodeURIComponent(queryToken(c))}`;
  const resolve = (c: Context, purpose: TokenPurpose) =>
    resolveToken(flows, purpose, queryToken(c), parts.now());

  async function preferencesPage(
    c: Context,
    subscriber: Subscriber,
    notice?: string,
    error?: string,
  ): Promise<Response> {
    const view = await readPreferences(flows.store, subscriber);
    return pages.page(
      c,
      '@preferences',
      {
        pageTitle: 'Preferences',
        email: subscriber.email,
        statusText: view.paused ? 'paused' : STATUS_TEXT[subscriber.status],
        active: subscriber.status === 'confirmed' || subscriber.status === 'pending',
        canResume: subscriber.status === 'unsubscribed',
        paused: view.paused,
        catalogue: view.catalogue,
        selected: selectedSlugs(subscriber.topics, view.catalogue),
        frequency: subscriber.frequency,
        action: selfUrl(c, '/preferences'),
        notice,
        error,
      },
      error === undefined ? 200 : 400,
    );
  }

  app.get('/preferences', async (c) => preferencesPage(c, (await resolve(c, 'preferences')).subscriber));

  app.post('/preferences', async (c) => {
    parts.limitIp(c);
    const body = await readForm(c);
    tokens.check(c, body._csrf);
    const { subscriber } = await resolve(c, 'preferences');
    const action = field(body, 'action');
    const now = parts.now();
    let updated: Subscriber = subscriber;
    if (action === 'pause') updated = await pauseSubscription(flows, subscriber.id, now);
    else if (action === 'resume') updated = await resumeSubscription(flows, subscriber.id, now);
    else if (action === 'leave') updated = await unsubscribe(flows, subscriber.id, now);
    else {
      const input = { topics: fields(body, 'topics'), frequency: field(body, 'frequency') };
      if (parseFrequency(input.frequency) === undefined) {
        // The preferences page again, with the field's error: not the subscribe page.
        return preferencesPage(c, subscriber, undefined, 'Please choose daily or weekly.');
      }
      updated = await updatePreferences(flows, subscriber.id, input, now);
    }
    logger.info({ event: 'preferences', action: action || 'save' }, 'preferences');
    return preferencesPage(c, updated, NOTICES[action] ?? NOTICES.save);
  });

  app.get('/unsubscribe', async (c) => {
    await resolve(c, 'unsubscribe');
    return pages.page(c, '@unsubscribe', {
      pageTitle: 'Unsubscribe',
      question: 'Stop receiving the digest? One click below and no further mail is sent.',
      button: 'Unsubscribe',
      action: selfUrl(c, '/unsubscribe'),
    });
  });

  // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` with no cookie and no form token;
  // the signed URL token is the authority. The page's own form sends its CSRF token instead.
  app.post('/unsubscribe', async (c) => {
    const body: FormBody = await readForm(c);
    const oneClick = field(body, 'List-Unsubscribe') === 'One-Click';
    if (!oneClick) tokens.check(c, body._csrf);
    let subscriberId: number;
    try {
      subscriberId = (await resolve(c, 'unsubscribe')).subscriber.id;
    } catch (err) {
      parts.limitIp(c); // only failures count: one provider relays many people's one-clicks
      throw err;
    }
    const subscriber = await unsubscribe(flows, subscriberId, parts.now());
    logger.info({ event: 'unsubscribe', oneClick }, 'unsubscribe');
    return pages.page(c, '@message', {
      pageTitle: 'You are unsubscribed',
      lines: ['No further digest will be sent to this address.'],
      link: {
        href: buildSubscriberUrls('', flows.signer, subscriber.key).preferencesUrl,
        text: 'Changed your mind?',
      },
    });
  });

  app.get('/unsubscribe/topic', async (c) => {
    const { extra } = await resolve(c, 'topic-unsubscribe');
    const topic = (await flows.store.catalogue.listTopics()).find((t) => t.slug === extra);
    // The catch-all is the letter's "More papers" section, no subject: "papers about other" read wrong.
    const catchAll = extra === CATCH_ALL_SLUG;
    const label = catchAll ? 'More papers' : (topic?.label ?? extra);
    return pages.page(c, '@unsubscribe', {
      pageTitle: 'Leave a topic',
      question: catchAll
        ? 'Stop receiving "More papers", the papers that fit none of the topics? The rest of your digest stays as it is.'
        : `Stop receiving papers about ${label}? The rest of your digest stays as it is.`,
      button: `Leave ${label}`,
      action: selfUrl(c, '/unsubscribe/topic'),
    });
  });

  app.post('/unsubscribe/topic', async (c) => {
    parts.limitIp(c);
    const body = await readForm(c);
    tokens.check(c, body._csrf);
    const { subscriber, extra } = await resolve(c, 'topic-unsubscribe');
    const result = await unsubscribeTopic(flows, subscriber.id, extra, parts.now());
    logger.info({ event: 'topic-unsubscribe', left: result.left }, 'topic unsubscribe');
    return pages.page(c, '@message', {
      pageTitle: result.left ? 'You are unsubscribed' : 'Topic removed',
      lines: [
        result.left
          ? 'That was your last topic: no further digest will be sent.'
          : 'Done: that topic is out of your digest.',
      ],
      link: {
        href: buildSubscriberUrls('', flows.signer, subscriber.key).preferencesUrl,
        text: 'Manage all preferences',
      },
    });
  });
}
