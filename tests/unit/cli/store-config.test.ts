import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeConfigFor } from '../../../src/cli/context.js';
import { loadConfig } from '../../../src/config/load.js';

// The config keeps DATABASE_URL as given; the CLI decides which store it names.
const cwd = path.resolve('/srv/letters');
const configWith = (url: string | undefined) =>
  loadConfig({ env: { DATABASE_URL: url, PAPERPOST_DATA_DIR: 'data' }, cwd, packageRoot: cwd });

describe('storeConfigFor (DATABASE_URL -> store)', () => {
  it.each([
    [undefined, { driver: 'sqlite', path: path.join(cwd, 'data', 'paperpost.db') }],
    ['', { driver: 'sqlite', path: path.join(cwd, 'data', 'paperpost.db') }],
    ['postgres://pp@127.0.0.1:5432/test', { driver: 'postgres', url: 'postgres://pp@127.0.0.1:5432/test' }],
    ['postgresql://pp@db/letters', { driver: 'postgres', url: 'postgresql://pp@db/letters' }],
    ['sqlite::memory:', { driver: 'sqlite', path: ':memory:' }],
    ['sqlite:///var/lib/pp.db', { driver: 'sqlite', path: '/var/lib/pp.db' }],
    ['file:other.db', { driver: 'sqlite', path: path.resolve('other.db') }],
  ])('%s', (url, expected) => {
    const config = configWith(url);
    expect(config.databaseUrl).toBe(url ? url : null);
    expect(storeConfigFor(config)).toEqual(expected);
  });
});
