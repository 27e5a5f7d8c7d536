import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Dialect } from 'kysely';
import { afterAll, describe, it } from 'vitest';
import { canReachPostgres, createPostgresDialect } from '../../src/store/postgres.js';
import { createSqliteDialect } from '../../src/store/sqlite.js';
import type { StoreConfig } from '../../src/store/types.js';
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from '../integration/worker-fixture.js';
import { describeWith } from './requirements.js';

/**
 * One migration's upgrade test on both drivers: a store written as the release before it wrote
 * it (`before`: a fresh SQLite file, then a PostgreSQL database of its own, so nothing another
 * test file does reaches it), then opened by this release (`check`). PostgreSQL skips with its
 * reason where there is none.
 */
export async function upgradeOnBothDrivers(
  migration: string,
  title: string,
  before: (dialect: Dialect) => Promise<void>,
  check: (config: StoreConfig) => Promise<void>,
): Promise<void> {
  describe(`migration ${migration} on SQLite`, () => {
    it(title, async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), `paperpost-${migration}-`)), 'store.db');
      await before(createSqliteDialect(file));
      await check({ driver: 'sqlite', path: file });
    });
  });
  const reachable = await canReachPostgres(PG_ADMIN_URL);
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await db?.drop();
  });
  describeWith(reachable, 'no PostgreSQL at 127.0.0.1:5432', `migration ${migration} on PostgreSQL`, () => {
    it(title, async () => {
      db = await createTestDatabase(`pp_migration_${migration}`);
      await before(createPostgresDialect(db.url));
      await check({ driver: 'postgres', url: db.url });
    });
  });
}
