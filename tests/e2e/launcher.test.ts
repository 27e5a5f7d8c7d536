import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launcherOptions } from '../../bench/lib.js';
import { BIN, ROOT } from '../helpers/cli.js';

/**
 * bin/paperpost.js run as a program (`paperpost`, through npm's link or its own path) starts Node
 * with --v8-pool-size=0 (V8's background threads sized to the machine: on a 2-core machine Node's
 * fixed four took the run's own core while it grouped its first batch, README "Figures"); run by
 * `node bin/paperpost.js`, the same CLI runs without it.
 */

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** A folder whose `node` writes its arguments to a file, then runs the real Node with them. */
function recordingNode(): { dir: string; log: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperpost-launcher-'));
  const log = path.join(dir, 'args.log');
  const node = path.join(dir, 'node');
  writeFileSync(node, `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\nexec '${process.execPath}' "$@"\n`);
  chmodSync(node, 0o755);
  return { dir, log };
}

function run(file: string, args: string[], pathDir: string): { code: number | null; stdout: string } {
  const r = spawnSync(file, args, {
    encoding: 'utf8',
    env: { PATH: `${pathDir}${path.delimiter}${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '' },
  });
  return { code: r.status, stdout: r.stdout };
}

describe('bin/paperpost.js', () => {
  it('run as a program, starts Node with --v8-pool-size=0 and the arguments as given', () => {
    const { dir, log } = recordingNode();
    const r = run(BIN, ['--version'], dir);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n` });
    expect(
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    ).toEqual(['--v8-pool-size=0', BIN, '--version']);
  });

  it('run through a link (as npm installs the `paperpost` command), finds the CLI beside the real file', () => {
    const { dir, log } = recordingNode();
    const link = path.join(dir, 'paperpost');
    symlinkSync(BIN, link);
    const r = run(link, ['--version'], dir);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n` });
    expect(readFileSync(log, 'utf8')).toContain('--v8-pool-size=0\n');
  });

  it('run by node, runs the same CLI (the shell line is a no-op in JavaScript)', () => {
    const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout: `${VERSION}\n`,
      stderr: '',
    });
  });

  it('is started by `npm start`, and by the benches, with the same Node options', () => {
    const start = (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts.start;
    expect(launcherOptions(BIN)).toEqual(['--v8-pool-size=0']);
    expect(start).toBe('node --v8-pool-size=0 bin/paperpost.js run');
  });

  it("loads the CLI with the build's code cache of it, and leaves the cache as it is", () => {
    // The build made the cache from a demo run, for this very bundle (its digest heads the file).
    const bundle = path.join(ROOT, 'dist', 'app', 'cli.cjs');
    const cache = readFileSync(`${bundle}.cache`);
    const digest = createHash('sha1').update(readFileSync(bundle)).digest();
    expect(cache.subarray(0, digest.length).equals(digest)).toBe(true);
    expect(cache.length).toBeGreaterThan(100_000);
    const before = statSync(`${bundle}.cache`).mtimeMs;
    for (const mode of ['', 'off']) {
      const r = spawnSync(process.execPath, [BIN, '--version'], {
        encoding: 'utf8',
        env: { ...process.env, PAPERPOST_CODE_CACHE: mode },
      });
      expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
        code: 0,
        stdout: `${VERSION}\n`,
        stderr: '',
      });
    }
    // Used as it is: a command writes it only when it is missing or V8 refuses it.
    expect(statSync(`${bundle}.cache`).mtimeMs).toBe(before);
  });
});
