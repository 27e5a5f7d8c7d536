import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPortOf } from '../../../src/cli/wiring.js';
import {
  createOutboxTransport,
  drainLedgers,
  type OutgoingMessage,
  type SendResult,
  type Transport,
} from '../../../src/deliver/index.js';
import { type Delivery, PaperpostError } from '../../../src/domain/index.js';
import { createStore, type Store } from '../../../src/store/index.js';
import { EDITION, emailOf, seedEdition } from '../../integration/deliver-fixture.js';
import { FAST, makeVariant, personalize, SENDER } from './fixtures.js';

// The send loop runs on the real SQLite store (in memory): the ledger it drains is the one
// every command drains, with its claim, lease and cancel rules.
let dir: string;
let stores: Store[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pp-send-'));
});
afterEach(async () => {
  for (const store of stores) await store.close();
  stores = [];
  await rm(dir, { recursive: true, force: true });
});

/** A store with `n` confirmed subscribers (user1..userN) and one edition's pending ledger. */
async function storeOf(n: number, variant = makeVariant()): Promise<Store> {
  const store = await createStore({ driver: 'sqlite', path: ':memory:' });
  stores.push(store);
  await seedEdition(store, n, variant);
  return store;
}

async function ledgerOf(n: number, variant = makeVariant()) {
  const store = await storeOf(n, variant);
  return { store, ledger: ledgerPortOf(store) };
}

/** The edition's rows, by recipient (user1 first). */
async function rowsOf(store: Store): Promise<Delivery[]> {
  const rows = await store.ledger.listDeliveries(EDITION, { limit: 10_000 });
  const index = (d: Delivery) => Number(d.email.replace(/\D/g, ''));
  return rows.sort((a, b) => index(a) - index(b));
}

/** A transport that answers from a rule and records what it was given. */
function scriptedTransport(rule: (m: OutgoingMessage, n: number) => SendResult, concurrency = 3) {
  const calls: OutgoingMessage[] = [];
  const transport: Transport = {
    kind: 'smtp',
    concurrency,
    async send(message) {
      calls.push(message);
      await new Promise((r) => setImmediate(r));
      return rule(message, calls.filter((c) => c.to === message.to).length);
    },
    async close() {},
  };
  return { transport, calls };
}

