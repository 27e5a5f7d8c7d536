import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

/**
 * The bundled CLI (dist/app/cli.cjs, built by `npm test` first) is ASCII only: V8 keeps an ASCII
 * script as a one-byte string, half the memory of a two-byte one and faster to decode, hash and
 * scan each time `paperpost` starts (a run of the arXiv feed: ~20-40 ms less, README "Figures").
 * esbuild escapes other characters in strings but not in regular expression literals: write them
 * as \u escapes in the source (src/topics/tokenize.ts, src/bounces/read-bounce.ts).
 */
describe('the bundled CLI', () => {
  it('is ASCII only, every other character written as an escape', () => {
    const text = readFileSync(path.join(ROOT, 'dist', 'app', 'cli.cjs'), 'latin1');
    const found = [...text.matchAll(/[^\x00-\x7f]+/g)].map((m) =>
      Buffer.from(text.slice(Math.max(0, (m.index ?? 0) - 40), (m.index ?? 0) + 20), 'latin1').toString(
        'utf8',
      ),
    );
    expect(found).toEqual([]);
  });
});
