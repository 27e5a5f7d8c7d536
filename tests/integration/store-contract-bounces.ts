import { describe, expect, it } from 'vitest';
import type { NewBounce } from '../../src/domain/index.js';
import type { Store } from '../../src/store/types.js';
import { at, makeEdition, makePaper, makeSubscriber, T0 } from './store-contract-fixtures.js';

const POLICY = { limit: 3, windowDays: 30 };
const DAY = 24 * 3600;

/** Two editions of two confirmed subscribers; returns the ledger rows by address. */
async function seed(store: Store) {
  await store.papers.upsertPapers([makePaper('2501.00001'), makePaper('2501.00002')], T0);
  await store.subscribers.upsertSubscriber(makeSubscriber('ada@example.org'));
  await store.subscribers.upsertSubscriber(makeSubscriber('bob@example.org'));
  await store.editions.createEdition(makeEdition('daily-2025-01-03', 'daily', ['2501.00001']));
  await store.ledger.createLedger('daily-2025-01-03', 'daily', 'example.org');
  const rows = await store.ledger.listDeliveries('daily-2025-01-03', { limit: 10 });
  const ada = rows.find((r) => r.email === 'ada@example.org')!;
  const bob = rows.find((r) => r.email === 'bob@example.org')!;
  return { ada, bob };
}

function bounce(over: Partial<NewBounce> & Pick<NewBounce, 'deliveryId' | 'subscriberId'>): NewBounce {
  return {
    fingerprint: `f-${Math.random()}`,
    editionId: 'daily-2025-01-03',
    email: 'ada@example.org',
    class: 'soft',
    reason: 'mailboxfull',
    status: '4.2.2',
    feedbackType: null,
    diagnostic: '452 4.2.2 Mailbox full',
    source: 'smtp',
    receivedAt: at(60),
    ...over,
  };
}

