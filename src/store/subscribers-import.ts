import { randomBytes } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { NewSubscriber } from '../domain/index.js';
import type { StoreContext } from './context.js';
import type { Database } from './schema.js';
import { newRow } from './subscribers.js';

/** A row of an import file, ready to store, with the line it starts on. */
export interface StagedSubscriber {
  line: number;
  subscriber: NewSubscriber;
}

/** What the store did with one batch of an import. */
export interface StageOutcome {
  /** How many rows were added. */
  added: number;
  /**
   * Rows repeating an earlier row of this import (an earlier batch or this one): by address, or
   * by key with another address. `of` is the line of that earlier row. Nothing was written.
   */
  repeats: { line: number; of: number; by: 'email' | 'key' }[];
  /** Lines whose address or key the store already held before this import: nothing was written. */
  known: number[];
}

/** One import: batches staged in file order; each earlier row of the import is remembered in the store. */
export interface SubscriberImport {
  stage(rows: readonly StagedSubscriber[]): Promise<StageOutcome>;
}

/** The row columns inserted into `subscribers` (newRow's), in one fixed order. */
const COLUMNS = [
  'email',
  'name',
  'status',
  'topics',
  'frequency',
  'created_at',
  'confirmed_at',
  'unsubscribed_at',
  'suppressed_reason',
  'updated_at',
  'key',
] as const;
type Column = (typeof COLUMNS)[number];

/** A function drawing one new random key per call, from one draw of bytes for `count` keys. */
function keyDrawer(count: number): () => string {
  // A randomBytes call per row cost a third of a batch.
  const random = randomBytes(16 * count);
  let next = 0;
  return () => random.toString('hex', 16 * next, 16 * ++next);
}

/** The batch as JSON arrays of [line, file key, ...COLUMNS]: one parameter, no per-row binding. */
function batchJson(rows: readonly StagedSubscriber[], at: string): string {
  const freshKey = keyDrawer(rows.length);
  const out = new Array<unknown[]>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const { line, subscriber } = rows[i] as StagedSubscriber;
    const row = newRow(subscriber, at, freshKey);
    out[i] = [line, subscriber.key ?? null, ...COLUMNS.map((column) => row[column])];
  }
  return JSON.stringify(out);
}

/** SQLite: the JSON batch as a table `t` (line, file_key, ...COLUMNS). */
function jsonRows(json: string): RawBuilder<unknown> {
  const names = ['line', 'file_key', ...COLUMNS];
  const picks = sql.raw(names.map((c, i) => `value ->> ${i} as ${c}`).join(', '));
  return sql`(select ${picks} from json_each(${json})) as t`;
}

/**
 * PostgreSQL: the batch as a table `t` (line, file_key, ...COLUMNS) from one array per column
 * (array parsing is one pass per column; JSON's ->> parsed each row again for every column).
 */
function unnestRows(rows: readonly StagedSubscriber[], at: string): RawBuilder<unknown> {
  const freshKey = keyDrawer(rows.length);
  const lines: number[] = [];
  const fileKeys: (string | null)[] = [];
  const columns = COLUMNS.map(() => [] as (string | null)[]);
  for (const { line, subscriber } of rows) {
    const row = newRow(subscriber, at, freshKey);
    lines.push(line);
    fileKeys.push(subscriber.key ?? null);
    for (let i = 0; i < COLUMNS.length; i++) columns[i]?.push(row[COLUMNS[i] as Column]);
  }
  const arrays = [
    sql`cast(${lines} as integer[])`,
    ...[fileKeys, ...columns].map((a) => sql`cast(${a} as text[])`),
  ];
  const names = sql.raw(['line', 'file_key', ...COLUMNS].join(', '));
  return sql`unnest(${sql.join(arrays)}) as t(${names})`;
}

/**
 * Runs one import: `fn` stages batches through the session. Every row staged is remembered (address,
 * key, line) in a temporary table of this connection, not in memory, so a repeated address is
 * told apart from one the store already had, whatever the file's size. On PostgreSQL the session
 * holds one pooled connection (temporary tables live there) and each batch is one statement; on
 * SQLite each batch is one write transaction.
 */
