import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { describeCounts, describeSections, PaperpostError } from '../../domain/index.js';
import { type RunSummary, runEdition } from '../../pipeline/run-edition.js';
import { allTopicsKey } from '../../pipeline/variants.js';
import { checkBuiltMessage, preloadMjml, visibleTextOfRendered } from '../../render/index.js';
import { type App, curatedGrouping, type GlobalOptions, openApp, summaryOnly } from '../context.js';
import {
  assertNothingLeftBehind,
  createRendererFor,
  createTransportFor,
  recoverInterrupted,
  sampleMessage,
  sendWith,
} from '../wiring.js';

interface RunCommandOptions {
  frequency: string;
  send: boolean;
  json?: boolean;
}

/** `paperpost run`: one edition now (fetch -> ... -> send). */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('produce one edition now: fetch, merge, group, rank, render and send')
    .option('-f, --frequency <frequency>', 'daily | weekly', 'daily')
    .option('--no-send', 'stop after the ledger: build and render the edition, send nothing')
    .option('--json', 'print the summary as one JSON object')
    .action(async (opts: RunCommandOptions, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & RunCommandOptions>();
      if (opts.frequency !== 'daily' && opts.frequency !== 'weekly') {
        throw new PaperpostError(
          'cli',
          'bad-input',
          `--frequency ${opts.frequency}: expected daily or weekly`,
        );
      }
      const frequency = opts.frequency;
      const quiet = summaryOnly(global);
      const app = await openApp(global, { summaryOnly: quiet, seedCatalogue: true });
      const transport = opts.send ? createTransportFor(app.config) : undefined;
      const renderer = createRendererFor(app.config, app.logger);
      // Templates not compiled at build (one's own, or edited): start loading MJML in a worker
      // thread now, so the load overlaps fetching, parsing and grouping.
      if (!renderer.digestReady()) preloadMjml();
      try {
        await recoverInterrupted(app); // a killed run shows as interrupted; its temp files go
        const summary = await runEdition(
          {
            store: app.store,
            config: { ...app.config, ...curatedGrouping() },
            logger: app.logger,
            renderer,
            send: transport ? () => sendWith({ ...app, transport }) : undefined,
            now: () => new Date(),
          },
          { frequency },
        );
        // On a terminal the summary lists the check's warnings; logging them too would say each twice.
        const outbox = await writePreview(app, summary, !quiet);
        const result = { ...summary, outbox };
        process.stdout.write(global.json ? `${JSON.stringify(result)}\n` : formatSummary(result, quiet));
        assertNothingLeftBehind(summary.delivery?.leftBehind);
      } finally {
        await transport?.close();
        await app.close();
      }
    });
}

/**
 * preview.html beside the edition's .eml files (the all-topics variant filled for a sample reader
 * with inert links), and the deliverability self-check of that message, as warnings.
 */
async function writePreview(
  app: App,
  summary: RunSummary,
  logWarnings: boolean,
): Promise<{ dir: string; preview: string; warnings: string[] } | null> {
  if (!summary.edition) return null;
  const edition = await app.store.editions.getEdition(summary.edition.id);
  const rendered = await app.store.editions.getRenderedVariant(
    summary.edition.id,
    allTopicsKey(summary.frequency),
  );
  if (!edition || !rendered) return null;
  const message = await sampleMessage(app.config, edition, rendered, new Date());
  const dir = path.join(app.config.outboxDir, summary.edition.id);
  mkdirSync(dir, { recursive: true });
  const preview = path.join(dir, 'preview.html');
  writeFileSync(preview, message.html);
  // The message was just built from known parts: check those, without parsing the MIME again,
  // and read the text of its HTML as this program rendered it (no HTML sanitizer to load).
  const report = checkBuiltMessage(message, visibleTextOfRendered(message.html));
  const warnings = report.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.message}`);
  if (logWarnings)
    for (const warning of warnings) app.logger.warn({ edition: edition.id, check: true }, warning);
  return { dir, preview, warnings };
}

/** The run as a few lines for people; `quiet`: logs were kept off the terminal (say how to see them). */
export function formatSummary(
  s: RunSummary & { outbox: { dir: string; preview: string; warnings: string[] } | null },
  quiet = false,
): string {
  const lines: string[] = [];
  lines.push(`sources: ${s.sources.ok} ok, ${s.sources.failed} failed`);
  for (const r of s.sources.reports) {
    if (r.status === 'failed') lines.push(`  ! ${r.id}: ${r.error}`);
    else lines.push(`  - ${r.id}: ${r.status === 'not-modified' ? 'not modified' : `${r.entries} entries`}`);
  }
  const p = s.papers;
  lines.push(`papers: ${p.entries} entries -> ${p.merged} after merging (${p.new} new, ${p.updated} known)`);
  if (s.edition) {
    lines.push(`edition ${s.edition.id}: ${describeCounts(s.edition)} (${describeSections(s.edition)})`);
  } else {
    lines.push(`edition skipped: ${s.skipReason}`);
  }
  if (s.ledger) {
    const { created, skipped } = s.ledger;
    const variants = s.ledger.variants.length;
    lines.push(
      `ledger: ${created} ${created === 1 ? 'delivery' : 'deliveries'}, ${variants} ${variants === 1 ? 'variant' : 'variants'}` +
        (skipped > 0
          ? `; ${skipped} skipped: nothing of ${skipped === 1 ? "that reader's" : 'their'} topics in this edition`
          : created === 0
            ? `; no subscriber takes the ${s.frequency} letter`
            : ''),
    );
  }
  // Mails written: none when no reader takes this letter, or none of them got anything of theirs.
  const mailed = s.ledger ? s.ledger.created - s.ledger.skipped : 0;
  if (s.delivery) {
    const d = s.delivery;
    lines.push(
      `delivery: ${d.sent} sent, ${d.deferred} deferred, ${d.failed} failed, ${d.cancelled} cancelled`,
    );
  } else if (s.edition) {
    lines.push('delivery: not sent (--no-send); run `paperpost send` to deliver');
  }
  if (s.outbox) {
    for (const warning of s.outbox.warnings) lines.push(`warning: ${warning}`);
    lines.push(
      '',
      mailed > 0
        ? `The letter is in ${s.outbox.dir}/ (preview.html, and one .eml per reader it went to).`
        : `The letter is in ${s.outbox.dir}/ (preview.html; it went to no reader, so no .eml).`,
      `Next: open ${pathToFileURL(s.outbox.preview).href} in a browser to read it,`,
      '      or run `npx paperpost preview` to see every variant live and `npx paperpost serve` for the site.',
    );
  }
  if (quiet) lines.push('(Logs: LOG_LEVEL=info shows every step; they go to stderr, as JSON when piped.)');
  return `${lines.join('\n')}\n`;
}
