// `npm run build`: bundles the CLI into dist/app/: the entry (main.js), the MJML worker and the
// shared chunks, all in one folder (code finds the package root two levels up and the worker
// beside itself). A few files instead of ~900 module files: `paperpost run` starts ~0.3 s sooner.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts', 'mjml-worker': 'src/render/mjml-worker.ts' },
  outdir: 'dist/app',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  chunkNames: '[name]-[hash]',
  // ES modules first where a package ships both: stopword's ESM build lets the other 60
  // languages' lists drop out of the bundle.
  mainFields: ['module', 'main'],
  // Left to node_modules: the native addon, and packages loaded on demand by require() (mjml in
  // its worker, pino-pretty on a terminal, sanitize-html, mailparser, pg, smtp-server, imapflow).
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
  // CommonJS packages inside the ESM bundle call require(): give them one.
  banner: {
    js: "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
