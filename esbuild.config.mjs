// Builds the CLI into dist/app/: one ESM entry (main.js), the MJML worker, and shared chunks, all in
// one folder (code finds the package root two levels up and the worker beside itself). Bundling
// replaces ~900 small module files with a few: start-up drops from ~0.4 s to ~0.1 s.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'dist/app';
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts', 'mjml-worker': 'src/render/mjml-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  chunkNames: '[name]-[hash]',
  // Native addons, packages loaded by file path at run time, and optional natives stay outside.
  external: process.env.PP_EXTERNAL === 'all' ? ['./node_modules/*'] : ['better-sqlite3', 'mjml', 'pino-pretty', 'pg-native', 'pg', 'mailparser', 'sanitize-html', 'html-to-text'],
  packages: process.env.PP_EXTERNAL === 'all' ? 'external' : undefined,
  // CommonJS packages inside an ESM bundle call require(): give them one.
  banner: { js: "import { createRequire as __ppRequire } from 'node:module'; const require = __ppRequire(import.meta.url);" },
  logLevel: 'warning',
});
