import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { DELIVERY_STATES } from '../domain/index.js';
import type { ServerParts } from './parts.js';

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/;

function authorized(c: Context, token: string | null, clientIp: string): boolean {
  if (!token) return LOOPBACK.test(clientIp);
  const auth = c.req.header('authorization') ?? '';
  const given = Buffer.from(auth.startsWith('Bearer ') ? auth.slice(7).trim() : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * `GET /metrics`: Prometheus text format (version 0.0.4) of what operators alert on. With
 * PAPERPOST_METRICS_TOKEN set it wants `Authorization: Bearer <token>`; without, it answers only
 * clients on loopback (a scraper on the same host or behind a proxy that adds the token).
 */
export function registerMetricsRoute(
  app: Hono,
  parts: ServerParts,
  options: { token: string | null; clientIp: (c: Context) => string },
): void {
  const { store } = parts.deps;
  app.get('/metrics', async (c) => {
    if (!authorized(c, options.token, options.clientIp(c))) return c.text('forbidden', 403);
    const [editions, deliveries, bounces, subscribers, sources] = await Promise.all([
      store.tables.countRows('editions'),
      store.ledger.deliveryTotals(),
      store.bounces.bounceTotals(),
      store.subscribers.countSubscribers(),
      store.sources.listSourceStates(),
    ]);
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: Array<[string, number]>) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
    };
    metric('paperpost_editions_total', 'counter', 'Editions produced.', [['', editions]]);
    metric(
      'paperpost_deliveries',
      'gauge',
      'Deliveries in the ledger by state.',
      DELIVERY_STATES.map((s) => [`{state="${s}"}`, deliveries[s]]),
    );
    metric('paperpost_bounces_total', 'counter', 'Bounces received by class.', [
      ['{class="hard"}', bounces.hard],
      ['{class="soft"}', bounces.soft],
    ]);
    metric('paperpost_complaints_total', 'counter', 'Complaints (spam reports, opt-outs) received.', [
      ['', bounces.complaint],
    ]);
    metric(
      'paperpost_subscribers',
      'gauge',
      'Subscribers by status.',
      Object.entries(subscribers).map(([s, n]) => [`{status="${s}"}`, n]),
    );
    metric(
      'paperpost_source_failures',
      'gauge',
      'Failed fetches in a row per source (0: healthy).',
      sources.map((s) => [`{source="${esc(s.id)}"}`, s.failuresInRow]),
    );
    return c.text(`${lines.join('\n')}\n`, 200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });
}
