import fs from 'node:fs';
import { readBounce } from '../src/bounces/read-mail.js';
const f = process.argv[2]!;
console.log(await readBounce(fs.readFileSync('tests/fixtures/bounces/eml/' + f)));
