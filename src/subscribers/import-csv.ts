import { type NewSubscriber, PaperpostError, type Subscriber } from '../domain/index.js';
import { type CsvRecord, readCsvBatches } from './csv-reader.js';
import { type Columns, type ImportRow, readHeader, readRow } from './import-rows.js';
import type { SubscriberStore } from './ports.js';

export interface ImportProblem {
  /** 1-based line of the file where the record starts. */
  line: number;
  reason: string;
}

/** What an import did: every data row is added, updated, skipped or an error. */
export interface ImportCounts {
  added: number;
  updated: number;
  /** Rows left out on purpose: duplicates within the file, people who left. */
  skipped: number;
  /** Rows that are wrong (syntax, email, topic, frequency, status, key). */
  errors: number;
}

/** What the store did with one staged batch (see ImportStore). */
export interface StageOutcome {
  added: number;
  /** Rows repeating an earlier row of the import, by address or by key; `of` is its line. */
  repeats: { line: number; of: number; by: 'email' | 'key' }[];
  /** Lines whose address or key the store already had: left for the import to decide. */
  known: number[];
}

/** What the import needs from the store (the Store satisfies it structurally). */
export interface ImportStore extends Pick<SubscriberStore, 'catalogue'> {
  subscribers: Pick<SubscriberStore['subscribers'], 'updateSubscriber'> & {
    findSubscribers(by: { emails: readonly string[]; keys: readonly string[] }): Promise<Subscriber[]>;
    addSubscribers(inputs: NewSubscriber[], now: Date): Promise<number>;
    /**
     * One import session: stage adds the rows the store lacks and remembers every row staged (in
     * the store, so memory stays flat in the file's size) to tell repeats within the file.
     */
    importSubscribers<T>(
      now: Date,
      fn: (session: { stage(rows: readonly ImportRow[]): Promise<StageOutcome> }) => Promise<T>,
    ): Promise<T>;
  };
}

/** The file, read from the start each time it is called (an import reads it twice). */
export type CsvSource = () => AsyncIterable<Uint8Array | string>;

export type ProblemSink = (kind: 'skipped' | 'error', problem: ImportProblem) => void;

/**
 * Rows staged together: one statement (PostgreSQL) or one transaction (SQLite) per batch. 500
 * rather than 2,000 or 5,000: a smaller batch dies young in V8's heap instead of being promoted
 * while the next one is parsed, so peak RSS stops growing with the file (SQLite 125 / 127 /
 * 129 MB at 50k / 200k / 1M rows, against 131 / 197 MB at 50k / 200k with 2,000), for ~10% more
 * CPU per row (bench/import-bench.ts; bench/FIGURES.md).
 */
const BATCH = 500;

type Problem = { line: number; kind: 'skipped' | 'error'; reason: string };
type Item = { line: number; row: ImportRow } | Problem;

/**
 * Check the whole file first (encoding, header, every quote closing) without storing a row, so a
 * file that can't be parsed as a whole is refused before anything changes.
 */
async function checkFile(source: CsvSource, name: string): Promise<Columns> {
  let columns: Columns | undefined;
  for await (const batch of readCsvBatches(source(), name)) {
    const [record] = batch;
    if (columns !== undefined || record === undefined) continue;
    const header = readHeader(record);
    if (typeof header === 'string')
      throw new PaperpostError('subscribers', 'bad-input', `${name}:${record.line}: ${header}`);
    columns = header;
  }
  if (columns === undefined)
    throw new PaperpostError('subscribers', 'bad-input', `${name}: empty file (expected a header line)`);
  return columns;
}

