/**
 * Topic sections as a reader meets them: for each labelled set and 70-paper subsets, NMI and ARI
 * against the labels, the number of sections, single-paper sections, the share in the last
 * catch-all section ("More papers"), and label checks (complete phrase, distinct, share of a
 * section's papers that say the label's words); plus a broad-mix set (the demo samples, the
 * arXiv all-archives feed) and a focused set (70 arXiv papers on LLMs, hand-labelled into 9
 * sections: tests/fixtures/topics/README.md), and a TF-IDF + k-means baseline given the true number of topics;
 * and the share of well-placed papers on two hand-judged sets (tests/fixtures/topics/placement-*.jsonl).
 *
 *   npm run bench:topics
 *
 * Grouping uses the curated catalogue (data/catalogue.json) as a run does. arXiv categories are
 * removed from the input (they are the labels). Reads tests/fixtures/topics/*.jsonl and,
 * when present, ../shared/corpora/labeled/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileConfigSchema } from '../src/config/schema.js';
import { groupingPoolSize } from '../src/pipeline/build-edition.js';
import {
  bestTopic,
  buildCorpus,
  groupPapers,
  learnShadows,
  OTHER_TOPIC,
  type PaperText,
  parseApplied,
  parseAreas,
  parseCatalogue,
  parseHomes,
  sectionBounds,
} from '../src/topics/index.js';
import { adjustedRandIndex, normalizedMutualInformation } from '../tests/helpers/cluster-metrics.js';
import { loadDemoPapers } from '../tests/helpers/demo-papers.js';
import {
  type JudgedPaper,
  loadPlacementArxivCs,
  loadPlacementDemo,
  measurePlacement,
} from '../tests/helpers/placement.js';
import { seededRandom, shuffle } from '../tests/helpers/seeded-random.js';
import { demoLetterPlacement } from './demo-letter.js';
import { kMeans } from './kmeans.js';
import { paperText } from './paper-rows.js';
import { type SectionQuality, sectionQuality } from './topics-quality.js';

interface Row extends PaperText {
  label: string | null;
}

interface Dataset {
  name: string;
  rows: Row[];
  /** Grouped without the catalogue's broad areas (the baseline of the one-day letters). */
  noAreas?: boolean;
}

const ROOT = new URL('../', import.meta.url);
// Beside the checkout (../shared), or where PAPERPOST_CORPORA points.
const LABELED = new URL(
  process.env.PAPERPOST_CORPORA
    ? `file://${process.env.PAPERPOST_CORPORA}/labeled/`
    : '../../shared/corpora/labeled/',
  process.env.PAPERPOST_CORPORA ? undefined : import.meta.url,
);
const CATALOGUE_TEXT = readFileSync(new URL('data/catalogue.json', ROOT), 'utf8');
const CATALOGUE = parseCatalogue(CATALOGUE_TEXT, 'data/catalogue.json');
// The broad areas a run groups with ("Computer vision" over topics of one paper each).
const AREAS = parseAreas(CATALOGUE_TEXT, 'data/catalogue.json', CATALOGUE);
const HOMES = parseHomes(CATALOGUE_TEXT, 'data/catalogue.json', CATALOGUE);
const APPLIED = parseApplied(CATALOGUE_TEXT, 'data/catalogue.json', CATALOGUE);

function readJsonl(path: string | URL): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function toRow(r: Record<string, unknown>, label: string | null): Row {
  return { ...paperText(r), label };
}

/** Seeded sample of `k` rows (mulberry32 + Fisher-Yates), the same in every run. */
export function sample<T>(rows: T[], k: number, seed: number): T[] {
  return shuffle(rows, seededRandom(seed)).slice(0, k);
}

/** The demo letter's input: every sample feed, parsed, normalized and merged as a run does. */
async function demoRows(): Promise<Row[]> {
  const { papers } = await loadDemoPapers();
  return papers.map((p) => ({ ...p, categories: [], label: null }));
}

