import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { SendProgress, SendSummary } from '../../deliver/index.js';
import { PaperpostError } from '../../domain/index.js';
import { type GlobalOptions, openApp } from '../context.js';
import { assertNothingLeftBehind, createTransportFor, recoverInterrupted, sendWith } from '../wiring.js';

interface SendCommandOptions {
  edition?: string;
  json?: boolean;
  untilDone?: boolean;
}

/** A progress bar on a terminal (stderr), nothing otherwise. */
function createProgress(enabled: boolean): { update(p: SendProgress): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{edition} [{bar}] {value}/{total} | sent {sent} deferred {deferred} failed {failed}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let current: string | null = null;
  return {
    update(p) {
      if (current !== p.editionId) {
        if (current !== null) bar.stop();
        current = p.editionId;
        bar.start(p.total, p.finished, { edition: p.editionId, sent: 0, deferred: 0, failed: 0 });
      }
      bar.update(p.finished, { sent: p.sent, deferred: p.deferred, failed: p.failed });
    },
    stop() {
      if (current !== null) bar.stop();
    },
  };
}

function formatSummary(s: SendSummary): string {
  if (s.editions.length === 0) return 'nothing to send: every edition is delivered\n';
  const lines = [
    `editions: ${s.editions.join(', ')}`,
    `sent ${s.sent}, deferred ${s.deferred}, failed ${s.failed}, cancelled ${s.cancelled}` +
      ` in ${(s.elapsedMs / 1000).toFixed(1)} s (${s.ratePerSecond}/s)`,
  ];
  if (s.aborted)
    lines.push('stopped early: claimed rows were given back; run `paperpost send` again to resume');
  if (s.deferred > 0)
    lines.push('deferred rows are retried later: `paperpost send --until-done` waits for them');
  return `${lines.join('\n')}\n`;
}

/** `paperpost send [--edition ID] [--json] [--until-done]`: drain the delivery ledgers. */
export function registerSend(program: Command): void {
  program
    .command('send')
    .description('send the pending deliveries of every unfinished edition (or one)')
    .option('-e, --edition <id>', 'only this edition')
    .option('--until-done', 'wait for deferred rows until every delivery is sent, failed or cancelled')
    .option('--json', 'print the summary as one JSON object')
    .action(async (opts: SendCommandOptions, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & SendCommandOptions>();
      const app = await openApp(global);
      const controller = new AbortController();
      // First signal: finish the messages in flight, give the rest back. Second: default behaviour.
      const stop = () => {
        app.logger.warn('stopping: finishing messages in flight, then releasing the rest');
        controller.abort();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const progress = createProgress(process.stderr.isTTY === true && !global.json);
      try {
        if (opts.edition !== undefined && !(await app.store.editions.getEdition(opts.edition))) {
          throw new PaperpostError(
            'cli',
            'bad-input',
            `--edition ${JSON.stringify(opts.edition)}: no such edition (paperpost editions lists them)`,
          );
        }
        const transport = createTransportFor(app.config);
        try {
          await recoverInterrupted(app);
          const summary = await sendWith(
            { ...app, transport },
            {
              editionId: opts.edition,
              mode: opts.untilDone === true ? 'until-empty' : 'once',
              signal: controller.signal,
              onProgress: (p) => progress.update(p),
            },
          );
          progress.stop();
          process.stdout.write(global.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
          assertNothingLeftBehind(summary.leftBehind);
        } finally {
          progress.stop();
          await transport.close();
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await app.close();
      }
    });
}
