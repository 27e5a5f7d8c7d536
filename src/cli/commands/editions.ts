import type { Command } from 'commander';
import type { Delivery, DeliveryCounts } from '../../domain/index.js';
import {
  countEdition,
  DELIVERY_STATES,
  describeCounts,
  describeSections,
  PaperpostError,
} from '../../domain/index.js';
import { type GlobalOptions, withApp } from '../context.js';
import { explainEdition, formatExplained } from './explain-edition.js';

const MAX_FAILURES_SHOWN = 50;

function formatCounts(counts: DeliveryCounts): string {
  return DELIVERY_STATES.map((s) => `${s} ${counts[s]}`).join(', ');
}

function formatFailure(d: Pick<Delivery, 'email' | 'attempts' | 'lastReply'>): string {
  return `  ${d.email} (${d.attempts} attempt${d.attempts === 1 ? '' : 's'}): ${d.lastReply ?? 'no reply'}`;
}

/** `paperpost editions list|show`: what was published and how its delivery went. */
export function registerEditions(program: Command): void {
  const editions = program.command('editions').description('list editions and inspect their deliveries');

  editions
    .command('list')
    .description('recent editions with delivery counts per state')
    .option('-n, --limit <n>', 'how many (newest first)', '20')
    .option('--json', 'print a JSON array')
    .action(async (opts: { limit: string; json?: boolean }, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const limit = Number.parseInt(opts.limit, 10);
      if (!Number.isInteger(limit) || limit <= 0) {
        throw new PaperpostError('cli', 'bad-input', `--limit ${opts.limit}: expected a positive integer`);
      }
      await withApp(global, async (app) => {
        const list = await app.store.editions.listEditions({ limit });
        if (global.json) {
          process.stdout.write(`${JSON.stringify(list)}\n`);
          return;
        }
        if (list.length === 0) {
          process.stdout.write('no editions yet: `paperpost run` makes one\n');
          return;
        }
        const lines = list.map((e) => {
          const counts = {
            selected: e.paperCount,
            inLetter: e.letterCount,
            onWeb: e.paperCount - e.letterCount,
          };
          return `${e.id}  ${e.frequency}  ${e.date}  ${describeCounts(counts)}  deliveries: ${formatCounts(e.counts)}`;
        });
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  editions
    .command('show')
    .description('one edition: delivery counts per state and the failures with their last replies')
    .argument('<id>', 'edition id')
    .option('--json', 'print one JSON object')
    .option('--explain', "list the edition's papers with the score parts they were ranked by")
    .action(async (id: string, opts: { json?: boolean; explain?: boolean }, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      await withApp(global, async (app) => {
        const edition = await app.store.editions.getEdition(id);
        if (!edition) throw new PaperpostError('cli', 'not-found', `edition ${id}: no such edition`);
        const counts = await app.store.ledger.countDeliveries(id);
        const bounces = await app.store.bounces.countBounces(id);
        const failed = await app.store.ledger.listDeliveries(id, {
          state: 'failed',
          limit: MAX_FAILURES_SHOWN,
        });
        const failures = failed.map((d) => ({
          deliveryId: d.id,
          email: d.email,
          attempts: d.attempts,
          lastReply: d.lastReply,
        }));
        const papers = countEdition(edition);
        const explained = opts.explain ? explainEdition(edition) : undefined;
        if (global.json) {
          const out = {
            id,
            frequency: edition.frequency,
            date: edition.date,
            papers: papers.selected,
            selected: papers.selected,
            inLetter: papers.inLetter,
            onWeb: papers.onWeb,
            topics: papers.topics,
            counts,
            bounces,
            failures,
            ...(explained ? { sections: explained } : {}),
          };
          process.stdout.write(`${JSON.stringify(out)}\n`);
          return;
        }
        const lines = [
          `edition ${id} (${edition.frequency}, ${edition.date}): ${describeCounts(papers)} (${describeSections(papers)})`,
          `deliveries: ${formatCounts(counts)}`,
          `bounces: hard ${bounces.hard}, soft ${bounces.soft}; complaints ${bounces.complaint}`,
        ];
        if (failures.length > 0) {
          lines.push(
            `failures${counts.failed > failures.length ? ` (first ${failures.length} of ${counts.failed})` : ''}:`,
          );
          lines.push(...failures.map(formatFailure));
        }
        if (explained) lines.push(...formatExplained(explained));
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
