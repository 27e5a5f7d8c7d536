import type { Kysely } from 'kysely';

/**
 * Paper entries and trending signals (issue 14): a paper's preview image and the time it reached
 * a trending list, and one snapshot of its upvotes and comments per fetch, so an edition can rank
 * by how fast upvotes grow between the daemon's refetches, not only by their total.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('papers').addColumn('thumbnail', 'text').execute();
  await db.schema.alterTable('papers').addColumn('listed_at', 'text').execute();
  await db.schema
    .createTable('paper_snapshots')
    .addColumn('paper_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('upvotes', 'integer', (c) => c.notNull())
    .addColumn('comments', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('paper_snapshots_pk', ['paper_id', 'seen_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('paper_snapshots').ifExists().execute();
  await db.schema.alterTable('papers').dropColumn('listed_at').execute();
  await db.schema.alterTable('papers').dropColumn('thumbnail').execute();
}