export async function importSubscribers<T>(
  ctx: StoreContext,
  now: Date,
  fn: (session: SubscriberImport) => Promise<T>,
): Promise<T> {
  const at = now.toISOString();
  const seen = `import_seen_${randomBytes(6).toString('hex')}`;
  const table = sql.table(seen);
  const create = sql`create temporary table ${table} (email text primary key, key text, line integer not null)`;
  // Keys only when the file has them: a plain list indexes no NULLs.
  const index = sql`create unique index ${sql.id(`${seen}_key`)} on ${table} (key) where key is not null`;
  const drop = sql`drop table if exists ${table}`;
  const target = sql.join(COLUMNS.map((c) => sql.ref(c)));

  /** The earlier row of each repeat: by address first, else by key. */
  const firstLines = async (db: Kysely<Database>, rows: readonly StagedSubscriber[], lines: number[]) => {
    const repeated = rows.filter((row) => lines.includes(row.line));
    const emails = repeated.map((r) => r.subscriber.email);
    const keys = repeated.flatMap((r) => (r.subscriber.key ? [r.subscriber.key] : []));
    // One list for both: an address has an @, a key never does.
    const json = JSON.stringify([...emails, ...keys].map((v) => ({ v })));
    const values =
      ctx.driver === 'postgres'
        ? sql`select v from json_to_recordset(cast(${json} as json)) as j(v text)`
        : sql`select value ->> 'v' from json_each(${json})`;
    const found = await sql<{
      email: string;
      key: string | null;
      line: number;
    }>`select email, key, line from ${table}
      where email in (${values}) or key in (${values})`.execute(db);
    const byEmail = new Map(found.rows.map((r) => [r.email, Number(r.line)]));
    const byKey = new Map(
      found.rows.flatMap((r) => (r.key === null ? [] : [[r.key, Number(r.line)] as const])),
    );
    return repeated.map(({ line, subscriber }): StageOutcome['repeats'][number] => {
      const email = byEmail.get(subscriber.email);
      if (email !== undefined) return { line, of: email, by: 'email' };
      return { line, of: (subscriber.key && byKey.get(subscriber.key)) || 0, by: 'key' };
    });
  };

  if (ctx.driver === 'postgres') {
    return ctx.db.connection().execute(async (conn) => {
      await create.execute(conn);
      await index.execute(conn);
      try {
        return await fn({
          async stage(rows) {
            if (rows.length === 0) return { added: 0, repeats: [], known: [] };
            // One statement: remember the rows (a repeat is not), add those the store lacks. Both
            // sub-statements see the table as it was before it, so `known` is the store's own.
            const result = await sql<{ added: number; repeats: number[]; known: number[] }>`
              with input as (select * from ${unnestRows(rows, at)}),
              fresh as (insert into ${table} (email, key, line) select email, file_key, line from input
                on conflict do nothing returning line, email),
              added as (insert into subscribers (${target}) select ${target} from input
                where line in (select line from fresh) on conflict do nothing returning email)
              select (select count(*) from added)::int as added,
                coalesce((select json_agg(line) from input where line not in (select line from fresh)), '[]') as repeats,
                coalesce((select json_agg(line) from fresh where email not in (select email from added)), '[]') as known`.execute(
              conn,
            );
            const [outcome] = result.rows;
            if (outcome === undefined) throw new Error('import batch: no result row');
            const repeats = outcome.repeats.length > 0 ? await firstLines(conn, rows, outcome.repeats) : [];
            return { added: outcome.added, repeats, known: outcome.known };
          },
        });
      } finally {
        await drop.execute(conn);
      }
    });
  }

  // The temporary table's pages stay on disk past 2 MB (the default cache is 16 MB per schema).
  await sql`pragma temp.cache_size = -2048`.execute(ctx.db);
  await create.execute(ctx.db);
  await index.execute(ctx.db);
  try {
    return await fn({
      async stage(rows) {
        if (rows.length === 0) return { added: 0, repeats: [], known: [] };
        const json = batchJson(rows, at);
        return ctx.write(async (trx) => {
          // SQLite has no INSERT in a WITH: remember first, then add the rows remembered.
          const fresh = await sql<{ line: number; email: string }>`insert into ${table} (email, key, line)
            select email, file_key, line from ${jsonRows(json)} where true
            on conflict do nothing returning line, email`.execute(trx);
          const freshLines = new Set(fresh.rows.map((r) => Number(r.line)));
          const added = await sql<{ email: string }>`insert into subscribers (${target})
            select ${target} from ${jsonRows(json)}
            where line in (select value from json_each(${JSON.stringify([...freshLines])}))
            on conflict do nothing returning email`.execute(trx);
          const addedEmails = new Set(added.rows.map((r) => r.email));
          const repeatLines = rows.flatMap((r) => (freshLines.has(r.line) ? [] : [r.line]));
          const repeats = repeatLines.length > 0 ? await firstLines(trx, rows, repeatLines) : [];
          const known = fresh.rows.flatMap((r) => (addedEmails.has(r.email) ? [] : [Number(r.line)]));
          return { added: added.rows.length, repeats, known };
        });
      },
    });
  } finally {
    await drop.execute(ctx.db);
  }
}
