import { MailParser } from 'mailparser';
import fs from 'node:fs';
const dir='/work/shared/corpora/bounces/eml/';
const files=fs.readdirSync(dir).map(f=>fs.readFileSync(dir+f));
function parse(buf){ return new Promise((resolve,reject)=>{
  const p=new MailParser({skipHtmlToText:true, skipTextToHtml:true, skipTextLinks:true, skipImageLinks:true});
  const out={headers:null,parts:[],text:''};
  p.on('headers',h=>{out.headers=h;});
  p.on('data',d=>{ if(d.type==='attachment'){ const ct=d.contentType; if(/^(message|text)\//.test(ct)){const ch=[];d.content.on('data',c=>ch.push(c));d.content.on('end',()=>{out.parts.push([ct,Buffer.concat(ch)]);d.release();});} else {d.content.resume(); d.content.on('end',()=>d.release());} } else if(d.type==='text'){out.text=d.text||'';} });
  p.on('end',()=>resolve(out)); p.on('error',reject); p.end(buf);
});}
let t=performance.now(); const c0=process.cpuUsage();
for (let r=0;r<3;r++) for (const b of files) await parse(b);
const c=process.cpuUsage(c0); console.log((3*files.length)/((performance.now()-t)/1000),"wall mails/s", (3*files.length)/((c.user+c.system)/1e6), "cpu mails/s");
