import type { Kysely } from 'kysely';

/**
 * A curated topic follows the shipped catalogue on upgrades (issue 12): `shipped_label` is the
 * catalogue's label the row's label was last taken from (a different label is the operator's
 * rename, which stays; null on rows stored before, whose label stays unless it is the shipped
 * one), and `merged_into` the topic a curated topic was merged into: it stays, hidden, instead of
 * coming back with the next start's catalogue.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('topics').addColumn('shipped_label', 'text').execute();
  await db.schema.alterTable('topics').addColumn('merged_into', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('topics').dropColumn('merged_into').execute();
  await db.schema.alterTable('topics').dropColumn('shipped_label').execute();
}
