/**
 * Migration 0002 (issue 15 finding 2): a store of the first release gets a random key per
 * subscriber, copied onto its deliveries, and remembers the ids it issued so links already in
 * inboxes (which name ids) keep working in that store, and only for those ids.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Dialect, Kysely, Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { LEGACY_TOKEN_MAX_ID, SUBSCRIBER_KEY } from '../../src/domain/index.js';
import { createStore } from '../../src/store/index.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { canReachPostgres, createPostgresDialect } from '../../src/store/postgres.js';
import { createSqliteDialect } from '../../src/store/sqlite.js';
import type { StoreConfig } from '../../src/store/types.js';
import { createTokenSigner, deriveKey, resolveToken } from '../../src/subscribers/index.js';
import { describeWith } from '../helpers/requirements.js';
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from './worker-fixture.js';

const SECRET = 's'.repeat(32);

/** A link as mails signed before keys existed: the subscriber's row id in base 36. */
function idToken(purpose: string, id: number): string {
  const body = `${id.toString(36)}.0.`;
  const mac = createHmac('sha256', deriveKey(SECRET, 'token-v1')).update(`${purpose}|${body}`).digest();
  return `${body}.${mac.toString('base64url')}`;
}

/** A first-release store (0001 only) holding 3 subscribers and one delivery each. */
async function firstReleaseStore(dialect: Dialect): Promise<void> {
  const db = new Kysely<unknown>({ dialect });
  try {
    const result = await new Migrator({ db, provider: migrationProvider }).migrateTo('0001-initial');
    if (result.error) throw result.error;
    const at = '2025-01-01T00:00:00.000Z';
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
      await sql`INSERT INTO subscribers (email, status, topics, frequency, created_at, updated_at)
        VALUES (${email}, 'confirmed', '', 'daily', ${at}, ${at})`.execute(db);
    }
    await sql`INSERT INTO deliveries (edition_id, subscriber_id, email, variant_key, state, attempts, message_id)
      SELECT 'e1', id, email, 'daily:*', 'pending', 0, email FROM subscribers`.execute(db);
  } finally {
    await db.destroy();
  }
}

async function checkUpgrade(config: StoreConfig): Promise<void> {
  const store = await createStore(config);
  try {
    const subs = await store.subscribers.listSubscribers({ limit: 10 });
    expect(subs).toHaveLength(3);
    for (const sub of subs) expect(sub.key).toMatch(SUBSCRIBER_KEY);
    expect(new Set(subs.map((s) => s.key)).size).toBe(3);
    const deliveries = await store.ledger.listDeliveries('e1', { limit: 10 });
    expect(deliveries.map((d) => d.subscriberKey)).toEqual(subs.map((s) => s.key));
    expect(await store.runs.getMeta(LEGACY_TOKEN_MAX_ID)).toBe(String(Math.max(...subs.map((s) => s.id))));
    expect((await store.subscribers.getSubscriberByKey(subs[1]?.key ?? ''))?.email).toBe('b@example.org');
    const added = await store.subscribers.upsertSubscriber({
      email: 'd@example.org',
      status: 'confirmed',
      topics: [],
      frequency: 'daily',
    });
    expect(added.key).toMatch(SUBSCRIBER_KEY);
    // Links mailed before the upgrade name ids: honoured for the ids this store issued, not later ones.
    const deps = { store, signer: createTokenSigner(SECRET) };
    const b = subs[1]?.id ?? 0;
    expect(
      (await resolveToken(deps, 'unsubscribe', idToken('unsubscribe', b), new Date())).subscriber.email,
    ).toBe('b@example.org');
    await expect(
      resolveToken(deps, 'unsubscribe', idToken('unsubscribe', added.id), new Date()),
    ).rejects.toMatchObject({
      code: 'token-invalid',
    });
  } finally {
    await store.close();
  }
}

describe('migration 0002 on SQLite', () => {
  it('keys every subscriber and delivery and records the ids issued', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'paperpost-0002-')), 'store.db');
    await firstReleaseStore(createSqliteDialect(file));
    await checkUpgrade({ driver: 'sqlite', path: file });
  });

  it('records no issued ids in a new, empty store', async () => {
    const store = await createStore({ driver: 'sqlite', path: ':memory:' });
    expect(await store.runs.getMeta(LEGACY_TOKEN_MAX_ID)).toBeUndefined();
    await store.close();
  });
});

// A database of its own, so nothing another test file does to the shared one reaches these stores.
const reachable = await canReachPostgres(PG_ADMIN_URL);
let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
});

describeWith(reachable, 'no PostgreSQL at 127.0.0.1:5432', 'migration 0002 on PostgreSQL', () => {
  it('keys every subscriber and delivery and records the ids issued', async () => {
    db = await createTestDatabase('pp_migration_0002');
    await firstReleaseStore(createPostgresDialect(db.url));
    await checkUpgrade({ driver: 'postgres', url: db.url });
  });
});
