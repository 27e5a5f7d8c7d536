/**
 * Issue 15: kill -9 during `subscribers import` loses nothing. The import remembers the rows it
 * has staged in a temporary table of its connection (not in memory); a killed import leaves the
 * batches it committed, and importing the file again settles every row, whatever it found.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { canReachPostgres } from '../../src/store/postgres.js';
import type { Store, StoreConfig } from '../../src/store/types.js';
import { BIN, runCli, tempProject } from '../helpers/cli.js';
import { describeWith } from '../helpers/requirements.js';
import { createTestDatabase, PG_ADMIN_URL } from '../integration/worker-fixture.js';

const ROWS = 40_000;
const STATUSES = ['confirmed', 'pending', 'unsubscribed'] as const;
const pgReachable = await canReachPostgres(PG_ADMIN_URL);
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const clean of cleanups.splice(0)) await clean();
});

function writeFile(dir: string): string {
  const file = path.join(dir, 'people.csv');
  const lines = ['email,topics,frequency,status'];
  for (let i = 0; i < ROWS; i++) lines.push(`p${i}@example.org,llm,daily,${STATUSES[i % 3]}`);
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

async function killMidway(dir: string, file: string, env: Record<string, string>, store: Store) {
  const child = spawn(process.execPath, [BIN, 'subscribers', 'import', file], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  const exited = once(child, 'exit');
  let stored = 0;
  for (;;) {
    const counts = await store.subscribers.countSubscribers().catch(() => undefined);
    stored = counts === undefined ? 0 : Object.values(counts).reduce((a, b) => a + b, 0);
    if (stored > 0 || child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  return { stored, code, signal };
}

/** The subscriber counts once three reads 200 ms apart agree. */
async function settledCounts(store: Store): Promise<Record<string, number>> {
  let last = '';
  let same = 0;
  for (;;) {
    const counts = await store.subscribers.countSubscribers();
    const key = JSON.stringify(counts);
    same = key === last ? same + 1 : 0;
    last = key;
    if (same >= 2) return counts;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function engine(name: 'sqlite' | 'postgres', available: boolean, reason: string) {
  describeWith(available, reason, `subscribers import killed with -9 (${name})`, () => {
    it('leaves what it committed; importing again settles every row with its status', async () => {
      const dir = tempProject({
        dataDir: 'data',
        topics: [{ slug: 'llm', label: 'LLM', keywords: ['llm'] }],
      });
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const db = name === 'postgres' ? await createTestDatabase('pp_import_kill') : undefined;
      if (db) cleanups.push(() => db.drop());
      const env: Record<string, string> = db ? { DATABASE_URL: db.url } : {};
      const config: StoreConfig = db
        ? { driver: 'postgres', url: db.url }
        : { driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') };
      // The store exists (migrated) before the import starts, so it can be watched.
      expect((await runCli(['subscribers', 'list'], { cwd: dir, env })).code).toBe(0);
      const store = await createStore(config);
      cleanups.unshift(() => store.close());
      const file = writeFile(dir);

      const killed = await killMidway(dir, file, env, store);
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.stored).toBeGreaterThan(0);
      // PostgreSQL may still commit a batch whose COMMIT the killed client had sent: count once
      // the rows stop changing.
      const left = await settledCounts(store);
      const before = Object.values(left).reduce((a, b) => a + b, 0);
      expect(before).toBeLessThan(ROWS);

      const again = await runCli(['subscribers', 'import', file, '--json'], { cwd: dir, env });
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      const report = JSON.parse(again.stdout) as { added: number; updated: number; skipped: unknown[] };
      // Rows stored by the killed run come back known: updated, or skipped when they left.
      expect(report.added).toBe(ROWS - before);
      expect(report.added + report.updated + report.skipped.length).toBe(ROWS);
      expect(report.skipped.length).toBe(left.unsubscribed);
      expect(await store.subscribers.countSubscribers()).toMatchObject({
        confirmed: Math.ceil(ROWS / 3),
        pending: Math.floor(ROWS / 3),
        unsubscribed: Math.floor(ROWS / 3),
      });
    }, 240_000);
  });
}

engine('sqlite', true, '');
engine('postgres', pgReachable, 'no PostgreSQL at 127.0.0.1:5432');
