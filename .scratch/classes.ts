import fs from 'node:fs';
import { readBounce } from '../src/bounces/read-mail.js';
const dir = 'tests/fixtures/bounces/';
const rows = fs.readFileSync(dir + 'EXPECTATIONS.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const m: Record<string, Record<string, number>> = {};
for (const r of rows) { const g = await readBounce(fs.readFileSync(dir + 'eml/' + r.file)); (m[r.paperpostClass] ??= {})[g.class] = ((m[r.paperpostClass] ??= {})[g.class] ?? 0) + 1; }
console.log(JSON.stringify(m));
