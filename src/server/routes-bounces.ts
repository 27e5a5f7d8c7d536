import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { BounceProcessor, ProcessResult } from '../bounces/process-bounce.js';
import { type ProviderEvent, readPostmarkEvent, readSesNotification } from '../bounces/provider-events.js';
import type { SnsVerdict } from '../bounces/sns-verify.js';
import type { ServerParts } from './parts.js';

/** What the provider webhooks need; absent from ServerDeps: no webhook routes. */
export interface BounceRouteDeps {
  processor: BounceProcessor;
  /** Checks an SNS message's signature (src/bounces/sns-verify.ts). */
  verifySns: (body: unknown) => Promise<SnsVerdict>;
  /** Topics accepted; empty: any topic whose signature holds. */
  snsTopicArns: readonly string[];
  /** Confirms an SNS subscription by visiting its SubscribeURL (only for allowed topics). */
  confirmSnsSubscription?: (url: string) => Promise<void>;
  /** Postmark: the basic-auth password or `?token=`; null: the Postmark route is off. */
  postmarkToken: string | null;
}

/** Webhook paths skip the site's 16 KiB body cap and its origin check (servers post them). */
export const WEBHOOK_PREFIX = '/webhooks/';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function postmarkSecret(c: Context): string {
  const auth = c.req.header('authorization') ?? '';
  if (auth.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return c.req.query('token') ?? '';
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text());
  } catch {
    return undefined;
  }
}

function summary(results: ProcessResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[r.outcome] = (out[r.outcome] ?? 0) + 1;
  return out;
}

/**
 * `POST /webhooks/ses` (Amazon SES through SNS; the SNS signature is checked against Amazon's
 * certificate) and `POST /webhooks/postmark` (basic auth or `?token=`). A refused request gets
 * 403 and a warning in the log; nothing is read from it.
 */
export function registerBounceRoutes(app: Hono, parts: ServerParts, deps: BounceRouteDeps): void {
  const { logger } = parts;
  const cap = bodyLimit({ maxSize: 512 * 1024, onError: (c) => c.text('too large', 413) });
  const run = async (events: ProviderEvent[], source: 'ses' | 'postmark', id: string) => {
    const results: ProcessResult[] = [];
    for (const [i, e] of events.entries()) {
      const r = await deps.processor.process({
        reading: e.reading,
        source,
        fingerprint: `${source}:${id}:${i}`,
        envelopeTo: e.returnPath ? [e.returnPath] : [],
        trustRecipient: true,
      });
      logger.info(
        { source, outcome: r.outcome, class: e.reading.class, delivery: r.target?.deliveryId },
        'bounce',
      );
      results.push(r);
    }
    return summary(results);
  };

  app.post(`${WEBHOOK_PREFIX}ses`, cap, async (c) => {
    const body = await jsonBody(c);
    const verdict = await deps.verifySns(body);
    if (!verdict.ok) {
      logger.warn(
        { webhook: 'ses', reason: verdict.reason, ip: c.req.header('x-forwarded-for') },
        'webhook refused',
      );
      return c.text('forbidden', 403);
    }
    const m = verdict.message;
    if (deps.snsTopicArns.length > 0 && !deps.snsTopicArns.includes(m.TopicArn)) {
      logger.warn({ webhook: 'ses', topic: m.TopicArn }, 'webhook refused: topic not allowed');
      return c.text('forbidden', 403);
    }
    if (m.Type === 'SubscriptionConfirmation') {
      if (deps.confirmSnsSubscription && m.SubscribeURL && deps.snsTopicArns.includes(m.TopicArn)) {
        await deps.confirmSnsSubscription(m.SubscribeURL);
        logger.info({ topic: m.TopicArn }, 'SNS subscription confirmed');
      } else {
        logger.warn(
          { topic: m.TopicArn, subscribeUrl: m.SubscribeURL },
          'SNS subscription to confirm by hand',
        );
      }
      return c.json({ ok: true });
    }
    if (m.Type !== 'Notification') return c.json({ ok: true });
    let payload: unknown;
    try {
      payload = JSON.parse(m.Message);
    } catch {
      return c.json({ ok: true, ignored: 'not JSON' });
    }
    return c.json({ ok: true, outcomes: await run(readSesNotification(payload), 'ses', m.MessageId) });
  });

  app.post(`${WEBHOOK_PREFIX}postmark`, cap, async (c) => {
    const token = deps.postmarkToken;
    if (!token) return c.text('not found', 404);
    if (!sameSecret(postmarkSecret(c), token)) {
      logger.warn(
        { webhook: 'postmark', ip: c.req.header('x-forwarded-for') },
        'webhook refused: bad credentials',
      );
      return c.text('forbidden', 403);
    }
    const body = (await jsonBody(c)) as Record<string, unknown> | undefined;
    if (!body) return c.text('bad request', 400);
    const id = String(body['ID'] ?? body['MessageID'] ?? '');
    const key = `${id}:${String(body['RecordType'] ?? '')}:${String(body['Email'] ?? '')}`;
    return c.json({ ok: true, outcomes: await run(readPostmarkEvent(body), 'postmark', key) });
  });
}
