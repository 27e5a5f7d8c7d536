import { hostname } from 'node:os';
import type { Command } from 'commander';
import type { SendSummary } from '../../deliver/index.js';
import { describeError } from '../../domain/index.js';
import { type GlobalOptions, openApp } from '../context.js';
import { createTransportFor, recoverInterrupted, sendWith } from '../wiring.js';

interface WorkerCommandOptions {
  untilIdle?: boolean;
  json?: boolean;
}

/** What `--json` prints: the drain's summary plus who ran it and its peak memory. */
export interface WorkerReport extends SendSummary {
  worker: string;
  /** Peak resident set size of this process (VmHWM), in MiB. */
  peakRssMb: number;
  /** CPU time (user + system) this process used, start-up included, in ms. */
  cpuMs: number;
}

function formatReport(r: WorkerReport): string {
  const lines = [
    `worker ${r.worker}: ${r.passes} pass(es) over ${r.editions.length > 0 ? r.editions.join(', ') : 'no edition'}`,
    `sent ${r.sent}, deferred ${r.deferred}, failed ${r.failed}, cancelled ${r.cancelled}` +
      ` in ${(r.elapsedMs / 1000).toFixed(1)} s (${r.ratePerSecond}/s), peak RSS ${r.peakRssMb} MiB, CPU ${(r.cpuMs / 1000).toFixed(1)} s`,
  ];
  if (r.aborted) lines.push('stopped: messages in flight were recorded, claimed rows given back');
  if (r.deferredLeft > 0)
    lines.push(`${r.deferredLeft} deferred row(s) retry from ${r.nextRetryAt}; a later worker sends them`);
  return `${lines.join('\n')}\n`;
}

/**
 * `paperpost worker [--until-idle] [--json]`: one of any number of senders sharing the ledger
 * (PostgreSQL for several; SQLite allows one process). Polls for work until SIGTERM/SIGINT, or with
 * `--until-idle` exits once nothing is pending or sending.
 */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('claim and send deliveries of every unfinished edition, alongside other workers')
    .option('--until-idle', "exit once nothing is left to send (after dead workers' leases expire)")
    .option('--json', 'print the summary as one JSON object')
    .action(async (opts: WorkerCommandOptions, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & WorkerCommandOptions>();
      const worker = `${hostname()}:${process.pid}`;
      const app = await openApp(global);
      const controller = new AbortController();
      // First signal: finish the messages in flight, give the rest back. Second: default behaviour.
      const stop = (signal: NodeJS.Signals) => {
        app.logger.warn({ worker, signal }, 'stopping: finishing messages in flight, releasing the rest');
        controller.abort();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const transport = createTransportFor(app.config);
        try {
          app.logger.info({ worker, store: app.store.driver, transport: transport.kind }, 'worker started');
          await recoverInterrupted(app);
          // --until-idle: until nothing is pending or sending (dead workers' leases waited out);
          // deferred rows due later stay for the next worker.
          const summary = await sendWith(
            { ...app, transport },
            {
              worker,
              mode: opts.untilIdle === true ? 'until-empty' : 'forever',
              leaveDeferred: true,
              signal: controller.signal,
              onPass: (p) =>
                app.logger.info(
                  { worker, editions: p.editions, sent: p.sent, deferred: p.deferred, failed: p.failed },
                  'pass done',
                ),
              onError: (err) =>
                app.logger.error({ worker, err: describeError(err) }, 'pass failed; retrying'),
            },
          );
          const report: WorkerReport = {
            ...summary,
            worker,
            // resourceUsage().maxRSS is the kernel's peak RSS (VmHWM) in KiB.
            peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
            cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
          };
          process.stdout.write(global.json ? `${JSON.stringify(report)}\n` : formatReport(report));
        } finally {
          await transport.close();
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await app.close();
      }
    });
}
