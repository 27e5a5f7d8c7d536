import type { Command } from 'commander';
import type { Paper } from '../../domain/index.js';
import { PaperpostError } from '../../domain/index.js';
import { mergePapers } from '../../normalize/index.js';
import { rankOptionsFor } from '../../pipeline/build-edition.js';
import {
  DEFAULT_WINDOW_HOURS,
  explainScore,
  formatScoreParts,
  paperDate,
  rankSections,
  windowEnd,
} from '../../rank/index.js';
import { groupPapers } from '../../topics/index.js';
import { curatedGrouping, type GlobalOptions, readConfig } from '../context.js';
import { configTopics, readPapersFile } from './group.js';

/** Papers of several files, one per id: the same paper in two files counts both sources. */
function readAll(files: string[]): Paper[] {
  const all = files.flatMap((file, i) =>
    readPapersFile(file).map((p) => (p.sources.length > 0 ? p : { ...p, sources: [`input-${i + 1}`] })),
  );
  return files.length > 1 ? mergePapers(all) : all;
}

interface RankCliOptions {
  in: string[];
  json?: boolean;
  explain?: boolean;
  now?: string;
  windowHours: string;
}

/** `paperpost rank --in papers.json... --json [--explain]`: grouped, ranked and capped sections. */
export function registerRank(program: Command): void {
  program
    .command('rank')
    .description('group and rank papers into capped sections (weights and caps from the config)')
    .requiredOption(
      '--in <files...>',
      'papers JSON: an array, or {papers: [...]} as `parse --json` prints; several files are merged by id',
    )
    .option('--json', 'print {"sections": [...], "more"} as JSON')
    .option('--explain', "show each paper's score parts (upvotes, comments, sources, recency, growth)")
    .option('--now <iso>', "the window's end (default: the newest paper date, never after now)")
    .option('--window-hours <n>', 'ages are capped at this window', String(DEFAULT_WINDOW_HOURS))
    .action(function (this: Command, opts: RankCliOptions) {
      const globals = this.optsWithGlobals<GlobalOptions>();
      const given = opts.now === undefined ? undefined : new Date(opts.now);
      if (given !== undefined && Number.isNaN(given.getTime()))
        throw new PaperpostError('cli', 'bad-input', `--now ${opts.now}: not a date`);
      const windowHours = Number(opts.windowHours);
      if (!Number.isFinite(windowHours) || windowHours <= 0)
        throw new PaperpostError(
          'cli',
          'bad-input',
          `--window-hours ${opts.windowHours}: expected a number > 0`,
        );
      const config = readConfig(globals);
      const papers = readAll(opts.in);
      const now = given ?? windowEnd(papers, new Date());
      const { groups } = groupPapers(papers, configTopics(globals), curatedGrouping());
      const ranked = rankSections(groups, papers, rankOptionsFor(config, now, windowHours));
      const sections = ranked.sections.map((s) => ({
        label: s.topic.label,
        slug: s.topic.slug,
        more: s.more,
        papers: s.papers.map((p) => ({
          id: p.id,
          title: p.title,
          score: explainScore(p.score).total,
          ...(opts.explain
            ? {
                parts: explainScore(p.score).parts,
                signals: { upvotes: p.upvotes, comments: p.comments, sources: p.sources, date: paperDate(p) },
              }
            : {}),
        })),
      }));
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ now: now.toISOString(), windowHours, sections, more: ranked.more }, null, 2)}\n`,
        );
        return;
      }
      if (opts.explain) {
        process.stdout.write(
          `window: ${windowHours} h ending ${now.toISOString()} (ages count back from it)\n`,
        );
      }
      for (const s of sections) {
        process.stdout.write(`${s.label}${s.more > 0 ? ` (+${s.more} more)` : ''}\n`);
        for (const p of s.papers) {
          const parts = p.parts ? `  [${formatScoreParts(p.parts)}]` : '';
          process.stdout.write(`  ${p.score.toFixed(4)}  ${p.id}  ${p.title}${parts}\n`);
        }
      }
      if (ranked.more > 0)
        process.stdout.write(`${ranked.more} more papers in topics the edition cap left out\n`);
    });
}
