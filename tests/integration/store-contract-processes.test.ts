import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { makeEdition, makePaper, makeSubscriber, T0 } from './store-contract-fixtures.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'paperpost-procs-'));
const claimer = join(import.meta.dirname, 'store-contract-claimer.ts');
const lockHolder = join(import.meta.dirname, 'store-contract-lock-holder.ts');

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('sqlite store across processes', () => {
  it('three processes draining one ledger never claim the same row', async () => {
    const path = join(dir, 'shared.db');
    const store = await createStore({ driver: 'sqlite', path });
    await store.papers.upsertPapers([makePaper('p1')], T0);
    await store.editions.createEdition(makeEdition('d1', 'daily', ['p1']));
    await store.subscribers.addSubscribers(
      Array.from({ length: 600 }, (_, i) => makeSubscriber(`s${i}@example.org`)),
      T0,
    );
    expect(await store.ledger.createLedger('d1', 'daily', 'example.org')).toBe(600);
    const outputs = await Promise.all(
      ['a', 'b', 'c'].map((w) =>
        run(process.execPath, ['--import', 'tsx', claimer, path, w], { timeout: 60_000 }),
      ),
    );
    const claimed = outputs.map((o) => JSON.parse(o.stdout) as number[]);
    const all = claimed.flat();
    expect(all).toHaveLength(600);
    expect(new Set(all).size).toBe(600);
    expect((await store.ledger.countDeliveries('d1')).sent).toBe(600);
    const rows = await store.ledger.listDeliveries('d1', { limit: 600 });
    expect(rows.every((d) => d.attempts === 1)).toBe(true);
    await store.close();
  });

  it('four processes opening one fresh file at once all migrate it without error', async () => {
    const path = join(dir, 'fresh', 'new.db');
    const outputs = await Promise.all(
      ['a', 'b', 'c', 'd'].map((w) =>
        run(process.execPath, ['--import', 'tsx', claimer, path, w], { timeout: 60_000 }),
      ),
    );
    expect(outputs.map((o) => o.stdout)).toEqual(['[]', '[]', '[]', '[]']);
    const store = await createStore({ driver: 'sqlite', path });
    expect(await store.tables.countRows('deliveries')).toBe(0);
    await store.close();
  });

  it('opening a fresh file while another process holds its write lock waits for it instead of failing "database is locked"', async () => {
    // Switching a file to WAL takes the write lock after reading the header; SQLite answers
    // SQLITE_BUSY at once there (no busy timeout), which CI once saw as four processes raced.
    const path = join(dir, 'held', 'new.db');
    mkdirSync(dirname(path), { recursive: true });
    const holder = spawn(process.execPath, ['--import', 'tsx', lockHolder, path, '600']);
    const [line] = (await once(holder.stdout, 'data')) as [Buffer];
    expect(line.toString()).toBe('locked\n');
    const store = await createStore({ driver: 'sqlite', path });
    expect(await store.tables.countRows('deliveries')).toBe(0);
    await store.close();
    const [code] = (await once(holder, 'close')) as [number];
    expect(code).toBe(0);
  });
});