/** Bounces and complaints: stored with their delivery, acted on in the same transaction. */
export function bounceContract(store: () => Store): void {
  describe('bounces', () => {
    it('finds a bounce target by delivery id and by the latest delivery to an address', async () => {
      const { ada } = await seed(store());
      expect(await store().bounces.findBounceTarget(ada.id)).toEqual({
        deliveryId: ada.id,
        subscriberId: ada.subscriberId,
        editionId: 'daily-2025-01-03',
        email: 'ada@example.org',
      });
      expect((await store().bounces.findLatestDeliveryTo('ada@example.org'))?.deliveryId).toBe(ada.id);
      expect(await store().bounces.findBounceTarget(999_999)).toBeUndefined();
      expect(await store().bounces.findLatestDeliveryTo('nobody@example.org')).toBeUndefined();
    });

    it('a hard bounce suppresses the address with its reason; the same report twice counts once', async () => {
      const { ada } = await seed(store());
      const hard = bounce({
        fingerprint: 'mail:abc',
        deliveryId: ada.id,
        subscriberId: ada.subscriberId,
        class: 'hard',
        reason: 'userunknown',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <ada@example.org>: User unknown',
      });
      expect(await store().bounces.recordBounce(hard, POLICY)).toEqual({ action: 'suppressed' });
      expect(await store().bounces.recordBounce(hard, POLICY)).toEqual({ action: 'duplicate' });
      const sub = await store().subscribers.getSubscriber(ada.subscriberId);
      expect(sub?.status).toBe('suppressed');
      expect(sub?.suppressedReason).toMatch(
        /^hard bounce 5\.1\.1 userunknown via smtp 2025-01-03: 550 5\.1\.1/,
      );
      expect(await store().bounces.countBounces('daily-2025-01-03')).toEqual({
        hard: 1,
        soft: 0,
        complaint: 0,
      });
      const listed = await store().bounces.listBounces({ subscriberId: ada.subscriberId, limit: 5 });
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ deliveryId: ada.id, class: 'hard', status: '5.1.1', source: 'smtp' });
    });

    it('soft bounces count per delivery within the window and suppress at the limit', async () => {
      const { ada } = await seed(store());
      const ids = { deliveryId: ada.id, subscriberId: ada.subscriberId };
      expect(await store().bounces.recordBounce(bounce({ ...ids, receivedAt: at(0) }), POLICY)).toEqual({
        action: 'counted',
        softCount: 1,
      });
      // A second report about the same delivery (delayed, then failed) is still one delivery.
      expect(
        (await store().bounces.recordBounce(bounce({ ...ids, receivedAt: at(10) }), POLICY)).softCount,
      ).toBe(1);
      // Other deliveries: reports without a delivery count one each.
      const loose = { deliveryId: null, subscriberId: ada.subscriberId };
      expect(
        (await store().bounces.recordBounce(bounce({ ...loose, receivedAt: at(DAY) }), POLICY)).softCount,
      ).toBe(2);
      expect((await store().subscribers.getSubscriber(ada.subscriberId))?.status).toBe('confirmed');
      // 40 days later the first ones are outside the window.
      const late = await store().bounces.recordBounce(bounce({ ...loose, receivedAt: at(40 * DAY) }), POLICY);
      expect(late).toEqual({ action: 'counted', softCount: 1 });
      await store().bounces.recordBounce(bounce({ ...loose, receivedAt: at(41 * DAY) }), POLICY);
      const third = await store().bounces.recordBounce(
        bounce({ ...loose, receivedAt: at(42 * DAY) }),
        POLICY,
      );
      expect(third).toEqual({ action: 'suppressed', softCount: 3 });
      expect((await store().subscribers.getSubscriber(ada.subscriberId))?.suppressedReason).toMatch(
        /^3 soft bounces in 30 days, last: soft bounce 4\.2\.2 mailboxfull/,
      );
    });

    it('a complaint suppresses even an unsubscribed address and stamps the unsubscribe', async () => {
      const { ada, bob } = await seed(store());
      await store().subscribers.updateSubscriber(bob.subscriberId, { status: 'unsubscribed' }, at(1));
      const complaint = (d: typeof ada) =>
        bounce({
          deliveryId: d.id,
          subscriberId: d.subscriberId,
          email: d.email,
          class: 'complaint',
          reason: 'feedback',
          status: null,
          feedbackType: 'abuse',
          diagnostic: null,
          source: 'ses',
        });
      expect(await store().bounces.recordBounce(complaint(ada), POLICY)).toEqual({ action: 'unsubscribed' });
      expect(await store().bounces.recordBounce(complaint(bob), POLICY)).toEqual({ action: 'unsubscribed' });
      const sub = await store().subscribers.getSubscriber(ada.subscriberId);
      expect(sub).toMatchObject({
        status: 'suppressed',
        suppressedReason: expect.stringMatching(/^complaint \(abuse\)/),
      });
      expect(sub?.unsubscribedAt).toBe(at(60).toISOString());
      expect(await store().bounces.bounceTotals()).toEqual({ hard: 0, soft: 0, complaint: 2 });
      // Suppressed rows are cancelled at claim time, never sent.
      const claimed = await store().ledger.claimDeliveries({
        limit: 10,
        worker: 'w',
        leaseSeconds: 30,
        now: at(70),
      });
      expect(claimed).toEqual([]);
      expect(await store().ledger.deliveryTotals()).toMatchObject({ cancelled: 2, pending: 0 });
    });

    it('a hard bounce leaves an unsubscribed address unsubscribed', async () => {
      const { bob } = await seed(store());
      await store().subscribers.updateSubscriber(bob.subscriberId, { status: 'unsubscribed' }, at(1));
      const hard = bounce({
        deliveryId: bob.id,
        subscriberId: bob.subscriberId,
        class: 'hard',
        reason: 'userunknown',
      });
      expect(await store().bounces.recordBounce(hard, POLICY)).toEqual({ action: 'none' });
      expect((await store().subscribers.getSubscriber(bob.subscriberId))?.status).toBe('unsubscribed');
    });
  });
}
