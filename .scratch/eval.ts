import fs from 'node:fs';
import { readBounce } from '../src/bounces/read-mail.js';
const dir = '/work/shared/corpora/bounces/';
const rows = fs.readFileSync(dir + 'EXPECTATIONS.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
let ok = 0, reasonOk = 0, badHard = 0;
const verbose = process.argv[2];
for (const r of rows) {
  const got = await readBounce(fs.readFileSync(dir + 'eml/' + r.file));
  const good = got.class === r.paperpostClass;
  if (good) ok++;
  if (got.reason === r.reason) reasonOk++;
  if (got.class === 'hard' && r.paperpostClass !== 'hard') badHard++;
  if (!good || (verbose === 'r' && got.reason !== r.reason))
    console.log(`${good ? '  ' : 'XX'} ${r.file} want ${r.paperpostClass}/${r.reason}/${r.status} got ${got.class}/${got.reason}/${got.status} | ${(got.diagnostic ?? '').slice(0, 140)}`);
}
console.log(`class ${ok}/${rows.length} = ${((100 * ok) / rows.length).toFixed(1)}%  reason ${reasonOk}  wrong-hard ${badHard}`);
