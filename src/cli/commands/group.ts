import type { Command } from 'commander';
import type { Paper, Topic } from '../../domain/index.js';
import { configTopics as topicsOfConfig } from '../../pipeline/build-edition.js';
import { groupPapers } from '../../topics/index.js';
import { curatedGrouping, curatedTopics, type GlobalOptions, readConfig } from '../context.js';
import { inputPaper, readPapersInput } from '../input-file.js';

/**
 * Reads papers for `group` and `rank`: a JSON array of `{id, title, abstract|summary, categories?,
 * keywords?, upvotes?, comments?, published?, sources?}`, or `{papers: [...]}` as `parse --json`
 * prints. Throws `PaperpostError('cli', 'bad-input')` naming the file and the reason.
 */
export function readPapersFile(file: string): Paper[] {
  return readPapersInput(file, inputPaper);
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
