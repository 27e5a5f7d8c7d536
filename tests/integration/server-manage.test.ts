import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Subscriber } from '../../src/domain/index.js';
import { buildSubscriberUrls } from '../../src/subscribers/index.js';
import { BASE, Client, createFixture, type Fixture, pathOf, testClientIp } from './server-fixture.js';

let fx: Fixture;
let member: Subscriber;
let urls: ReturnType<typeof buildSubscriberUrls>;

beforeEach(async () => {
  fx = await createFixture({ clientIp: testClientIp });
  member = await fx.store.subscribers.upsertSubscriber({
    email: 'member@example.org',
    status: 'confirmed',
    topics: ['llm', 'vision'],
    frequency: 'daily',
  });
  urls = buildSubscriberUrls(BASE, fx.deps.signer, member.key);
});
afterEach(async () => fx.close());

const status = async () => (await fx.store.subscribers.getSubscriber(member.id))?.status;

describe('preferences', () => {
  it('shows the current choices and saves new ones', async () => {
    const client = new Client(fx.app);
    const page = await client.get(pathOf(urls.preferencesUrl));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('member@example.org');
    expect(html).toMatch(/value="llm" checked/);
    expect(html).toMatch(/value="robotics">/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const saved = await client.post(pathOf(urls.preferencesUrl), {
      _csrf: csrf,
      action: 'save',
      topics: ['robotics', 'unknown'],
      frequency: 'weekly',
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Your preferences are saved');
    expect(await fx.store.subscribers.getSubscriber(member.id)).toMatchObject({
      topics: ['robotics'],
      frequency: 'weekly',
    });
  });

  // Regression, issue 15 finding 13: an invalid frequency on the preferences form answered with
  // the subscribe page.
  it('answers an invalid frequency with 400 on the preferences page, naming the field', async () => {
    const client = new Client(fx.app);
    const csrf = await client.csrfFrom(pathOf(urls.preferencesUrl));
    const res = await client.post(pathOf(urls.preferencesUrl), {
      _csrf: csrf,
      action: 'save',
      topics: ['robotics'],
      frequency: 'hourly',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Your subscription');
    expect(html).toContain('member@example.org');
    expect(html).toMatch(/role="alert">Please choose daily or weekly\./);
    expect(html).not.toContain('in your inbox</h1>');
    expect(await fx.store.subscribers.getSubscriber(member.id)).toMatchObject({
      topics: ['llm', 'vision'],
      frequency: 'daily',
    });
  });

  it('pauses, resumes and leaves', async () => {
    const client = new Client(fx.app);
    const csrf = await client.csrfFrom(pathOf(urls.preferencesUrl));
    const paused = await client.post(pathOf(urls.preferencesUrl), { _csrf: csrf, action: 'pause' });
    expect(await paused.text()).toContain('value="resume"');
    expect(await status()).toBe('unsubscribed');
    await client.post(pathOf(urls.preferencesUrl), { _csrf: csrf, action: 'resume' });
    expect(await status()).toBe('confirmed');
    const left = await client.post(pathOf(urls.preferencesUrl), { _csrf: csrf, action: 'leave' });
    expect(await left.text()).toContain('You are unsubscribed');
    expect(await status()).toBe('unsubscribed');
  });

  it('refuses posts without the form token and links with a bad or wrong-purpose token', async () => {
    const client = new Client(fx.app);
    await client.get(pathOf(urls.preferencesUrl));
    const noCsrf = await client.post(pathOf(urls.preferencesUrl), { action: 'leave' });
    expect(noCsrf.status).toBe(403);
    expect(await status()).toBe('confirmed');
    for (const path of [
      '/preferences?token=bad',
      `/preferences?token=${urls.unsubscribeUrl.split('token=')[1]}`,
    ]) {
      const res = await client.get(path);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('This link does not work');
      // Regression (issue 14): a garbage token was reported as "expired".
      expect(html).not.toMatch(/has expired/i);
    }
    const csrf = await client.csrfFrom('/');
    const forged = await client.post('/preferences?token=bad', { _csrf: csrf, action: 'leave' });
    expect(forged.status).toBe(400);
    expect(await status()).toBe('confirmed');
  });
});

describe('unsubscribe', () => {
  it('GET shows one confirm button and does NOT unsubscribe (link scanners)', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await new Client(fx.app).get(pathOf(urls.unsubscribeUrl));
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html.match(/<button/g)).toHaveLength(1);
      expect(html).toContain('method="post"');
    }
    const head = await fx.app.request(pathOf(urls.unsubscribeUrl), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await status()).toBe('confirmed');
  });

  it('RFC 8058 one-click POST unsubscribes at once, without cookie, form token or origin', async () => {
    const res = await fx.app.request(pathOf(urls.oneClickUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    const after = await fx.store.subscribers.getSubscriber(member.id);
    expect(after?.status).toBe('unsubscribed');
    expect(after?.unsubscribedAt).not.toBeNull();
    // Idempotent: a second click (mail clients retry) is fine.
    const again = await fx.app.request(pathOf(urls.oneClickUrl), {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n',
    });
    expect(again.status).toBe(200);
  });

  it('the page button unsubscribes with its form token; a bare POST is refused', async () => {
    const bare = await fx.app.request(pathOf(urls.unsubscribeUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'confirm=yes',
    });
    expect(bare.status).toBe(403);
    expect(await status()).toBe('confirmed');
    const client = new Client(fx.app);
    const csrf = await client.csrfFrom(pathOf(urls.unsubscribeUrl));
    const res = await client.post(pathOf(urls.unsubscribeUrl), { _csrf: csrf, confirm: 'yes' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/href="\/preferences\?token=/);
    expect(await status()).toBe('unsubscribed');
  });

  it('refuses one-click with bad, wrong-purpose or missing tokens and limits the failures per IP', async () => {
    const preferencesToken = new URL(urls.preferencesUrl).searchParams.get('token') ?? '';
    const statuses: number[] = [];
    for (const token of ['', 'bad', preferencesToken, ...Array.from({ length: 20 }, (_, i) => `x${i}`)]) {
      const res = await fx.app.request(`/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-ip': '192.0.2.9' },
        body: 'List-Unsubscribe=One-Click',
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(await status()).toBe('confirmed');
  });

  it('leaves one topic after a confirm click; GET changes nothing', async () => {
    const client = new Client(fx.app);
    const link = pathOf(urls.topicUnsubscribeUrl('vision'));
    const page = await client.get(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Computer vision');
    expect((await fx.store.subscribers.getSubscriber(member.id))?.topics).toEqual(['llm', 'vision']);
    const csrf = await client.csrfFrom(link);
    const res = await client.post(link, { _csrf: csrf });
    expect(await res.text()).toContain('Topic removed');
    expect(await fx.store.subscribers.getSubscriber(member.id)).toMatchObject({
      topics: ['llm'],
      status: 'confirmed',
    });
    const noCsrf = await new Client(fx.app).post(pathOf(urls.topicUnsubscribeUrl('llm')), {});
    expect(noCsrf.status).toBe(403);
    const wrongPurpose = await client.get(
      `/unsubscribe/topic?token=${new URL(urls.unsubscribeUrl).searchParams.get('token')}`,
    );
    expect(wrongPurpose.status).toBe(400);
  });

  // Regression: the letter's "More papers" footer link asked "Stop receiving papers about other?".
  it('names the catch-all section as the letter does, not by its slug', async () => {
    const html = await (await new Client(fx.app).get(pathOf(urls.topicUnsubscribeUrl('other')))).text();
    expect(html).toContain('Stop receiving &quot;More papers&quot;, the papers that fit none of the topics?');
    expect(html).toContain('>Leave More papers</button>');
    expect(html).not.toMatch(/about other|Leave other/);
  });
});
