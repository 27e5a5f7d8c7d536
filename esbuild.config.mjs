// `npm run build`: bundles the CLI into dist/app/: the CLI (cli.cjs, with its code cache
// cli.cjs.cache), its launcher (launch.js) and the MJML worker (mjml-worker.js), all in one folder
// (code finds the package root two levels up and the worker beside itself). A few files instead
// of ~900 module files: `paperpost run` starts ~0.3 s sooner.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

/** Options both builds share. */
const common = {
  outdir: 'dist/app',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // ES modules first where a package ships both: stopword's ESM build lets the other 60
  // languages' lists drop out of the bundle.
  mainFields: ['module', 'main'],
  // CommonJS packages inside the ESM bundle call require(): give them one.
  banner: {
    js: "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

rmSync('dist', { recursive: true, force: true });
// The CLI as one CommonJS file, dist/app/cli.cjs, loaded by dist/app/launch.js with V8's code
// cache (src/cli/code-cache.ts): an ES module has no code cache in Node.js 20, a script does.
// Commands are still evaluated on demand (esbuild keeps each `import()` lazy inside the file).
await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // The file's own URL where the sources ask for theirs (package root, templates, the worker).
  define: { 'import.meta.url': '__ppImportMetaUrl' },
  banner: { js: "var __ppImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Left to node_modules: the native addon, and packages loaded on demand by require() (mjml when
  // a compile runs in this thread, pino-pretty on a terminal, sanitize-html, mailparser, pg,
  // smtp-server, imapflow).
  external: [
    'better-sqlite3',
    'mjml',
    'pino-pretty',
    'pg',
    'pg-native',
    'mailparser',
    'sanitize-html',
    'smtp-server',
    'imapflow',
  ],
  // Whitespace and syntax only (names kept, source maps beside): 2.76 MB -> 1.91 MB to read, decode
  // and parse at each start; `paperpost --version` 386-416 ms -> 348-393 ms, 11 alternating runs.
  minifyWhitespace: true,
  minifySyntax: true,
});
// A script compiled from a code cache has no loader for import() in Node.js 20: what the CLI loads
// on demand from node_modules it loads by require().
const cli = readFileSync('dist/app/cli.cjs', 'utf8');
const dynamic = /\bimport\(\s*["'`]([^"'`]+)/.exec(cli);
if (dynamic) throw new Error(`build: dist/app/cli.cjs imports "${dynamic[1]}" with import(): use require() (see src/cli/code-cache.ts)`);
// An ASCII script is a one-byte string in V8, faster to load at each start; esbuild escapes other
// characters except in regular expression literals (tests/unit/cli/bundle-ascii.test.ts).
const wide = /[^\x00-\x7f]/.exec(cli);
if (wide) console.warn(`build: dist/app/cli.cjs is not ASCII near "${cli.slice(Math.max(0, wide.index - 40), wide.index + 10)}": write the character as a \\u escape in the source`);
// The launcher bin/paperpost.js imports, and the build step below: small ES modules of their own.
await build({
  ...common,
  entryPoints: { launch: 'src/cli/launch.ts', 'prebuild-templates': 'src/render/prebuild-templates.ts' },
  external: ['mjml'],
});
// The worker on its own, with mjml inside: resolving and reading mjml's ~150 packages one file at
// a time cost the worker ~0.35 s of CPU at every run. Left out: typescript (cosmiconfig requires it
// only for a .ts mjml config, which MJML_OPTIONS turns off) and sanitize-html (loaded on demand).
await build({
  ...common,
  entryPoints: { 'mjml-worker': 'src/render/mjml-worker.ts' },
  external: ['typescript', 'sanitize-html'],
  // Whitespace and syntax only (names kept): 4.6 MB -> 3.3 MB, ~7% fewer instructions for the
  // worker's start-up and warm-up (callgrind); renamed identifiers measured no better.
  minifyWhitespace: true,
  minifySyntax: true,
});
// The shipped templates compiled by MJML once, here, so a run on them never loads MJML (~0.5 s of
// CPU); see src/render/compiled-templates.ts.
const { prebuildTemplates } = await import('./dist/app/prebuild-templates.js');
await prebuildTemplates('templates', 'dist/templates');
// V8's code cache of the CLI, made by what a user runs first and most: `paperpost run` on the
// shipped demo (sample feeds, outbox), in a folder of its own; see src/cli/code-cache.ts. Without
// it the first run writes the cache itself, so a failure here only costs that run its speed.
const demo = mkdtempSync(path.join(tmpdir(), 'paperpost-build-'));
try {
  cpSync('paperpost.config.json', path.join(demo, 'paperpost.config.json'));
  cpSync('data/samples', path.join(demo, 'data', 'samples'), { recursive: true });
  const warm = spawnSync(process.execPath, ['--v8-pool-size=0', path.resolve('bin/paperpost.js'), 'run'], {
    cwd: demo,
    env: { ...process.env, PAPERPOST_CODE_CACHE: 'write', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
    timeout: 60_000,
  });
  if (warm.status !== 0) console.warn(`build: the code cache was not made (demo run exited ${warm.status})`);
} finally {
  rmSync(demo, { recursive: true, force: true });
}
