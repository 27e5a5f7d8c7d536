import fs from 'node:fs';
import { readBounce } from '../src/bounces/read-mail.js';
const dir = 'tests/fixtures/bounces/';
const rows = fs.readFileSync(dir + 'EXPECTATIONS.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const by: Record<string, [number, number, string[]]> = {};
const only = process.argv[2];
for (const r of rows) {
  const got = await readBounce(fs.readFileSync(dir + 'eml/' + r.file));
  const e = (by[r.reason] ??= [0, 0, []]);
  e[1]++;
  if (got.reason === r.reason) e[0]++;
  else e[2].push(`${r.file}:${got.reason}`);
  if (only && r.reason === only && got.reason !== r.reason) console.log(r.file, r.status, '->', got.reason, got.status, '|', (got.diagnostic ?? '').slice(0, 150));
}
if (!only) for (const [k, [ok, n, bad]] of Object.entries(by).sort((a, b) => b[1][1] - a[1][1])) console.log(k.padEnd(16), `${ok}/${n}`, bad.slice(0, 6).join(' '));
