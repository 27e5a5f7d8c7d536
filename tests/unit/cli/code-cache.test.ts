import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFileOf } from '../../../src/cli/code-cache.js';

/**
 * The launcher's loader (src/cli/code-cache.ts): a CommonJS bundle loaded as Node loads it, with
 * V8's code cache beside it when it fits, compiled as without one when it does not. Each load
 * runs in a process of its own, as each `paperpost` command does.
 */

const CHILD = path.resolve(import.meta.dirname, '../../helpers/load-bundle-child.ts');

interface Loaded {
  cache: string;
  answer: unknown;
  later: string | null;
  saved: boolean | null;
}

function load(file: string, ...args: string[]): Loaded {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, file, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`load-bundle-child exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Loaded;
}

/** A small CommonJS bundle in a folder of its own: builtins required now and later, `__filename`. */
function bundle(answer = 42): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperpost-cache-'));
  const file = path.join(dir, 'cli.cjs');
  writeFileSync(
    file,
    [
      "'use strict';",
      "const path = require('node:path');",
      `exports.answer = path.basename(__filename) === 'cli.cjs' ? ${answer} : -1;`,
      "exports.later = () => Promise.resolve(typeof require('node:os').tmpdir);",
    ].join('\n'),
  );
  return file;
}

describe('loadBundle', () => {
  it('loads a bundle without a cache, then with the one it saved', () => {
    const file = bundle();
    expect(load(file, 'cache', 'save')).toEqual({
      cache: 'none',
      answer: 42,
      later: 'function',
      saved: true,
    });
    expect(existsSync(cacheFileOf(file))).toBe(true);
    expect(load(file)).toEqual({ cache: 'used', answer: 42, later: 'function', saved: null });
  });

  it('never hands V8 the cache of another source of the same length', () => {
    const file = bundle(42);
    expect(load(file, 'cache', 'save').saved).toBe(true);
    // A rebuild that changed one character: V8 itself tells scripts apart by length only.
    writeFileSync(file, readFileSync(file, 'utf8').replace('? 42 :', '? 43 :'));
    expect(load(file)).toMatchObject({ cache: 'none', answer: 43 });
  });

  it('compiles as without a cache when V8 refuses it, and mends it when saving', () => {
    const file = bundle();
    expect(load(file, 'cache', 'save').saved).toBe(true);
    // Our digests right, V8's own header another (bytes 4-7: its version stamp), as another
    // Node.js would read it.
    const bytes = readFileSync(cacheFileOf(file));
    const data = bytes.subarray(40);
    data.fill(7, 4, 8);
    bytes.set(createHash('sha1').update(data).digest(), 20);
    writeFileSync(cacheFileOf(file), bytes);
    expect(load(file, 'cache', 'save')).toMatchObject({ cache: 'rejected', answer: 42, saved: true });
    expect(load(file).cache).toBe('used');
  });

  it('reads a damaged cache file as none, never hands it to V8 (it would crash Node)', () => {
    const file = bundle();
    expect(load(file, 'cache', 'save').saved).toBe(true);
    const bytes = readFileSync(cacheFileOf(file));
    for (const at of [40 + 40, bytes.length - 10]) {
      const damaged = Buffer.from(bytes);
      damaged[at] = (damaged[at] ?? 0) ^ 0xff;
      writeFileSync(cacheFileOf(file), damaged);
      expect(load(file)).toMatchObject({ cache: 'none', answer: 42 });
    }
  });

  it('ignores a cache file too short to hold a digest', () => {
    const file = bundle();
    writeFileSync(cacheFileOf(file), 'short');
    expect(load(file)).toMatchObject({ cache: 'none', answer: 42 });
  });

  it('runs on when the cache cannot be written (a read-only install)', () => {
    const file = bundle();
    if (process.getuid?.() === 0) {
      // root writes in any folder: a folder where the cache goes cannot be replaced by a file.
      mkdirSync(path.join(cacheFileOf(file), 'x'), { recursive: true });
      expect(load(file, 'cache', 'save')).toMatchObject({ cache: 'none', answer: 42, saved: false });
      return;
    }
    chmodSync(path.dirname(file), 0o555);
    try {
      expect(load(file, 'cache', 'save')).toMatchObject({ cache: 'none', answer: 42, saved: false });
      expect(existsSync(cacheFileOf(file))).toBe(false);
    } finally {
      chmodSync(path.dirname(file), 0o755);
    }
  });

  it('loads with plain require when off', () => {
    const file = bundle();
    expect(load(file, 'off', 'save')).toEqual({ cache: 'off', answer: 42, later: 'function', saved: false });
  });
});
