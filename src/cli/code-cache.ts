import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Loads the bundled CLI (one CommonJS file, dist/app/cli.cjs) with V8's code cache kept beside
 * it: the bytecode of every function a `paperpost run` compiled, so the next run neither parses
 * nor compiles them again (~2 MB of JavaScript at each start: `npm run bench`, README "Figures").
 * Public Node.js API only (`vm.Script` with `cachedData`, `script.createCachedData()`); V8
 * checks the cache against its own version and flags and refuses one that does not fit, and
 * a refused or missing cache only means the code is compiled as without one.
 *
 * V8 tells a script apart only by its length, so the cache file starts with a digest of the
 * source it was made from: a cache of an earlier build is never handed to V8 (a build removes
 * dist/ as well). And V8 reads the cache's bytes as they are (a flipped byte past its header
 * crashes Node), so a digest of those bytes follows: a damaged file is read as no cache.
 */

/** How the bundle was loaded: with the cache, against a refused or missing one, or plainly. */
export type CacheUse = 'used' | 'rejected' | 'none' | 'off';

export interface LoadedBundle {
  exports: Record<string, unknown>;
  cache: CacheUse;
  /**
   * Writes the cache of what has been compiled so far (call late: after a run it holds the run's
   * functions). Never throws: false when it cannot be written (a read-only install).
   */
  save(): boolean;
}

/** Bytes of each digest at the head of a cache file: the source's, then the cache's own bytes'. */
const DIGEST_BYTES = 20;

function digestOf(source: Buffer): Buffer {
  return createHash('sha1').update(source).digest();
}

/** The cache file of a bundle. */
export function cacheFileOf(file: string): string {
  return `${file}.cache`;
}

/** The cache's bytes for the source of `digest`, if the file holds them whole (see above). */
function readCache(cacheFile: string, digest: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (bytes.length <= 2 * DIGEST_BYTES || !bytes.subarray(0, DIGEST_BYTES).equals(digest)) return undefined;
  const data = bytes.subarray(2 * DIGEST_BYTES);
  return digestOf(data).equals(bytes.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES)) ? data : undefined;
}

/**
 * Loads CommonJS `file` as Node's own loader would (the same wrapper, `require` relative to it),
 * through `vm.Script` with the cache beside it; `off` loads it with plain `require` instead.
 */
export function loadBundle(file: string, mode: 'cache' | 'off' = 'cache'): LoadedBundle {
  const require = createRequire(file);
  if (mode === 'off')
    return { exports: require(file) as Record<string, unknown>, cache: 'off', save: () => false };
  const bytes = readFileSync(file);
  const digest = digestOf(bytes);
  const cacheFile = cacheFileOf(file);
  const cachedData = readCache(cacheFile, digest);
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${bytes.toString('utf8')}\n});`;
  // No import() in the bundle: a script compiled from a code cache has no loader for it in Node
  // 20 (the build refuses a bundle with one; packages on demand come by require()).
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const cache: CacheUse = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as Record<string, unknown>, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  run.call(module.exports, module.exports, require, module, file, path.dirname(file));
  module.loaded = true;
  return {
    exports: module.exports,
    cache,
    save(): boolean {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      let fd: number;
      try {
        // Opened first: where nothing can be written (a read-only install) no cache is made.
        fd = openSync(temp, 'w');
      } catch {
        return false;
      }
      try {
        const data = script.createCachedData();
        writeSync(fd, digest);
        writeSync(fd, digestOf(data));
        writeSync(fd, data);
        closeSync(fd);
        renameSync(temp, cacheFile);
        return true;
      } catch {
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
        rmSync(temp, { force: true });
        return false;
      }
    },
  };
}
