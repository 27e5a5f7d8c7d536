import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { claimsContract } from './store-contract-claims.js';
import { at, deliveryCounts, makeEdition, makePaper, makeSubscriber, T0 } from './store-contract-fixtures.js';

/** Subscribers and the ledger; claims and locks follow in store-contract-claims.ts. */
export function ledgerContract(store: () => Store, peer: () => (() => Promise<Store>) | undefined): void {
  describe('subscribers', () => {
    it('inserts, then updates topics/frequency/status of a known address', async () => {
      const first = await store().subscribers.upsertSubscriber(
        makeSubscriber('a@example.org', { status: 'pending', topics: ['b', 'a'] }),
      );
      expect(first).toMatchObject({
        email: 'a@example.org',
        status: 'pending',
        topics: ['a', 'b'],
        confirmedAt: null,
      });
      expect(first.id).toBeTypeOf('number');
      const second = await store().subscribers.upsertSubscriber(
        makeSubscriber('a@example.org', {
          status: 'confirmed',
          topics: [],
          frequency: 'weekly',
          name: 'Ada',
        }),
      );
      expect(second).toMatchObject({
        id: first.id,
        status: 'confirmed',
        topics: [],
        frequency: 'weekly',
        name: 'Ada',
      });
      expect(second.confirmedAt).not.toBeNull();
      expect(await store().subscribers.getSubscriber(first.id)).toEqual(second);
      expect(await store().subscribers.getSubscriberByEmail('a@example.org')).toEqual(second);
      expect(await store().subscribers.getSubscriberByEmail('b@example.org')).toBeUndefined();
    });

    it('stamps confirmed_at and unsubscribed_at when the status changes', async () => {
      const sub = await store().subscribers.upsertSubscriber(
        makeSubscriber('a@example.org', { status: 'pending' }),
      );
      const confirmed = await store().subscribers.updateSubscriber(sub.id, { status: 'confirmed' }, at(10));
      expect(confirmed).toMatchObject({
        status: 'confirmed',
        confirmedAt: at(10).toISOString(),
        unsubscribedAt: null,
      });
      const again = await store().subscribers.updateSubscriber(
        sub.id,
        { status: 'confirmed', topics: ['x'] },
        at(20),
      );
      expect(again).toMatchObject({ confirmedAt: at(10).toISOString(), topics: ['x'] });
      const gone = await store().subscribers.updateSubscriber(sub.id, { status: 'unsubscribed' }, at(30));
      expect(gone).toMatchObject({ status: 'unsubscribed', unsubscribedAt: at(30).toISOString() });
      const suppressed = await store().subscribers.updateSubscriber(
        sub.id,
        { status: 'suppressed', suppressedReason: '550 no such user' },
        at(40),
      );
      expect(suppressed).toMatchObject({ status: 'suppressed', suppressedReason: '550 no such user' });
      expect(
        await store().subscribers.updateSubscriber(9999, { status: 'confirmed' }, at(50)),
      ).toBeUndefined();
    });

    it('ends two racing sign-ups of one address as one row', async () => {
      const open = peer();
      const other = open === undefined ? store() : await open();
      const results = await Promise.all([
        store().subscribers.upsertSubscriber(makeSubscriber('race@example.org', { status: 'pending' })),
        other.subscribers.upsertSubscriber(
          makeSubscriber('race@example.org', { status: 'pending', topics: ['nlp'] }),
        ),
        store().subscribers.upsertSubscriber(makeSubscriber('race@example.org', { status: 'pending' })),
      ]);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect((await store().subscribers.countSubscribers()).pending).toBe(1);
    });

    it('adds in bulk, keeping known addresses as they are', async () => {
      await store().subscribers.upsertSubscriber(
        makeSubscriber('known@example.org', { status: 'unsubscribed' }),
      );
      const added = await store().subscribers.addSubscribers(
        [
          makeSubscriber('known@example.org'),
          makeSubscriber('new1@example.org'),
          makeSubscriber('new2@example.org'),
        ],
        T0,
      );
      expect(added).toBe(2);
      expect((await store().subscribers.getSubscriberByEmail('known@example.org'))?.status).toBe(
        'unsubscribed',
      );
      expect(await store().subscribers.countSubscribers()).toEqual({
        pending: 0,
        confirmed: 2,
        unsubscribed: 1,
        suppressed: 0,
      });
    });

    it('pages through subscribers in id order, by status', async () => {
      const emails = ['a', 'b', 'c', 'd', 'e'].map((n) => `${n}@example.org`);
      for (const email of emails)
        await store().subscribers.upsertSubscriber(
          makeSubscriber(email, { status: email.startsWith('c') ? 'pending' : 'confirmed' }),
        );
      const page1 = await store().subscribers.listSubscribers({ limit: 2 });
      const page2 = await store().subscribers.listSubscribers({ limit: 2, afterId: page1[1]?.id ?? 0 });
      const page3 = await store().subscribers.listSubscribers({ limit: 2, afterId: page2[1]?.id ?? 0 });
      expect([...page1, ...page2, ...page3].map((s) => s.email)).toEqual(emails);
      const confirmed = await store().subscribers.listSubscribers({ status: 'confirmed', limit: 10 });
      expect(confirmed.map((s) => s.email)).toEqual(emails.filter((e) => !e.startsWith('c')));
    });

    it('forgets a subscriber and their deliveries', async () => {
      await store().papers.upsertPapers([makePaper('p1')], T0);
      await store().editions.createEdition(makeEdition('d1', 'daily', ['p1']));
      await store().subscribers.upsertSubscriber(makeSubscriber('a@example.org'));
      await store().subscribers.upsertSubscriber(makeSubscriber('b@example.org'));
      await store().ledger.createLedger('d1', 'daily', 'example.org');
      expect(await store().subscribers.forgetSubscriber('a@example.org')).toBe(true);
      expect(await store().subscribers.forgetSubscriber('a@example.org')).toBe(false);
      expect(await store().subscribers.getSubscriberByEmail('a@example.org')).toBeUndefined();
      const rows = await store().ledger.listDeliveries('d1', { limit: 10 });
      expect(rows.map((r) => r.email)).toEqual(['b@example.org']);
    });
  });

  describe('ledger', () => {
    beforeEach(async () => {
      await store().papers.upsertPapers([makePaper('p1'), makePaper('p2')], T0);
      await store().editions.createEdition(makeEdition('d1', 'daily', ['p1']));
      await store().editions.createEdition(makeEdition('w1', 'weekly', ['p2']));
    });

    it('writes one pending row per confirmed subscriber of the frequency, idempotently', async () => {
      const all = await store().subscribers.upsertSubscriber(makeSubscriber('all@example.org'));
      const some = await store().subscribers.upsertSubscriber(
        makeSubscriber('some@example.org', { topics: ['nlp', 'cv'] }),
      );
      await store().subscribers.upsertSubscriber(
        makeSubscriber('pending@example.org', { status: 'pending' }),
      );
      await store().subscribers.upsertSubscriber(
        makeSubscriber('weekly@example.org', { frequency: 'weekly' }),
      );
      await store().subscribers.upsertSubscriber(
        makeSubscriber('gone@example.org', { status: 'unsubscribed' }),
      );
      expect(await store().ledger.createLedger('d1', 'daily', 'mail.example.org')).toBe(2);
      expect(await store().ledger.createLedger('d1', 'daily', 'mail.example.org')).toBe(0);
      const rows = await store().ledger.listDeliveries('d1', { limit: 10 });
      expect(rows).toEqual([
        expect.objectContaining({
          editionId: 'd1',
          subscriberId: all.id,
          email: 'all@example.org',
          variantKey: 'daily:*',
          state: 'pending',
          attempts: 0,
          messageId: `<d1.${all.id}@mail.example.org>`,
          lastReply: null,
          sentAt: null,
        }),
        expect.objectContaining({
          subscriberId: some.id,
          variantKey: 'daily:cv,nlp',
          messageId: `<d1.${some.id}@mail.example.org>`,
        }),
      ]);
      expect(await store().ledger.listVariantKeys('d1')).toEqual(['daily:*', 'daily:cv,nlp']);
      // A subscriber confirmed later joins on the next call; nobody is doubled.
      await store().subscribers.upsertSubscriber(makeSubscriber('late@example.org'));
      expect(await store().ledger.createLedger('d1', 'daily', 'mail.example.org')).toBe(1);
      expect((await store().ledger.countDeliveries('d1')).pending).toBe(3);
      expect(await store().ledger.createLedger('w1', 'weekly', 'mail.example.org')).toBe(1);
      expect(await store().ledger.listUnfinishedEditions()).toEqual(['d1', 'w1']);
    });

    it('writes a skipped row for a subscriber whose variant is empty, asked once per variant', async () => {
      await store().subscribers.upsertSubscriber(makeSubscriber('all@example.org'));
      const some = await store().subscribers.upsertSubscriber(
        makeSubscriber('some@example.org', { topics: ['nlp', 'cv'] }),
      );
      await store().subscribers.upsertSubscriber(
        makeSubscriber('also@example.org', { topics: ['cv', 'nlp'] }),
      );
      await store().subscribers.upsertSubscriber(
        makeSubscriber('weekly@example.org', { frequency: 'weekly', topics: ['nlp', 'cv'] }),
      );
      const asked: string[] = [];
      const skip = (key: string): boolean => {
        asked.push(key);
        return key === 'daily:cv,nlp';
      };
      expect(await store().ledger.createLedger('d1', 'daily', 'example.org', skip)).toBe(3);
      expect(asked.sort()).toEqual(['daily:*', 'daily:cv,nlp']);
      const rows = await store().ledger.listDeliveries('d1', { limit: 10 });
      expect(rows.map((r) => [r.email, r.variantKey, r.state])).toEqual([
        ['all@example.org', 'daily:*', 'pending'],
        ['some@example.org', 'daily:cv,nlp', 'skipped'],
        ['also@example.org', 'daily:cv,nlp', 'skipped'],
      ]);
      expect(rows[1]?.subscriberId).toBe(some.id);
      expect(await store().ledger.listDeliveries('d1', { state: 'skipped', limit: 10 })).toHaveLength(2);
      expect(await store().ledger.countDeliveries('d1')).toMatchObject({ pending: 1, skipped: 2 });
      // Never claimed: the edition is done once its one pending row is.
      const claimed = await store().ledger.claimDeliveries({
        editionId: 'd1',
        limit: 10,
        leaseSeconds: 60,
        worker: 'w',
        now: T0,
      });
      expect(claimed.map((d) => d.email)).toEqual(['all@example.org']);
      await store().ledger.markSent(claimed[0]?.id as number, '250 ok', T0);
      expect(await store().ledger.listUnfinishedEditions()).toEqual([]);
      // Idempotent; an empty variant is never rendered: no mail goes out for it.
      expect(await store().ledger.createLedger('d1', 'daily', 'example.org', skip)).toBe(0);
      expect(await store().ledger.listVariantKeys('d1')).toEqual(['daily:*']);
      expect(await store().ledger.deliveryTotals()).toMatchObject({ sent: 1, skipped: 2 });
    });

    it('writes a ledger for 20,000 subscribers in one call', async () => {
      const subs = Array.from({ length: 20_000 }, (_, i) =>
        makeSubscriber(`s${i}@example.org`, {
          topics: i % 3 === 0 ? ['nlp'] : [],
          status: i % 10 === 9 ? 'pending' : 'confirmed',
        }),
      );
      expect(await store().subscribers.addSubscribers(subs, T0)).toBe(20_000);
      expect(await store().ledger.createLedger('d1', 'daily', 'example.org')).toBe(18_000);
      expect(await store().ledger.createLedger('d1', 'daily', 'example.org')).toBe(0);
      const counts = await store().ledger.countDeliveries('d1');
      expect(counts).toEqual(deliveryCounts({ pending: 18_000 }));
      expect(await store().ledger.listVariantKeys('d1')).toEqual(['daily:*', 'daily:nlp']);
      const tail = await store().ledger.listDeliveries('d1', { limit: 1, afterId: 0 });
      expect(tail[0]?.messageId).toBe(`<d1.${tail[0]?.subscriberId}@example.org>`);
    });
  });

  claimsContract(store, peer);
}