describe('drainLedgers', () => {
  it('sends every pending row once to the outbox and marks it sent', async () => {
    const { store, ledger } = await ledgerOf(120);
    const progress: number[] = [];
    const summary = await drainLedgers(
      { ledger, transport: createOutboxTransport(dir), personalize, sender: SENDER },
      { ...FAST, onProgress: (p) => progress.push(p.finished) },
    );
    expect(summary).toMatchObject({ editions: [EDITION], sent: 120, deferred: 0, failed: 0, cancelled: 0 });
    expect((await rowsOf(store)).every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
    expect(await readdir(path.join(dir, EDITION))).toHaveLength(120);
    expect(progress.at(-1)).toBe(120);
  });

  it('fails with variant-missing and sends nothing when a variant was never rendered', async () => {
    // The ledger wants daily:* and only another variant was rendered.
    const { store, ledger } = await ledgerOf(5, makeVariant('daily:llm'));
    const { transport, calls } = scriptedTransport(() => ({ ok: true, reply: '250' }));
    const run = drainLedgers({ ledger, transport, personalize, sender: SENDER }, FAST);
    await expect(run).rejects.toMatchObject({ code: 'variant-missing', stage: 'deliver' });
    expect(calls).toHaveLength(0);
    expect((await rowsOf(store)).every((r) => r.state === 'pending')).toBe(true);
  });

  it('fails a 5xx row, suppresses its subscriber, defers 4xx with back-off and gives up after maxAttempts', async () => {
    const { store, ledger } = await ledgerOf(6);
    const { transport, calls } = scriptedTransport((m) => {
      if (m.to === 'user2@example.org')
        return { ok: false, permanent: true, code: 550, reply: '550 no such user' };
      if (m.to === 'user3@example.org') return { ok: false, permanent: false, code: 451, reply: '451 later' };
      return { ok: true, reply: '250 ok' };
    });
    const summary = await drainLedgers(
      { ledger, transport, personalize, sender: SENDER },
      { ...FAST, mode: 'until-empty' },
    );
    const rows = await rowsOf(store);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'failed', 'failed', 'sent', 'sent', 'sent']);
    expect(await store.subscribers.getSubscriberByEmail(emailOf(2))).toMatchObject({
      status: 'suppressed',
      suppressedReason: '550 no such user',
    });
    expect((await store.subscribers.getSubscriberByEmail(emailOf(3)))?.status).toBe('confirmed');
    // The temporary failure was tried exactly maxAttempts times: no retry storm.
    expect(calls.filter((c) => c.to === 'user3@example.org')).toHaveLength(FAST.maxAttempts);
    expect(calls.filter((c) => c.to === 'user2@example.org')).toHaveLength(1);
    expect(rows[2]?.lastReply).toMatch(/gave up after 4 attempts: 451 later/);
    expect(summary).toMatchObject({ sent: 4, failed: 2, deferred: FAST.maxAttempts - 1 });
  });

  it('once returns while deferred rows wait', async () => {
    const { store, ledger } = await ledgerOf(3);
    const { transport } = scriptedTransport((m) =>
      m.to === 'user1@example.org'
        ? { ok: false, permanent: false, code: 421, reply: '421 busy' }
        : { ok: true, reply: '250' },
    );
    const summary = await drainLedgers(
      { ledger, transport, personalize, sender: SENDER },
      { ...FAST, retryBaseSeconds: 3600 },
    );
    expect(summary).toMatchObject({ sent: 2, deferred: 1 });
    expect((await rowsOf(store))[0]?.state).toBe('deferred');
  });

  it('pauses after maxConsecutiveErrors, releasing claimed rows it never sent', async () => {
    const { store, ledger } = await ledgerOf(40);
    const { transport, calls } = scriptedTransport(() => ({
      ok: false,
      permanent: false,
      code: null,
      reply: 'Connection refused',
    }));
    const run = drainLedgers(
      { ledger, transport, personalize, sender: SENDER },
      { ...FAST, maxConsecutiveErrors: 5, retryBaseSeconds: 3600 },
    );
    await expect(run).rejects.toThrow(PaperpostError);
    await expect(run).rejects.toMatchObject({
      code: 'paused',
      message: `${EDITION}: paused after ${calls.length} consecutive errors (last: Connection refused)`,
    });
    // At most the in-flight sends past the limit; the rest went back to pending untouched.
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(calls.length).toBeLessThan(5 + 3);
    const rows = await rowsOf(store);
    expect(rows.filter((r) => r.state === 'sending')).toHaveLength(0);
    expect(rows.filter((r) => r.state === 'pending' && r.attempts === 0)).toHaveLength(40 - calls.length);
  });

  it('stops claiming on abort, lets in-flight sends finish and releases the rest', async () => {
    const { store, ledger } = await ledgerOf(50);
    const controller = new AbortController();
    const { transport, calls } = scriptedTransport((_m, _n) => {
      // At or past 10: workers whose sent marks are committed together start their sends together.
      if (calls.length >= 10) controller.abort();
      return { ok: true, reply: '250' };
    });
    const summary = await drainLedgers(
      { ledger, transport, personalize, sender: SENDER },
      { ...FAST, signal: controller.signal },
    );
    expect(summary.aborted).toBe(true);
    expect(summary.sent).toBe(calls.length);
    const rows = await rowsOf(store);
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(calls.length);
    expect(rows.filter((r) => r.state === 'pending')).toHaveLength(50 - calls.length);
    expect(rows.filter((r) => r.state === 'sending')).toHaveLength(0);
  });

  it('counts rows the ledger cancelled at claim time (unsubscribed before their turn)', async () => {
    const { store, ledger } = await ledgerOf(4);
    const leaving = await store.subscribers.getSubscriberByEmail(emailOf(2));
    await store.subscribers.updateSubscriber(leaving!.id, { status: 'unsubscribed' }, new Date());
    const { transport, calls } = scriptedTransport(() => ({ ok: true, reply: '250' }));
    const summary = await drainLedgers({ ledger, transport, personalize, sender: SENDER }, FAST);
    expect(summary).toMatchObject({ sent: 3, cancelled: 1 });
    expect(calls.map((c) => c.to)).not.toContain('user2@example.org');
    expect((await rowsOf(store))[1]?.state).toBe('cancelled');
  });

  // Regression (group commit of sent marks): workers released together waited for the pacer
  // together, and one past the last row of the batch crashed on an undefined delivery.
  it('paced workers that wait together never run past the end of a batch', async () => {
    const { ledger } = await ledgerOf(31);
    const { transport, calls } = scriptedTransport(() => ({ ok: true, reply: '250' }));
    const summary = await drainLedgers(
      { ledger, transport, personalize, sender: SENDER },
      { ...FAST, batchSize: 31, rate: { perSecond: 100_000 } },
    );
    expect(summary.sent).toBe(31);
    expect(new Set(calls.map((c) => c.to)).size).toBe(31);
  });

  it('claims no more than the pace can send within half a lease', async () => {
    const { ledger } = await ledgerOf(30);
    const limits: number[] = [];
    const claim = ledger.claimDeliveries;
    ledger.claimDeliveries = async (o) => {
      limits.push(o.limit);
      return claim(o);
    };
    const { transport } = scriptedTransport(() => ({ ok: true, reply: '250' }));
    await drainLedgers(
      { ledger, transport, personalize, sender: SENDER },
      { ...FAST, leaseSeconds: 1, rate: { perSecond: 1000 }, batchSize: 200 },
    );
    expect(Math.max(...limits)).toBe(200);
    limits.length = 0;
    const { ledger: slow } = await ledgerOf(3);
    slow.claimDeliveries = async (o) => {
      limits.push(o.limit);
      return [];
    };
    await drainLedgers(
      { ledger: slow, transport, personalize, sender: SENDER },
      { ...FAST, leaseSeconds: 10, rate: { perSecond: 2 }, batchSize: 200 },
    );
    expect(limits).toEqual([10]);
  });
});
