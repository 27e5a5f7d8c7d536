import { beforeEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/domain/index.js';
import type { Store } from '../../src/store/types.js';
import { at, deliveryCounts, makeEdition, makePaper, makeSubscriber, T0 } from './store-contract-fixtures.js';

/** Claims with a 30 s lease; `editionId` null claims across editions. */
const claim = (store: Store, limit: number, now: Date, worker = 'w1', editionId: string | null = 'd1') =>
  store.ledger.claimDeliveries({
    ...(editionId === null ? {} : { editionId }),
    limit,
    worker,
    leaseSeconds: 30,
    now,
  });

async function seedLedger(store: Store, subscribers: number): Promise<void> {
  await store.papers.upsertPapers([makePaper('p1')], T0);
  await store.editions.createEdition(makeEdition('d1', 'daily', ['p1']));
  const subs = Array.from({ length: subscribers }, (_, i) =>
    makeSubscriber(`s${String(i).padStart(4, '0')}@example.org`),
  );
  await store.subscribers.addSubscribers(subs, T0);
  await store.ledger.createLedger('d1', 'daily', 'example.org');
}

/** Claims, leases, outcomes, runs and locks. */
export function claimsContract(store: () => Store, peer: () => (() => Promise<Store>) | undefined): void {
  describe('claims', () => {
    beforeEach(async () => {
      await seedLedger(store(), 5);
    });

    it('claims pending rows in id order with a lease, counting the attempt', async () => {
      const batch = await claim(store(), 3, T0);
      expect(batch.map((d) => d.email)).toEqual([
        's0000@example.org',
        's0001@example.org',
        's0002@example.org',
      ]);
      expect(batch.every((d) => d.state === 'sending' && d.attempts === 1)).toBe(true);
      expect(batch[0]?.leaseUntil).toBe(at(30).toISOString());
      expect((await claim(store(), 10, T0)).map((d) => d.email)).toEqual([
        's0003@example.org',
        's0004@example.org',
      ]);
      expect(await claim(store(), 10, T0)).toEqual([]);
      expect(await store().ledger.nextWakeUp('d1')).toEqual(at(30));
    });

    it("carries the subscriber's name with the claim, for the greeting", async () => {
      await store().subscribers.upsertSubscriber({
        ...makeSubscriber('s0000@example.org'),
        name: 'Demo Reader',
      });
      const [named, unnamed] = (await claim(store(), 2, T0)) as [Delivery, Delivery];
      expect(named).toMatchObject({ email: 's0000@example.org', name: 'Demo Reader' });
      expect(unnamed).toMatchObject({ email: 's0001@example.org', name: null });
    });

    it('records outcomes only for rows still sending', async () => {
      const [a, b, c] = (await claim(store(), 3, T0)) as [Delivery, Delivery, Delivery];
      await store().ledger.markSent(a.id, '250 ok', at(1));
      await store().ledger.markDeferred(b.id, '421 try later', at(120));
      await store().ledger.markFailed(c.id, '550 no such user');
      await store().ledger.markFailed(a.id, 'too late'); // guard: a is sent already
      const rows = await store().ledger.listDeliveries('d1', { limit: 10 });
      expect(rows[0]).toMatchObject({ state: 'sent', lastReply: '250 ok', sentAt: at(1).toISOString() });
      expect(rows[1]).toMatchObject({
        state: 'deferred',
        lastReply: '421 try later',
        retryAt: at(120).toISOString(),
      });
      expect(rows[2]).toMatchObject({ state: 'failed', lastReply: '550 no such user' });
      expect(await store().ledger.countDeliveries('d1')).toEqual(
        deliveryCounts({ pending: 2, sent: 1, deferred: 1, failed: 1 }),
      );
      expect(
        (await store().ledger.listDeliveries('d1', { state: 'failed', limit: 10 })).map((d) => d.id),
      ).toEqual([c.id]);
      expect(await store().ledger.nextWakeUp('d1')).toEqual(at(120));
    });

    it('re-claims a deferred row once due, and a sending row once its lease expired', async () => {
      const [a, b] = (await claim(store(), 2, T0)) as [Delivery, Delivery];
      await store().ledger.markDeferred(a.id, '451 greylisted', at(60));
      await claim(store(), 3, T0); // drains the pending rows
      expect(await claim(store(), 10, at(29))).toEqual([]);
      const expired = await claim(store(), 10, at(31), 'w2');
      // b and the three drained rows had leases until T0+30; a is not due until T0+60.
      expect(expired.map((d) => d.id)).not.toContain(a.id);
      expect(expired.map((d) => d.id)).toContain(b.id);
      expect(expired.find((d) => d.id === b.id)?.attempts).toBe(2);
      const due = await claim(store(), 10, at(60));
      expect(due.map((d) => [d.id, d.attempts])).toEqual([[a.id, 2]]);
    });

    // Regression (worker review): a worker whose lease expired could still mark or release a row
    // another worker had claimed again, making a duplicate without any crash.
    it('fences out a worker whose lease was taken over: its marks and releases change nothing', async () => {
      const [stale] = (await claim(store(), 1, T0, 'w1')) as [Delivery];
      const [fresh] = (await claim(store(), 1, at(31), 'w2')) as [Delivery];
      expect(fresh.id).toBe(stale.id);
      expect(fresh.attempts).toBe(stale.attempts + 1);
      await store().ledger.markSent(stale.id, '250 late', at(32), stale.attempts);
      await store().ledger.markDeferred(stale.id, '451 late', at(90), stale.attempts);
      await store().ledger.markFailed(stale.id, '550 late', stale.attempts);
      await store().ledger.releaseDeliveries([stale.id], 'w1');
      const [row] = await store().ledger.listDeliveries('d1', { state: 'sending', limit: 10 });
      expect(row).toMatchObject({ id: fresh.id, state: 'sending', attempts: fresh.attempts });
      await store().ledger.markSent(fresh.id, '250 ok', at(33), fresh.attempts);
      expect((await store().ledger.countDeliveries('d1')).sent).toBe(1);
    });

    it('marks several rows sent in one call, each with its reply and time, fenced per row', async () => {
      const [a, b, c, d] = (await claim(store(), 4, T0)) as [Delivery, Delivery, Delivery, Delivery];
      await store().ledger.markFailed(d.id, '550 no such user');
      await store().ledger.markSentMany([
        { id: a.id, reply: '250 queued as A', now: at(1), attempt: a.attempts },
        { id: b.id, reply: '250 queued as B', now: at(2) },
        // A stale claim (attempt behind) and a row no longer sending change nothing.
        { id: c.id, reply: '250 stale', now: at(3), attempt: c.attempts - 1 },
        { id: d.id, reply: '250 too late', now: at(4), attempt: d.attempts },
      ]);
      await store().ledger.markSentMany([]);
      const rows = await store().ledger.listDeliveries('d1', { limit: 10 });
      expect(rows.slice(0, 4).map((r) => [r.state, r.lastReply, r.sentAt])).toEqual([
        ['sent', '250 queued as A', at(1).toISOString()],
        ['sent', '250 queued as B', at(2).toISOString()],
        ['sending', null, null],
        ['failed', '550 no such user', null],
      ]);
      expect(rows[0]?.leaseUntil).toBeNull();
      await store().ledger.markSentMany([{ id: c.id, reply: '250 ok', now: at(5), attempt: c.attempts }]);
      expect(await store().ledger.countDeliveries('d1')).toMatchObject({ sent: 3, sending: 0, failed: 1 });
    });

    it('marks a second group of the same shape with its own values (the SQL is reused)', async () => {
      const rows = (await claim(store(), 6, T0)) as Delivery[];
      const marks = (from: number, reply: string) =>
        rows.slice(from, from + 3).map((r, i) => ({
          id: r.id,
          reply: `${reply} ${i}`,
          now: at(from + i + 1),
          // one mark without a fence in each group: the same shape twice
          attempt: i === 1 ? undefined : r.attempts,
        }));
      await store().ledger.markSentMany(marks(0, '250 first'));
      await store().ledger.markSentMany(marks(3, '250 second'));
      const listed = await store().ledger.listDeliveries('d1', { limit: 10 });
      expect(listed.slice(0, 6).map((r) => [r.id, r.state, r.lastReply, r.sentAt])).toEqual(
        rows.map((r, n) => [
          r.id,
          'sent',
          `250 ${n < 3 ? 'first' : 'second'} ${n % 3}`,
          at(n + 1).toISOString(),
        ]),
      );
    });

    it('gives released rows back without counting the attempt', async () => {
      const batch = await claim(store(), 2, T0);
      await store().ledger.releaseDeliveries(batch.map((d) => d.id));
      const again = await claim(store(), 2, T0);
      expect(again.map((d) => [d.id, d.attempts])).toEqual(batch.map((d) => [d.id, 1]));
    });

    it('cancels rows of someone who unsubscribed before the claim and fills the batch with others', async () => {
      const s1 = await store().subscribers.getSubscriberByEmail('s0001@example.org');
      await store().subscribers.updateSubscriber(s1?.id ?? 0, { status: 'unsubscribed' }, T0);
      const s2 = await store().subscribers.getSubscriberByEmail('s0002@example.org');
      await store().subscribers.updateSubscriber(s2?.id ?? 0, { status: 'suppressed' }, T0);
      const batch = await claim(store(), 3, T0);
      expect(batch.map((d) => d.email)).toEqual([
        's0000@example.org',
        's0003@example.org',
        's0004@example.org',
      ]);
      const counts = await store().ledger.countDeliveries('d1');
      expect(counts).toMatchObject({ sending: 3, cancelled: 2, pending: 0 });
    });

    it('claims across editions when no edition is given', async () => {
      await store().papers.upsertPapers([makePaper('p9')], T0);
      await store().editions.createEdition(makeEdition('d2', 'daily', ['p9'], '2025-01-04'));
      await store().ledger.createLedger('d2', 'daily', 'example.org');
      const batch = await claim(store(), 100, T0, 'w1', null);
      expect(batch).toHaveLength(10);
      expect(new Set(batch.map((d) => d.editionId))).toEqual(new Set(['d1', 'd2']));
      await Promise.all(batch.map((d) => store().ledger.markSent(d.id, '250', at(1))));
      expect(await store().ledger.listUnfinishedEditions()).toEqual([]);
      expect(await store().ledger.nextWakeUp()).toBeUndefined();
    });
  });

  describe('concurrent claims', () => {
    it('never hands the same row to two claimers', async () => {
      await seedLedger(store(), 300);
      const open = peer();
      const other = open === undefined ? store() : await open();
      const seen: number[][] = [[], []];
      const worker = async (s: Store, i: number): Promise<void> => {
        for (;;) {
          const batch = await claim(s, 7, T0, `w${i}`);
          if (batch.length === 0) return;
          seen[i]?.push(...batch.map((d) => d.id));
        }
      };
      await Promise.all([worker(store(), 0), worker(other, 1)]);
      const all = [...(seen[0] ?? []), ...(seen[1] ?? [])];
      expect(all).toHaveLength(300);
      expect(new Set(all).size).toBe(300);
      expect((await store().ledger.countDeliveries('d1')).sending).toBe(300);
    });
  });

  describe('runs and locks', () => {
    it('records runs newest first', async () => {
      const first = await store().runs.startRun('run', T0);
      const second = await store().runs.startRun('send', at(10));
      await store().runs.finishRun(first, 'ok', { papers: 3, errors: ['x'] }, null, at(5));
      const runs = await store().runs.listRuns(10);
      expect(runs.map((r) => r.id)).toEqual([second, first]);
      expect(runs[0]).toMatchObject({ kind: 'send', status: 'running', finishedAt: null, summary: null });
      expect(runs[1]).toMatchObject({
        status: 'ok',
        finishedAt: at(5).toISOString(),
        summary: { papers: 3, errors: ['x'] },
      });
      expect(await store().runs.listRuns(1)).toHaveLength(1);
    });

    it('takes, refuses, renews, takes over expired and releases locks', async () => {
      expect(await store().runs.tryLock('run:daily', 'a', 60, T0)).toBe(true);
      expect(await store().runs.tryLock('run:daily', 'b', 60, at(30))).toBe(false);
      expect(await store().runs.tryLock('run:daily', 'a', 60, at(30))).toBe(true); // renewal until T0+90
      expect(await store().runs.tryLock('run:daily', 'b', 60, at(89))).toBe(false);
      expect(await store().runs.tryLock('run:daily', 'b', 60, at(90))).toBe(true);
      await store().runs.releaseLock('run:daily', 'a'); // not a's any more: no effect
      expect(await store().runs.tryLock('run:daily', 'a', 60, at(91))).toBe(false);
      await store().runs.releaseLock('run:daily', 'b');
      expect(await store().runs.tryLock('run:daily', 'a', 60, at(92))).toBe(true);
    });

    it('gives a lock to exactly one of two racing holders', async () => {
      const open = peer();
      const other = open === undefined ? store() : await open();
      const results = await Promise.all([
        store().runs.tryLock('race', 'a', 60, T0),
        other.runs.tryLock('race', 'b', 60, T0),
        store().runs.tryLock('race', 'c', 60, T0),
        other.runs.tryLock('race', 'd', 60, T0),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
