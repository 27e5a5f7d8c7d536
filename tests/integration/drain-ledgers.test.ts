/**
 * The modes of the one drain loop (`send`, `worker`, the daemon) against a real SQLite ledger and
 * a real SMTP server. Replaces the worker loop's tests (issue 17: three loops became one).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPortOf } from '../../src/cli/wiring.js';
import { createSmtpTransport, drainLedgers, type Transport } from '../../src/deliver/index.js';
import type { Store } from '../../src/store/index.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';
import { FAST, makeVariant, personalize, SENDER } from '../unit/deliver/fixtures.js';
import { closeDeliverEnv, EDITION, emailOf, openDeliverEnv, seedEdition } from './deliver-fixture.js';

let dir: string;
let store: Store;
let sink: SmtpSink;
let transport: Transport;
beforeEach(async () => {
  ({ dir, store, sink } = await openDeliverEnv('pp-drain-'));
  transport = createSmtpTransport(sink.url, { maxConnections: 2 });
});
afterEach(async () => {
  await transport.close();
  await closeDeliverEnv({ dir, store, sink });
});

describe('drainLedgers', () => {
  it("until-empty with leaveDeferred waits out another holder's lease, then leaves later retries", async () => {
    await seedEdition(store, 6, makeVariant());
    // A worker on another host claimed two rows and died: its lease (1 s) has to end first.
    const stranded = await store.ledger.claimDeliveries({
      editionId: EDITION,
      limit: 2,
      worker: 'elsewhere:1',
      leaseSeconds: 1,
      now: new Date(),
    });
    expect(stranded).toHaveLength(2);
    sink.setFault(({ to }) => (to === emailOf(6) ? 451 : undefined));
    const summary = await drainLedgers(
      { ledger: ledgerPortOf(store), transport, personalize, sender: SENDER },
      { ...FAST, mode: 'until-empty', leaveDeferred: true, retryBaseSeconds: 3600, leaseWaitMs: 0 },
    );
    expect(summary).toMatchObject({ sent: 5, deferred: 1, deferredLeft: 1, aborted: false });
    expect(summary.passes).toBeGreaterThan(1); // the first pass could not wait for the lease
    expect(summary.leftBehind).toEqual({ rows: 0, until: null });
    expect(Date.parse(summary.nextRetryAt ?? '')).toBeGreaterThan(Date.now() + 1000_000);
    for (const row of stranded) expect(sink.messagesTo(row.email)).toHaveLength(1);
  });

  it('once leaves rows under a live lease behind and says until when', async () => {
    await seedEdition(store, 3, makeVariant());
    await store.ledger.claimDeliveries({
      editionId: EDITION,
      limit: 1,
      worker: 'elsewhere:1',
      leaseSeconds: 600,
      now: new Date(),
    });
    const summary = await drainLedgers(
      { ledger: ledgerPortOf(store), transport, personalize, sender: SENDER },
      { ...FAST, leaseWaitMs: 0 },
    );
    expect(summary).toMatchObject({ passes: 1, sent: 2, leftBehind: { rows: 1 } });
    expect(Date.parse(summary.leftBehind.until ?? '')).toBeGreaterThan(Date.now() + 500_000);
  });

  it('forever polls until the signal aborts, reporting a failed pass and sending what comes later', async () => {
    await seedEdition(store, 4, makeVariant());
    const controller = new AbortController();
    const errors: string[] = [];
    const passes: number[] = [];
    let tries = 0;
    const summary = await drainLedgers(
      { ledger: ledgerPortOf(store), transport, personalize, sender: SENDER },
      {
        ...FAST,
        mode: 'forever',
        // The first pass fails before it sends (as a relay or queue outage would).
        beforePass: async () => {
          if (tries++ === 0) throw new Error('relay down');
        },
        signal: controller.signal,
        idleMs: 5,
        maxIdleMs: 10,
        onError: (err) => errors.push(String(err)),
        onPass: (p) => {
          passes.push(p.sent);
          setTimeout(() => controller.abort(), 50); // a few idle polls, then the stop signal
        },
      },
    );
    expect(errors).toEqual(['Error: relay down']);
    expect(passes).toEqual([4]);
    expect(summary).toMatchObject({ sent: 4, aborted: true, editions: [EDITION] });
    expect(summary.passes).toBeGreaterThan(1);
    expect(sink.messages).toHaveLength(4);
  });
});
