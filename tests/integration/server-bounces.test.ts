import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BounceProcessor } from '../../src/bounces/process-bounce.js';
import { createSnsVerifier } from '../../src/bounces/sns-verify.js';
import type { Delivery } from '../../src/domain/index.js';
import { bounceProcessorFor, verpCodecFor } from '../../src/pipeline/bounce-wiring.js';
import type { ServerLogger } from '../../src/server/deps.js';
import { createTestSnsSigner } from '../helpers/sns-signer.js';
import { createFixture, type Fixture, SECRET } from './server-fixture.js';
import { makeEdition, makePaper, makeSubscriber, T0 } from './store-contract-fixtures.js';

const BOUNCES = {
  domain: 'bounces.example.org',
  softLimit: 3,
  softWindowDays: 30,
  serve: { host: '127.0.0.1', port: 0, maxMessageBytes: 1_000_000, connectionsPerMinute: 60 },
  snsTopicArns: [] as string[],
};
const POSTMARK_TOKEN = 'postmark-token-0123456789';
const METRICS_TOKEN = 'metrics-token-0123456789';
const signer = createTestSnsSigner();
const verp = verpCodecFor({ bounces: BOUNCES }, SECRET)!;

let fx: Fixture;
let rows: Record<string, Delivery>;
let warnings: Array<Record<string, unknown>>;

beforeEach(async () => {
  warnings = [];
  const logger: ServerLogger = {
    info() {},
    error() {},
    warn: (obj) => void warnings.push(obj as Record<string, unknown>),
  };
  // The processor works on the fixture's own store, known once the fixture exists.
  let processor: BounceProcessor | undefined;
  fx = await createFixture({
    logger,
    metricsToken: METRICS_TOKEN,
    bounces: {
      processor: { process: (report) => processor!.process(report) },
      verifySns: createSnsVerifier({ fetchCert: async () => signer.certPem }),
      snsTopicArns: [],
      postmarkToken: POSTMARK_TOKEN,
    },
  });
  processor = bounceProcessorFor({ bounces: BOUNCES }, fx.store.bounces, SECRET);
  await fx.store.papers.upsertPapers([makePaper('2501.00001')], T0);
  for (const email of ['ada@example.org', 'bob@example.org', 'cy@example.org', 'dee@example.org'])
    await fx.store.subscribers.upsertSubscriber(makeSubscriber(email));
  await fx.store.editions.createEdition(makeEdition('daily-2025-01-03', 'daily', ['2501.00001']));
  await fx.store.ledger.createLedger('daily-2025-01-03', 'daily', 'example.org');
  const list = await fx.store.ledger.listDeliveries('daily-2025-01-03', { limit: 10 });
  rows = Object.fromEntries(list.map((d) => [d.email.split('@')[0], d]));
});
afterEach(async () => {
  await fx.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

function sesBounce(d: Delivery, returnPath: string, padding = '') {
  return {
    notificationType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [
        {
          emailAddress: d.email,
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        },
      ],
    },
    mail: { source: returnPath, destination: [d.email], headers: [{ name: 'X-Padding', value: padding }] },
  };
}

const status = async (d: Delivery) => (await fx.store.subscribers.getSubscriber(d.subscriberId))?.status;

describe('POST /webhooks/ses (Amazon SES through SNS)', () => {
  it('a signed bounce naming a VERP return path suppresses exactly that subscriber', async () => {
    const ada = rows['ada']!;
    const returnPath = verp.address({ deliveryId: ada.id, subscriberId: ada.subscriberId });
    // SES notifications carry the original headers: larger than the site's 16 KiB form cap.
    const m = signer.sign({ Message: JSON.stringify(sesBounce(ada, returnPath, 'x'.repeat(40_000))) });
    const res = await post('/webhooks/ses', m);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcomes: { suppressed: 1 } });
    const sub = await fx.store.subscribers.getSubscriber(ada.subscriberId);
    expect(sub?.status).toBe('suppressed');
    expect(sub?.suppressedReason).toMatch(/^hard bounce 5\.1\.1 userunknown via ses/);
    expect(await status(rows['bob']!)).toBe('confirmed');
    // SNS delivers at least once: the same message again changes nothing.
    expect(await (await post('/webhooks/ses', m)).json()).toEqual({ ok: true, outcomes: { duplicate: 1 } });
  });

  it('a signed complaint unsubscribes the address it names for good', async () => {
    const bob = rows['bob']!;
    const complaint = {
      notificationType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: bob.email }], complaintFeedbackType: 'abuse' },
      mail: { source: 'digest@example.org' },
    };
    const res = await post('/webhooks/ses', signer.sign({ Message: JSON.stringify(complaint) }));
    expect(await res.json()).toEqual({ ok: true, outcomes: { unsubscribed: 1 } });
    const sub = await fx.store.subscribers.getSubscriber(bob.subscriberId);
    expect(sub).toMatchObject({
      status: 'suppressed',
      suppressedReason: expect.stringMatching(/^complaint \(abuse\)/),
    });
    expect(await fx.store.bounces.countBounces('daily-2025-01-03')).toEqual({
      hard: 0,
      soft: 0,
      complaint: 1,
    });
  });

  it.each([
    [
      'a forged signature',
      () => ({ ...signer.sign({ Message: '{}' }), Message: JSON.stringify(sesBounce(rows['cy']!, '')) }),
    ],
    [
      'a certificate off Amazon',
      () => ({
        ...signer.sign({ Message: JSON.stringify(sesBounce(rows['cy']!, '')) }),
        SigningCertURL: 'https://example.org/x.pem',
      }),
    ],
    ['no signature at all', () => sesBounce(rows['cy']!, '')],
    ['a body that is no JSON', () => 'not json'],
  ])('refuses %s with 403, logs it and changes nothing', async (_label, body) => {
    const res = await post('/webhooks/ses', body());
    expect(res.status).toBe(403);
    expect(warnings).toEqual([expect.objectContaining({ webhook: 'ses' })]);
    expect(await status(rows['cy']!)).toBe('confirmed');
    expect(await fx.store.bounces.bounceTotals()).toEqual({ hard: 0, soft: 0, complaint: 0 });
  });
});

