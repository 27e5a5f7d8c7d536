import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { LEGACY_TOKEN_MAX_ID } from '../../domain/subscriber.js';

/**
 * Links name a subscriber by a random key that is never reassigned, not by the row id (ids are
 * reassigned when subscribers are exported and imported into another store). Adds
 * `subscribers.key` (32 hex digits, unique) and `deliveries.subscriber_key`, filled for existing
 * rows, and records the highest id this store has issued so far: links signed before this
 * migration (naming an id) keep working in this store for those ids only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const random =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql`replace(cast(gen_random_uuid() as text), '-', '')`
      : sql`lower(hex(randomblob(16)))`;
  await db.schema.alterTable('subscribers').addColumn('key', 'text').execute();
  await sql`UPDATE subscribers SET key = ${random}`.execute(db);
  await db.schema.createIndex('subscribers_key').on('subscribers').column('key').unique().execute();
  await db.schema.alterTable('deliveries').addColumn('subscriber_key', 'text').execute();
  await sql`UPDATE deliveries SET subscriber_key =
    (SELECT s.key FROM subscribers s WHERE s.id = deliveries.subscriber_id)`.execute(db);
  // Only a store that has subscribers issued ids (an empty new store stays empty, for migrate-store).
  await sql`INSERT INTO meta (key, value)
    SELECT ${LEGACY_TOKEN_MAX_ID}, CAST(t.m AS TEXT) FROM (SELECT MAX(id) AS m FROM subscribers) t
    WHERE t.m IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM meta WHERE key = ${LEGACY_TOKEN_MAX_ID}`.execute(db);
  await db.schema.alterTable('deliveries').dropColumn('subscriber_key').execute();
  await db.schema.dropIndex('subscribers_key').execute();
  await db.schema.alterTable('subscribers').dropColumn('key').execute();
}
