import type { Command } from 'commander';
import { buildStatusReport, type StatusReport } from '../../daemon/index.js';
import { DELIVERY_STATES } from '../../domain/index.js';
import { editionBounceRates, formatBounceRates } from '../../pipeline/bounce-rates.js';
import { type GlobalOptions, withApp } from '../context.js';
import { textTable } from '../text-table.js';
import { recoverInterrupted } from '../wiring.js';

interface StatusCommandOptions {
  json?: boolean;
  runs: string;
}

const dash = (v: string | number | null) => (v === null ? '-' : String(v));
const minute = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '-');

/** A titled table, indented two spaces; `empty` stands in for a table without rows. */
function section(title: string, header: string[], rows: string[][], empty: string): string[] {
  const body = rows.length === 0 ? [empty] : textTable(header, rows);
  return [title, ...body.map((l) => `  ${l}`)];
}

/** The report as text for a terminal. */
export function formatStatus(r: StatusReport): string {
  const subs = r.subscribers;
  const out: string[] = [
    ...section(
      'Schedules',
      ['frequency', 'cron', 'timezone', 'next run', 'last slot'],
      r.schedules.map((s) => [
        s.frequency,
        s.enabled ? s.cron : `${s.cron} (disabled)`,
        s.timezone,
        minute(s.next),
        minute(s.lastSlot),
      ]),
      'none',
    ),
    '',
    ...section(
      'Last runs',
      ['started', 'kind', 'freq', 'status', 'edition', 'selected', 'sent', 'failed', 'note'],
      r.runs.map((run) => [
        minute(run.startedAt),
        run.kind,
        dash(run.frequency),
        run.status,
        dash(run.editionId),
        dash(run.papers),
        dash(run.sent),
        dash(run.failed),
        run.error ?? run.skipReason ?? (run.sourcesFailed ? `${run.sourcesFailed} source(s) failed` : ''),
      ]),
      'none yet',
    ),
    '',
    ...section(
      'Sources',
      ['source', 'health', 'failures', 'last fetched', 'last error'],
      r.sources.map((s) => [
        s.configured ? s.id : `${s.id} (not in config)`,
        s.health,
        String(s.failuresInRow),
        minute(s.lastFetchedAt),
        s.lastError ?? '',
      ]),
      'none configured',
    ),
    '',
    `Subscribers: ${subs.confirmed} confirmed, ${subs.pending} pending, ${subs.unsubscribed} unsubscribed, ${subs.suppressed} suppressed`,
    '',
    ...section(
      'Recent editions (papers selected, in the letter, on the web only; deliveries per state)',
      ['edition', 'freq', 'date', 'selected', 'in letter', 'on web', ...DELIVERY_STATES],
      r.editions.map((e) => [
        e.id,
        e.frequency,
        e.date,
        String(e.papers),
        String(e.inLetter),
        String(e.papers - e.inLetter),
        ...DELIVERY_STATES.map((state) => String(e.deliveries[state])),
      ]),
      'none yet',
    ),
  ];
  return `${out.join('\n')}\n`;
}

/** `paperpost status [--json] [--runs N]`: runs, schedules, source health, subscribers, deliveries. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show last runs, next scheduled runs, source health, subscribers and deliveries')
    .option('--json', 'print the report as one JSON object')
    .option('--runs <n>', 'how many recent runs to show', '10')
    .action(async (opts: StatusCommandOptions, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & StatusCommandOptions>();
      const runs = Math.max(1, Math.min(100, Number.parseInt(opts.runs, 10) || 10));
      await withApp(global, async (app) => {
        await recoverInterrupted(app); // a killed run shows as interrupted, not running forever
        const report = await buildStatusReport(app.store, app.config, new Date(), { runs });
        const bounceRates = await editionBounceRates(app.store, report.editions);
        process.stdout.write(
          global.json
            ? `${JSON.stringify({ ...report, bounceRates })}\n`
            : formatStatus(report) + formatBounceRates(bounceRates),
        );
      });
    });
}
