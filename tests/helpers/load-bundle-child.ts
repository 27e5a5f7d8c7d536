/**
 * Loads a bundle as bin/paperpost.js does, in a process of its own (V8 keeps what it compiled
 * for the process: a second load in one process never reads the cache). Prints the cache use,
 * what `exports.answer` and `exports.later()` give, and whether saving worked.
 * Usage: node --import tsx tests/helpers/load-bundle-child.ts <file> [cache|off] [save]
 */
import { loadBundle } from '../../src/cli/code-cache.js';

const [file, mode = 'cache', save] = process.argv.slice(2);
if (!file) throw new Error('usage: load-bundle-child.ts <file> [cache|off] [save]');
const bundle = loadBundle(file, mode === 'off' ? 'off' : 'cache');
const later = bundle.exports.later as (() => Promise<string>) | undefined;
process.stdout.write(
  `${JSON.stringify({
    cache: bundle.cache,
    answer: bundle.exports.answer,
    later: later ? await later() : null,
    saved: save === 'save' ? bundle.save() : null,
  })}\n`,
);
