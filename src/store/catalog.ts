import type { SourceState, Topic, TopicOrigin } from '../domain/index.js';
import { topicOrigin } from '../domain/index.js';
import type { StoreContext } from './context.js';
import { joinTopics, toSourceState, toTopic } from './rows.js';

/** The remembered state of source `id`, if it was ever fetched. */
export async function getSourceState(ctx: StoreContext, id: string): Promise<SourceState | undefined> {
  const row = await ctx.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toSourceState(row);
}

/** Inserts or replaces the state of one source. */
export async function saveSourceState(ctx: StoreContext, state: SourceState): Promise<void> {
  const row = {
    etag: state.etag,
    last_modified: state.lastModified,
    last_status: state.lastStatus,
    last_fetched_at: state.lastFetchedAt,
    failures_in_row: state.failuresInRow,
    last_error: state.lastError,
  };
  await ctx.db
    .insertInto('sources')
    .values({ id: state.id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/** Every source state, by id. */
export async function listSourceStates(ctx: StoreContext): Promise<SourceState[]> {
  const rows = await ctx.db.selectFrom('sources').selectAll().orderBy('id').execute();
  return rows.map(toSourceState);
}

/** The topic catalogue, user-defined topics first, then by slug. */
export async function listTopics(ctx: StoreContext): Promise<Topic[]> {
  const rows = await ctx.db
    .selectFrom('topics')
    .selectAll()
    .orderBy('user_defined', 'desc')
    .orderBy('slug')
    .execute();
  return rows.map(toTopic);
}

/**
 * Inserts or updates topics by slug, in one transaction; created_at of known topics stays. An
 * update changes label, keywords and categories; the origin and the hidden mark stay as the
 * operator left them (approved, hidden), except that a config topic is always `config`.
 */
export async function saveTopics(ctx: StoreContext, topics: Topic[], now: Date = new Date()): Promise<void> {
  if (topics.length === 0) return;
  const createdAt = now.toISOString();
  await ctx.write(async (trx) => {
    for (const topic of topics) {
      const origin = topicOrigin(topic);
      const row = {
        label: topic.label,
        keywords: JSON.stringify(topic.keywords),
        categories: JSON.stringify(topic.categories),
        user_defined: topic.userDefined ? 1 : 0,
        ...(topic.description ? { description: topic.description } : {}),
      };
      const update = origin === 'config' ? { ...row, origin } : row;
      await trx
        .insertInto('topics')
        .values({ slug: topic.slug, created_at: createdAt, origin, hidden: topic.hidden ? 1 : 0, ...row })
        .onConflict((oc) => oc.column('slug').doUpdateSet(update))
        .execute();
    }
  });
}

/**
 * The curated catalogue on every start. A topic the store does not hold is inserted; one it holds
 * from an earlier catalogue takes the shipped definition (key phrases, arXiv categories,
 * description: an upgrade's phrases reach an existing install), and the shipped label unless the
 * operator renamed it. The operator's rename, hide and merge stay: a curated topic merged into
 * another stays hidden, and its shipped phrases go on counting for the topic it went into.
 */
export async function seedTopics(ctx: StoreContext, topics: Topic[], now: Date = new Date()): Promise<void> {
  if (topics.length === 0) return;
  const createdAt = now.toISOString();
  const shipped = new Map(topics.map((t) => [t.slug, t]));
  await ctx.write(async (trx) => {
    const rows = await trx
      .selectFrom('topics')
      .selectAll()
      .where((eb) => eb.or([eb('slug', 'in', [...shipped.keys()]), eb('merged_into', 'is not', null)]))
      .execute();
    const held = new Map(rows.map((r) => [r.slug, r]));
    // The phrases of the topics merged into each topic: a curated one's as shipped now.
    const mergedPhrases = new Map<string, string[]>();
    for (const r of rows) {
      if (r.merged_into === null) continue;
      const phrases = shipped.get(r.slug)?.keywords ?? (JSON.parse(r.keywords) as string[]);
      mergedPhrases.set(r.merged_into, [...(mergedPhrases.get(r.merged_into) ?? []), ...phrases]);
    }
    for (const topic of topics) {
      const row = held.get(topic.slug);
      if (row === undefined) {
        await trx
          .insertInto('topics')
          .values({
            slug: topic.slug,
            label: topic.label,
            keywords: JSON.stringify(topic.keywords),
            categories: JSON.stringify(topic.categories),
            user_defined: topic.userDefined ? 1 : 0,
            created_at: createdAt,
            origin: topicOrigin(topic),
            hidden: topic.hidden ? 1 : 0,
            description: topic.description ?? '',
            shipped_label: topic.label,
          })
          // Another process starting at once may have seeded it since the read above.
          .onConflict((oc) => oc.column('slug').doNothing())
          .execute();
        continue;
      }
      if (row.origin !== 'curated') continue;
      // Unknown (a row stored before 0008): renamed unless it reads as this catalogue or an
      // earlier one shipped it.
      const renamed =
        row.shipped_label === null
          ? row.label !== topic.label && !(topic.formerLabels ?? []).includes(row.label)
          : row.label !== row.shipped_label;
      const next = {
        keywords: JSON.stringify([...new Set([...topic.keywords, ...(mergedPhrases.get(topic.slug) ?? [])])]),
        categories: JSON.stringify(topic.categories),
        description: topic.description ?? '',
        ...(renamed ? {} : { label: topic.label, shipped_label: topic.label }),
      };
      const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => row[k] === next[k]);
      if (!same) await trx.updateTable('topics').set(next).where('slug', '=', topic.slug).execute();
    }
  });
}

/** What an operator may change on a topic (`paperpost topics approve|rename|hide`). */
export interface TopicPatch {
  label?: string;
  origin?: TopicOrigin;
  hidden?: boolean;
}

/** Changes one topic; false when there is no such slug. The slug never changes. */
export async function updateTopic(ctx: StoreContext, slug: string, patch: TopicPatch): Promise<boolean> {
  const set: { label?: string; origin?: string; hidden?: number } = {};
  if (patch.label !== undefined) set.label = patch.label;
  if (patch.origin !== undefined) set.origin = patch.origin;
  if (patch.hidden !== undefined) set.hidden = patch.hidden ? 1 : 0;
  if (Object.keys(set).length === 0) return (await getTopicRow(ctx, slug)) !== undefined;
  return ctx.write(async (trx) => {
    const result = await trx.updateTable('topics').set(set).where('slug', '=', slug).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  });
}

async function getTopicRow(ctx: StoreContext, slug: string) {
  return ctx.db.selectFrom('topics').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Papers each topic held over all editions, by slug. */
export async function topicPaperCounts(ctx: StoreContext): Promise<Map<string, number>> {
  const rows = await ctx.db.selectFrom('topics').select(['slug', 'papers']).execute();
  return new Map(rows.map((r) => [r.slug, Number(r.papers)]));
}

/** Adds to the number of papers each topic held (slug -> papers of one edition). */
export async function addTopicPapers(ctx: StoreContext, counts: ReadonlyMap<string, number>): Promise<void> {
  if (counts.size === 0) return;
  await ctx.write(async (trx) => {
    for (const [slug, n] of counts) {
      await trx
        .updateTable('topics')
        .set((eb) => ({ papers: eb('papers', '+', n) }))
        .where('slug', '=', slug)
        .execute();
    }
  });
}

/**
 * Merges topic `from` into `into` in one transaction: every subscriber who chose `from` now has
 * `into` (an "all except from" choice drops the exception: those papers now come under `into`),
 * `into` takes `from`'s keywords and paper count, and `from` is hidden and marked `merged_into`
 * (never offered, never claims a paper, and the shipped catalogue does not bring it back).
 * Returns the number of subscribers whose choice changed; throws when either slug is unknown.
 */
export async function mergeTopics(ctx: StoreContext, from: string, into: string): Promise<number> {
  return ctx.write(async (trx) => {
    const a = await trx.selectFrom('topics').selectAll().where('slug', '=', from).executeTakeFirst();
    const b = await trx.selectFrom('topics').selectAll().where('slug', '=', into).executeTakeFirst();
    if (!a || !b) throw new Error(`unknown topic "${a ? into : from}"`);
    const keywords = [...new Set([...JSON.parse(b.keywords), ...JSON.parse(a.keywords)] as string[])];
    await trx
      .updateTable('topics')
      .set({ keywords: JSON.stringify(keywords), papers: Number(a.papers) + Number(b.papers) })
      .where('slug', '=', into)
      .execute();
    // `from` stays, hidden and marked: a curated topic would come back with the next start's
    // catalogue, and the catalogue's phrases of `into` are taken again on every start, with those
    // of the topics merged into it (see seedTopics). The topics merged into `from` go with it.
    await trx
      .updateTable('topics')
      .set({ hidden: 1, merged_into: into, papers: 0 })
      .where('slug', '=', from)
      .execute();
    await trx.updateTable('topics').set({ merged_into: into }).where('merged_into', '=', from).execute();
    const rows = await trx
      .selectFrom('subscribers')
      .select(['id', 'topics'])
      .where('topics', 'like', `%${from}%`)
      .execute();
    let changed = 0;
    for (const row of rows) {
      const before = row.topics === '' ? [] : row.topics.split(',');
      const after = renameChoice(before, from, into);
      if (after.join(',') === before.join(',')) continue;
      await trx
        .updateTable('subscribers')
        .set({ topics: joinTopics(after) })
        .where('id', '=', row.id)
        .execute();
      changed += 1;
    }
    return changed;
  });
}

/** A subscriber's topic choice after merging `from` into `into`. */
export function renameChoice(topics: readonly string[], from: string, into: string): string[] {
  return topics.flatMap((t) => (t === from ? [into] : t === `!${from}` ? [] : [t]));
}
