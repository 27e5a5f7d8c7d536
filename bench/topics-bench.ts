/**
 * Topic grouping quality: NMI, ARI, sections and single-paper sections of `groupPapers` on
 * labelled sets, next to baselines computed in the same run (TF-IDF + k-means and TF-IDF +
 * average linkage, both given the true number of topics).
 *
 *   npm run bench:topics
 *
 * Reads tests/fixtures/topics/hf-labeled.jsonl and, when present, ../shared/corpora/labeled/.
 * arXiv categories are removed from the input of every method (they are the labels).
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  averageLinkage,
  buildCorpus,
  cutTree,
  type FieldWeights,
  groupPapers,
  type PaperText,
  similarityMatrix,
} from '../src/topics/index.js';
import { adjustedRandIndex, normalizedMutualInformation } from '../tests/helpers/cluster-metrics.js';
import { kMeans } from './kmeans.js';

interface Row extends PaperText {
  label: string;
}

interface Dataset {
  name: string;
  rows: Row[];
}

const LABELED = new URL('../../shared/corpora/labeled/', import.meta.url);

function readJsonl(path: string | URL): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function toRow(r: Record<string, unknown>, label: string): Row {
  return {
    id: String(r.id),
    title: String(r.title ?? ''),
    summary: String(r.abstract ?? ''),
    aiSummary: typeof r.aiSummary === 'string' ? r.aiSummary : null,
    keywords: Array.isArray(r.keywords) ? r.keywords.map(String) : [],
    categories: [],
    label,
  };
}

/** Seeded sample of `k` rows (mulberry32 + Fisher-Yates), the same in every run. */
function sample<T>(rows: T[], k: number, seed: number): T[] {
  let a = seed >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out.slice(0, k);
}

function datasets(): Dataset[] {
  const out: Dataset[] = [];
  const hf = readJsonl(new URL('../tests/fixtures/topics/hf-labeled.jsonl', import.meta.url));
  const hfRows = hf.map((r) => toRow(r, String(r.label)));
  out.push({ name: 'hf-labeled (fine, hand labels)', rows: hfRows });
  for (const seed of [1, 2, 3]) {
    out.push({ name: `hf-labeled, 70-paper subset ${seed}`, rows: sample(hfRows, 70, seed) });
  }
  const arxiv = (file: string, field: 'primary_category' | 'archive', name: string): void => {
    const url = new URL(file, LABELED);
    if (!existsSync(url)) return;
    out.push({ name, rows: readJsonl(url).map((r) => toRow(r, String(r[field]))) });
  };
  arxiv('arxiv_rss_cs-only_2024-11-28_labeled.jsonl', 'primary_category', 'arXiv cs-only (primary_category)');
  arxiv('arxiv_api_query-testing_100_labeled.jsonl', 'primary_category', 'arXiv API 100 (primary_category)');
  arxiv('arxiv_rss_all-archives_2024-11-28_labeled.jsonl', 'archive', 'arXiv all archives (archive)');
  arxiv('arxivsync_arXivRaw_1000_labeled.jsonl', 'archive', 'arXivRaw 1000 (archive)');
  return out;
}

interface Scores {
  nmi: number;
  ari: number;
  sections: number;
  singletons: number;
  other: number;
  ms: number;
}

function score(truth: string[], predicted: string[], ms: number, other = 0): Scores {
  const sizes = new Map<string, number>();
  for (const p of predicted) sizes.set(p, (sizes.get(p) ?? 0) + 1);
  return {
    nmi: normalizedMutualInformation(truth, predicted),
    ari: adjustedRandIndex(truth, predicted),
    sections: sizes.size,
    singletons: [...sizes.values()].filter((s) => s === 1).length,
    other,
    ms,
  };
}

function runPaperpost(rows: Row[]): Scores {
  const t0 = performance.now();
  const { groups } = groupPapers(rows, []);
  const ms = performance.now() - t0;
  const topicOf = new Map<string, string>();
  for (const g of groups) for (const id of g.paperIds) topicOf.set(id, g.topic.slug);
  const other = groups.find((g) => g.topic.slug === 'other')?.paperIds.length ?? 0;
  return score(
    rows.map((r) => r.label),
    rows.map((r) => topicOf.get(r.id) ?? '?'),
    ms,
    other,
  );
}

/** The field weights the baselines have always used (title 3, abstract 1, AI summary 1, keywords 2). */
const BASELINE_WEIGHTS: FieldWeights = {
  title: 3,
  summary: 1,
  summaryAlone: 1,
  aiSummary: 1,
  keywords: 2,
  categories: 2,
};

function runBaseline(rows: Row[], method: 'kmeans' | 'average'): Scores {
  const t0 = performance.now();
  const k = new Set(rows.map((r) => r.label)).size;
  const corpus = buildCorpus(rows, 2, { weights: BASELINE_WEIGHTS });
  const labels =
    method === 'kmeans'
      ? kMeans(corpus.vectors, corpus.features.length, k, 42)
      : cutTree(averageLinkage(similarityMatrix(corpus.vectors), rows.length), rows.length, k);
  return score(
    rows.map((r) => r.label),
    labels.map(String),
    performance.now() - t0,
  );
}

type Method = [string, (r: Row[]) => Scores];

const METHODS: Method[] = [
  ['paperpost groupPapers (k chosen)', runPaperpost],
  ['TF-IDF + k-means (true k)', (r) => runBaseline(r, 'kmeans')],
  ['TF-IDF + average linkage (true k)', (r) => runBaseline(r, 'average')],
];

/** NMI and ARI of each method over the seeded 70-paper subsets `first`..`last` of the HF set: mean and min. */
function subsetSummary(rows: Row[], first: number, last: number, methods: Method[]): string[] {
  const subsets = Array.from({ length: last - first + 1 }, (_, i) => sample(rows, 70, first + i));
  return methods.map(([method, run]) => {
    const all = subsets.map(run);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const nmi = all.map((s) => s.nmi);
    const ari = all.map((s) => s.ari);
    const sections = all.map((s) => s.sections);
    return `| hf-labeled, 70-paper subsets ${first}-${last} | ${method} | ${f(mean(nmi))} | ${f(Math.min(...nmi))} | ${f(mean(ari))} | ${f(Math.min(...ari))} | ${Math.min(...sections)}-${Math.max(...sections)} | ${Math.max(...all.map((s) => s.singletons))} |`;
  });
}

const f = (x: number): string => x.toFixed(3);
console.log('$ npm run bench:topics   (tsx bench/topics-bench.ts)\n');
console.log('| set | papers | true k | method | NMI | ARI | sections | singletons | other | ms |');
console.log('|---|---:|---:|---|---:|---:|---:|---:|---:|---:|');
const sets = datasets();
for (const ds of sets) {
  const k = new Set(ds.rows.map((r) => r.label)).size;
  for (const [method, run] of METHODS) {
    const s = run(ds.rows);
    console.log(
      `| ${ds.name} | ${ds.rows.length} | ${k} | ${method} | ${f(s.nmi)} | ${f(s.ari)} | ${s.sections} | ${s.singletons} | ${s.other} | ${s.ms.toFixed(0)} |`,
    );
  }
}
console.log('\n| subsets | method | NMI mean | NMI min | ARI mean | ARI min | sections | most singletons |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
const hfRows = sets[0]?.rows ?? [];
for (const line of subsetSummary(hfRows, 1, 8, METHODS)) console.log(line);
// 60 more subsets, paperpost only: the first 8 are what the tests check, these keep them honest.
for (const line of subsetSummary(hfRows, 9, 68, METHODS.slice(0, 1))) console.log(line);
