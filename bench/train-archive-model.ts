/**
 * `npm run train:archives`: trains the arXiv archive guesser (src/topics/archive-guess.ts) on the
 * labelled arXiv abstracts of the shared corpora (PAPERPOST_CORPORA/labeled: the all-archives RSS
 * of 28 Nov 2024 and the arXivRaw harvest of 2008 papers) and writes src/topics/archive-model.ts.
 * The 100 papers of the broad-all-archives test fixture are never trained on. `--holdout` trains
 * on the 2024 feed only and prints the accuracy on the 2008 papers (and the
 * reverse), without writing: the figure quoted in bench/FIGURES.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  type ArchiveCounts,
  type ArchiveModel,
  archiveModelOf,
  archiveWords,
  GUESS_CONFIDENCE,
  guessArchive,
} from '../src/topics/archive-guess.js';
import { archiveOf } from '../src/topics/arxiv-taxonomy.js';
import { groupPapers, OTHER_TOPIC } from '../src/topics/index.js';
import { normalizedMutualInformation } from '../tests/helpers/cluster-metrics.js';
import { loadCatalogueFile } from '../tests/helpers/placement.js';
import { seededRandom, shuffle } from '../tests/helpers/seeded-random.js';
import { CORPORA, ROOT } from './lib.js';

/** Words said fewer times than this in all the training papers are left out of the model. */
const MIN_COUNT = 4;

interface Labelled {
  id: string;
  title: string;
  abstract: string;
  text: string;
  archive: string;
}

function read(file: string): Labelled[] {
  return readFileSync(path.join(CORPORA, 'labeled', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; title: string; abstract: string; primary_category: string })
    .map((r) => ({ ...r, text: `${r.title} ${r.abstract}`, archive: archiveOf(r.primary_category) }));
}

/**
 * Grouping 100-paper draws of `rows` given without categories (a plain feed), the model guessing
 * archives: NMI against the archives, sections and the share of "More papers", per seed.
 */
function grouping(model: ArchiveModel | undefined, rows: readonly Labelled[]): string {
  const catalogue = loadCatalogueFile();
  const out: string[] = [];
  for (let seed = 1; seed <= 5; seed += 1) {
    const draw = shuffle(rows, seededRandom(seed)).slice(0, 100);
    const papers = draw.map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.abstract,
      keywords: [],
      categories: [],
    }));
    const { groups } = groupPapers(papers, catalogue, model ? { archiveModel: model } : {});
    const topicOf = new Map(groups.flatMap((g) => g.paperIds.map((id) => [id, g.topic.slug] as const)));
    const nmi = normalizedMutualInformation(
      draw.map((r) => r.archive),
      draw.map((r) => topicOf.get(r.id) ?? '?'),
    );
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0;
    out.push(`NMI ${nmi.toFixed(3)}, ${groups.length} sections, ${other}% More papers`);
  }
  return out.join('; ');
}

const EMPTY = archiveModelOf({ archives: ['cs'], papers: [1], totals: [1], vocabulary: 1, words: {} });

function train(rows: readonly Labelled[]): ArchiveCounts {
  const archives = [...new Set(rows.map((r) => r.archive))].sort();
  const index = new Map(archives.map((a, i) => [a, i]));
  const papers = archives.map(() => 0);
  const totals = archives.map(() => 0);
  const counts = new Map<string, number[]>();
  for (const r of rows) {
    const a = index.get(r.archive) as number;
    papers[a] = (papers[a] as number) + 1;
    for (const w of archiveWords(r.text)) {
      const c = counts.get(w) ?? archives.map(() => 0);
      c[a] = (c[a] as number) + 1;
      counts.set(w, c);
      totals[a] = (totals[a] as number) + 1;
    }
  }
  const words: Record<string, number[]> = {};
  for (const [w, c] of [...counts.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)))
    if (c.reduce((s, x) => s + x, 0) >= MIN_COUNT) words[w] = c;
  return { archives, papers, totals, vocabulary: counts.size, words };
}

