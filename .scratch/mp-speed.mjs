import { simpleParser } from 'mailparser';
import fs from 'node:fs';
const dir='/work/shared/corpora/bounces/eml/';
const files=fs.readdirSync(dir).map(f=>fs.readFileSync(dir+f));
let t=performance.now();
for (let r=0;r<3;r++) for (const b of files) { const m = await simpleParser(b, {skipHtmlToText:true, skipTextToHtml:true, skipTextLinks:true, skipImageLinks:true}); }
const dt=performance.now()-t; console.log((3*files.length)/(dt/1000),'mails/s');
const m = await simpleParser(fs.readFileSync(dir+'rfc3464-63.eml'));
console.log(m.attachments.map(a=>[a.contentType,a.content.length]), m.text?.slice(0,300));
