import type { Command } from 'commander';
import { enabledSchedules, startDaemon } from '../../daemon/index.js';
import { PaperpostError } from '../../domain/index.js';
import type { MailQueueRunner } from '../../server/mail-queue-runner.js';
import type { RunningServer } from '../../server/start.js';
import { curatedGrouping, type GlobalOptions, openApp } from '../context.js';
import { createRendererFor, createTransportFor, sendWith } from '../wiring.js';
import { createWebApp, parsePort, startWebMailQueue } from './serve.js';

interface DaemonCommandOptions {
  serve?: boolean;
  port?: string;
  catchUp?: boolean;
}

/** Resolves on the first SIGTERM or SIGINT; a second one gets Node's default (immediate exit). */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/**
 * `paperpost daemon [--serve] [--catch-up]`: produce the editions on their schedules until
 * SIGTERM/SIGINT, then stop gracefully (in-flight SMTP transactions finish, unsent claims are
 * given back, the store is closed) and exit 0.
 */
export function registerDaemon(program: Command): void {
  program
    .command('daemon')
    .description('produce editions on their schedules (config `schedule`) until stopped')
    .option('--serve', 'also run the subscription web server in this process')
    .option(
      '-p, --port <n>',
      'port of the --serve web server (default: config server.port); without PAPERPOST_BASE_URL, links in letters point there too',
    )
    .option('--catch-up', 'on a first start (no slot recorded), produce the latest due edition now')
    .action(async (opts: DaemonCommandOptions, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & DaemonCommandOptions>();
      const stopSignal = waitForStopSignal();
      const port = opts.port === undefined ? undefined : parsePort(opts.port);
      const app = await openApp(global, { port, seedCatalogue: true });
      try {
        if (enabledSchedules(app.config).length === 0) {
          throw new PaperpostError(
            'cli',
            'bad-input',
            'no schedule is enabled (config schedule.daily/weekly.enabled)',
          );
        }
        const daemon = startDaemon(
          {
            ...app,
            config: { ...app.config, ...curatedGrouping() },
            transport: createTransportFor(app.config),
            renderer: createRendererFor(app.config, app.logger),
            send: (transport, options) => sendWith({ ...app, transport }, { ...options, mode: 'once' }),
          },
          { catchUpOnFirstStart: opts.catchUp === true },
        );
        // The web server gets its own transport (confirmation mails), closed after it.
        const webTransport = opts.serve ? createTransportFor(app.config) : undefined;
        let server: RunningServer | undefined;
        let mailQueue: MailQueueRunner | undefined;
        try {
          if (webTransport) {
            const { host, port } = app.config.server;
            mailQueue = startWebMailQueue(app, webTransport);
            // Loaded when a process serves: the HTTP server's modules cost a run ~25 ms to load.
            const { startServer } = await import('../../server/start.js');
            server = await startServer(createWebApp(app, webTransport, undefined, mailQueue), {
              host,
              port,
              print: (line) => app.logger.info({ host, port }, line),
            });
            app.logger.info({ url: server.url }, 'serving');
          }
          const signal = await stopSignal;
          app.logger.info({ signal }, 'stopping: finishing messages in flight, then releasing the rest');
        } finally {
          await server?.close();
          await mailQueue?.stop();
          await daemon.stop();
          await webTransport?.close();
        }
        app.logger.info('daemon stopped');
      } finally {
        await app.close();
      }
    });
}
