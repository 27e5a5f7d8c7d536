import { type NewSubscriber, PaperpostError, type Subscriber } from '../domain/index.js';
import { type CsvRecord, readCsvBatches } from './csv-reader.js';
import { type Columns, type ImportRow, readHeader, readRow } from './import-rows.js';
import type { SubscriberStore } from './ports.js';
import { SeenDigests } from './seen-digests.js';

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

/** What the import needs from the store (the Store satisfies it structurally). */
export interface ImportStore extends Pick<SubscriberStore, 'catalogue'> {
  subscribers: Pick<SubscriberStore['subscribers'], 'updateSubscriber'> & {
    findSubscribers(by: { emails: readonly string[]; keys: readonly string[] }): Promise<Subscriber[]>;
    addSubscribers(inputs: NewSubscriber[], now: Date): Promise<number>;
  };
}

/** The file, read from the start each time it is called (an import reads it twice). */
export type CsvSource = () => AsyncIterable<Uint8Array | string>;

export type ProblemSink = (kind: 'skipped' | 'error', problem: ImportProblem) => void;

/** Rows looked up and written together: a few SELECTs and one transaction of INSERTs per batch. */
const BATCH = 5000;

type Item = { line: number; row: ImportRow } | { line: number; kind: 'skipped' | 'error'; reason: string };

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

async function writeBatch(
  store: ImportStore,
  items: Item[],
  counts: ImportCounts,
  report: ProblemSink,
  now: Date,
): Promise<void> {
  const rows = items.flatMap((item) => ('row' in item ? [item.row] : []));
  const known = await store.subscribers.findSubscribers({
    emails: rows.map((r) => r.subscriber.email),
    keys: rows.flatMap((r) => (r.subscriber.key ? [r.subscriber.key] : [])),
  });
  const byEmail = new Map(known.map((s) => [s.email, s]));
  const byKey = new Map(known.map((s) => [s.key, s]));
  const inserts: NewSubscriber[] = [];
  const problems: Item[] = [];
  for (const item of items) {
    if (!('row' in item)) {
      problems.push(item);
      continue;
    }
    const { line, subscriber: row } = item.row;
    const before = byEmail.get(row.email);
    const holder = row.key === undefined ? undefined : byKey.get(row.key);
    if (holder !== undefined && holder.email !== row.email) {
      problems.push({ line, kind: 'error', reason: `key ${row.key} already names another subscriber` });
    } else if (before === undefined) inserts.push(row);
    else if (before.status === 'unsubscribed' || before.status === 'suppressed') {
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
  counts.added += await store.subscribers.addSubscribers(inserts, now);
  for (const p of problems.sort((a, b) => a.line - b.line)) {
    if ('row' in p) continue;
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
  const seenEmails = new SeenDigests();
  const seenKeys = new SeenDigests();
  let items: Item[] = [];
  let header = true;
  for await (const batch of readCsvBatches(source(), name)) {
    for (const record of batch) {
      if (header) {
        header = false;
        continue;
      }
      items.push(classify(record, columns, catalogue, seenEmails, seenKeys));
      if (items.length >= BATCH) {
        await writeBatch(ctx.store, items, counts, report, now);
        items = [];
      }
    }
  }
  await writeBatch(ctx.store, items, counts, report, now);
  return counts;
}

function classify(
  record: CsvRecord,
  columns: Columns,
  catalogue: Set<string>,
  seenEmails: SeenDigests,
  seenKeys: SeenDigests,
): Item {
  const row = readRow(record, columns, catalogue);
  if (typeof row === 'string') return { line: record.line, kind: 'error', reason: row };
  const { email, key } = row.subscriber;
  const earlier = seenEmails.firstSeen(email, row.line);
  if (earlier !== undefined)
    return { line: row.line, kind: 'skipped', reason: `duplicate of line ${earlier}` };
  const keyLine = key === undefined ? undefined : seenKeys.firstSeen(key, row.line);
  if (keyLine !== undefined)
    return { line: row.line, kind: 'error', reason: `key ${key} repeats line ${keyLine}` };
  return { line: row.line, row };
}
