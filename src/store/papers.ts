import { CompiledQuery, type Insertable, type Kysely, sql } from 'kysely';
import type { Frequency, Paper } from '../domain/index.js';
import { chunk, type StoreContext } from './context.js';
import { toPaper } from './rows.js';
import type { Database, PapersTable } from './schema.js';
import { insertSnapshots } from './snapshots.js';
import type { UpsertResult } from './types.js';

// 17 columns per row: 60 rows stay far below SQLite's and PostgreSQL's parameter limits.
const ROWS_PER_INSERT = 60;
const IDS_PER_SELECT = 500;

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function longer(a: string | null, b: string | null): string | null {
  if (a === null || a === '') return b;
  if (b === null || b === '') return a;
  return b.length > a.length ? b : a;
}

/**
 * Merges the signals of `next` into `known` (same paper): max upvotes and comments, union of
 * sources, keywords and categories, the longer summary; known links and dates win when present.
 */
export function mergePaperSignals(known: Paper, next: Paper): Paper {
  return {
    id: known.id,
    title: known.title !== '' ? known.title : next.title,
    url: known.url !== '' ? known.url : next.url,
    authors: next.authors.length > known.authors.length ? next.authors : known.authors,
    published: known.published ?? next.published,
    summary: longer(known.summary, next.summary) ?? '',
    aiSummary: longer(known.aiSummary, next.aiSummary),
    keywords: union(known.keywords, next.keywords),
    categories: union(known.categories, next.categories),
    upvotes: Math.max(known.upvotes, next.upvotes),
    comments: Math.max(known.comments, next.comments),
    sources: union(known.sources, next.sources),
    links: {
      abs: known.links.abs ?? next.links.abs,
      pdf: known.links.pdf ?? next.links.pdf,
      code: known.links.code ?? next.links.code,
      hf: known.links.hf ?? next.links.hf,
    },
    ...optional('thumbnail', known.thumbnail ?? next.thumbnail),
    ...optional('listedAt', earlier(known.listedAt, next.listedAt)),
  };
}

