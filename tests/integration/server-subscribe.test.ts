import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperpostError } from '../../src/domain/errors.js';
import { createTokenSigner } from '../../src/subscribers/index.js';
import {
  Client,
  createFixture,
  csrfOf,
  type Fixture,
  pathOf,
  SECRET,
  testClientIp,
  tokenOf,
} from './server-fixture.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture({ clientIp: testClientIp });
});
afterEach(async () => fx.close());

/** The page body without the per-browser form token, for comparing answers. */
const comparable = (html: string): string => html.replace(/name="_csrf" value="[^"]+"/g, '');

async function signUp(client: Client, email: string, extra: Record<string, string | string[]> = {}) {
  const csrf = await client.csrfFrom('/');
  return client.post('/subscribe', { _csrf: csrf, email, frequency: 'daily', ...extra });
}

/** A topic of the curated catalogue. */
const curated = (slug: string, label: string) => ({
  slug,
  label,
  keywords: [label.toLowerCase()],
  categories: [],
  userDefined: false,
  origin: 'curated' as const,
});

describe('GET /subscribe', () => {
  it('sends a person who types or reloads the address the form posts to to the form', async () => {
    const client = new Client(fx.app);
    const res = await client.get('/subscribe');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(await (await client.get('/')).text()).toContain('name="email"');
  });
});

