import { REASON_PATTERNS } from '../src/bounces/reason-patterns.js';
const t = process.argv[2]!.toLowerCase();
for (const [r, p] of REASON_PATTERNS) { const m = p.exec(t); if (m) console.log(r, JSON.stringify(m[0])); }
