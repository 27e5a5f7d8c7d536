// `npm run build`: bundles the CLI into dist/app/: the entry (main.js) and its shared chunks, and
// the MJML worker (mjml-worker.js), all in one folder (code finds the package root two levels up
// and the worker beside itself). A few files instead of ~900 module files: `paperpost run` starts
// ~0.3 s sooner.
import { rmSync } from 'node:fs';
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
await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts', 'prebuild-templates': 'src/render/prebuild-templates.ts' },
  splitting: true,
  chunkNames: '[name]-[hash]',
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