function earlier(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

/** `{ key: value }` when there is a value, else nothing: absent fields stay absent. */
function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/**
 * When a paper reached a trending list: the source's own time (HF `submittedOnDailyAt`), else,
 * for a Hugging Face paper, when it was first seen; null for papers aged by their own date.
 */
function listedAtOf(paper: Paper, firstSeen: string): string | null {
  return paper.listedAt ?? (paper.links.hf !== null ? firstSeen : null);
}

function toRow(paper: Paper, seenAt: string, firstSeen: string = seenAt): Insertable<PapersTable> {
  return {
    id: paper.id,
    title: paper.title,
    url: paper.url,
    authors: JSON.stringify(paper.authors),
    published: paper.published,
    summary: paper.summary,
    ai_summary: paper.aiSummary,
    keywords: JSON.stringify(paper.keywords),
    categories: JSON.stringify(paper.categories),
    upvotes: paper.upvotes,
    comments: paper.comments,
    sources: JSON.stringify(paper.sources),
    links: JSON.stringify(paper.links),
    first_seen: seenAt,
    updated_at: seenAt,
    thumbnail: paper.thumbnail ?? null,
    listed_at: listedAtOf(paper, firstSeen),
  };
}

function upsertQuery(trx: Kysely<Database>, batch: Insertable<PapersTable>[]) {
  return trx
    .insertInto('papers')
    .values(batch)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        url: eb.ref('excluded.url'),
        authors: eb.ref('excluded.authors'),
        published: eb.ref('excluded.published'),
        summary: eb.ref('excluded.summary'),
        ai_summary: eb.ref('excluded.ai_summary'),
        keywords: eb.ref('excluded.keywords'),
        categories: eb.ref('excluded.categories'),
        upvotes: eb.ref('excluded.upvotes'),
        comments: eb.ref('excluded.comments'),
        sources: eb.ref('excluded.sources'),
        links: eb.ref('excluded.links'),
        thumbnail: eb.ref('excluded.thumbnail'),
        listed_at: eb.ref('excluded.listed_at'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    );
}

function sameValues(a: ReadonlyArray<unknown>, b: ReadonlyArray<unknown>): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Inserts new papers and merges signals into known ones, in one transaction; first_seen stays. */
export async function upsertPapers(ctx: StoreContext, papers: Paper[], seenAt: Date): Promise<UpsertResult> {
  const incoming = new Map<string, Paper>();
  for (const paper of papers) {
    const seen = incoming.get(paper.id);
    incoming.set(paper.id, seen === undefined ? paper : mergePaperSignals(seen, paper));
  }
  if (incoming.size === 0) return { inserted: 0, updated: 0 };
  const at = seenAt.toISOString();
  return ctx.write(async (trx) => {
    const known = new Map<string, Paper>();
    const firstSeen = new Map<string, string>();
    for (const ids of chunk([...incoming.keys()], IDS_PER_SELECT)) {
      const rows = await trx.selectFrom('papers').selectAll().where('id', 'in', ids).execute();
      for (const row of rows) {
        known.set(row.id, toPaper(row));
        firstSeen.set(row.id, row.first_seen);
      }
    }
    const rows = [...incoming.values()].map((paper) => {
      const before = known.get(paper.id);
      const merged = before === undefined ? paper : mergePaperSignals(before, paper);
      return toRow(merged, at, firstSeen.get(paper.id) ?? at);
    });
    await insertSnapshots(trx, [...incoming.values()], at);
    // Kysely compiles a 60-row insert in about the time SQLite takes to run it: compile one full
    // batch and run the others with their own parameters (same SQL, same column order).
    // Every row has toRow's keys in toRow's order; sameValues checks Kysely agrees.
    const columns = Object.keys(rows[0] ?? {}) as (keyof Insertable<PapersTable>)[];
    let reusable: CompiledQuery | null = null;
    for (const batch of chunk(rows, ROWS_PER_INSERT)) {
      const parameters = batch.flatMap((row) => columns.map((column) => row[column] ?? null));
      if (reusable && batch.length === ROWS_PER_INSERT) {
        await trx.executeQuery(CompiledQuery.raw(reusable.sql, parameters));
        continue;
      }
      const compiled = upsertQuery(trx, batch).compile();
      await trx.executeQuery(compiled);
      if (batch.length === ROWS_PER_INSERT && sameValues(compiled.parameters, parameters))
        reusable = compiled;
    }
    return { inserted: incoming.size - known.size, updated: known.size };
  });
}

/** Papers by id, in the order asked; unknown ids are left out. */
export async function getPapers(ctx: StoreContext, ids: string[]): Promise<Paper[]> {
  const found = new Map<string, Paper>();
  for (const batch of chunk([...new Set(ids)], IDS_PER_SELECT)) {
    const rows = await ctx.db.selectFrom('papers').selectAll().where('id', 'in', batch).execute();
    for (const row of rows) found.set(row.id, toPaper(row));
  }
  return ids.flatMap((id) => {
    const paper = found.get(id);
    return paper === undefined ? [] : [paper];
  });
}

/** Columns of a paper but its abstracts (see {@link listUnpublishedPapers}). */
const HEAD_COLUMNS = [
  'p.id',
  'p.title',
  'p.url',
  'p.authors',
  'p.published',
  'p.keywords',
  'p.categories',
  'p.upvotes',
  'p.comments',
  'p.sources',
  'p.links',
  'p.first_seen',
  'p.updated_at',
  'p.thumbnail',
  'p.listed_at',
] as const;

/**
 * Papers without an edition of `frequency`, first seen at or after `since`, oldest first; with
 * `abstracts: false`, without their abstracts (`summary` '', `aiSummary` null).
 */
export async function listUnpublishedPapers(
  ctx: StoreContext,
  frequency: Frequency,
  since?: Date,
  options: { abstracts?: boolean } = {},
): Promise<Paper[]> {
  const from = ctx.db.selectFrom('papers as p');
  const selected =
    options.abstracts === false
      ? from.select([
          ...HEAD_COLUMNS,
          sql<string>`''`.as('summary'),
          sql<string | null>`null`.as('ai_summary'),
        ])
      : from.selectAll('p');
  let query = selected.where(({ not, exists, selectFrom }) =>
    not(
      exists(
        selectFrom('edition_papers as ep')
          .select('ep.paper_id')
          .whereRef('ep.paper_id', '=', 'p.id')
          .where('ep.frequency', '=', frequency),
      ),
    ),
  );
  if (since !== undefined) query = query.where('p.first_seen', '>=', since.toISOString());
  const rows = await query.orderBy('p.first_seen').orderBy('p.id').execute();
  return rows.map(toPaper);
}
