/**
 * PROTOTYPE comparison (not adopted): postal-mime 4.0.0 against the light reader on the bounce
 * corpus, in the same run: class accuracy and wrong `hard`, then mails/s of wall and CPU time.
 * Run: npx tsx bench/bounces-postal-bench.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readBounce } from '../src/bounces/read-mail.js';
import { parseOnly, readBouncePostal } from '../src/bounces/read-mail-postal.js';
import type { BounceReading } from '../src/bounces/types.js';
import { ROOT } from './lib.js';

const dir = path.join(ROOT, 'tests', 'fixtures', 'bounces');
const expected = readFileSync(path.join(dir, 'EXPECTATIONS.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { file: string; paperpostClass: string });
const mails = expected.map((e) => readFileSync(path.join(dir, 'eml', e.file)));

type Reader = (m: Buffer) => Promise<BounceReading>;
const readers: Array<[string, Reader]> = [
  ['mime-lite (current)', readBounce],
  ['postal-mime', (m) => readBouncePostal(m)],
  ['postal-mime, original headers only', (m) => readBouncePostal(m, { originalHeadersOnly: true })],
];

for (const [label, read] of readers) {
  let right = 0;
  let wrongHard = 0;
  for (const [i, e] of expected.entries()) {
    const r = await read(mails[i] as Buffer);
    if (r.class === e.paperpostClass) right++;
    else if (r.class === 'hard') wrongHard++;
  }
  const pct = ((100 * right) / mails.length).toFixed(1);
  console.log(`${label.padEnd(36)} class right ${right}/${mails.length} (${pct}%), wrong hard ${wrongHard}`);
}

async function measure(label: string, rounds: number, fn: (m: Buffer) => Promise<unknown>) {
  for (const m of mails) await fn(m); // warm-up
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const m of mails) await fn(m);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const n = rounds * mails.length;
  const perCpu = Math.round(n / ((cpu.user + cpu.system) / 1e6));
  console.log(`${label.padEnd(36)} ${Math.round(n / wall)} mails/s wall, ${perCpu} mails/s CPU`);
}

for (let round = 0; round < 3; round++) {
  for (const [label, read] of readers) await measure(label, label.startsWith('mime') ? 10 : 4, read);
  await measure('postal-mime parse only', 4, parseOnly);
}