async function datasets(): Promise<{ sets: Dataset[]; hf: Row[] }> {
  const out: Dataset[] = [];
  const hfRaw = readJsonl(new URL('tests/fixtures/topics/hf-labeled.jsonl', ROOT));
  const hf = hfRaw.map((r) => toRow(r, String(r.label)));
  out.push({ name: 'hf-labeled (hand labels)', rows: hf });
  for (const seed of [1, 2, 3])
    out.push({ name: `hf-labeled, 70-paper subset ${seed}`, rows: sample(hf, 70, seed) });
  // Focused: 70 papers of one theme (LLMs in the title), hand-labelled into 9 sections (see its README).
  out.push({
    name: 'focused: 70 arXiv papers on LLMs (hand labels, 9 sections)',
    rows: readJsonl(new URL('tests/fixtures/topics/focused-llm.jsonl', ROOT)).map((r) =>
      toRow(r, String(r.label)),
    ),
  });
  const demo = await demoRows();
  out.push({ name: 'broad mix: demo samples (no labels)', rows: demo });
  // A letter of one day's Hugging Face daily papers alone (25-35 papers): a personal digest. The
  // three whole days of hf-labeled (its "source" is the recorded reply each paper came from).
  for (const [name, source] of [
    ['one day of HF daily papers: 2026-06-12 (API, hand labels)', 'daily_papers_2026-06-12_sotawhat.json'],
    ['one day of HF daily papers: 2026-04-07 (hand labels)', 'hf_papers_jsonfeed_2026-04-07.json'],
    ['one day of HF daily papers: 2026-08-22 (hand labels)', 'hf_papers_jsonfeed_2026-08-22.json'],
  ] as const) {
    const rows = hfRaw.filter((r) => r.source === source).map((r) => toRow(r, String(r.label)));
    out.push({ name, rows });
    out.push({ name: `${name}, without the catalogue areas`, rows, noAreas: true });
  }
  const arxiv = (file: string, field: string): Row[] => {
    const url = new URL(file, LABELED);
    return existsSync(url) ? readJsonl(url).map((r) => toRow(r, String(r[field]))) : [];
  };
  const arxivWithCategories = (file: string, field: string): Row[] => {
    const url = new URL(file, LABELED);
    if (!existsSync(url)) return [];
    return readJsonl(url).map((r) => ({
      ...toRow(r, String(r[field])),
      categories: Array.isArray(r.categories) ? r.categories.map(String) : [],
    }));
  };
  const all = arxiv('arxiv_rss_all-archives_2024-11-28_labeled.jsonl', 'archive');
  if (all.length > 0) {
    out.push({ name: 'broad mix: arXiv all archives, 100 papers (archive)', rows: sample(all, 100, 1) });
    out.push({ name: 'broad mix: arXiv all archives, 1504 papers (archive)', rows: all });
    // As a run reads the feed: arXiv categories kept (the archive, the label, is part of them).
    const withCategories = arxivWithCategories('arxiv_rss_all-archives_2024-11-28_labeled.jsonl', 'archive');
    out.push({
      name: 'the same 100, arXiv categories kept as a run has them',
      rows: sample(withCategories, 100, 1),
    });
    out.push({ name: 'the same 1504, arXiv categories kept', rows: withCategories });
  }
  // A second broad feed, of another year: an OAI-PMH harvest of 2008 papers of every archive
  // (physics and mathematics lead), categories kept, 100 papers at a time as a physics lab's
  // letter would hold them; the first 100 are tests/fixtures/topics/broad-arxivraw-2008.jsonl.
  const harvest = arxivWithCategories('arxivsync_arXivRaw_1000_labeled.jsonl', 'archive');
  for (const start of [0, 500])
    if (harvest.length >= start + 100)
      out.push({
        name: `broad mix: arXiv 2008 harvest, papers ${start + 1}-${start + 100}, categories kept (archive)`,
        rows: harvest.slice(start, start + 100),
      });
  const cs = arxiv('arxiv_rss_cs-only_2024-11-28_labeled.jsonl', 'primary_category');
  if (cs.length > 0)
    out.push({ name: 'arXiv cs-only, 100 papers (primary category)', rows: sample(cs, 100, 1) });
  const api = arxiv('arxiv_api_query-testing_100_labeled.jsonl', 'primary_category');
  if (api.length > 0) out.push({ name: 'arXiv API 100 (primary category)', rows: api });
  // The same focused feed as a run reads it, arXiv categories kept (tests/fixtures/topics).
  const testing = readJsonl(new URL('tests/fixtures/topics/focused-testing.jsonl', ROOT)).map((r) => ({
    ...toRow(r, String(r.primary_category)),
    categories: Array.isArray(r.categories) ? r.categories.map(String) : [],
  }));
  out.push({ name: 'focused outside ML: the same 100, arXiv categories kept', rows: testing });
  // A letter of one field outside machine learning (a mathematician's, an astronomer's): the
  // all-archives feed's papers of one archive, categories kept as a run has them, scored against
  // their primary class. Its papers name no catalogue topic: the archive's classes make its sections.
  const byClass = arxivWithCategories('arxiv_rss_all-archives_2024-11-28_labeled.jsonl', 'primary_category');
  for (const [field, archive] of [
    ['mathematics', 'math'],
    ['astrophysics', 'astro-ph'],
    ['condensed matter', 'cond-mat'],
  ] as const) {
    const rows = byClass.filter((r) => (r.categories[0] ?? '').split('.')[0] === archive);
    if (rows.length >= 100)
      out.push({
        name: `one field outside ML: arXiv ${field}, 100 papers, categories kept (primary category)`,
        rows: sample(rows, 100, 1),
      });
  }
  // A physicist's letter of arXiv's physics feed: every paper listed in a physics.* class, cross-lists
  // of other archives in (quant-ph, cond-mat, math-ph), as the feed lists them.
  const physics = byClass.filter((r) => r.categories.some((c) => c.startsWith('physics.')));
  if (physics.length >= 100)
    out.push({
      name: 'one field outside ML: arXiv physics feed (cross-lists in), 100 papers, categories kept (primary category)',
      rows: sample(physics, 100, 1),
    });
  return { sets: out, hf };
}

