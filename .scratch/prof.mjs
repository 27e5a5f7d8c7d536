import { simpleParser } from 'mailparser';
import fs from 'node:fs';
const dir='/work/shared/corpora/bounces/eml/';
const files=fs.readdirSync(dir).map(f=>fs.readFileSync(dir+f));
for (let r=0;r<3;r++) for (const b of files) { await simpleParser(b, {skipHtmlToText:true, skipTextToHtml:true, skipTextLinks:true, skipImageLinks:true}); }
