/**
 * One cold round of `npm run bench:grouping`, run in a fresh process (bundled by
 * grouping-speed.ts): `node grouping-cold.mjs PAPERS.jsonl COUNT CATALOGUE.json` reads the first
 * COUNT papers, then prints one JSON line: CPU ms of evaluating the topics modules, of parsing the
 * catalogue, of the first `groupPapers` call (and its wall ms), and of the whole process so far.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { paperText } from './paper-rows.js';

const [file = '', count = '100', cataloguePath = ''] = process.argv.slice(2);
const papers = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .slice(0, Number(count))
  .map((line) => paperText(JSON.parse(line) as Record<string, unknown>));
const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;

let c0 = process.cpuUsage();
const topics = await import('../src/topics/index.js');
const importMs = cpuMs(process.cpuUsage(c0));
c0 = process.cpuUsage();
const catalogueText = readFileSync(cataloguePath, 'utf8');
const catalogue = topics.parseCatalogue(catalogueText, cataloguePath);
const areas = topics.parseAreas(catalogueText, cataloguePath, catalogue);
const homes = topics.parseHomes(catalogueText, cataloguePath, catalogue);
const applied = topics.parseApplied(catalogueText, cataloguePath, catalogue);
const parseMs = cpuMs(process.cpuUsage(c0));
c0 = process.cpuUsage();
const t0 = performance.now();
const { groups } = topics.groupPapers(papers, catalogue, { areas, homes, applied });
const wallMs = performance.now() - t0;
const groupMs = cpuMs(process.cpuUsage(c0));
const processMs = cpuMs(process.cpuUsage());
process.stdout.write(
  `${JSON.stringify({ importMs, parseMs, groupMs, wallMs, processMs, sections: groups.length })}\n`,
);
