/**
 * Migration 0008 (issue 12): an install whose store was seeded by an earlier catalogue takes the
 * upgraded catalogue's phrases on its next start, and its label where the row still reads as this
 * catalogue or an earlier one shipped it (`formerLabels`); any other label the store holds from
 * before is the operator's rename and stays.
 */
import { type Dialect, Kysely, Migrator, sql } from 'kysely';
import { expect } from 'vitest';
import type { Topic } from '../../src/domain/index.js';
import { createStore } from '../../src/store/index.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import type { StoreConfig } from '../../src/store/types.js';
import { upgradeOnBothDrivers } from '../helpers/upgrade.js';

/** A store at 0007 seeded by the earlier catalogue, one label renamed by its operator. */
async function storeBefore0008(dialect: Dialect): Promise<void> {
  const db = new Kysely<unknown>({ dialect });
  try {
    const result = await new Migrator({ db, provider: migrationProvider }).migrateTo('0007-reader-sections');
    if (result.error) throw result.error;
    const rows: [string, string, string[]][] = [
      ['eval', 'LLM evaluation', ['benchmark']],
      ['kv', 'KV caches, our way', ['kv cache']],
      // A label an earlier catalogue shipped (formerLabels): not a rename.
      ['rag', 'Retrieval-augmented generation', ['rag']],
    ];
    for (const [slug, label, keywords] of rows)
      await sql`INSERT INTO topics (slug, label, keywords, categories, user_defined, created_at, origin, hidden, description)
        VALUES (${slug}, ${label}, ${JSON.stringify(keywords)}, '[]', 0, '2025-01-01T00:00:00Z', 'curated', 0, 'Old.')`.execute(
        db,
      );
  } finally {
    await db.destroy();
  }
}

const shipped = (slug: string, label: string, keywords: string[]): Topic => ({
  slug,
  label,
  keywords,
  categories: ['cs.CL'],
  userDefined: false,
  origin: 'curated',
  description: `${label}.`,
});

async function checkUpgrade(config: StoreConfig): Promise<void> {
  const store = await createStore(config);
  try {
    const rag = {
      ...shipped('rag', 'Information retrieval and RAG', ['rag']),
      formerLabels: ['Retrieval-augmented generation'],
    };
    await store.catalogue.seedTopics([
      shipped('eval', 'LLM evaluation', ['benchmark', 'llm judge']),
      shipped('kv', 'KV cache compression', ['kv cache', 'kv eviction']),
      rag,
    ]);
    // A later release renames "eval": the row read as shipped, so it follows.
    await store.catalogue.seedTopics([
      shipped('eval', 'LLM evaluation and benchmarks', ['benchmark', 'llm judge']),
      shipped('kv', 'KV cache compression', ['kv cache', 'kv eviction']),
      rag,
    ]);
    const view = (await store.catalogue.listTopics()).map((t) => [t.slug, t.label, t.keywords, t.categories]);
    expect(view).toEqual([
      ['eval', 'LLM evaluation and benchmarks', ['benchmark', 'llm judge'], ['cs.CL']],
      ['kv', 'KV caches, our way', ['kv cache', 'kv eviction'], ['cs.CL']],
      ['rag', 'Information retrieval and RAG', ['rag'], ['cs.CL']],
    ]);
  } finally {
    await store.close();
  }
}

await upgradeOnBothDrivers(
  '0008',
  "takes an upgraded catalogue's phrases into a store seeded before it, and keeps a renamed label",
  storeBefore0008,
  checkUpgrade,
);
