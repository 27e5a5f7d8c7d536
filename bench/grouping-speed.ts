/**
 * `npm run bench:grouping`: how long grouping 100 papers takes (issue 12's target: at most 150 ms),
 * warm (after two unmeasured rounds, as in a daemon or the second edition of a process), per
 * round: CPU ms of this process (user + sys, `process.cpuUsage`: steadier than wall time on a
 * shared machine) and wall ms; then min / median / max. Two inputs: the first 100 papers of the
 * hand-labelled HF set, and 100 papers of the arXiv all-archives feed (the shared corpora, when
 * present). Grouping uses the curated catalogue, as a run does. `BENCH_ROUNDS` sets the rounds (7).
 *
 * For counts robust under load: `valgrind --tool=callgrind node --import tsx bench/grouping-speed.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { groupPapers, type PaperText, parseCatalogue } from '../src/topics/index.js';
import { CORPORA, median, ROOT } from './lib.js';
import { paperText } from './paper-rows.js';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 7));
const WARM_UP = 2;

const catalogue = parseCatalogue(
  readFileSync(path.join(ROOT, 'data', 'catalogue.json'), 'utf8'),
  'data/catalogue.json',
);

function readPapers(file: string, count: number): PaperText[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .map((line) => paperText(JSON.parse(line) as Record<string, unknown>));
}

const sets: { name: string; papers: PaperText[] }[] = [
  {
    name: 'hf-labeled, first 100 papers',
    papers: readPapers(path.join(ROOT, 'tests', 'fixtures', 'topics', 'hf-labeled.jsonl'), 100),
  },
];
const arxiv = path.join(CORPORA, 'labeled', 'arxiv_rss_all-archives_2024-11-28_labeled.jsonl');
if (existsSync(arxiv))
  sets.push({ name: 'arXiv all archives, first 100 papers', papers: readPapers(arxiv, 100) });
else console.log(`(not found: ${arxiv}; set PAPERPOST_CORPORA)`);

const stats = (xs: number[]): string => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `min ${sorted[0]?.toFixed(0)} / median ${median(sorted).toFixed(0)} / max ${sorted[sorted.length - 1]?.toFixed(0)}`;
};

console.log('$ npm run bench:grouping   (tsx bench/grouping-speed.ts)\n');
console.log(`grouping 100 papers, warm (${WARM_UP} rounds unmeasured), ${ROUNDS} rounds; target <= 150 ms\n`);
for (const set of sets) {
  const cpu: number[] = [];
  const wall: number[] = [];
  let sections = 0;
  let cold = '';
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { groups } = groupPapers(set.papers, catalogue);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    sections = groups.length;
    if (round === 0) cold = `${((c.user + c.system) / 1000).toFixed(0)} ms CPU, ${ms.toFixed(0)} ms wall`;
    if (round < WARM_UP) continue;
    cpu.push((c.user + c.system) / 1000);
    wall.push(ms);
  }
  console.log(`${set.name} (${set.papers.length} papers, ${sections} sections)`);
  console.log(`  first round (cold: the one a \`paperpost run\` pays): ${cold}`);
  console.log(`  CPU ms per round:  ${cpu.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`  wall ms per round: ${wall.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`  CPU ms ${stats(cpu)}; wall ms ${stats(wall)}`);
  const verdict = median(cpu) <= 150 ? 'met' : 'NOT met';
  console.log(`  median CPU <= 150 ms: ${verdict}\n`);
}
