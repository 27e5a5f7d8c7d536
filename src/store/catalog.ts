import type { SourceState, Topic } from '../domain/index.js';
import type { StoreContext } from './context.js';
import { toSourceState, toTopic } from './rows.js';

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

/** Inserts or updates topics by slug, in one transaction; created_at of known topics stays. */
export async function saveTopics(ctx: StoreContext, topics: Topic[], now: Date = new Date()): Promise<void> {
  if (topics.length === 0) return;
  const createdAt = now.toISOString();
  await ctx.write(async (trx) => {
    for (const topic of topics) {
      const row = {
        label: topic.label,
        keywords: JSON.stringify(topic.keywords),
        categories: JSON.stringify(topic.categories),
        user_defined: topic.userDefined ? 1 : 0,
      };
      await trx
        .insertInto('topics')
        .values({ slug: topic.slug, created_at: createdAt, ...row })
        .onConflict((oc) => oc.column('slug').doUpdateSet(row))
        .execute();
    }
  });
}