/** Rows the store already had: updated, or skipped when they left, as the rules say. */
async function settleKnown(
  store: ImportStore,
  rows: ImportRow[],
  counts: ImportCounts,
  now: Date,
): Promise<Problem[]> {
  if (rows.length === 0) return [];
  const known = await store.subscribers.findSubscribers({
    emails: rows.map((r) => r.subscriber.email),
    keys: rows.flatMap((r) => (r.subscriber.key ? [r.subscriber.key] : [])),
  });
  const byEmail = new Map(known.map((s) => [s.email, s]));
  const byKey = new Map(known.map((s) => [s.key, s]));
  const problems: Problem[] = [];
  for (const { line, subscriber: row } of rows) {
    const before = byEmail.get(row.email);
    const holder = row.key === undefined ? undefined : byKey.get(row.key);
    if (holder !== undefined && holder.email !== row.email) {
      problems.push({ line, kind: 'error', reason: `key ${row.key} already names another subscriber` });
    } else if (before === undefined) {
      // Deleted since it was staged (a `forget` running alongside): add it after all.
      counts.added += await store.subscribers.addSubscribers([row], now);
    } else if (before.status === 'unsubscribed' || before.status === 'suppressed') {
      problems.push({ line, kind: 'skipped', reason: `${row.email} is ${before.status}; not re-subscribed` });
    } else {
      const leaves = row.status === 'unsubscribed' || row.status === 'suppressed';
      const status = leaves || row.status === 'confirmed' ? row.status : before.status;
      await store.subscribers.updateSubscriber(
        before.id,
        { status, topics: row.topics, frequency: row.frequency },
        now,
      );
      counts.updated += 1;
    }
  }
  return problems;
}

async function writeBatch(
  store: ImportStore,
  stage: (rows: readonly ImportRow[]) => Promise<StageOutcome>,
  items: Item[],
  counts: ImportCounts,
  report: ProblemSink,
  now: Date,
): Promise<void> {
  const rows = items.flatMap((item) => ('row' in item ? [item.row] : []));
  const outcome = await stage(rows);
  counts.added += outcome.added;
  const byLine = new Map(rows.map((row) => [row.line, row]));
  const problems: Problem[] = items.filter((item): item is Problem => !('row' in item));
  for (const { line, of, by } of outcome.repeats) {
    if (by === 'email') problems.push({ line, kind: 'skipped', reason: `duplicate of line ${of}` });
    else
      problems.push({
        line,
        kind: 'error',
        reason: `key ${byLine.get(line)?.subscriber.key} repeats line ${of}`,
      });
  }
  const known = outcome.known.flatMap((line) => byLine.get(line) ?? []);
  problems.push(...(await settleKnown(store, known, counts, now)));
  for (const p of problems.sort((a, b) => a.line - b.line)) {
    counts[p.kind === 'error' ? 'errors' : 'skipped'] += 1;
    report(p.kind, { line: p.line, reason: p.reason });
  }
}

/**
 * Import a subscriber CSV (the header names the columns: email, and optionally topics separated
 * by `;`, frequency, status, name, created_at, confirmed_at, unsubscribed_at, key), streaming it
 * in batches. The file is checked as a whole first: one it can't parse (not UTF-8 text, no
 * header, a quote never closed) is refused with a `bad-input` error and nothing stored. Then
 * every row ends added, updated, skipped (a duplicate, someone who left) or reported with the
 * line it starts on; people who unsubscribed or bounced are never re-subscribed.
 */
export async function importCsv(
  ctx: { store: ImportStore },
  source: CsvSource,
  name: string,
  now: Date,
  report: ProblemSink,
): Promise<ImportCounts> {
  const columns = await checkFile(source, name);
  const catalogue = new Set((await ctx.store.catalogue.listTopics()).map((topic) => topic.slug));
  const counts: ImportCounts = { added: 0, updated: 0, skipped: 0, errors: 0 };
  await ctx.store.subscribers.importSubscribers(now, async ({ stage }) => {
    // One batch is written while the next is parsed: the store and the parser work at once.
    let writing: Promise<void> = Promise.resolve();
    const write = async (items: Item[]) => {
      await writing;
      writing = writeBatch(ctx.store, stage, items, counts, report, now);
      writing.catch(() => undefined); // awaited before the next batch or at the end
    };
    let items: Item[] = [];
    let header = true;
    try {
      for await (const batch of readCsvBatches(source(), name)) {
        for (const record of batch) {
          if (header) {
            header = false;
            continue;
          }
          items.push(classify(record, columns, catalogue));
          if (items.length >= BATCH) {
            await write(items);
            items = [];
          }
        }
      }
      await write(items);
    } finally {
      await writing;
    }
  });
  return counts;
}

function classify(record: CsvRecord, columns: Columns, catalogue: Set<string>): Item {
  const row = readRow(record, columns, catalogue);
  if (typeof row === 'string') return { line: record.line, kind: 'error', reason: row };
  return { line: row.line, row };
}
