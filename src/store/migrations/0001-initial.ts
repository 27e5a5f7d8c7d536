import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/** Surrogate keys: an identity column on PostgreSQL, a rowid alias on SQLite. */
function identity(
  db: Kysely<unknown>,
): [string, 'bigint' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return ['id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity()];
  }
  return ['id', 'integer', (c) => c.primaryKey().autoIncrement()];
}

/** Every table of the first release. Times are ISO strings, JSON is text, booleans are 0/1. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_fetched_at', 'text')
    .addColumn('failures_in_row', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();

  await db.schema
    .createTable('papers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('authors', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('ai_summary', 'text')
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('upvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('papers_first_seen').on('papers').column('first_seen').execute();

  await db.schema
    .createTable('topics')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('user_defined', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('editions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('editions_frequency_date')
    .on('editions')
    .columns(['frequency', 'date'])
    .execute();

  await db.schema
    .createTable('edition_papers')
    .addColumn('edition_id', 'text', (c) => c.notNull().references('editions.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('paper_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('edition_papers_frequency_paper', ['frequency', 'paper_id'])
    .execute();
  await db.schema.createIndex('edition_papers_edition').on('edition_papers').column('edition_id').execute();

  await db.schema
    .createTable('rendered_variants')
    .addColumn('edition_id', 'text', (c) => c.notNull().references('editions.id').onDelete('cascade'))
    .addColumn('variant_key', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('preheader', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rendered_variants_pk', ['edition_id', 'variant_key'])
    .execute();

  const [idName, idType, idBuild] = identity(db);
  await db.schema
    .createTable('subscribers')
    .addColumn(idName, idType, idBuild)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('suppressed_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subscribers_status_frequency')
    .on('subscribers')
    .columns(['status', 'frequency'])
    .execute();

  // No foreign keys on the ledger: on PostgreSQL their per-row triggers were 2.8 s of a 6.7 s
  // 100k-row createLedger. The store keeps it consistent itself (forgetSubscriber deletes rows).
  await db.schema
    .createTable('deliveries')
    .addColumn(idName, idType, idBuild)
    .addColumn('edition_id', 'text', (c) => c.notNull())
    .addColumn('subscriber_id', idType, (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('variant_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reply', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('retry_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('deliveries_edition_subscriber', ['edition_id', 'subscriber_id'])
    .execute();
  await db.schema
    .createIndex('deliveries_edition_state')
    .on('deliveries')
    .columns(['edition_id', 'state'])
    .execute();
  await db.schema.createIndex('deliveries_subscriber').on('deliveries').column('subscriber_id').execute();
  // Claims walk open rows in id order; a partial index keeps sent rows out of that walk.
  await db.schema
    .createIndex('deliveries_open')
    .on('deliveries')
    .columns(['edition_id', 'id'])
    .where(sql.ref('state'), 'in', ['pending', 'deferred', 'sending'])
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('edition_id', 'text')
    .addColumn('summary', 'text')
    .execute();
  await db.schema.createIndex('runs_started_at').on('runs').column('started_at').execute();

  await db.schema
    .createTable('locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

/** Drops everything the migration created, dependants first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'meta',
    'locks',
    'runs',
    'deliveries',
    'subscribers',
    'rendered_variants',
    'edition_papers',
    'editions',
    'topics',
    'papers',
    'sources',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
