import type { Kysely } from 'kysely';

/**
 * What the letter of a reader of a few topics is cut from (issue 12): every topic's ranked
 * section of an edition and the caps, as JSON beside `data`, which listing editions reads (each
 * listing counts the letter's papers in `data`: three times as much JSON to read per edition).
 * Null on editions stored before, whose readers are cut from the letter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('editions').addColumn('reader_sections', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('editions').dropColumn('reader_sections').execute();
}