interface Scores extends SectionQuality {
  nmi: number | null;
  ari: number | null;
  ms: number;
  /** Labels of the sections found in the batch (no catalogue topic, not "More papers"). */
  found: string[];
}

const CATALOGUE_SLUGS = new Set(CATALOGUE.map((t) => t.slug));

function runPaperpost(rows: Row[], areas = AREAS): Scores {
  const t0 = performance.now();
  const { groups } = groupPapers(rows, CATALOGUE, { areas, homes: HOMES, applied: APPLIED });
  const ms = performance.now() - t0;
  const topicOf = new Map<string, string>();
  for (const g of groups) for (const id of g.paperIds) topicOf.set(id, g.topic.slug);
  const labelled = rows.every((r) => r.label !== null);
  const truth = rows.map((r) => r.label ?? '');
  const predicted = rows.map((r) => topicOf.get(r.id) ?? '?');
  return {
    ...sectionQuality(groups, rows),
    nmi: labelled ? normalizedMutualInformation(truth, predicted) : null,
    ari: labelled ? adjustedRandIndex(truth, predicted) : null,
    ms,
    found: groups
      .filter((g) => g.topic.slug !== OTHER_TOPIC.slug && !CATALOGUE_SLUGS.has(g.topic.slug))
      .map((g) => `${g.topic.label}${g.topic.parent ? ` (part of ${g.topic.parent})` : ''}`),
  };
}

function runKMeans(rows: Row[]): number {
  const k = new Set(rows.map((r) => r.label)).size;
  const corpus = buildCorpus(rows, 2);
  const labels = kMeans(corpus.vectors, corpus.features.length, k, 42);
  return normalizedMutualInformation(
    rows.map((r) => r.label ?? ''),
    labels.map(String),
  );
}

const f = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
const pct = (x: number): string => `${Math.round(100 * x)}%`;

