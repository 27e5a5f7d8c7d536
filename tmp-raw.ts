import { readFileSync } from 'node:fs';
import { loadCatalogueFile } from '/work/wt/guess/tests/helpers/placement.js';
import { groupPapers, OTHER_TOPIC } from '/work/wt/guess/src/topics/index.js';
import { normalizedMutualInformation } from '/work/wt/guess/tests/helpers/cluster-metrics.js';
import { seededRandom, shuffle } from '/work/wt/guess/tests/helpers/seeded-random.js';
const cat = loadCatalogueFile();
const file = process.argv[2]!; const field = process.argv[3] ?? 'archive';
const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
for (const cats of [false, true]) {
  const out: string[] = [];
  for (let seed = 1; seed <= 5; seed++) {
    const sub = shuffle(rows, seededRandom(seed)).slice(0, 100);
    const papers = sub.map((r: any) => ({ id: String(r.id), title: r.title, summary: r.abstract, keywords: [], categories: cats ? r.categories : [] }));
    const { groups } = groupPapers(papers, cat);
    const topicOf = new Map(groups.flatMap((g) => g.paperIds.map((id) => [id, g.topic.slug] as const)));
    const nmi = normalizedMutualInformation(sub.map((r: any) => String(r[field])), papers.map((p) => topicOf.get(p.id)!));
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0;
    out.push(`${nmi.toFixed(3)}/${groups.length}s/${other}%`);
    if (seed === 1) console.log(cats, groups.map((g) => `${g.topic.label} (${g.paperIds.length})`).join(' · '));
  }
  console.log('categories', cats, out.join('  '));
}
