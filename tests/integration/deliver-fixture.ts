/** Seeds a real SQLite store with subscribers, an edition, its ledger and its rendered variant. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RenderedVariant } from '../../src/domain/index.js';
import { createStore, type Store } from '../../src/store/index.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

export const EDITION = 'daily-2024-01-02';
export const MESSAGE_ID_DOMAIN = 'paperpost.test';

export function emailOf(i: number): string {
  return `user${i}@example.org`;
}

/** Opens (or creates) the store at `<dir>/paperpost.db`. */
export function openStore(dir: string): Promise<Store> {
  return createStore({ driver: 'sqlite', path: path.join(dir, 'paperpost.db') });
}

/** `count` confirmed daily subscribers, one edition, its ledger and the `daily:*` variant. */
export async function seedEdition(store: Store, count: number, variant: RenderedVariant): Promise<void> {
  const now = new Date('2024-01-02T07:00:00Z');
  for (let start = 1; start <= count; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(start + 1000, count + 1); i++) {
      batch.push({
        email: emailOf(i),
        status: 'confirmed' as const,
        topics: [],
        frequency: 'daily' as const,
      });
    }
    await store.subscribers.addSubscribers(batch, now);
  }
  await store.editions.createEdition({
    id: EDITION,
    frequency: 'daily',
    date: '2024-01-02',
    createdAt: now.toISOString(),
    sections: [],
    more: 0,
  });
  await store.editions.saveRenderedVariant(EDITION, variant);
  await store.ledger.createLedger(EDITION, 'daily', MESSAGE_ID_DOMAIN);
}

/** What each delivery test starts from: a temp folder, a store in it, a recording SMTP server. */
export interface DeliverEnv {
  dir: string;
  store: Store;
  sink: SmtpSink;
}

export async function openDeliverEnv(prefix: string): Promise<DeliverEnv> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, store: await openStore(dir), sink: await startSmtpSink() };
}

export async function closeDeliverEnv(env: DeliverEnv): Promise<void> {
  await env.sink.close();
  await env.store.close();
  await rm(env.dir, { recursive: true, force: true });
}
