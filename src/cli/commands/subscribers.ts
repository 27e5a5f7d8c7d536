import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { forgetOutboxMail } from '../../deliver/index.js';
import { FREQUENCIES, PaperpostError, type Subscriber, type SubscriberStatus } from '../../domain/index.js';
import type { Store } from '../../store/types.js';
import {
  confirmMailKey,
  EXPORT_HEADER,
  formatSubscriberCsv,
  importCsv,
  normalizeEmail,
  parseFrequency,
  pausedKey,
  unsubscribe,
} from '../../subscribers/index.js';
import { type GlobalOptions, withApp } from '../context.js';

const PAGE = 500;
const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = [
  'pending',
  'confirmed',
  'unsubscribed',
  'suppressed',
];

function bad(message: string): PaperpostError {
  return new PaperpostError('cli', 'bad-input', message);
}

function emailArg(value: string): string {
  const email = normalizeEmail(value);
  if (email === undefined) throw bad(`${JSON.stringify(value)}: not a valid email address`);
  return email;
}

/** Every subscriber (optionally of one status), page by page: never the whole list in memory. */
async function* allSubscribers(store: Store, status?: SubscriberStatus): AsyncGenerator<Subscriber> {
  let afterId: number | undefined;
  for (;;) {
    const page = await store.listSubscribers({ status, afterId, limit: PAGE });
    yield* page;
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) return;
    afterId = last.id;
  }
}

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `paperpost subscribers add|list|remove|import|export|forget`: the operator's admin. */
export function registerSubscribers(program: Command): void {
  const group = program.command('subscribers').description('manage subscribers (operator actions)');
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions & { json?: boolean }>();

  group
    .command('add <email>')
    .description('add (or update) a confirmed subscriber')
    .option('-t, --topics <slugs>', 'comma-separated topic slugs (default: every topic)')
    .option('-f, --frequency <daily|weekly>', 'how often', 'daily')
    .option('--json', 'print the subscriber as one JSON object')
    .action(async (raw: string, opts: { topics?: string; frequency: string }, command: Command) => {
      const email = emailArg(raw);
      const frequency = parseFrequency(opts.frequency);
      if (!frequency) throw bad(`--frequency ${opts.frequency}: expected ${FREQUENCIES.join(' or ')}`);
      const topics = (opts.topics ?? '')
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
      const global = globals(command);
      await withApp(global, async (app) => {
        const catalogue = new Set((await app.store.listTopics()).map((t) => t.slug));
        const unknown = topics.filter((slug) => catalogue.size > 0 && !catalogue.has(slug));
        if (unknown.length > 0)
          throw bad(`--topics: unknown topic ${unknown.join(', ')} (see the config's topics)`);
        const sub = await app.store.upsertSubscriber({ email, status: 'confirmed', topics, frequency });
        if (global.json) return write(JSON.stringify(sub));
        write(
          `added ${sub.email}: confirmed, ${sub.frequency}, ${sub.topics.length ? sub.topics.join(', ') : 'all topics'}`,
        );
      });
    });

  group
    .command('list')
    .description('list subscribers')
    .option('-s, --status <status>', `only one status (${SUBSCRIBER_STATUSES.join(', ')})`)
    .option('--json', 'one JSON array')
    .action(async (opts: { status?: string }, command: Command) => {
      const status = opts.status as SubscriberStatus | undefined;
      if (status !== undefined && !SUBSCRIBER_STATUSES.includes(status)) {
        throw bad(`--status ${opts.status}: expected ${SUBSCRIBER_STATUSES.join(', ')}`);
      }
      const global = globals(command);
      await withApp(global, async (app) => {
        let first = true;
        if (global.json) process.stdout.write('[');
        const header = 'id\temail\tstatus\tfrequency\ttopics\treason';
        for await (const sub of allSubscribers(app.store, status)) {
          if (global.json) process.stdout.write(`${first ? '' : ','}\n${JSON.stringify(sub)}`);
          else {
            if (first) write(header);
            write(
              `${sub.id}\t${sub.email}\t${sub.status}\t${sub.frequency}\t${sub.topics.join(';') || '*'}\t${
                // Why someone gets nothing: the bounce or complaint that suppressed them.
                sub.status === 'suppressed' && sub.suppressedReason ? sub.suppressedReason : ''
              }`,
            );
          }
          first = false;
        }
        if (global.json) write(first ? ']' : '\n]');
        else if (first) write('no subscribers');
      });
    });

  group
    .command('remove <email>')
    .description('unsubscribe an address now (later deliveries are cancelled at claim)')
    .option('--json', 'print the subscriber as one JSON object')
    .action(async (raw: string, _opts: object, command: Command) => {
      const email = emailArg(raw);
      const global = globals(command);
      await withApp(global, async (app) => {
        const sub = await app.store.getSubscriberByEmail(email);
        if (!sub) throw new PaperpostError('cli', 'not-found', `${email}: no such subscriber`);
        const after = await unsubscribe({ store: app.store }, sub.id, new Date());
        if (global.json) return write(JSON.stringify(after));
        write(`${after.email}: ${after.status}`);
      });
    });

  group
    .command('import <file>')
    .description('import a CSV (email,topics,frequency; topics separated by ";") as confirmed subscribers')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, _opts: object, command: Command) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new PaperpostError(
          'cli',
          'unreadable',
          `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
          {
            cause: err,
          },
        );
      }
      const global = globals(command);
      await withApp(global, async (app) => {
        const report = await importCsv({ store: app.store }, text, new Date());
        if (global.json) write(JSON.stringify(report));
        else {
          for (const e of report.errors) process.stderr.write(`${file}:${e.line}: ${e.reason}\n`);
          for (const s of report.skipped) process.stderr.write(`${file}:${s.line}: skipped: ${s.reason}\n`);
          write(
            `imported ${report.added + report.updated} (added ${report.added}, updated ${report.updated}), ` +
              `skipped ${report.skipped.length}, bad rows ${report.errors.length}`,
          );
        }
        if (report.added + report.updated === 0 && report.errors.length > 0) {
          throw new PaperpostError('cli', 'job-failed', `${file}: no row imported`);
        }
      });
    });

  group
    .command('export')
    .description('print every subscriber as CSV (re-importable) or JSON')
    .option('--json', 'one JSON array')
    .action(async (_opts: object, command: Command) => {
      const global = globals(command);
      await withApp(global, async (app) => {
        let first = true;
        write(global.json ? '[' : EXPORT_HEADER);
        for await (const sub of allSubscribers(app.store)) {
          write(global.json ? `${first ? '' : ','}${JSON.stringify(sub)}` : formatSubscriberCsv(sub));
          first = false;
        }
        if (global.json) write(']');
      });
    });

  group
    .command('forget <email>')
    .description("erase a person's data (GDPR): subscriber row, deliveries, queued and outbox mails")
    .action(async (raw: string, _opts: object, command: Command) => {
      const email = emailArg(raw);
      await withApp(globals(command), async (app) => {
        const sub = await app.store.getSubscriberByEmail(email);
        if (!sub || !(await app.store.forgetSubscriber(email))) {
          throw new PaperpostError('cli', 'not-found', `${email}: no such subscriber`);
        }
        for (const key of [confirmMailKey(sub.id), pausedKey(sub.id)]) {
          if (await app.store.getMeta(key)) await app.store.setMeta(key, '');
        }
        // Their mails in the file outbox are their data too (digests and transactional mails).
        const files = await forgetOutboxMail(app.config.outboxDir, email);
        write(
          `${email}: erased${files > 0 ? ` (${files} outbox file${files === 1 ? '' : 's'} removed)` : ''}`,
        );
      });
    });
}
