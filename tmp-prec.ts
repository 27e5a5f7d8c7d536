import { readFileSync } from 'node:fs';
import { archiveWords, guessArchive } from '/work/wt/guess/src/topics/archive-guess.js';
import { archiveOf } from '/work/wt/guess/src/topics/arxiv-taxonomy.js';
const read = (f: string) => readFileSync('/work/shared/corpora/labeled/' + f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((r: any) => ({ text: `${r.title} ${r.abstract}`, archive: archiveOf(r.primary_category) }));
const rss = read('arxiv_rss_all-archives_2024-11-28_labeled.jsonl'); const raw = read('arxivsync_arXivRaw_1000_labeled.jsonl');
// train function copy
function train(rows: any[]) { const archives = [...new Set(rows.map((r) => r.archive))].sort(); const idx = new Map(archives.map((a, i) => [a, i])); const papers = archives.map(() => 0); const totals = archives.map(() => 0); const counts = new Map<string, number[]>();
  for (const r of rows) { const a = idx.get(r.archive)!; papers[a]++; for (const w of archiveWords(r.text)) { const c = counts.get(w) ?? archives.map(() => 0); c[a]++; counts.set(w, c); totals[a]++; } }
  const words: Record<string, number[]> = {}; for (const [w, c] of counts) if (c.reduce((s, x) => s + x, 0) >= 4) words[w] = c; return { archives, papers, totals, vocabulary: counts.size, words }; }
const hf = readFileSync('/work/wt/guess/tests/fixtures/topics/hf-labeled.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((r: any) => ({ text: `${r.title} ${r.abstract}`, archive: 'cs' }));
for (const thr of [0.99, 0.999]) for (const [name, tr, te] of [['rss->raw', rss, raw], ['raw->rss', raw, rss], ['both->hf', [...rss, ...raw], hf]] as const) {
  const m = train(tr as any[]); const by = new Map<string, [number, number]>();
  for (const r of te as any[]) { const g = guessArchive(r.text, m); if (!g || g.probability < thr) continue; const e = by.get(g.archive) ?? [0, 0]; e[0]++; if (g.archive === r.archive) e[1]++; by.set(g.archive, e); }
  console.log(thr, name, [...by].sort((a, b) => b[1][0] - a[1][0]).map(([a, [n, ok]]) => `${a}:${ok}/${n}`).join(' '));
}
