/**
 * Writes tests/fixtures/feeds/*.expected.json from the current code. Run it only after a change
 * whose new output you have read and agree with: `npx tsx tests/unit/ingest/write-golden.ts &&
 * npx biome format --write tests/fixtures/feeds` (Biome formats JSON under tests/ too).
 */
import { writeFileSync } from 'node:fs';
import { expectedPath, goldenInputs, runGolden } from './golden.js';

for (const input of goldenInputs()) {
  const golden = await runGolden(input);
  writeFileSync(expectedPath(input), `${JSON.stringify(golden, null, 2)}\n`);
  console.log(
    input,
    'error' in golden ? golden.error : `${golden.entries.length} entries, ${golden.papers.length} papers`,
  );
}
