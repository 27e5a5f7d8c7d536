import { fileURLToPath } from 'node:url';
import { loadBundle } from './code-cache.js';

/**
 * What bin/paperpost.js runs: the bundled CLI (dist/app/cli.cjs) loaded with its code cache (see
 * code-cache.ts). The build makes the cache from a demo `paperpost run`; when it is missing or
 * V8 refuses it (another Node.js), this process writes it at exit. PAPERPOST_CODE_CACHE=off loads
 * the bundle with plain `require` (to compare), `write` writes the cache at exit whatever it is.
 */
export async function launch(argv: string[]): Promise<void> {
  const file = fileURLToPath(new URL('./cli.cjs', import.meta.url));
  const mode = process.env.PAPERPOST_CODE_CACHE;
  const bundle = loadBundle(file, mode === 'off' ? 'off' : 'cache');
  if (mode === 'write' || bundle.cache === 'none' || bundle.cache === 'rejected')
    process.once('exit', () => bundle.save());
  const main = bundle.exports.main as (argv: string[]) => Promise<void>;
  await main(argv);
}
