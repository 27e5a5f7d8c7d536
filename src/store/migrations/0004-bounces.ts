import { type Kysely, PostgresAdapter } from 'kysely';

/** Bounces and complaints, each tied to its delivery (issue 16). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('bounces')
    .addColumn('id', idType, (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    .addColumn('delivery_id', idType)
    .addColumn('subscriber_id', idType, (c) => c.notNull())
    .addColumn('edition_id', 'text')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('feedback_type', 'text')
    .addColumn('diagnostic', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bounces_subscriber_time')
    .on('bounces')
    .columns(['subscriber_id', 'received_at'])
    .execute();
  await db.schema
    .createIndex('bounces_edition_class')
    .on('bounces')
    .columns(['edition_id', 'class'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bounces').execute();
}
