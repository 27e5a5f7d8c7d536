import fs from 'node:fs';
import { readEntity, walkParts } from '../src/bounces/mime-lite.js';
const f = process.argv[2]!;
const root = readEntity(fs.readFileSync('tests/fixtures/bounces/eml/' + f).toString('latin1'));
for (const p of walkParts(root)) console.log('PART', p.contentType, p.params, JSON.stringify(p.text.slice(0, 300)));
