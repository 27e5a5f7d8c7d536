import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

function identity(
  db: Kysely<unknown>,
): ['bigint' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return ['bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity()];
  }
  return ['integer', (c) => c.primaryKey().autoIncrement()];
}

/**
 * The queue of transactional mails (confirmation, welcome): written by the web request, sent by
 * whichever process drains it, so a page never waits for (or reveals) a mail transaction.
 * Rate windows shared by every process (per-address sign-ups, the confirmation-mail throttle).
 * The owner (host:pid) of a run, so a run killed mid-way can be told from one still going.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const [idType, idBuild] = identity(db);
  await db.schema
    .createTable('mail_queue')
    .addColumn('id', idType, idBuild)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subscriber_id', idType, (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('extra', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('mail_queue_due').on('mail_queue').column('next_attempt_at').execute();
  await db.schema.createIndex('mail_queue_subscriber').on('mail_queue').column('subscriber_id').execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_window_end').on('rate_limits').column('window_end').execute();

  await db.schema.alterTable('runs').addColumn('owner', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('runs').dropColumn('owner').execute();
  await db.schema.dropTable('rate_limits').ifExists().execute();
  await db.schema.dropTable('mail_queue').ifExists().execute();
}
