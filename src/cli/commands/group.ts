import type { Command } from 'commander';
import type { Paper, Topic } from '../../domain/index.js';
import { configTopics as topicsOfConfig } from '../../pipeline/build-edition.js';
import { groupPapers } from '../../topics/index.js';
import { curatedGrouping, curatedTopics, type GlobalOptions, readConfig } from '../context.js';
import { badInput, readableText, readPapersInput } from '../input-file.js';

function strings(value: unknown, file: string, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw badInput(file, `${where} must be an array of strings`);
  }
  return value as string[];
}

function count(value: unknown, file: string, where: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw badInput(file, `${where} must be a number >= 0`);
  }
  return value;
}

function toPaper(raw: unknown, i: number, file: string): Paper {
  const where = `paper ${i + 1}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw badInput(file, `${where} is not an object`);
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id.trim() === '') throw badInput(file, `${where} has no "id" string`);
  if (typeof r.title !== 'string') throw badInput(file, `${where} (${r.id}) has no "title" string`);
  const text = r.abstract ?? r.summary ?? '';
  if (typeof text !== 'string')
    throw badInput(file, `${where} (${r.id}): "abstract"/"summary" must be a string`);
  const published = r.published ?? null;
  if (published !== null && typeof published !== 'string')
    throw badInput(file, `${where} (${r.id}): "published" must be a string`);
  const listedAt = r.listedAt ?? null;
  if (listedAt !== null && typeof listedAt !== 'string')
    throw badInput(file, `${where} (${r.id}): "listedAt" must be a string`);
  const sources =
    typeof r.sources === 'number'
      ? Array.from({ length: count(r.sources, file, `${where} "sources"`) }, (_, k) => `source-${k + 1}`)
      : strings(r.sources, file, `${where} "sources"`);
  return {
    id: r.id,
    title: readableText(r.title),
    url: typeof r.url === 'string' ? r.url : '',
    authors: strings(r.authors, file, `${where} "authors"`).map(readableText),
    published,
    summary: readableText(text),
    aiSummary: typeof r.aiSummary === 'string' ? readableText(r.aiSummary) : null,
    keywords: strings(r.keywords, file, `${where} "keywords"`),
    categories: strings(r.categories, file, `${where} "categories"`),
    upvotes: count(r.upvotes, file, `${where} "upvotes"`),
    comments: count(r.comments, file, `${where} "comments"`),
    sources,
    links: { abs: null, pdf: null, code: null, hf: null },
    ...(listedAt ? { listedAt } : {}),
  };
}

/**
 * Reads papers for `group` and `rank`: a JSON array of `{id, title, abstract|summary, categories?,
 * keywords?, upvotes?, comments?, published?, sources?}`, or `{papers: [...]}` as `parse --json`
 * prints. Throws `PaperpostError('cli', 'bad-input')` naming the file and the reason.
 */
export function readPapersFile(file: string): Paper[] {
  return readPapersInput(file, toPaper);
}

/**
 * What `group`, `rank` and `render` group into: the config's own topics (they take precedence),
 * then the curated catalogue, as a run does with a fresh store.
 */
export function configTopics(options: GlobalOptions): Topic[] {
  const own = topicsOfConfig(readConfig(options));
  const taken = new Set(own.map((t) => t.slug));
  return [...own, ...curatedTopics().filter((t) => !taken.has(t.slug))];
}

/** `paperpost group --in papers.json --json`: topic sections of a batch of papers. */
export function registerGroup(program: Command): void {
  program
    .command('group')
    .description('group papers into topic sections (user topics from the config first)')
    .requiredOption('--in <file>', 'papers JSON: an array, or {papers: [...]} as `parse --json` prints')
    .option('--json', 'print {"topics": [{"label", "slug", "ids"}]}')
    .action(function (this: Command, opts: { in: string; json?: boolean }) {
      const papers = readPapersFile(opts.in);
      const { groups } = groupPapers(papers, configTopics(this.optsWithGlobals<GlobalOptions>()), {
        ...curatedGrouping(),
      });
      const topics = groups.map((g) => ({ label: g.topic.label, slug: g.topic.slug, ids: g.paperIds }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ topics }, null, 2)}\n`);
        return;
      }
      const titles = new Map(papers.map((p) => [p.id, p.title]));
      for (const t of topics) {
        process.stdout.write(`${t.label} (${t.ids.length})\n`);
        for (const id of t.ids) process.stdout.write(`  ${id}  ${titles.get(id) ?? ''}\n`);
      }
    });
}
