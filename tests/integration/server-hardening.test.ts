import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RankedPaper } from '../../src/domain/index.js';
import { createApp } from '../../src/server/app.js';
import type { TransactionalMail } from '../../src/subscribers/index.js';
import { Client, createFixture, csrfOf, type Fixture, pathOf, testClientIp } from './server-fixture.js';

// Regression tests for issue 15 ("Hardening: what a hostile review found"), one finding each.

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture({ clientIp: testClientIp });
});
afterEach(async () => fx.close());

const comparable = (html: string): string => html.replace(/name="_csrf" value="[^"]+"/g, '');

async function signUp(app: Fixture['app'], email: string, ip = '203.0.113.1'): Promise<Response> {
  const client = new Client(app, ip);
  const csrf = await client.csrfFrom('/');
  return client.post('/subscribe', { _csrf: csrf, email, frequency: 'daily' });
}

async function seed(
  store: Fixture['store'],
  email: string,
  status: 'pending' | 'confirmed' | 'suppressed',
): Promise<void> {
  const row = await store.subscribers.upsertSubscriber({
    email,
    status: status === 'suppressed' ? 'confirmed' : status,
    topics: [],
    frequency: 'daily',
  });
  if (status === 'suppressed') {
    await store.subscribers.updateSubscriber(
      row.id,
      { status: 'suppressed', suppressedReason: '550' },
      new Date(),
    );
  }
}

describe('issue 15 item 3: POST /subscribe tells known from unknown addresses', () => {
  it('answers new, pending, recently mailed, confirmed and suppressed alike while the relay is down', async () => {
    const down = await createFixture({
      clientIp: testClientIp,
      mailer: { sendTransactional: async () => Promise.reject(new Error('ECONNREFUSED relay')) },
    });
    try {
      await seed(down.store, 'pending@example.org', 'pending');
      await seed(down.store, 'member@example.org', 'confirmed');
      await seed(down.store, 'gone@example.org', 'suppressed');
      await signUp(down.app, 'recent@example.org', '192.0.2.9'); // recently mailed pending
      const answers = [];
      for (const email of [
        'new@example.org',
        'pending@example.org',
        'recent@example.org',
        'member@example.org',
        'gone@example.org',
      ]) {
        const res = await signUp(down.app, email);
        answers.push({ status: res.status, body: comparable(await res.text()) });
      }
      expect(answers[0]?.status).toBe(200);
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      // Nothing is lost: the mails wait in the store for the relay.
      const drained = await down.drain();
      expect(drained).toMatchObject({ sent: 0, retried: 4 });
      expect(await down.store.mailQueue.countQueuedMails()).toBe(4);
    } finally {
      await down.close();
    }
  });

  it('does not wait for the mail transaction: the answer comes while the relay hangs', async () => {
    let release: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sent: TransactionalMail[] = [];
    const slow = await createFixture({
      clientIp: testClientIp,
      mailer: {
        sendTransactional: async (mail) => {
          await hanging;
          sent.push(mail);
        },
      },
    });
    try {
      const res = await signUp(slow.app, 'ada@example.org');
      expect(res.status).toBe(200);
      expect(sent).toHaveLength(0);
      const draining = slow.drain();
      release();
      expect(await draining).toMatchObject({ sent: 1 });
      expect(sent.map((m) => m.to)).toEqual(['ada@example.org']);
      expect(await slow.store.mailQueue.countQueuedMails()).toBe(0);
    } finally {
      await slow.close();
    }
  });
});