describe('POST /webhooks/postmark', () => {
  const bounce = (email: string) => ({
    RecordType: 'Bounce',
    ID: 42,
    Type: 'HardBounce',
    Email: email,
    Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist',
  });
  const basic = (password: string) => ({
    authorization: `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}`,
  });

  it('with the token (basic auth or ?token=) a hard bounce suppresses, a spam complaint unsubscribes', async () => {
    const res = await post('/webhooks/postmark', bounce('cy@example.org'), basic(POSTMARK_TOKEN));
    expect(await res.json()).toEqual({ ok: true, outcomes: { suppressed: 1 } });
    expect(await status(rows['cy']!)).toBe('suppressed');
    const spam = { RecordType: 'SpamComplaint', ID: 43, Type: 'SpamComplaint', Email: 'dee@example.org' };
    const res2 = await post(`/webhooks/postmark?token=${POSTMARK_TOKEN}`, spam);
    expect(await res2.json()).toEqual({ ok: true, outcomes: { unsubscribed: 1 } });
    expect((await fx.store.subscribers.getSubscriber(rows['dee']!.subscriberId))?.suppressedReason).toMatch(
      /^complaint/,
    );
  });

  it.each([
    ['no credentials', {}],
    ['a wrong password', basic('wrong-token-0123456789')],
    ['a wrong token of another length', basic('x')],
  ])('refuses %s with 403 and logs it', async (_label, headers) => {
    const res = await post('/webhooks/postmark', bounce('cy@example.org'), headers);
    expect(res.status).toBe(403);
    expect(warnings).toEqual([expect.objectContaining({ webhook: 'postmark' })]);
    expect(await status(rows['cy']!)).toBe('confirmed');
  });
});

describe('GET /metrics', () => {
  it('answers Prometheus text to the bearer of the token, 403 to anyone else', async () => {
    expect((await fx.app.request('/metrics')).status).toBe(403);
    expect((await fx.app.request('/metrics', { headers: { authorization: 'Bearer nope' } })).status).toBe(
      403,
    );
    await post(
      '/webhooks/postmark',
      { RecordType: 'Bounce', ID: 1, Type: 'HardBounce', Email: 'ada@example.org' },
      { authorization: `Basic ${Buffer.from(`x:${POSTMARK_TOKEN}`).toString('base64')}` },
    );
    await post(
      '/webhooks/postmark',
      { RecordType: 'SpamComplaint', ID: 2, Email: 'bob@example.org' },
      { authorization: `Basic ${Buffer.from(`x:${POSTMARK_TOKEN}`).toString('base64')}` },
    );
    await fx.store.sources.saveSourceState({
      id: 'arxiv',
      etag: null,
      lastModified: null,
      lastStatus: '503',
      lastFetchedAt: null,
      failuresInRow: 2,
      lastError: 'HTTP 503',
    });
    const res = await fx.app.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const line of [
      'paperpost_editions_total 1',
      'paperpost_deliveries{state="pending"} 4',
      'paperpost_bounces_total{class="hard"} 1',
      'paperpost_bounces_total{class="soft"} 0',
      'paperpost_complaints_total 1',
      'paperpost_subscribers{status="suppressed"} 2',
      'paperpost_source_failures{source="arxiv"} 2',
      '# TYPE paperpost_bounces_total counter',
    ])
      expect(text.split('\n')).toContain(line);
  });
});
