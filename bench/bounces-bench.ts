/**
 * Bounce reading benchmark: every mail of the corpus (tests/fixtures/bounces, 411 real bounces,
 * complaints and other mails) read and classified, several rounds, on one core. Prints mails per
 * second of wall time and of process CPU time, and, as the baseline measured in the same run,
 * mailparser's simpleParser alone on the same mails (parse only, no classification).
 * Target: >= 1,000 mails/s. Run: npm run bench:bounces
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { readBounce } from '../src/bounces/read-mail.js';
import { ROOT } from './lib.js';

const dir = path.join(ROOT, 'tests', 'fixtures', 'bounces', 'eml');
const mails = readdirSync(dir)
  .sort()
  .map((f) => readFileSync(path.join(dir, f)));
const bytes = mails.reduce((n, m) => n + m.length, 0);

async function measure(label: string, rounds: number, fn: (raw: Buffer) => Promise<unknown>) {
  for (const m of mails) await fn(m); // warm-up
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const m of mails) await fn(m);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const n = rounds * mails.length;
  const perWall = n / wall;
  const perCpu = n / ((cpu.user + cpu.system) / 1e6);
  console.log(
    `${label.padEnd(28)} ${n} mails in ${wall.toFixed(2)} s: ${Math.round(perWall)} mails/s wall, ${Math.round(perCpu)} mails/s CPU`,
  );
  return perWall;
}

console.log(`corpus: ${mails.length} mails, ${(bytes / 1024).toFixed(0)} KiB`);
const ours = await measure('readBounce (read + classify)', 10, (m) => readBounce(m));
const base = await measure('mailparser simpleParser', 2, (m) =>
  simpleParser(m, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true }),
);
console.log(
  `ratio: ${(ours / base).toFixed(1)}x mailparser; target >= 1,000 mails/s: ${ours >= 1000 ? 'met' : 'NOT met'}`,
);
