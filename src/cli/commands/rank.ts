import type { Command } from 'commander';
import { PaperpostError } from '../../domain/index.js';
import { rankSections } from '../../rank/index.js';
import { groupPapers } from '../../topics/index.js';
import { type GlobalOptions, readConfig } from '../context.js';
import { configTopics, readPapersFile } from './group.js';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** `paperpost rank --in papers.json --json [--explain]`: grouped, ranked and capped sections. */
export function registerRank(program: Command): void {
  program
    .command('rank')
    .description('group and rank papers into capped sections (weights and caps from the config)')
    .requiredOption('--in <file>', 'papers JSON: an array, or {papers: [...]} as `parse --json` prints')
    .option('--json', 'print {"sections": [...], "more"} as JSON')
    .option('--explain', "show each paper's score parts (upvotes, comments, sources, recency)")
    .option('--now <iso>', 'rank as of this time (default: now)')
    .action(function (this: Command, opts: { in: string; json?: boolean; explain?: boolean; now?: string }) {
      const globals = this.optsWithGlobals<GlobalOptions>();
      const now = opts.now === undefined ? new Date() : new Date(opts.now);
      if (Number.isNaN(now.getTime()))
        throw new PaperpostError('cli', 'bad-input', `--now ${opts.now}: not a date`);
      const config = readConfig(globals);
      const papers = readPapersFile(opts.in);
      const { groups } = groupPapers(papers, configTopics(globals));
      const ranked = rankSections(groups, papers, {
        now,
        weights: config.rank,
        maxPerEdition: config.limits.maxPapersPerEdition,
        maxPerSection: config.limits.maxPapersPerSection,
      });
      const sections = ranked.sections.map((s) => ({
        label: s.topic.label,
        slug: s.topic.slug,
        more: s.more,
        papers: s.papers.map((p) => ({
          id: p.id,
          title: p.title,
          score: round(p.score.total),
          ...(opts.explain
            ? {
                parts: {
                  upvotes: round(p.score.upvotes),
                  comments: round(p.score.comments),
                  sources: round(p.score.sources),
                  recency: round(p.score.recency),
                },
              }
            : {}),
        })),
      }));
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ now: now.toISOString(), sections, more: ranked.more }, null, 2)}\n`,
        );
        return;
      }
      for (const s of sections) {
        process.stdout.write(`${s.label}${s.more > 0 ? ` (+${s.more} more)` : ''}\n`);
        for (const p of s.papers) {
          const parts = p.parts
            ? `  [upvotes ${p.parts.upvotes} + comments ${p.parts.comments} + sources ${p.parts.sources} + recency ${p.parts.recency}]`
            : '';
          process.stdout.write(`  ${p.score.toFixed(4)}  ${p.id}  ${p.title}${parts}\n`);
        }
      }
      if (ranked.more > 0) process.stdout.write(`${ranked.more} more papers beyond the edition cap\n`);
    });
}
