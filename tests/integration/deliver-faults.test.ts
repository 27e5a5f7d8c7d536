import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPortOf } from '../../src/cli/wiring.js';
import { createSmtpTransport, drainLedgers } from '../../src/deliver/index.js';
import type { Store } from '../../src/store/index.js';
import type { FaultRule, SmtpSink } from '../helpers/smtp-sink.js';
import { FAST, makeVariant, personalize, SENDER } from '../unit/deliver/fixtures.js';
import { closeDeliverEnv, EDITION, emailOf, openDeliverEnv, seedEdition } from './deliver-fixture.js';

const SUBSCRIBERS = 200;
const BAD = new Set([7, 33, 90, 150, 199].map(emailOf));
const MAX_ATTEMPTS = 6;

let dir: string;
let store: Store;
let sink: SmtpSink;
beforeEach(async () => {
  ({ dir, store, sink } = await openDeliverEnv('pp-deliver-faults-'));
});
afterEach(() => closeDeliverEnv({ dir, store, sink }));

/** A seeded pseudo-random source, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('fault injection', () => {
  it('421/451/drops are retried, 550s fail and suppress, good recipients get exactly one copy', async () => {
    await seedEdition(store, SUBSCRIBERS, makeVariant('daily:*', 10));
    const random = lcg(42);
    const met = new Map<string, number>();
    const rule: FaultRule = ({ stage, to }) => {
      if (BAD.has(to)) return stage === 'rcpt' ? 550 : undefined;
      // Each good recipient meets at most two faults (any stage): the third try goes through.
      if ((met.get(to) ?? 0) >= 2) return undefined;
      const fault = pick(stage);
      if (fault !== undefined) met.set(to, (met.get(to) ?? 0) + 1);
      return fault;
    };
    const pick = (stage: 'rcpt' | 'data') => {
      const r = random();
      if (stage === 'rcpt') return r < 0.06 ? 421 : r < 0.12 ? 451 : r < 0.15 ? 'drop' : undefined;
      return r < 0.05 ? 451 : r < 0.08 ? 'drop' : undefined;
    };
    sink.setFault(rule);
    const transport = createSmtpTransport(sink.url, { maxConnections: 4 });
    try {
      const summary = await drainLedgers(
        { ledger: ledgerPortOf(store), transport, personalize, sender: SENDER },
        {
          ...FAST,
          maxAttempts: MAX_ATTEMPTS,
          retryBaseSeconds: 0.02,
          mode: 'until-empty',
          rate: { perSecond: 5000, minPerSecond: 1000 },
        },
      );
      expect(summary.sent).toBe(SUBSCRIBERS - BAD.size);
      expect(summary.failed).toBe(BAD.size);
      expect(summary.deferred).toBeGreaterThan(0);
    } finally {
      await transport.close();
    }
    expect(sink.faults.length).toBeGreaterThan(20);
    const rows = await store.ledger.listDeliveries(EDITION, { limit: SUBSCRIBERS });
    for (const row of rows) {
      const got = sink.messagesTo(row.email);
      if (BAD.has(row.email)) {
        expect(row.state).toBe('failed');
        expect(row.lastReply).toMatch(/^550/);
        expect(got).toHaveLength(0);
        // A hard bounce is not retried.
        expect(sink.faults.filter((f) => f.to === row.email)).toHaveLength(1);
        const subscriber = await store.subscribers.getSubscriberByEmail(row.email);
        expect(subscriber).toMatchObject({ status: 'suppressed' });
        expect(subscriber?.suppressedReason).toMatch(/^550/);
      } else {
        expect(row.state, row.email).toBe('sent');
        expect(got, row.email).toHaveLength(1);
        // No retry storm: tries = faults met + the one that went through, within maxAttempts.
        expect(row.attempts).toBeLessThanOrEqual(3);
        expect(row.attempts).toBe(sink.faults.filter((f) => f.to === row.email).length + 1);
      }
    }
  });

  it('pauses after maxConsecutiveErrors when the server refuses everything', async () => {
    await seedEdition(store, 50, makeVariant('daily:*', 4));
    sink.setFault(() => 451);
    const transport = createSmtpTransport(sink.url, { maxConnections: 2 });
    try {
      const run = drainLedgers(
        { ledger: ledgerPortOf(store), transport, personalize, sender: SENDER },
        { ...FAST, maxConsecutiveErrors: 10, retryBaseSeconds: 3600 },
      );
      await expect(run).rejects.toThrow(/paused after 1\d consecutive errors \(last: 451 /);
    } finally {
      await transport.close();
    }
    const counts = await store.ledger.countDeliveries(EDITION);
    // The refused ones wait for their retry; the rest were given back, none left claimed.
    expect(counts.sending).toBe(0);
    expect(counts.deferred).toBeGreaterThanOrEqual(10);
    expect(counts.deferred).toBeLessThanOrEqual(11);
    expect(counts.pending).toBe(50 - counts.deferred);
    expect(sink.messages).toHaveLength(0);
  });
});