console.log('$ npm run bench:topics   (tsx bench/topics-bench.ts)\n');
const { sets, hf } = await datasets();
console.log(
  '| set | papers | true k | NMI | ARI | k-means NMI (true k) | sections | single-paper | catch-all | labels incomplete | clashes | label said by (mean / min) | largest section | ms |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const details: string[] = [];
for (const ds of sets) {
  const s = runPaperpost(ds.rows, ds.noAreas ? [] : AREAS);
  const labelled = ds.rows.every((r) => r.label !== null);
  const k = labelled ? new Set(ds.rows.map((r) => r.label)).size : null;
  const km = labelled && ds.rows.length <= 600 ? runKMeans(ds.rows) : null;
  console.log(
    `| ${ds.name} | ${ds.rows.length} | ${k ?? 'n/a'} | ${f(s.nmi)} | ${f(s.ari)} | ${f(km)} | ${s.sections} | ${s.singletons} | ${pct(s.otherShare)} | ${s.incomplete.length} | ${s.clashes.length} | ${pct(s.coverageMean)} / ${pct(s.coverageMin)} | ${pct(s.largest)} | ${s.ms.toFixed(0)} |`,
  );
  details.push(
    `- ${ds.name}: ${s.labels.join(' · ')}${s.incomplete.length ? `\n  incomplete: ${s.incomplete.join(', ')}` : ''}${s.clashes.length ? `\n  clashes: ${s.clashes.join(', ')}` : ''}`,
  );
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  '\n70-paper subsets of hf-labeled: seeds 1-20 (the figure quoted since the start) and 21-40 (held out: never looked at while tuning)\n',
);
console.log(
  '| seeds | NMI mean | NMI min | sections | most single-paper | catch-all mean / max | incomplete labels | clashes | label said by (mean / min) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
const found = new Map<string, number>();
for (const first of [1, 21]) {
  const subsets = Array.from({ length: 20 }, (_, i) => runPaperpost(sample(hf, 70, first + i)));
  for (const label of subsets.flatMap((s) => s.found)) found.set(label, (found.get(label) ?? 0) + 1);
  const nmis = subsets.map((s) => s.nmi ?? 0);
  const sections = subsets.map((s) => s.sections);
  const other = subsets.map((s) => s.otherShare);
  console.log(
    `| ${first}-${first + 19} | ${f(mean(nmis))} | ${f(Math.min(...nmis))} | ${Math.min(...sections)}-${Math.max(...sections)} | ${Math.max(...subsets.map((s) => s.singletons))} | ${pct(mean(other))} / ${pct(Math.max(...other))} | ${subsets.reduce((a, s) => a + s.incomplete.length, 0)} | ${subsets.reduce((a, s) => a + s.clashes.length, 0)} | ${pct(mean(subsets.map((s) => s.coverageMean)))} / ${pct(Math.min(...subsets.map((s) => s.coverageMin)))} |`,
  );
}
console.log(
  `\nSections found in the batch (labelled from their papers, no catalogue topic) over the 40 subsets: ${
    [...found]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([label, n]) => `${label} (${n})`)
      .join(' · ') || 'none'
  }`,
);
// Letters of one field, several samples each: one sample's NMI moves by a few hundredths with
// any change that moves one cluster, so a change to grouping is read on the means.
{
  const url = new URL('arxiv_rss_all-archives_2024-11-28_labeled.jsonl', LABELED);
  if (existsSync(url)) {
    const rows: Row[] = readJsonl(url)
      .map((r) => ({
        ...toRow(r, String(r.primary_category)),
        categories: Array.isArray(r.categories) ? r.categories.map(String) : [],
      }))
      .filter((r) => r.categories.length > 0);
    console.log(
      '\nLetters of one field, 8 seeded samples of 100 papers each from the all-archives feed (categories kept, as a run has them): NMI against the primary class\n',
    );
    console.log('| field | papers to draw from | NMI mean | NMI min | NMI max |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [field, of] of [
      ['mathematics', (c: string) => c.split('.')[0] === 'math'],
      ['condensed matter', (c: string) => c.split('.')[0] === 'cond-mat'],
      ['astrophysics', (c: string) => c.split('.')[0] === 'astro-ph'],
      ['computer science', (c: string) => c.split('.')[0] === 'cs'],
    ] as const) {
      const pool = rows.filter((r) => of(r.categories[0] ?? ''));
      const nmis = Array.from({ length: 8 }, (_, i) => runPaperpost(sample(pool, 100, i + 1)).nmi ?? 0);
      console.log(
        `| ${field} | ${pool.length} | ${f(mean(nmis))} | ${f(Math.min(...nmis))} | ${f(Math.max(...nmis))} |`,
      );
    }
    const physics = rows.filter((r) => r.categories.some((c) => c.startsWith('physics.')));
    const nmis = Array.from({ length: 8 }, (_, i) => runPaperpost(sample(physics, 100, i + 1)).nmi ?? 0);
    console.log(
      `| physics feed (a physics.* class listed, cross-lists in) | ${physics.length} | ${f(mean(nmis))} | ${f(Math.min(...nmis))} | ${f(Math.max(...nmis))} |`,
    );
  }
}
const times = Array.from({ length: 7 }, () => runPaperpost(sample(hf, 100, 7)).ms).sort((a, b) => a - b);
console.log(`\ngrouping 100 papers: ${times.map((t) => t.toFixed(0)).join(', ')} ms (7 rounds, sorted)`);
console.log(
  '\nPlacement on the hand-judged sets (tests/fixtures/topics/placement-*.jsonl, arXiv categories kept as a run has them): well placed = in a section the judge accepts, or in "More papers" when no section of the letter fits it; strict = "More papers" counts only for papers judged "none"\n',
);
console.log(
  '| set | papers | well placed | strict | catch-all | misplaced | in "More papers" or a class section, naming a topic (judge agrees) | in a section, naming a second topic its readers get (judge agrees) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const misplaced: string[] = [];
for (const [name, set] of [
  ['demo samples (all 107)', await loadPlacementDemo()],
  ['arXiv cs-only, 100 papers', loadPlacementArxivCs()],
  ['arXiv cs-only, 60 other papers (held out)', loadPlacementArxivCs(true)],
  // Short letters of an arXiv cs feed: 40 papers of many classes, few of each topic.
  ['arXiv cs-only, 40-paper letter: papers 1-40', loadPlacementArxivCs().slice(0, 40)],
  ['arXiv cs-only, 40-paper letter: papers 41-80', loadPlacementArxivCs().slice(40, 80)],
  ['arXiv cs-only, 40-paper letter: held-out papers 1-40', loadPlacementArxivCs(true).slice(0, 40)],
] as const) {
  const pl = measurePlacement(set, CATALOGUE);
  console.log(
    `| ${name} | ${pl.papers} | ${pct(pl.wellPlaced)} | ${pct(pl.strict)} | ${pct(pl.otherShare)} | ${pl.misplaced.length} | ${pl.tagged} (${pl.taggedRight}) | ${pl.second} (${pl.secondRight}) |`,
  );
  misplaced.push(`- ${name}:\n${pl.misplaced.map((m) => `  ${m}`).join('\n')}`);
}
// The letter a new user reads first: `npm start`'s 40 papers, as the built CLI sends them.
const letter = await demoLetterPlacement();
if (typeof letter === 'string')
  console.log(`| demo letter (\`npm start\`, its 40 papers) | ${letter} | | | | | | |`);
else {
  console.log(
    `| demo letter (\`npm start\`, its ${letter.papers} papers) | ${letter.papers} | ${pct(letter.wellPlaced)} | ${pct(letter.strict)} | ${pct(letter.otherShare)} | ${letter.misplaced.length} | ${letter.tagged} (${letter.taggedRight}) | ${letter.second} (${letter.secondRight}) |`,
  );
  misplaced.push(`- demo letter:\n${letter.misplaced.map((m) => `  ${m}`).join('\n')}`);
}
// The letter `paperpost init` sets up by default (Hugging Face trending beside arXiv's cs.CL,
// cs.LG and cs.CV): 20 seeded letters of 40-100 papers, a third Hugging Face papers (the demo's,
// judged) and the rest judged arXiv papers of those classes (and cs.AI), as a run has them.
{
  const arxiv = [...loadPlacementArxivCs(), ...loadPlacementArxivCs(true)].filter((p) =>
    ['cs.CL', 'cs.LG', 'cs.CV', 'cs.AI'].includes(p.categories[0] ?? ''),
  );
  const hfJudged = (await loadPlacementDemo()).filter((p) => p.categories.length === 0);
  const random = seededRandom(4242);
  const totals = { papers: 0, well: 0, strict: 0, other: 0, misplaced: 0 };
  for (let b = 0; b < 20; b += 1) {
    const n = [40, 40, 50, 70, 100][b % 5] as number;
    const h = Math.min(hfJudged.length, Math.round(0.35 * n));
    const set = [...shuffle(hfJudged, random).slice(0, h), ...shuffle(arxiv, random).slice(0, n - h)];
    const pl = measurePlacement(set, CATALOGUE);
    totals.papers += pl.papers;
    totals.well += pl.wellPlaced * pl.papers;
    totals.strict += pl.strict * pl.papers;
    totals.other += pl.otherShare * pl.papers;
    totals.misplaced += pl.misplaced.length;
  }
  const t = totals;
  console.log(
    `| mixed letters as \`paperpost init\` sets up (20 seeded letters of 40-100: ${hfJudged.length} judged HF papers, ${arxiv.length} judged arXiv cs.CL/LG/CV/AI papers) | ${t.papers} | ${pct(t.well / t.papers)} | ${pct(t.strict / t.papers)} | ${pct(t.other / t.papers)} | ${t.misplaced} | | |`,
  );
}
// How full "More papers" runs by kind of feed: 40 seeded letters of 15-114 papers each.
{
  const cs = readJsonl(new URL('arxiv_rss_cs-only_2024-11-28_labeled.jsonl', LABELED)).map((r) => ({
    ...paperText(r),
    categories: Array.isArray(r.categories) ? r.categories.map(String) : [],
  }));
  const focused = readJsonl(new URL('tests/fixtures/topics/focused-llm.jsonl', ROOT)).map((r) =>
    paperText(r),
  );
  console.log(
    '\n"More papers" by kind of feed (40 seeded letters of 15-114 papers each, grouped as a run does; the last row 40 pools of the size a run groups of a feed of hundreds a day): share of the letter, and letters at the most sections their size allows\n',
  );
  console.log('| feed | median | 90th percentile | max | letters over 15% | at the section bound |');
  console.log('|---|---:|---:|---:|---:|---:|');
  // A feed of hundreds of papers a day (arXiv cs) is grouped as a run's pool of its best papers
  // (groupingPoolSize with the default config): its letters are never of 15-45 papers.
  const runPool = groupingPoolSize(
    { limits: fileConfigSchema.parse({}).limits } as Parameters<typeof groupingPoolSize>[0],
    cs.length,
  );
  for (const [name, pool, fixed] of [
    ['Hugging Face daily papers (hf-labeled)', hf, undefined],
    ['one theme (focused-llm)', focused, undefined],
    ['arXiv cs-only RSS, with categories', cs, undefined],
    [`arXiv cs-only RSS, as a run groups it (its pool of ${runPool})`, cs, runPool],
  ] as const) {
    const random = seededRandom(31);
    const shares: number[] = [];
    let atBound = 0;
    for (let b = 0; b < 40; b += 1) {
      // Drawn for every row, so each row's letters are shuffled by the same seeded sequence.
      const drawn = 15 + Math.floor(random() * 100);
      const size = fixed ?? drawn;
      const batch = shuffle(pool as PaperText[], random).slice(0, size);
      const { groups } = groupPapers(batch, CATALOGUE, { areas: AREAS, homes: HOMES, applied: APPLIED });
      const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0;
      shares.push(other / batch.length);
      if (groups.length >= sectionBounds(batch.length)[1]) atBound += 1;
    }
    shares.sort((a, b) => a - b);
    const at = (q: number): number =>
      shares[Math.min(shares.length - 1, Math.floor(q * shares.length))] as number;
    console.log(
      `| ${name} | ${pct(at(0.5))} | ${pct(at(0.9))} | ${pct(shares[shares.length - 1] as number)} | ${shares.filter((x) => x > 0.15).length} of 40 | ${atBound} of 40 |`,
    );
  }
}
// What the catalogue's phrase lists catch on their own, before any batch: the topic each judged
// paper gives join evidence for (title and abstract, no arXiv categories), against the judge.
console.log(
  '\nCatalogue claims on the hand-judged sets (each paper alone: its best topic on join evidence, title and abstract, categories removed): recall = papers the judge gives a topic that claim one it accepts; precision = claims the judge accepts\n',
);
console.log('| set | papers | judged to a topic | claimed | recall | precision |');
console.log('|---|---:|---:|---:|---:|---:|');
const offered = CATALOGUE.flatMap((t, i) => (t.hidden ? [] : [i]));
// As a batch's claims read them: a phrase inside another topic's longer phrase is that one's.
learnShadows(
  CATALOGUE,
  offered.filter((i) => !(CATALOGUE[i] as (typeof CATALOGUE)[number]).slug.includes('--')),
);
for (const [name, set] of [
  ['demo samples (all 107)', await loadPlacementDemo()],
  ['arXiv cs-only, 100 papers', loadPlacementArxivCs()],
  ['arXiv cs-only, 60 other papers (held out)', loadPlacementArxivCs(true)],
] as const) {
  const judged = set.filter((p: JudgedPaper) => p.accept.some((a) => a !== 'none'));
  let claimed = 0;
  let right = 0;
  for (const p of set) {
    const best = bestTopic(CATALOGUE, offered, { ...p, categories: [] });
    if (best.index < 0) continue;
    claimed += 1;
    if (p.accept.includes((CATALOGUE[best.index] as (typeof CATALOGUE)[number]).slug)) right += 1;
  }
  console.log(
    `| ${name} | ${set.length} | ${judged.length} | ${claimed} | ${pct(right / judged.length)} | ${pct(right / Math.max(1, claimed))} |`,
  );
}
console.log('\nSection labels:\n');
for (const d of details) console.log(d);
console.log('\nMisplaced papers (title -> section):\n');
for (const m of misplaced) console.log(m);
