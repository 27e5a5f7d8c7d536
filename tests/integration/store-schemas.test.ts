/**
 * PostgreSQL stores in separate schemas of one database (and one in public): each keeps its migration bookkeeping in
 * its own schema, so schemas migrated at once never trip over each other's lock table, and a
 * schema migrated before (bookkeeping already in it) is not migrated again.
 */
import { Kysely, Migrator } from 'kysely';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { canReachPostgres, createPostgresDialect, ensurePostgresSchema } from '../../src/store/postgres.js';
import type { Database } from '../../src/store/schema.js';
import { describeWith } from '../helpers/requirements.js';
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from './worker-fixture.js';

const reachable = await canReachPostgres(PG_ADMIN_URL);
let db: TestDatabase | undefined;
let oldDb: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
  await oldDb?.drop();
});

async function rows(url: string, text: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

describeWith(reachable, 'no PostgreSQL at 127.0.0.1:5432', 'postgres store schemas', () => {
  it('migrates several schemas of one database at once, each with its own bookkeeping', async () => {
    db = await createTestDatabase('pp_schemas');
    const url = db.url;
    const schemas = ['s_a', 's_b', 's_c', 's_d'];
    const open = (schema?: string) =>
      createStore(schema === undefined ? { driver: 'postgres', url } : { driver: 'postgres', url, schema });
    // Schemas first, then a store in public (no schema) beside them, then more schemas and public
    // again, all at once: none may take another's migration tables for its own.
    for (const round of [[schemas[0], schemas[1]], [undefined], [schemas[2], schemas[3], undefined]]) {
      const stores = await Promise.all(round.map((schema) => open(schema)));
      await Promise.all(stores.map((store) => store.close()));
    }
    const tables = await rows(
      url,
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_name IN ('kysely_migration', 'kysely_migration_lock') ORDER BY 1, 2`,
    );
    expect(tables.map((t) => `${t.table_schema}.${t.table_name}`)).toEqual(
      ['public', ...schemas].flatMap((s) => [`${s}.kysely_migration`, `${s}.kysely_migration_lock`]),
    );
    const applied = await rows(url, 'SELECT name FROM s_a.kysely_migration ORDER BY name');
    const names = (await migrationProvider.getMigrations()) as Record<string, unknown>;
    expect(applied.map((r) => r.name)).toEqual(Object.keys(names).sort());
  });

  it('opens a schema migrated by an earlier release without migrating it again', async () => {
    // A database of its own: with a store in public beside it, the earlier release's migrator
    // took public's lock table for its own and failed (the bug the schema option fixes).
    oldDb = await createTestDatabase('pp_schemas_old');
    const url = oldDb.url;
    const schema = 's_old';
    await ensurePostgresSchema(url, schema);
    // The earlier release: a Migrator without a schema, tables created through the search path.
    const old = new Kysely<Database>({ dialect: createPostgresDialect(url, schema) });
    const first = await new Migrator({ db: old, provider: migrationProvider }).migrateToLatest();
    await old.destroy();
    expect(first.error).toBeUndefined();
    const before = await rows(url, 'SELECT name, timestamp FROM s_old.kysely_migration ORDER BY name');
    const store = await createStore({ driver: 'postgres', url, schema });
    await store.close();
    expect(await rows(url, 'SELECT name, timestamp FROM s_old.kysely_migration ORDER BY name')).toEqual(
      before,
    );
    expect(before.length).toBeGreaterThan(0);
  });
});
