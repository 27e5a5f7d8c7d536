/**
 * Runs feedparser's test suite (the files whose Expect checks a title, link, date or author)
 * through parseFeed with kind 'rss' and measures the pass rate per field. The rates may not fall
 * below tests/fixtures/feedparser/floor.json. Feed-level dates and authors are outside
 * Paperpost's FeedInfo and are not counted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../../src/domain/index.js';
import { decodeBody, parseFeed } from '../../src/ingest/index.js';

type Field = 'title' | 'link' | 'date' | 'author';
type Check = { path?: Array<string | number>; op: string; value?: unknown };
type Row = { file: string; headers: Record<string, string>; checks: Check[] | null };

const DIR = fileURLToPath(new URL('../fixtures/feedparser/', import.meta.url));
const rows: Row[] = readFileSync(join(DIR, 'EXPECTATIONS.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Row);
const floor = JSON.parse(readFileSync(join(DIR, 'floor.json'), 'utf8')) as Record<Field, number>;

function fieldOf(path: Array<string | number>): Field | undefined {
  const p = path.join('.');
  if (/^(feed|entries\.0)\.title(_detail\.value)?$/.test(p)) return 'title';
  if (/^(feed\.link|entries\.0\.link|entries\.0\.links\.0\.href)$/.test(p)) return 'link';
  if (/^entries\.0\.(published|updated|created)_parsed$/.test(p)) return 'date';
  if (/^entries\.0\.(author|author_detail\.name|authors\.\d\.name)$/.test(p)) return 'author';
  return undefined;
}

/** Whether our parse satisfies one feedparser check (`==` on the mapped field). */
function passes(parsed: ParsedFeed | undefined, check: Check & { path: Array<string | number> }): boolean {
  if (!parsed) return false;
  const p = check.path.join('.');
  const entry = parsed.entries[0];
  const expected = check.value;
  switch (fieldOf(check.path)) {
    case 'title': {
      const actual = p.startsWith('feed') ? parsed.feed.title : entry?.title;
      return typeof expected === 'string' && (actual ?? '') === expected.trim();
    }
    case 'link':
      return (p.startsWith('feed') ? parsed.feed.link : entry?.url) === expected;
    case 'date': {
      if (!entry?.published || !Array.isArray(expected)) return false;
      const d = new Date(entry.published);
      const tuple = [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
      ];
      return tuple.every((v, i) => v === expected[i]);
    }
    case 'author': {
      const index = /authors\.(\d)/.exec(p)?.[1];
      const actual = entry?.authors[index ? Number(index) : 0];
      if (!actual || typeof expected !== 'string') return false;
      // feedparser's `author` may be "Name (email)" or "email (Name)"; Paperpost keeps the name.
      return expected === actual || expected.startsWith(`${actual} (`) || expected.endsWith(`(${actual})`);
    }
    default:
      return false;
  }
}

async function parseRow(row: Row): Promise<ParsedFeed | undefined> {
  const bytes = readFileSync(join(DIR, row.file));
  const header =
    Object.entries(row.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? null;
  try {
    return await parseFeed(decodeBody(bytes, header), { sourceId: row.file, kind: 'rss' });
  } catch {
    return undefined;
  }
}

describe('feedparser conformance (title, link, dates, authors)', () => {
  it('keeps each field at or above its floor', async () => {
    const tally: Record<Field, { pass: number; total: number }> = {
      title: { pass: 0, total: 0 },
      link: { pass: 0, total: 0 },
      date: { pass: 0, total: 0 },
      author: { pass: 0, total: 0 },
    };
    for (const row of rows) {
      const parsed = await parseRow(row);
      for (const check of row.checks ?? []) {
        if (!check.path) continue;
        const field = fieldOf(check.path);
        if (!field) continue;
        tally[field].total++;
        if (passes(parsed, { ...check, path: check.path })) tally[field].pass++;
      }
    }
    const rates = Object.fromEntries(
      Object.entries(tally).map(([field, t]) => [field, t.total ? t.pass / t.total : 1]),
    ) as Record<Field, number>;
    const lines = Object.entries(tally).map(
      ([field, t]) =>
        `${field.padEnd(6)} ${t.pass}/${t.total} = ${(100 * (rates[field as Field] ?? 0)).toFixed(1)}%`,
    );
    console.log(`feedparser conformance (${rows.length} files)\n${lines.join('\n')}`);
    expect(tally.title.total).toBeGreaterThan(400);
    for (const field of Object.keys(tally) as Field[]) {
      expect(rates[field], field).toBeGreaterThanOrEqual(floor[field]);
    }
  });
});
