import { type Kysely, sql } from 'kysely';

/**
 * Topics say where they come from (config, curated catalogue, discovered proposal, approved),
 * whether the operator hid them, what they cover, and how many papers they held: only config,
 * curated and approved topics are offered to the public.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('topics')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('discovered'))
    .execute();
  await db.schema
    .alterTable('topics')
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('topics')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('topics')
    .addColumn('papers', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update topics set origin = 'config' where user_defined = 1`.execute(db);
}
