/** A tiny in-memory LedgerPort following the Store's documented semantics, for unit tests. */

import type { LedgerPort } from '../../../src/deliver/index.js';
import type { Delivery, DeliveryCounts, RenderedVariant } from '../../../src/domain/index.js';

export interface MemoryLedger extends LedgerPort {
  rows: Delivery[];
  variants: Map<string, RenderedVariant>;
  /** subscriberId -> status */
  subscribers: Map<number, { status: string; suppressedReason: string | null }>;
}

/** `count` pending rows for edition `editionId`, one subscriber each (ids 1..count). */
export function createMemoryLedger(
  editionId: string,
  emails: string[],
  variantKey = 'daily:*',
): MemoryLedger {
  const rows: Delivery[] = emails.map((email, i) => ({
    id: i + 1,
    editionId,
    subscriberId: i + 1,
    subscriberKey: (i + 1).toString(16).padStart(32, '0'),
    email,
    variantKey,
    state: 'pending',
    attempts: 0,
    lastReply: null,
    messageId: `${editionId}.${i + 1}@paperpost.test`,
    retryAt: null,
    leaseUntil: null,
    sentAt: null,
  }));
  const subscribers = new Map(emails.map((_, i) => [i + 1, { status: 'confirmed', suppressedReason: null }]));
  const variants = new Map<string, RenderedVariant>();
  const byId = (id: number) => rows.find((r) => r.id === id)!;
  const ms = (iso: string | null) => (iso ? Date.parse(iso) : 0);
  return {
    rows,
    variants,
    subscribers,
    async claimDeliveries({ editionId: only, limit, leaseSeconds, now }) {
      const out: Delivery[] = [];
      for (const row of rows) {
        if (out.length >= limit) break;
        if (only && row.editionId !== only) continue;
        const due =
          row.state === 'pending' ||
          (row.state === 'deferred' && ms(row.retryAt) <= now.getTime()) ||
          (row.state === 'sending' && ms(row.leaseUntil) <= now.getTime());
        if (!due) continue;
        if (subscribers.get(row.subscriberId)?.status !== 'confirmed') {
          row.state = 'cancelled';
          continue;
        }
        row.state = 'sending';
        row.attempts++;
        row.leaseUntil = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
        out.push({ ...row });
      }
      return out;
    },
    async markSentMany(marks) {
      for (const { id, reply, now } of marks) {
        Object.assign(byId(id), {
          state: 'sent',
          lastReply: reply,
          sentAt: now.toISOString(),
          leaseUntil: null,
        });
      }
    },
    async markDeferred(id, reply, retryAt) {
      Object.assign(byId(id), {
        state: 'deferred',
        lastReply: reply,
        retryAt: retryAt.toISOString(),
        leaseUntil: null,
      });
    },
    async markFailed(id, reply) {
      Object.assign(byId(id), { state: 'failed', lastReply: reply, leaseUntil: null });
    },
    async releaseDeliveries(ids) {
      for (const id of ids) {
        const row = byId(id);
        if (row.state !== 'sending') continue;
        row.state = 'pending';
        row.attempts--;
        row.leaseUntil = null;
      }
    },
    async countDeliveries(id) {
      const counts: DeliveryCounts = {
        pending: 0,
        sending: 0,
        sent: 0,
        deferred: 0,
        failed: 0,
        cancelled: 0,
      };
      for (const row of rows) if (row.editionId === id) counts[row.state]++;
      return counts;
    },
    async listUnfinishedEditions() {
      const open = rows
        .filter((r) => ['pending', 'sending', 'deferred'].includes(r.state))
        .map((r) => r.editionId);
      return [...new Set(open)];
    },
    async nextWakeUp(id) {
      const times = rows
        .filter((r) => (!id || r.editionId === id) && (r.state === 'deferred' || r.state === 'sending'))
        .map((r) => ms(r.state === 'deferred' ? r.retryAt : r.leaseUntil));
      return times.length > 0 ? new Date(Math.min(...times)) : undefined;
    },
    async listVariantKeys(id) {
      return [...new Set(rows.filter((r) => r.editionId === id).map((r) => r.variantKey))];
    },
    async getRenderedVariant(id, key) {
      return variants.get(`${id}/${key}`);
    },
    async updateSubscriber(id, patch) {
      const sub = subscribers.get(id);
      if (sub) Object.assign(sub, patch);
      return sub;
    },
  };
}
