import type { Command } from 'commander';
import { ingestMail, readMailFile } from '../../bounces/ingest-mail.js';
import { readMailbox } from '../../bounces/mailbox.js';
import { describeError, PaperpostError } from '../../domain/index.js';
import { bounceProcessorFor, verpCodecFor } from '../../pipeline/bounce-wiring.js';
import { type GlobalOptions, withApp } from '../context.js';
import { readInputFile } from '../input-file.js';

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** `paperpost bounces parse|import|serve`: read bounce mails and act on them. */
export function registerBounces(program: Command): void {
  const group = program.command('bounces').description('bounces and complaints: read, import, receive');
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions & { json?: boolean }>();

  group
    .command('parse <file>')
    .description('read one bounce, complaint or other mail and print its class (never touches the store)')
    .option('--json', 'print {class, recipient, status, reason, feedbackType, ...} (the stable contract)')
    .action(async (file: string, opts: { json?: boolean }) => {
      const r = await readMailFile(readInputFile(file), file);
      const out = {
        class: r.class,
        recipient: r.recipient,
        status: r.status,
        reason: r.reason,
        feedbackType: r.feedbackType,
        replyCode: r.replyCode,
        diagnostic: r.diagnostic,
      };
      if (opts.json) return write(JSON.stringify(out, null, 2));
      write(
        `${r.class}: ${r.reason}${r.status ? ` ${r.status}` : ''}${r.recipient ? ` <${r.recipient}>` : ''}`,
      );
      if (r.feedbackType) write(`feedback type: ${r.feedbackType}`);
      if (r.diagnostic) write(`diagnostic: ${r.diagnostic}`);
    });

  group
    .command('import <location>')
    .description('read bounces from an .eml file, an mbox file, a maildir or a folder of .eml files')
    .option('--json', 'print the counts as JSON')
    .action(async (location: string, opts: { json?: boolean }, command: Command) => {
      await withApp(globals(command), async (app) => {
        if (!app.config.bounces.domain)
          app.logger.warn(
            'bounces.domain is not set: mails can only be matched through a signed VERP address',
          );
        const processor = bounceProcessorFor(app.config, app.store.bounces, app.secret);
        const counts: Record<string, number> = { read: 0 };
        try {
          for await (const item of readMailbox(location)) {
            counts['read'] = (counts['read'] ?? 0) + 1;
            const { reading, result } = await ingestMail(processor, item.raw, {
              source: 'import',
              name: item.name,
            });
            counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
            app.logger.debug({ mail: item.name, class: reading?.class, outcome: result.outcome }, 'bounce');
          }
        } catch (err) {
          if (err instanceof PaperpostError && err.code === 'mailbox-unreadable')
            throw new PaperpostError('cli', 'bad-input', err.message, { cause: err });
          throw err;
        }
        if (opts.json || globals(command).json) return write(JSON.stringify(counts));
        write(
          Object.entries(counts)
            .map(([k, v]) => `${k} ${v}`)
            .join(', '),
        );
      });
    });

  group
    .command('poll-imap')
    .description(
      'read new bounces from the IMAP mailbox of config bounces.imap (password: PAPERPOST_IMAP_PASSWORD)',
    )
    .option('--once', 'poll once and exit (default: every bounces.imap.pollSeconds until stopped)')
    .action(async (opts: { once?: boolean }, command: Command) => {
      await withApp(globals(command), async (app) => {
        const imap = app.config.bounces.imap;
        if (!imap) throw new PaperpostError('cli', 'bad-input', 'bounces.imap: configure the mailbox first');
        if (!app.config.imapPassword)
          throw new PaperpostError('cli', 'bad-input', 'PAPERPOST_IMAP_PASSWORD: set the mailbox password');
        const processor = bounceProcessorFor(app.config, app.store.bounces, app.secret);
        const { pollImapOnce } = await import('../../bounces/imap-poll.js');
        const options = {
          ...imap,
          password: app.config.imapPassword,
          maxMessageBytes: app.config.bounces.serve.maxMessageBytes,
        };
        const pollOnce = async () => {
          const counts = await pollImapOnce(
            options,
            async (raw, name) => {
              const { reading, result } = await ingestMail(processor, raw, { source: 'imap', name });
              app.logger.info({ mail: name, class: reading?.class, outcome: result.outcome }, 'bounce');
            },
            (uid, err) =>
              app.logger.error({ uid, err: describeError(err) }, 'bounce not stored; kept unseen'),
          );
          app.logger.info(counts, 'imap poll');
          return counts;
        };
        if (opts.once) {
          write(JSON.stringify(await pollOnce()));
          return;
        }
        let stopped = false;
        const stop = untilSignal().then(() => {
          stopped = true;
        });
        while (!stopped) {
          await pollOnce().catch((err: unknown) =>
            app.logger.error({ err: describeError(err) }, 'imap poll failed'),
          );
          await Promise.race([stop, new Promise((r) => setTimeout(r, imap.pollSeconds * 1000))]);
        }
      });
    });

  group
    .command('serve')
    .description('receive bounces over SMTP for the bounce domain (only signed VERP recipients)')
    .option('-p, --port <n>', 'port (default: config bounces.serve.port)')
    .option('--host <host>', 'interface (default: config bounces.serve.host)')
    .action(async (opts: { port?: string; host?: string }, command: Command) => {
      await withApp(globals(command), async (app) => {
        const verp = verpCodecFor(app.config, app.secret);
        if (!verp)
          throw new PaperpostError(
            'cli',
            'bad-input',
            'bounces.domain: set the bounce domain in the config first',
          );
        const port = opts.port === undefined ? app.config.bounces.serve.port : Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new PaperpostError('cli', 'bad-input', `--port ${opts.port}: expected 0-65535`);
        const processor = bounceProcessorFor(app.config, app.store.bounces, app.secret);
        const { createInboundSmtpServer } = await import('../../bounces/inbound-smtp.js');
        const server = createInboundSmtpServer({
          verp,
          maxMessageBytes: app.config.bounces.serve.maxMessageBytes,
          connectionsPerMinute: app.config.bounces.serve.connectionsPerMinute,
          onMail: async (raw, envelopeTo, remote) => {
            const { reading, result } = await ingestMail(processor, raw, {
              source: 'smtp',
              name: remote,
              envelopeTo,
            });
            app.logger.info(
              { remote, class: reading?.class, reason: reading?.reason, outcome: result.outcome },
              'bounce received',
            );
          },
          onError: (err) => app.logger.error({ err: describeError(err) }, 'bounce endpoint error'),
        });
        const listening = await server.listen(port, opts.host ?? app.config.bounces.serve.host);
        write(`paperpost: bounce endpoint for ${verp.domain} on port ${listening.port}`);
        await untilSignal();
        await server.close();
      });
    });
}