function accuracy(model: ArchiveModel, rows: readonly Labelled[]): string {
  let right = 0;
  let sure = 0;
  let sureRight = 0;
  for (const r of rows) {
    const g = guessArchive(r.text, model);
    if (g?.archive === r.archive) right += 1;
    if (g && g.probability >= GUESS_CONFIDENCE) {
      sure += 1;
      if (g.archive === r.archive) sureRight += 1;
    }
  }
  const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(0)}%`;
  return `right ${pct(right, rows.length)} of ${rows.length}; at >= ${GUESS_CONFIDENCE}: ${sure} papers, right ${pct(sureRight, sure)}`;
}

/**
 * The source of src/topics/archive-model.ts: the model's words and their counts as two texts,
 * read by `archiveModelFromText` (a word's counts are parsed when it is first looked up).
 */
function modelSource(model: ArchiveCounts, trainedOn: number): string {
  const words = Object.keys(model.words).sort();
  for (const w of words)
    if (!/^[a-z]+$/.test(w)) throw new Error(`archive model: word ${JSON.stringify(w)} is not a letter run`);
  const text = (s: string): string =>
    (s.match(/.{1,96}/gs) ?? ['']).map((c) => `  ${JSON.stringify(c)}`).join(' +\n');
  const list = (xs: readonly (string | number)[]): string => JSON.stringify(xs);
  return `// Generated by \`npm run train:archives\` (bench/train-archive-model.ts) from the labelled arXiv
// abstracts of the shared corpora: ${trainedOn} papers. Do not edit by hand.
import { type ArchiveModel, archiveModelFromText } from './archive-guess.js';

/** The ${words.length} words kept, space-separated. */
const WORDS =
${text(words.join(' '))};

/** Each word's counts by archive (in the order of \`archives\`), one row per word, as WORDS. */
const COUNTS =
${text(words.map((w) => (model.words[w] as readonly number[]).join(',')).join(';'))};

export function buildArchiveModel(): ArchiveModel {
  return archiveModelFromText(
    {
      archives: ${list(model.archives)},
      papers: ${list(model.papers)},
      totals: ${list(model.totals)},
      vocabulary: ${model.vocabulary},
    },
    WORDS,
    COUNTS,
  );
}
`;
}

// The 100 papers of tests/fixtures/topics/broad-all-archives.jsonl (the bench's "arXiv all
// archives, 100 papers") are left out of training, so tests and figures on them are held out.
const heldOut = new Set(
  readFileSync(path.join(ROOT, 'tests', 'fixtures', 'topics', 'broad-all-archives.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { id: string }).id),
);
const rss = read('arxiv_rss_all-archives_2024-11-28_labeled.jsonl').filter((r) => !heldOut.has(r.id));
const raw = read('arxivsync_arXivRaw_1000_labeled.jsonl');
if (process.argv.includes('--holdout')) {
  console.log(
    `trained on the 2024 feed, guessing the 2008 papers: ${accuracy(archiveModelOf(train(rss)), raw)}`,
  );
  console.log(
    `trained on the 2008 papers, guessing the 2024 feed: ${accuracy(archiveModelOf(train(raw)), rss)}`,
  );
  console.log('grouping 100-paper draws (seeds 1-5) of the 2008 papers, given without categories:');
  console.log(`  no guesses: ${grouping(EMPTY, raw)}`);
  console.log(
    `  guesses of the model trained on the 2024 feed: ${grouping(archiveModelOf(train(rss)), raw)}`,
  );
} else {
  const model = train([...rss, ...raw]);
  const out = path.join(ROOT, 'src', 'topics', 'archive-model.ts');
  writeFileSync(out, modelSource(model, rss.length + raw.length));
  console.log(`wrote ${out}: ${model.archives.length} archives, ${Object.keys(model.words).length} words`);
}
