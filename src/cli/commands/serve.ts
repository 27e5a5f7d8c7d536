import type { Command } from 'commander';
import { Hono } from 'hono';
import type { Transport } from '../../deliver/index.js';
import { PaperpostError } from '../../domain/index.js';
import { configTopics } from '../../pipeline/build-edition.js';
import { createApp } from '../../server/app.js';
import { type MailQueueRunner, startMailQueueRunner } from '../../server/mail-queue-runner.js';
import { createTransactionalMailer } from '../../server/transactional-mailer.js';
import { createTokenSigner, drainMailQueue } from '../../subscribers/index.js';
import { bounceRouteDeps } from '../bounce-deps.js';
import { type App, curatedAreas, type GlobalOptions, openApp } from '../context.js';
import { createRendererFor, createTransportFor } from '../wiring.js';

interface ServeOptions {
  port?: string;
  host?: string;
}

/**
 * The subscription site over an open app: real store, signer from the app's secret, renderer for
 * the confirmation/welcome mails, and the configured transport (file outbox under
 * `transactional/`, or SMTP when SMTP_URL is set). Used by `serve` and by the daemon.
 */
export function createWebApp(
  app: App,
  transport: Transport,
  baseUrl = app.config.baseUrl,
  mailQueue?: MailQueueRunner,
): Hono {
  const config = { ...app.config, baseUrl };
  const renderer = createRendererFor(config, app.logger);
  return createApp({
    store: app.store,
    config,
    areas: curatedAreas(),
    signer: createTokenSigner(app.secret),
    secret: app.secret,
    mailer: createTransactionalMailer(transport, config.sender),
    templates: renderer,
    logger: app.logger,
    mailQueue,
    bounces: bounceRouteDeps(app),
    metricsToken: app.config.metricsToken,
  });
}

/**
 * Sends queued confirmation and welcome mails in the background of a web process: after each
 * request that queued one, and every few seconds (retries, mails queued by other processes).
 */
export function startWebMailQueue(
  app: App,
  transport: Transport,
  baseUrl = app.config.baseUrl,
): MailQueueRunner {
  const config = { ...app.config, baseUrl };
  const flows = {
    store: app.store,
    signer: createTokenSigner(app.secret),
    mailer: createTransactionalMailer(transport, config.sender),
    templates: createRendererFor(config, app.logger),
    baseUrl,
  };
  return startMailQueueRunner(
    () =>
      drainMailQueue(flows, () => new Date(), {
        onError: (mail, error, willRetry) =>
          app.logger.warn({ mail: mail.id, kind: mail.kind, willRetry }, `queued mail not sent: ${error}`),
      }),
    { onError: (err) => app.logger.warn({ err }, 'mail queue: drain failed') },
  );
}

/** A `--port` value, or exit 2. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PaperpostError('cli', 'bad-input', `--port ${value}: expected 0-65535`);
  }
  return port;
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** `paperpost serve [--port N] [--host H]`: subscription pages, archive, feed and health. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the subscription site, archive, RSS feed and /healthz')
    .option('-p, --port <n>', 'port (default: config server.port)')
    .option('--host <host>', 'interface to listen on (default: config server.host)')
    .action(async (opts: ServeOptions, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const app = await openApp(global, { seedCatalogue: true });
      const transport = createTransportFor(app.config);
      try {
        // The form offers the catalogue: make sure the config's own topics are in it from day one.
        await app.store.catalogue.saveTopics(configTopics(app.config));
        const host = opts.host ?? app.config.server.host;
        const port = opts.port === undefined ? app.config.server.port : parsePort(opts.port);
        // Without PAPERPOST_BASE_URL, links point at where this process really listens.
        const explicitBase = process.env.PAPERPOST_BASE_URL !== undefined;
        const linkHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
        let web: Hono | undefined;
        const front = new Hono();
        front.all('*', (c) => (web ?? createWebApp(app, transport)).fetch(c.req.raw, c.env));
        // Loaded when a process serves: the HTTP server's modules cost a run ~25 ms to load.
        const { startServer } = await import('../../server/start.js');
        const server = await startServer(front, { host, port });
        const baseUrl = explicitBase ? app.config.baseUrl : `http://${linkHost}:${server.port}`;
        const mailQueue = startWebMailQueue(app, transport, baseUrl);
        web = createWebApp(app, transport, baseUrl, mailQueue);
        app.logger.info({ url: server.url }, 'serving');
        if (!explicitBase && server.port !== app.config.server.port) {
          // Say it once: `run` and the daemon make letters with the config's port in their links.
          app.logger.warn(
            `links in this site's mails point to http://${linkHost}:${server.port}, but letters made by \`paperpost run\` link to ${app.config.baseUrl} (server.port ${app.config.server.port}); set PAPERPOST_BASE_URL or server.port so both agree`,
          );
        }
        await untilSignal();
        await server.close();
        await mailQueue.stop();
      } finally {
        await transport.close();
        await app.close();
      }
    });
}
