import type { Context, Hono } from 'hono';
import {
  checkConfirmToken,
  confirm,
  normalizeEmail,
  offeredTopics,
  subscribe,
} from '../subscribers/index.js';
import { latestSample } from './edition-page.js';
import { field, fields, queryToken, readForm, type ServerParts } from './parts.js';

/** `GET /`, `GET|POST /subscribe`, `GET|POST /confirm`. */
export function registerSubscribeRoutes(app: Hono, parts: ServerParts): void {
  const { pages, flows, tokens, logger } = parts;

  /** The subscribe page: the form (with what was typed and chosen) and a sample of the latest letter. */
  const indexPage = async (
    c: Context,
    form: { email?: string; selected: string[]; frequency: string; emailError?: string },
    status = 200,
  ): Promise<Response> => {
    const catalogue = offeredTopics(await flows.store.catalogue.listTopics());
    const sample = await latestSample(parts.deps.store);
    return pages.page(c, '@index', { pageTitle: 'Subscribe', catalogue, sample, ...form }, status);
  };

  app.get('/', (c) => indexPage(c, { selected: [], frequency: 'daily' }));
  // The form posts to /subscribe: a person who types that address, or reloads it, gets the form.
  app.get('/subscribe', (c) => c.redirect('/', 303));

  const checkInbox = {
    pageTitle: 'Check your inbox',
    lines: [
      'If this address can receive the digest, a confirmation link is on its way.',
      'Open it to confirm your subscription. The link works for 7 days.',
    ],
  };

  app.post('/subscribe', async (c) => {
    parts.limitIp(c);
    const body = await readForm(c);
    tokens.check(c, body._csrf);
    // Bots fill every field; people never see this one. Answer as usual, do nothing.
    if (field(body, 'website') !== '') {
      logger.warn({ event: 'honeypot' }, 'subscribe: honeypot filled, ignored');
      return pages.page(c, '@message', checkInbox);
    }
    const email = normalizeEmail(field(body, 'email'));
    const frequency = field(body, 'frequency') || 'daily';
    if (email === undefined) {
      // Refused: the same page again, with what was typed and chosen, the error tied to the field.
      logger.info({ path: c.req.path, code: 'invalid-email', status: 400 }, 'request refused');
      const typed = field(body, 'email').slice(0, 254);
      const emailError = 'Please enter a valid email address, like name@example.org.';
      return indexPage(c, { email: typed, selected: fields(body, 'topics'), frequency, emailError }, 400);
    }
    await parts.limitAddress(c, email);
    const input = {
      email,
      topics: fields(body, 'topics'),
      frequency,
      keepChoices: field(body, 'keep') === '1',
    };
    const result = await subscribe(flows, input, parts.now());
    if (result.detail === 'queued') parts.kickMailQueue();
    logger.info({ event: 'subscribe', detail: result.detail }, 'subscribe');
    return pages.page(c, '@message', checkInbox);
  });

  // GET never confirms: mail gateways and link scanners open links in mails. It checks the link
  // and shows one button; the POST (a person's click, with the form token) confirms.
  app.get('/confirm', async (c) => {
    await checkConfirmToken(flows, queryToken(c), parts.now());
    return pages.page(c, '@unsubscribe', {
      pageTitle: 'Confirm your subscription',
      question: 'One click below confirms your subscription to the digest.',
      button: 'Confirm subscription',
      // Joining is no destructive act: the accent button, not the red one of the leave pages.
      primary: true,
      action: `/confirm?token=${encodeURIComponent(queryToken(c))}`,
    });
  });

  app.post('/confirm', async (c) => {
    parts.limitIp(c);
    const body = await readForm(c);
    tokens.check(c, body._csrf);
    const result = await confirm(flows, queryToken(c), parts.now());
    if (result.welcomed) parts.kickMailQueue();
    logger.info({ event: 'confirm', welcomed: result.welcomed }, 'confirm');
    return pages.page(c, '@message', {
      pageTitle: 'You are subscribed',
      lines: ['Thank you: your subscription is confirmed. The next digest will reach you soon.'],
      link: { href: result.preferencesUrl, text: 'Choose topics and frequency' },
    });
  });
}
