/**
 * Migration 0007 (issue 12): editions stored before it have no `reader_sections`; after the
 * upgrade they read as before (no topic sections: their readers are cut from the letter), and a
 * new edition keeps its topic sections apart from `data`.
 */
import { type Dialect, Kysely, Migrator, sql } from 'kysely';
import { expect } from 'vitest';
import { cutEdition } from '../../src/render/index.js';
import { createStore } from '../../src/store/index.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import type { StoreConfig } from '../../src/store/types.js';
import { upgradeOnBothDrivers } from '../helpers/upgrade.js';
import { makeEdition, makePaper } from './store-contract-fixtures.js';

const OLD = makeEdition('d1', 'daily', ['p1']);

/** A store at 0006 holding one edition, written as that release wrote it. */
async function storeBefore0007(dialect: Dialect): Promise<void> {
  const db = new Kysely<unknown>({ dialect });
  try {
    const result = await new Migrator({ db, provider: migrationProvider }).migrateTo('0006-topic-origin');
    if (result.error) throw result.error;
    const data = JSON.stringify({ sections: OLD.sections, more: OLD.more, overflowIds: [] });
    await sql`INSERT INTO editions (id, frequency, date, created_at, data)
      VALUES (${OLD.id}, ${OLD.frequency}, ${OLD.date}, ${OLD.createdAt}, ${data})`.execute(db);
  } finally {
    await db.destroy();
  }
}

async function checkUpgrade(config: StoreConfig): Promise<void> {
  const store = await createStore(config);
  try {
    const old = await store.editions.getEdition('d1');
    expect(old).toEqual({ ...OLD, overflowIds: [] });
    // Its readers are cut from the letter, as before.
    expect(cutEdition(old as typeof OLD, ['ml']).sections.map((s) => s.papers.length)).toEqual([1]);
    await store.papers.upsertPapers([makePaper('p2'), makePaper('p3')], new Date('2025-01-04T08:00:00Z'));
    const fresh = {
      ...makeEdition('d2', 'daily', ['p2'], '2025-01-04'),
      overflowIds: ['p3'],
      topicSections: makeEdition('d2', 'daily', ['p2', 'p3'], '2025-01-04').sections,
      caps: { perSection: 6, catchAll: 2, perEdition: 40 },
    };
    await store.editions.createEdition(fresh);
    expect(await store.editions.getEdition('d2')).toEqual(fresh);
    expect((await store.editions.listEditions()).map((e) => [e.id, e.letterCount])).toEqual([
      ['d2', 1],
      ['d1', 1],
    ]);
  } finally {
    await store.close();
  }
}

await upgradeOnBothDrivers(
  '0007',
  'reads editions stored before it as before, and keeps new topic sections apart',
  storeBefore0007,
  checkUpgrade,
);