describe('GET / with the catalogue areas', () => {
  it('lists the offered topics under the broad areas, each once, own topics first and the rest last', async () => {
    const grouped = await createFixture({
      clientIp: testClientIp,
      areas: [
        { slug: 'area-vision', label: 'Vision and video', description: '', topics: ['video', 'three-d'] },
        { slug: 'area-empty', label: 'Nothing offered', description: '', topics: ['gone', 'robotics'] },
      ],
    });
    try {
      // The fixture's own topics (llm, vision, robotics) are the config's.
      await grouped.store.catalogue.saveTopics([
        curated('video', 'Video generation'),
        curated('three-d', '3D vision'),
        curated('kv', 'KV cache'),
      ]);
      await grouped.store.catalogue.updateTopic('robotics', { hidden: true });
      const html = await (await new Client(grouped.app).get('/')).text();
      const groups = [...html.matchAll(/<p class="topic-group">([^<]+)<\/p>/g)].map((m) => m[1]);
      expect(groups).toEqual(['Featured topics', 'Vision and video', 'More topics']);
      const order = [...html.matchAll(/name="topics" value="([^"]+)"/g)].map((m) => m[1]);
      // Within a group by label, as without areas; each topic once.
      expect(order).toEqual(['vision', 'llm', 'three-d', 'video', 'kv']);
    } finally {
      await grouped.close();
    }
  });

  it('keeps one list without headings when there are no areas', async () => {
    const html = await (await new Client(fx.app).get('/')).text();
    expect(html).not.toContain('class="topic-group"');
    expect([...html.matchAll(/name="topics" value="([^"]+)"/g)].length).toBe(3);
  });
});

describe('GET /', () => {
  it('offers only defined, curated and approved topics, never a discovered proposal or a hidden topic', async () => {
    await fx.store.catalogue.saveTopics([
      {
        slug: 'papers-papers',
        label: 'Papers papers',
        keywords: ['papers'],
        categories: [],
        userDefined: false,
      },
      {
        slug: 'kv-cache',
        label: 'KV cache',
        description: 'Caching keys & values of attention for faster decoding.',
        keywords: ['kv cache'],
        categories: [],
        userDefined: false,
        origin: 'curated',
      },
      { slug: 'found', label: 'Found topic', keywords: ['found'], categories: [], userDefined: false },
    ]);
    await fx.store.catalogue.updateTopic('found', { origin: 'approved' });
    await fx.store.catalogue.updateTopic('robotics', { hidden: true });
    const html = await (await new Client(fx.app).get('/')).text();
    expect(html).toContain('value="kv-cache"');
    expect(html).toContain('value="found"');
    expect(html).toContain('value="llm"');
    expect(html).not.toContain('Papers papers');
    expect(html).not.toContain('value="robotics"');
    // A topic's one-line description explains it on hover, escaped.
    expect(html).toContain(
      '<label class="choice" title="Caching keys &amp; values of attention for faster decoding."><input type="checkbox" name="topics" value="kv-cache"',
    );
  });

  it('shows no topic choice when none is offered (a letter whose operator hid them all)', async () => {
    // `paperpost topics hide --curated` for a letter of another field than ML, before any topic
    // of its own is approved: "Topics" with nothing to tick under it would only puzzle.
    for (const t of await fx.store.catalogue.listTopics())
      await fx.store.catalogue.updateTopic(t.slug, { hidden: true });
    const html = await (await new Client(fx.app).get('/')).text();
    expect(html).not.toContain('<legend>Topics</legend>');
    expect(html).not.toContain('name="topics"');
    expect(html).toContain('name="email"');
    expect(html).toContain('<legend>How often</legend>');
    const res = await signUp(new Client(fx.app), 'everything@example.org');
    expect(res.status).toBeLessThan(400);
    expect((await fx.store.subscribers.getSubscriberByEmail('everything@example.org'))?.topics).toEqual([]);
  });

  it("lists the operator's own topics first, then the others by label, not by slug", async () => {
    await fx.store.catalogue.saveTopics([
      curated('agents', 'LLM agents'),
      curated('safety', 'AI safety and security'),
      curated('3d', '3D vision'),
      curated('nlp', 'language understanding'),
    ]);
    const html = await (await new Client(fx.app).get('/')).text();
    const order = [...html.matchAll(/name="topics" value="([^"]+)"/g)].map((m) => m[1]);
    // Own topics (Computer vision, Language models, Robotics) first, then curated by label.
    expect(order).toEqual(['vision', 'llm', 'robotics', '3d', 'safety', 'nlp', 'agents']);
  });

  it('shows the form with the catalogue, a honeypot, a form token and strict headers', async () => {
    const res = await new Client(fx.app).get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('name="email"');
    expect(html).toContain('value="llm"');
    expect(html).toContain('Computer vision');
    expect(html).toContain('name="website"');
    expect(html).toContain('name="_csrf"');
    // A reader of a few topics knows a quiet day sends nothing (a `skipped` delivery).
    expect(html).toContain('With a few topics, an edition with no paper of them sends you nothing.');
    expect(html).not.toMatch(/<script|style="/i);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('set-cookie')).toMatch(/pp_csrf=.*HttpOnly.*SameSite=Lax/i);
  });

  it('serves the stylesheet and a friendly 404', async () => {
    const css = await fx.app.request('/static/site.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('.hp');
    const missing = await fx.app.request('/nope');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page not found');
  });
});

describe('POST /subscribe', () => {
  it('creates a pending subscriber and mails a confirmation link on the base URL', async () => {
    const res = await signUp(new Client(fx.app), 'Ada@Example.org', {
      topics: ['llm', 'vision'],
      frequency: 'weekly',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    expect(await fx.store.subscribers.getSubscriberByEmail('ada@example.org')).toMatchObject({
      status: 'pending',
      topics: ['llm', 'vision'],
      frequency: 'weekly',
    });
    expect(fx.sent).toHaveLength(0); // queued in the store; the page never waits for a mail
    await fx.drain();
    expect(fx.sent).toHaveLength(1);
    expect(fx.sent[0]?.to).toBe('ada@example.org');
    expect(fx.sent[0]?.text).toMatch(/http:\/\/localhost\/confirm\?token=/);
  });

  it('answers identically for new, pending and confirmed addresses (no enumeration)', async () => {
    await fx.store.subscribers.upsertSubscriber({
      email: 'pending@example.org',
      status: 'pending',
      topics: [],
      frequency: 'daily',
    });
    await fx.store.subscribers.upsertSubscriber({
      email: 'member@example.org',
      status: 'confirmed',
      topics: [],
      frequency: 'daily',
    });
    const answers = [];
    for (const email of ['new@example.org', 'pending@example.org', 'member@example.org']) {
      const res = await signUp(new Client(fx.app), email);
      answers.push({
        status: res.status,
        body: comparable(await res.text()),
        cookie: res.headers.has('set-cookie'),
      });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect((await fx.store.subscribers.getSubscriberByEmail('member@example.org'))?.status).toBe('confirmed');
  });

  it('sends at most one confirmation per interval to an address', async () => {
    const client = new Client(fx.app);
    await signUp(client, 'bob@example.org');
    const again = await signUp(client, 'bob@example.org');
    expect(again.status).toBe(200);
    await fx.drain();
    expect(fx.sent).toHaveLength(1);
  });

  it('refuses a missing or wrong form token, and a foreign origin', async () => {
    const client = new Client(fx.app);
    const csrf = await client.csrfFrom('/');
    const missing = await client.post('/subscribe', { email: 'a@example.org', frequency: 'daily' });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('This form has expired');
    const wrong = await client.post('/subscribe', {
      _csrf: `${csrf.slice(0, -2)}AA`,
      email: 'a@example.org',
    });
    expect(wrong.status).toBe(403);
    const otherBrowser = await new Client(fx.app).post('/subscribe', { _csrf: csrf, email: 'a@example.org' });
    expect(otherBrowser.status).toBe(403);
    const foreign = await client.post(
      '/subscribe',
      { _csrf: csrf, email: 'a@example.org' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(await fx.store.subscribers.getSubscriberByEmail('a@example.org')).toBeUndefined();
    expect(fx.sent).toHaveLength(0);
  });

  it('answers a filled honeypot like a success and does nothing', async () => {
    const res = await signUp(new Client(fx.app), 'bot@example.org', { website: 'http://spam.example' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    expect(await fx.store.subscribers.getSubscriberByEmail('bot@example.org')).toBeUndefined();
    expect(fx.sent).toHaveLength(0);
  });

  it.each([
    ['a@b.c\r\nBcc: x@y.z'],
    ['a@example.org\nBcc: x@y.z'],
    ['victim@example.org, other@example.org'],
    ['"Evil" <a@example.org>'],
    ['not an address'],
  ])('rejects %j with a 400 form page and no mail', async (email) => {
    const res = await signUp(new Client(fx.app), email);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Please enter a valid email address');
    expect(html).toContain('name="email"');
    expect(fx.sent).toHaveLength(0);
    expect((await fx.store.subscribers.countSubscribers()).pending).toBe(0);
  });

  // Regression: a refused address came back as an empty form, the error not tied to the field.
  it('keeps what was typed and chosen when it refuses an address, the error tied to the field', async () => {
    const res = await signUp(new Client(fx.app), 'jane@@example', {
      topics: ['vision', 'robotics'],
      frequency: 'weekly',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(
      /<input id="email"[^>]*value="jane@@example"[^>]*aria-invalid="true" aria-describedby="email-error"/,
    );
    expect(html).toMatch(/<p id="email-error" class="field-error">Please enter a valid email address/);
    expect(html).toMatch(/value="vision" checked/);
    expect(html).toMatch(/value="robotics" checked/);
    expect(html).not.toMatch(/value="llm" checked/);
    expect(html).toMatch(/value="weekly" checked/);
  });

  it('rejects a bad frequency', async () => {
    const res = await signUp(new Client(fx.app), 'f@example.org', { frequency: 'hourly' });
    expect(res.status).toBe(400);
    expect(fx.sent).toHaveLength(0);
  });

  it('limits POSTs per IP with 429 and Retry-After, other IPs unaffected', async () => {
    const client = new Client(fx.app, '198.51.100.7');
    const csrf = await client.csrfFrom('/');
    const statuses: number[] = [];
    for (let i = 0; i < 22; i += 1) {
      statuses.push((await client.post('/subscribe', { _csrf: csrf, email: `u${i}@example.org` })).status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const limited = await client.post('/subscribe', { _csrf: csrf, email: 'late@example.org' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many requests');
    expect((await signUp(new Client(fx.app, '198.51.100.8'), 'other@example.org')).status).toBe(200);
  });

  it('limits sign-ups per address across IPs', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await signUp(new Client(fx.app, `192.0.2.${i}`), 'target@example.org')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    await fx.drain();
    expect(fx.sent).toHaveLength(1);
  });

  it('refuses an oversized body', async () => {
    const client = new Client(fx.app);
    const csrf = await client.csrfFrom('/');
    const res = await client.post('/subscribe', {
      _csrf: csrf,
      email: 'a@example.org',
      pad: 'x'.repeat(20_000),
    });
    expect(res.status).toBe(413);
  });
});

describe('GET|POST /confirm', () => {
  it('confirms with the mailed link and its button, welcomes once, and links to preferences', async () => {
    const client = new Client(fx.app);
    await signUp(client, 'cy@example.org', { topics: ['robotics'] });
    await fx.drain();
    const link = /http:\/\/localhost\/confirm\?token=\S+/.exec(fx.sent[0]?.text ?? '')?.[0] ?? '';
    const page = await client.get(pathOf(link));
    expect(page.status).toBe(200);
    const csrf = csrfOf(await page.text());
    const res = await client.post(pathOf(link), { _csrf: csrf });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('You are subscribed');
    expect(html).toMatch(/href="http:\/\/localhost\/preferences\?token=/);
    expect(await fx.store.subscribers.getSubscriberByEmail('cy@example.org')).toMatchObject({
      status: 'confirmed',
      topics: ['robotics'],
    });
    await fx.drain();
    expect(fx.sent.map((m) => m.subject)).toEqual(['Confirm your subscription', 'Welcome']);
    expect((await client.post(pathOf(link), { _csrf: csrf })).status).toBe(200);
    await fx.drain();
    expect(fx.sent).toHaveLength(2);
  });

  it('shows a friendly page with a way to ask again for bad, expired and wrong-purpose tokens', async () => {
    const sub = await fx.store.subscribers.upsertSubscriber({
      email: 'd@example.org',
      status: 'pending',
      topics: [],
      frequency: 'daily',
    });
    const signer = createTokenSigner(SECRET);
    const expired = signer.sign('confirm', sub.key, 'd:', 60, new Date(Date.now() - 120_000));
    const wrongPurpose = signer.sign('unsubscribe', sub.key, 'd:');
    const otherSecret = createTokenSigner('z'.repeat(40)).sign('confirm', sub.key, 'd:');
    for (const token of ['', 'garbage', expired, wrongPurpose, otherSecret]) {
      const res = await new Client(fx.app).get(`/confirm?token=${encodeURIComponent(token)}`);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('This link does not work');
      expect(html).not.toMatch(/has expired/i);
      expect(html).toContain('action="/subscribe"');
      expect(html).toContain('name="_csrf"');
    }
    expect((await fx.store.subscribers.getSubscriber(sub.id))?.status).toBe('pending');
    expect(tokenOf(`http://x/?token=${expired}`)).toBe(expired);
  });
});

describe('errors', () => {
  it('maps a refusal to 503 and an unexpected failure to 500, details only in the log', async () => {
    const logged: object[] = [];
    const logger = { info() {}, warn() {}, error: (obj: object) => void logged.push(obj) };
    for (const [error, status] of [
      [new PaperpostError('server', 'mail-refused', 'refused: 550 secret-relay-detail'), 503],
      [new Error('ECONNRESET secret-relay-detail'), 500],
    ] as const) {
      const real = fx.store;
      // The store fails as it queues the mail (a database gone away).
      const store = { ...real, mailQueue: { ...real.mailQueue, enqueueMail: () => Promise.reject(error) } };
      const broken = await createFixture({ clientIp: testClientIp, logger, store });
      try {
        const res = await signUp(new Client(broken.app), `x${status}@example.org`);
        expect(res.status).toBe(status);
        const html = await res.text();
        expect(html).not.toContain('secret-relay-detail');
        expect(html).toContain('<h1>');
      } finally {
        await broken.close();
      }
    }
    expect(logged).toHaveLength(2);
    expect(JSON.stringify((logged[1] as { err: Error }).err.message)).toContain('secret-relay-detail');
  });
});
