import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'paperpost-create-store-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('createStore', () => {
  it('creates the parent directories of an SQLite file and journals in WAL mode', async () => {
    const path = join(dir, 'a', 'b', 'paperpost.db');
    const store = await createStore({ driver: 'sqlite', path });
    await store.runs.setMeta('k', 'v');
    expect(existsSync(`${path}-wal`)).toBe(true);
    await store.close();
    const again = await createStore({ driver: 'sqlite', path });
    expect(await again.runs.getMeta('k')).toBe('v');
    await again.close();
  });

  it('shares one connection between stores on the same file in one process', async () => {
    const path = join(dir, 'shared.db');
    const one = await createStore({ driver: 'sqlite', path });
    const two = await createStore({ driver: 'sqlite', path });
    await one.close();
    // The second store still works after the first closed its share.
    await two.runs.setMeta('still', 'open');
    expect(await two.runs.getMeta('still')).toBe('open');
    await two.close();
  });

  it.each([
    ['a path under a regular file', () => join(dir, 'plain-file', 'x.db')],
    ['an empty path', () => ''],
  ])('fails with open-failed for %s', async (_name, path) => {
    writeFileSync(join(dir, 'plain-file'), 'not a directory');
    await expect(createStore({ driver: 'sqlite', path: path() })).rejects.toMatchObject({
      stage: 'store',
      code: 'open-failed',
    });
  });

  it('fails with a store error naming the engine when PostgreSQL is not there', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const url = 'postgres://postgres@127.0.0.1:1/none';
    await expect(createStore({ driver: 'postgres', url })).rejects.toMatchObject({
      stage: 'store',
      code: 'migration-failed',
      message: expect.stringContaining('postgres store'),
    });
    await expect(createStore({ driver: 'postgres', url, schema: 's' })).rejects.toMatchObject({
      code: 'open-failed',
    });
  });
});
