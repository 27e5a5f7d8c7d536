import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPortOf } from '../../src/cli/wiring.js';
import { createSmtpTransport, drainLedgers } from '../../src/deliver/index.js';
import type { Store } from '../../src/store/index.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';
import { FAST, makeVariant, personalize, SENDER } from '../unit/deliver/fixtures.js';
import { closeDeliverEnv, EDITION, emailOf, openDeliverEnv, seedEdition } from './deliver-fixture.js';

let dir: string;
let store: Store;
let sink: SmtpSink;
beforeEach(async () => {
  ({ dir, store, sink } = await openDeliverEnv('pp-deliver-unsub-'));
});
afterEach(() => closeDeliverEnv({ dir, store, sink }));

describe('unsubscribe during a send', () => {
  it('sends nothing to an address after its unsubscribe commits', async () => {
    await seedEdition(store, 120, makeVariant('daily:*', 4));
    const leaving = [60, 61, 75, 100, 120];
    let committedAt = -1;
    let unsubscribing: Promise<unknown> | null = null;
    // The ledger is claimed in batches of 10 in id order: at the 20th arrival these rows are unclaimed.
    const transport = createSmtpTransport(sink.url, { maxConnections: 2 });
    const watch = setInterval(() => {
      if (unsubscribing || sink.messages.length < 20) return;
      unsubscribing = Promise.all(
        leaving.map((id) => store.subscribers.updateSubscriber(id, { status: 'unsubscribed' }, new Date())),
      ).then(() => {
        committedAt = sink.messages.length;
      });
    }, 1);
    try {
      const summary = await drainLedgers(
        { ledger: ledgerPortOf(store), transport, personalize, sender: SENDER },
        { ...FAST, batchSize: 10 },
      );
      expect(summary.cancelled).toBe(leaving.length);
      expect(summary.sent).toBe(120 - leaving.length);
    } finally {
      clearInterval(watch);
      await transport.close();
    }
    expect(committedAt).toBeGreaterThanOrEqual(20);
    const after = sink.messages.slice(committedAt);
    for (const id of leaving) {
      expect(after.filter((m) => m.to.includes(emailOf(id)))).toHaveLength(0);
      expect(sink.messagesTo(emailOf(id))).toHaveLength(0);
    }
    const rows = await store.ledger.listDeliveries(EDITION, { state: 'cancelled', limit: 10 });
    expect(rows.map((r) => r.subscriberId)).toEqual(leaving);
  });
});