describe('issue 15 item 6: GET /confirm confirmed sign-ups (mail gateways follow links)', () => {
  it('GET shows a button and changes nothing; the POST confirms', async () => {
    await signUp(fx.app, 'cy@example.org');
    await fx.drain();
    const link = /http:\/\/localhost\/confirm\?token=\S+/.exec(fx.sent[0]?.text ?? '')?.[0] ?? '';
    const client = new Client(fx.app);
    const page = await client.get(pathOf(link));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<form method="post" action="\/confirm\?token=/);
    expect((await fx.store.subscribers.getSubscriberByEmail('cy@example.org'))?.status).toBe('pending');
    await fx.drain();
    expect(fx.sent).toHaveLength(1); // no welcome mail either
    const bare = await fx.app.request(pathOf(link), {
      method: 'POST',
      headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(bare.status).toBe(403);
    const res = await client.post(pathOf(link), { _csrf: csrfOf(html) });
    expect(res.status).toBe(200);
    expect((await fx.store.subscribers.getSubscriberByEmail('cy@example.org'))?.status).toBe('confirmed');
  });
});

describe('issue 15 item 7: the confirmation throttle and per-address limit live in one process', () => {
  it('5 parallel POSTs for a new address queue one mail', async () => {
    const clients = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        const client = new Client(fx.app, `198.51.100.${i}`);
        return { client, csrf: await client.csrfFrom('/') };
      }),
    );
    const answers = await Promise.all(
      clients.map(({ client, csrf }) =>
        client.post('/subscribe', { _csrf: csrf, email: 'new@example.org', frequency: 'daily' }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await fx.drain()).toMatchObject({ sent: 1 });
    expect(fx.sent).toHaveLength(1);
  });

  it('two replicas (or a restart) share the per-address limit through the store', async () => {
    const replica = createApp(fx.deps);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const app = i % 2 === 0 ? fx.app : replica;
      statuses.push((await signUp(app, 'target@example.org', `192.0.2.${i}`)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('issue 15 item 8: a malformed multipart body on POST /unsubscribe', () => {
  it('is a 400 without an error-level log line', async () => {
    const errors: object[] = [];
    const logger = { info() {}, warn() {}, error: (obj: object) => void errors.push(obj) };
    const app = createApp({ ...fx.deps, logger });
    const res = await app.request('/unsubscribe?token=x', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
      body: '--zzz\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click', // never closed
    });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/\n\s+at /);
    expect(errors).toEqual([]);
  });
});

describe('issue 15 item 14: the origin check trusted the Host header', () => {
  it('refuses Origin http://evil.example sent to Host evil.example, even with a valid form token', async () => {
    const client = new Client(fx.app);
    const csrf = await client.csrfFrom('/');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fx.app.request('http://evil.example/subscribe', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://evil.example',
        cookie,
        'x-test-ip': '203.0.113.5',
      },
      body: new URLSearchParams({ _csrf: csrf, email: 'a@example.org', frequency: 'daily' }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await fx.store.subscribers.getSubscriberByEmail('a@example.org')).toBeUndefined();
  });

  it('refuses a form token whose last character was changed within its unused bits', async () => {
    const client = new Client(fx.app);
    const csrf = await client.csrfFrom('/');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = csrf.at(-1) ?? 'A';
    const twin = `${csrf.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`;
    expect(Buffer.from(twin, 'base64url')).toEqual(Buffer.from(csrf, 'base64url'));
    const res = await client.post('/subscribe', { _csrf: twin, email: 'b@example.org', frequency: 'daily' });
    expect(res.status).toBe(403);
  });
});

describe('issue 15 item 9: the web archive kept what the mail strips', () => {
  it('shows titles, authors and links through the mail sanitizer (bidi controls, credentials)', async () => {
    const url = 'https://user:pass@evil.example/abs/1';
    const dirty: RankedPaper = {
      id: '2503.00001',
      title: 'Safe \u202Eeludom\u202C and \u2066isolated\u2069',
      url,
      authors: ['\u2067Mallory\u2069', 'B. Author'],
      published: '2025-03-01T00:00:00Z',
      summary: 'summary',
      aiSummary: null,
      keywords: [],
      categories: ['cs.CL'],
      upvotes: 3,
      comments: 0,
      sources: ['hf'],
      links: { abs: url, pdf: null, code: null, hf: null },
      score: { upvotes: 3, comments: 0, sources: 1, recency: 1, total: 5 },
    };
    // Stored as an older release stored it (before normalize/ had these guards).
    await fx.store.papers.upsertPapers([dirty], new Date('2025-03-01T06:00:00Z'));
    await fx.store.editions.createEdition({
      id: '2025-03-01-daily',
      frequency: 'daily',
      date: '2025-03-01',
      createdAt: '2025-03-01T08:00:00.000Z',
      sections: [
        {
          topic: {
            slug: 'llm',
            label: 'Language\u202E models',
            keywords: [],
            categories: [],
            userDefined: true,
          },
          papers: [dirty],
          more: 0,
        },
      ],
      more: 0,
      overflowIds: [],
    });
    const html = await (await fx.app.request('/archive/2025-03-01-daily')).text();
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(html).not.toContain('user:pass@');
    expect(html).toContain('Safe eludom and isolated');
    expect(html).toContain('Mallory');
  });
});
