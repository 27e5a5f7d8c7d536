/**
 * Regression, issue 15 finding 1 ("one number stops every run on PostgreSQL"): an hf-daily entry
 * with `"upvotes": 2147483648` or `1e308` made `run` on PostgreSQL fail with "value out of range
 * for type integer", storing nothing, not even the healthy arXiv source's papers; SQLite stored
 * it and the mail said "1e+308 upvotes".
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canReachPostgres } from '../../src/store/postgres.js';
import { runCli, SAMPLES, tempProject } from '../helpers/cli.js';
import { describeWith } from '../helpers/requirements.js';
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from '../integration/worker-fixture.js';

function hostileProject(): string {
  const items = JSON.parse(readFileSync(path.join(SAMPLES, 'hf-daily-papers_2026-06-12.json'), 'utf8'));
  items[0].paper.upvotes = 2147483648;
  items[1].paper.upvotes = 1e308;
  items[2].paper.upvotes = -5;
  items[2].numComments = 1e308;
  const dir = tempProject({
    title: 'Hostile numbers',
    sources: [
      {
        id: 'arxiv-cs-cl',
        kind: 'arxiv-rss',
        location: path.join(SAMPLES, 'arxiv-rss_cs.CL-slice_2024-11-28.xml'),
      },
      { id: 'hf-daily', kind: 'hf-daily', location: 'hf-bad.json' },
    ],
    sender: { fromAddress: 'digest@paperpost.example' },
    seedSubscribers: [{ email: 'demo@paperpost.example', frequency: 'daily' }],
    dataDir: 'data',
  });
  writeFileSync(path.join(dir, 'hf-bad.json'), JSON.stringify(items));
  return dir;
}

function expectRunStoredBoth(result: Awaited<ReturnType<typeof runCli>>, dir: string): void {
  expect(result.stderr).not.toMatch(/out of range|invalid input syntax/);
  expect(result.code).toBe(0);
  const summary = JSON.parse(result.stdout);
  expect(summary.status).toBe('ok');
  expect(summary.sources).toMatchObject({ ok: 2, failed: 0 });
  expect(summary.papers.new).toBe(summary.papers.merged);
  expect(summary.papers.new).toBeGreaterThan(51);
  const editionDir = path.join(dir, 'data', 'outbox', summary.edition.id);
  const eml = readdirSync(editionDir).find((f) => f.endsWith('.eml')) ?? '';
  const mail = readFileSync(path.join(editionDir, eml), 'utf8');
  expect(mail).not.toMatch(/e\+308|2147483648|2,147,483,648/);
}

describe('finding 1: a hostile hf-daily number beside a healthy arXiv source, on SQLite', () => {
  it('runs, stores both sources and never prints the number', async () => {
    const dir = hostileProject();
    expectRunStoredBoth(await runCli(['run', '--json'], { cwd: dir }), dir);
  }, 120_000);
});

const reachable = await canReachPostgres(PG_ADMIN_URL);

describeWith(reachable, 'no PostgreSQL at 127.0.0.1:5432', 'finding 1 on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('pp_hostile_numbers');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('runs, stores both sources and never prints the number', async () => {
    const dir = hostileProject();
    const result = await runCli(['run', '--json'], { cwd: dir, env: { DATABASE_URL: db.url } });
    expectRunStoredBoth(result, dir);
  }, 120_000);
});
