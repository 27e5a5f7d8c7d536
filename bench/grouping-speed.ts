/**
 * `npm run bench:grouping`: how long grouping 100 papers takes (issue 12's target: at most 150 ms).
 * Cold first: the first call in a fresh process, the one every `paperpost run` pays (the topics
 * code bundled by esbuild as the CLI is, bench/grouping-cold.ts run in a new `node` per round:
 * CPU ms of the first `groupPapers` call, and apart the module's evaluation and the catalogue's
 * parsing). Then warm (after two unmeasured rounds, as in a daemon or the second edition of a process), per
 * round: CPU ms of this process (user + sys, `process.cpuUsage`: steadier than wall time on a
 * shared machine) and wall ms; then min / median / max. Two inputs: the first 100 papers of the
 * hand-labelled HF set, and 100 papers of the arXiv all-archives feed (the shared corpora, when
 * present). Grouping uses the curated catalogue, as a run does. `BENCH_ROUNDS` sets the rounds (7),
 * for the cold processes as for the warm rounds.
 *
 * For counts robust under load: `valgrind --tool=callgrind node --import tsx bench/grouping-speed.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import {
  groupPapers,
  type PaperText,
  parseApplied,
  parseAreas,
  parseCatalogue,
  parseHomes,
} from '../src/topics/index.js';
import { CORPORA, launcherOptions, median, ROOT } from './lib.js';
import { paperText } from './paper-rows.js';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 7));
const WARM_UP = 2;

const catalogueText = readFileSync(path.join(ROOT, 'data', 'catalogue.json'), 'utf8');
const catalogue = parseCatalogue(catalogueText, 'data/catalogue.json');
const areas = parseAreas(catalogueText, 'data/catalogue.json', catalogue);
const homes = parseHomes(catalogueText, 'data/catalogue.json', catalogue);
const applied = parseApplied(catalogueText, 'data/catalogue.json', catalogue);

function readPapers(file: string, count: number): PaperText[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .map((line) => paperText(JSON.parse(line) as Record<string, unknown>));
}

const sets: { name: string; file: string; papers: PaperText[] }[] = [];
const addSet = (name: string, file: string): void => {
  sets.push({ name, file, papers: readPapers(file, 100) });
};
addSet('hf-labeled, first 100 papers', path.join(ROOT, 'tests', 'fixtures', 'topics', 'hf-labeled.jsonl'));
const arxiv = path.join(CORPORA, 'labeled', 'arxiv_rss_all-archives_2024-11-28_labeled.jsonl');
if (existsSync(arxiv)) addSet('arXiv all archives, first 100 papers', arxiv);
else console.log(`(not found: ${arxiv}; set PAPERPOST_CORPORA)`);

const stats = (xs: number[]): string => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `min ${sorted[0]?.toFixed(0)} / median ${median(sorted).toFixed(0)} / max ${sorted[sorted.length - 1]?.toFixed(0)}`;
};

console.log('$ npm run bench:grouping   (tsx bench/grouping-speed.ts)\n');

/** What one cold process prints (see bench/grouping-cold.ts). */
interface ColdRound {
  importMs: number;
  parseMs: number;
  groupMs: number;
  wallMs: number;
  processMs: number;
}

// The cold child, bundled as the CLI is (esbuild.config.mjs), so it loads and compiles the same way.
// Inside the project's node_modules, so what the code loads on use (sanitize-html, for a title
// with markup) resolves as it does for the CLI: from a temporary directory it did not.
const coldParent = path.join(ROOT, 'node_modules', '.cache');
mkdirSync(coldParent, { recursive: true });
const coldDir = mkdtempSync(path.join(coldParent, 'paperpost-cold-'));
const coldScript = path.join(coldDir, 'grouping-cold.mjs');
await build({
  entryPoints: [path.join(ROOT, 'bench', 'grouping-cold.ts')],
  outfile: coldScript,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log(
  `grouping 100 papers, cold (first call in a fresh process: node ${launcherOptions().join(' ')}, as bin/paperpost.js), ${ROUNDS} processes\n`,
);
for (const set of sets) {
  const rounds: ColdRound[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Started as bin/paperpost.js starts the CLI (its Node options), as `paperpost run` groups.
    const args = [
      ...launcherOptions(),
      coldScript,
      set.file,
      '100',
      path.join(ROOT, 'data', 'catalogue.json'),
    ];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cold round failed: ${r.stderr}`);
    rounds.push(JSON.parse(r.stdout) as ColdRound);
  }
  const pick = (f: (r: ColdRound) => number): string => stats(rounds.map(f));
  console.log(`${set.name}`);
  console.log(
    `  first groupPapers call, CPU ms per process: ${rounds.map((r) => r.groupMs.toFixed(0)).join(', ')}`,
  );
  console.log(`  first call:        CPU ms ${pick((r) => r.groupMs)}; wall ms ${pick((r) => r.wallMs)}`);
  console.log(`  module evaluation: CPU ms ${pick((r) => r.importMs)}`);
  console.log(`  catalogue parsing: CPU ms ${pick((r) => r.parseMs)}`);
  console.log(`  whole process:     CPU ms ${pick((r) => r.processMs)}\n`);
}
rmSync(coldDir, { recursive: true, force: true });

console.log(`grouping 100 papers, warm (${WARM_UP} rounds unmeasured), ${ROUNDS} rounds; target <= 150 ms\n`);
for (const set of sets) {
  const cpu: number[] = [];
  const wall: number[] = [];
  let sections = 0;
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { groups } = groupPapers(set.papers, catalogue, { areas, homes, applied });
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    sections = groups.length;
    if (round < WARM_UP) continue;
    cpu.push((c.user + c.system) / 1000);
    wall.push(ms);
  }
  console.log(`${set.name} (${set.papers.length} papers, ${sections} sections)`);
  console.log(`  CPU ms per round:  ${cpu.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`  wall ms per round: ${wall.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`  CPU ms ${stats(cpu)}; wall ms ${stats(wall)}`);
  const verdict = median(cpu) <= 150 ? 'met' : 'NOT met';
  console.log(`  median CPU <= 150 ms: ${verdict}\n`);
}
