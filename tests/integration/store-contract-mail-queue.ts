import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { at, makeEdition, makePaper, makeSubscriber, T0 } from './store-contract-fixtures.js';

/**
 * The transactional mail queue and the shared rate windows (issue 15 items 3 and 7), and the
 * leases a killed sender leaves (item 10).
 */
export function mailQueueContract(store: () => Store, peer: () => (() => Promise<Store>) | undefined): void {
  describe('rate windows', () => {
    it('counts hits in a fixed window and opens a new one when it ends', async () => {
      const take = (seconds: number) =>
        store().mailQueue.takeRateLimit('address:a@example.org', 2, 60, at(seconds));
      expect(await take(0)).toMatchObject({ allowed: true });
      expect(await take(10)).toMatchObject({ allowed: true });
      expect(await take(20)).toEqual({ allowed: false, retryAfterSeconds: 40 });
      expect(await take(60)).toMatchObject({ allowed: true });
      expect(await store().mailQueue.takeRateLimit('address:b@example.org', 2, 60, at(20))).toMatchObject({
        allowed: true,
      });
    });

    it('lets exactly `limit` of many racing hits through, from two handles', async () => {
      const open = peer();
      const other = open === undefined ? store() : await open();
      const hits = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 === 0 ? store() : other).mailQueue.takeRateLimit('k', 3, 600, T0),
        ),
      );
      expect(hits.filter((h) => h.allowed)).toHaveLength(3);
    });
  });

  describe('mail queue', () => {
    it('leases due mails once, retries later, completes, and is emptied by forget', async () => {
      const ada = await store().subscribers.upsertSubscriber(makeSubscriber('ada@example.org'));
      const bob = await store().subscribers.upsertSubscriber(makeSubscriber('bob@example.org'));
      await store().mailQueue.enqueueMail(
        { kind: 'confirm', subscriberId: ada.id, email: ada.email, extra: 'd:' },
        T0,
      );
      await store().mailQueue.enqueueMail({ kind: 'welcome', subscriberId: bob.id, email: bob.email }, T0);
      expect(await store().mailQueue.countQueuedMails()).toBe(2);
      const first = await store().mailQueue.claimQueuedMails({ limit: 10, leaseSeconds: 60, now: at(1) });
      expect(first.map((m) => [m.kind, m.email, m.extra, m.attempts])).toEqual([
        ['confirm', 'ada@example.org', 'd:', 1],
        ['welcome', 'bob@example.org', '', 1],
      ]);
      expect(await store().mailQueue.claimQueuedMails({ limit: 10, leaseSeconds: 60, now: at(2) })).toEqual(
        [],
      );
      const [a, b] = first;
      await store().mailQueue.completeQueuedMail(a?.id ?? 0);
      await store().mailQueue.retryQueuedMail(b?.id ?? 0, '421 try later', at(100));
      expect(await store().mailQueue.claimQueuedMails({ limit: 10, leaseSeconds: 60, now: at(99) })).toEqual(
        [],
      );
      const again = await store().mailQueue.claimQueuedMails({ limit: 10, leaseSeconds: 60, now: at(100) });
      expect(again.map((m) => [m.email, m.attempts])).toEqual([['bob@example.org', 2]]);
      // A drainer that died: its lease runs out and the mail is due again.
      expect(
        await store().mailQueue.claimQueuedMails({ limit: 10, leaseSeconds: 60, now: at(161) }),
      ).toHaveLength(1);
      await store().mailQueue.takeRateLimit('confirm-mail:bob@example.org', 1, 600, T0);
      expect(await store().subscribers.forgetSubscriber('bob@example.org')).toBe(true);
      expect(await store().mailQueue.countQueuedMails()).toBe(0);
      expect(await store().tables.countRows('rate_limits')).toBe(0);
    });

    it('never hands one mail to two drainers', async () => {
      const ada = await store().subscribers.upsertSubscriber(makeSubscriber('ada@example.org'));
      for (let i = 0; i < 40; i++) {
        await store().mailQueue.enqueueMail({ kind: 'confirm', subscriberId: ada.id, email: ada.email }, T0);
      }
      const open = peer();
      const other = open === undefined ? store() : await open();
      const seen: number[] = [];
      const drainer = async (s: Store) => {
        for (;;) {
          const batch = await s.mailQueue.claimQueuedMails({ limit: 3, leaseSeconds: 60, now: at(1) });
          if (batch.length === 0) return;
          seen.push(...batch.map((m) => m.id));
        }
      };
      await Promise.all([drainer(store()), drainer(other)]);
      expect(seen).toHaveLength(40);
      expect(new Set(seen).size).toBe(40);
    });
  });

  describe('leases of a killed sender', () => {
    it("lists holders of unexpired leases, ends a dead one's leases, and keeps the fencing", async () => {
      await store().papers.upsertPapers([makePaper('p1')], T0);
      await store().editions.createEdition(makeEdition('d1', 'daily', ['p1']));
      await store().subscribers.addSubscribers(
        ['a', 'b', 'c'].map((n) => makeSubscriber(`${n}@example.org`)),
        T0,
      );
      await store().ledger.createLedger('d1', 'daily', 'example.org');
      const dead = await store().ledger.claimDeliveries({
        limit: 2,
        worker: 'host:1',
        leaseSeconds: 600,
        now: T0,
      });
      await store().ledger.claimDeliveries({ limit: 1, worker: 'host:2', leaseSeconds: 60, now: T0 });
      expect(await store().ledger.listLeases('d1', at(1))).toEqual([
        { holder: 'host:1', rows: 2, until: at(600).toISOString() },
        { holder: 'host:2', rows: 1, until: at(60).toISOString() },
      ]);
      expect(await store().ledger.listLeases(undefined, at(61))).toEqual([
        { holder: 'host:1', rows: 2, until: at(600).toISOString() },
      ]);
      expect(await store().ledger.expireLeases('host:1', at(2))).toBe(2);
      expect(await store().ledger.listLeases('d1', at(2))).toHaveLength(1);
      const again = await store().ledger.claimDeliveries({
        limit: 5,
        worker: 'host:3',
        leaseSeconds: 60,
        now: at(3),
      });
      expect(again.map((d) => d.id).sort()).toEqual(dead.map((d) => d.id).sort());
      // The dead holder's late marks (old attempt) change nothing; the new claimer's do.
      const [first] = dead;
      await store().ledger.markSent(first?.id ?? 0, '250 late', at(4), first?.attempts);
      expect((await store().ledger.countDeliveries('d1')).sent).toBe(0);
      const mine = again.find((d) => d.id === first?.id);
      await store().ledger.markSent(mine?.id ?? 0, '250 ok', at(4), mine?.attempts);
      expect((await store().ledger.countDeliveries('d1')).sent).toBe(1);
    });
  });
}
