import { randomUUID } from 'node:crypto';
import type { StoreContext } from './context.js';
import { parseJson } from './rows.js';
import type { RunRecord } from './types.js';

/** Records the start of a job run; returns its id. */
export async function startRun(ctx: StoreContext, kind: string, now: Date, owner?: string): Promise<string> {
  const id = randomUUID();
  await ctx.db
    .insertInto('runs')
    .values({
      id,
      kind,
      started_at: now.toISOString(),
      status: 'running',
      finished_at: null,
      edition_id: null,
      summary: null,
      owner: owner ?? null,
    })
    .execute();
  return id;
}

/** Records how a run ended. */
export async function finishRun(
  ctx: StoreContext,
  id: string,
  status: RunRecord['status'],
  summary: unknown,
  editionId: string | null,
  now: Date,
): Promise<void> {
  await ctx.db
    .updateTable('runs')
    .set({
      status,
      summary: summary === undefined ? null : JSON.stringify(summary),
      edition_id: editionId,
      finished_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** The latest runs, newest first. */
export async function listRuns(ctx: StoreContext, limit: number): Promise<RunRecord[]> {
  const rows = await ctx.db
    .selectFrom('runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status as RunRecord['status'],
    editionId: row.edition_id,
    summary: parseJson<unknown>(row.summary, null),
    owner: row.owner ?? null,
  }));
}

/**
 * Takes lock `name` for `holder` until now + ttl, in one statement: inserts it, or takes it over
 * when expired or already ours. Works across processes and, on PostgreSQL, across hosts.
 */
export async function tryLock(
  ctx: StoreContext,
  name: string,
  holder: string,
  ttlSeconds: number,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  const result = await ctx.db
    .insertInto('locks')
    .values({ name, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where((eb) => eb.or([eb('locks.expires_at', '<=', at), eb('locks.holder', '=', holder)])),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Releases lock `name` if `holder` holds it. */
export async function releaseLock(ctx: StoreContext, name: string, holder: string): Promise<void> {
  await ctx.db.deleteFrom('locks').where('name', '=', name).where('holder', '=', holder).execute();
}

/** A small fact by key. */
export async function getMeta(ctx: StoreContext, key: string): Promise<string | undefined> {
  const row = await ctx.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Sets a small fact. */
export async function setMeta(ctx: StoreContext, key: string, value: string): Promise<void> {
  await ctx.db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
