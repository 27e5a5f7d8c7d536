import { sql } from 'kysely';
import type {
  Edition,
  EditionCaps,
  Frequency,
  RenderedVariant,
  Section,
  WebOnlyGroup,
} from '../domain/index.js';
import { PaperpostError } from '../domain/index.js';
import { chunk, isUniqueViolation, type StoreContext } from './context.js';
import { countDeliveriesOf, emptyCounts } from './ledger.js';
import { parseJson } from './rows.js';
import type { EditionSummary } from './types.js';

interface EditionData {
  sections: Section[];
  more: number;
  overflowIds?: string[];
  webOnly?: WebOnlyGroup[];
}

/** What the `reader_sections` column holds (see migration 0007). */
interface ReaderSections {
  topicSections: Section[];
  caps: EditionCaps;
}

function paperIdsOf(edition: Edition): string[] {
  // Papers cut by the caps are published too (web version): they must not come back tomorrow.
  const shown = edition.sections.flatMap((s) => s.papers.map((p) => p.id));
  return [...new Set([...shown, ...(edition.overflowIds ?? [])])];
}

function conflict(edition: Edition, detail: string, cause?: unknown): PaperpostError {
  return new PaperpostError(
    'store',
    'edition-conflict',
    `edition ${edition.id}: ${detail}`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Stores `edition` and claims its papers for its frequency in one transaction. Throws
 * `edition-conflict` when the id exists or a paper already belongs to an edition of that frequency.
 */
export async function createEdition(ctx: StoreContext, edition: Edition): Promise<void> {
  const paperIds = paperIdsOf(edition);
  const data: EditionData = {
    sections: edition.sections,
    more: edition.more,
    overflowIds: edition.overflowIds ?? [],
    ...(edition.webOnly ? { webOnly: edition.webOnly } : {}),
  };
  const readers: ReaderSections | null =
    edition.topicSections && edition.caps
      ? { topicSections: edition.topicSections, caps: edition.caps }
      : null;
  try {
    await ctx.write(async (trx) => {
      for (const ids of chunk(paperIds, 500)) {
        const taken = await trx
          .selectFrom('edition_papers')
          .select(['paper_id', 'edition_id'])
          .where('frequency', '=', edition.frequency)
          .where('paper_id', 'in', ids)
          .executeTakeFirst();
        if (taken !== undefined) {
          throw conflict(
            edition,
            `paper ${taken.paper_id} is already in ${edition.frequency} edition ${taken.edition_id}`,
          );
        }
      }
      await trx
        .insertInto('editions')
        .values({
          id: edition.id,
          frequency: edition.frequency,
          date: edition.date,
          created_at: edition.createdAt,
          data: JSON.stringify(data),
          reader_sections: readers === null ? null : JSON.stringify(readers),
        })
        .execute();
      for (const ids of chunk(paperIds, 300)) {
        await trx
          .insertInto('edition_papers')
          .values(ids.map((paper_id) => ({ edition_id: edition.id, frequency: edition.frequency, paper_id })))
          .execute();
      }
    });
  } catch (err) {
    if (err instanceof PaperpostError) throw err;
    if (isUniqueViolation(err)) throw conflict(edition, 'id or papers already taken by another edition', err);
    throw err;
  }
}

/** The stored edition `id`, sections as they were published. */
export async function getEdition(ctx: StoreContext, id: string): Promise<Edition | undefined> {
  const row = await ctx.db.selectFrom('editions').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const data = parseJson<EditionData>(row.data, { sections: [], more: 0 });
  return {
    id: row.id,
    frequency: row.frequency as Frequency,
    date: row.date,
    createdAt: row.created_at,
    sections: data.sections,
    more: data.more,
    overflowIds: data.overflowIds ?? [],
    ...(data.webOnly ? { webOnly: data.webOnly } : {}),
    // Absent (an older edition) or unreadable: its readers are cut from the letter.
    ...(parseJson<ReaderSections | null>(row.reader_sections, null) ?? {}),
  };
}

/** Papers in the letter: the sum of the stored sections' paper lists, counted by the database. */
function letterCount(driver: StoreContext['driver']) {
  return driver === 'postgres'
    ? sql<number>`(select coalesce(sum(jsonb_array_length(s -> 'papers')), 0) from jsonb_array_elements(e.data::jsonb -> 'sections') as s)`
    : sql<number>`(select coalesce(sum(json_array_length(value, '$.papers')), 0) from json_each(e.data, '$.sections'))`;
}

/** Editions newest first, with their paper count and delivery counts. */
export async function listEditions(
  ctx: StoreContext,
  options: { frequency?: Frequency; limit?: number } = {},
): Promise<EditionSummary[]> {
  let query = ctx.db
    .selectFrom('editions as e')
    .select(['e.id', 'e.frequency', 'e.date', 'e.created_at'])
    .select((eb) =>
      eb
        .selectFrom('edition_papers as ep')
        .select((eb2) => eb2.fn.countAll().as('n'))
        .whereRef('ep.edition_id', '=', 'e.id')
        .as('paper_count'),
    )
    .select(letterCount(ctx.driver).as('letter_count'))
    .orderBy('e.date', 'desc')
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc');
  if (options.frequency !== undefined) query = query.where('e.frequency', '=', options.frequency);
  if (options.limit !== undefined) query = query.limit(options.limit);
  const rows = await query.execute();
  const counts = await countDeliveriesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    frequency: row.frequency as Frequency,
    date: row.date,
    createdAt: row.created_at,
    paperCount: Number(row.paper_count ?? 0),
    letterCount: Number(row.letter_count ?? 0),
    counts: counts.get(row.id) ?? emptyCounts(),
  }));
}

/** Inserts or replaces the rendered variant `variant.variantKey` of an edition. */
export async function saveRenderedVariant(
  ctx: StoreContext,
  editionId: string,
  variant: RenderedVariant,
): Promise<void> {
  const row = {
    subject: variant.subject,
    preheader: variant.preheader,
    html: variant.html,
    text: variant.text,
  };
  await ctx.db
    .insertInto('rendered_variants')
    .values({ edition_id: editionId, variant_key: variant.variantKey, ...row })
    .onConflict((oc) => oc.columns(['edition_id', 'variant_key']).doUpdateSet(row))
    .execute();
}

/** A rendered variant of an edition, if saved. */
export async function getRenderedVariant(
  ctx: StoreContext,
  editionId: string,
  variantKey: string,
): Promise<RenderedVariant | undefined> {
  const row = await ctx.db
    .selectFrom('rendered_variants')
    .selectAll()
    .where('edition_id', '=', editionId)
    .where('variant_key', '=', variantKey)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    variantKey: row.variant_key,
    subject: row.subject,
    preheader: row.preheader,
    html: row.html,
    text: row.text,
  };
}
