import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { forgetOutboxMail } from '../../deliver/index.js';
import { FREQUENCIES, PaperpostError, type Subscriber, type SubscriberStatus } from '../../domain/index.js';
import { configTopics } from '../../pipeline/build-edition.js';
import type { Store } from '../../store/types.js';
import {
  checkTopicChoice,
  confirmMailKey,
  EXPORT_HEADER,
  formatSubscriberCsv,
  type ImportProblem,
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
    const page = await store.subscribers.listSubscribers({ status, afterId, limit: PAGE });
    yield* page;
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) return;
    afterId = last.id;
  }
}

/** Refuse a file that can't be opened, in one line, before the store is opened. */
async function checkReadable(file: string): Promise<void> {
  try {
    const handle = await open(file, 'r');
    await handle.close();
    if ((await stat(file)).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  } catch (err) {
    throw new PaperpostError(
      'cli',
      'unreadable',
      `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: err },
    );
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
    .option(
      '-t, --topics <slugs>',
      'comma-separated topic slugs, or !slug for every topic except it (default: every topic)',
    )
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
        await app.store.catalogue.saveTopics(configTopics(app.config));
        const catalogue = new Set((await app.store.catalogue.listTopics()).map((t) => t.slug));
        // An empty catalogue knows no slug: storing one would give a subscriber topics nobody has.
        const unknown = topics.filter((slug) => !catalogue.has(slug.startsWith('!') ? slug.slice(1) : slug));
        if (unknown.length > 0)
          throw bad(`--topics: unknown topic ${unknown.join(', ')} (see the config's topics)`);
        const wrong = checkTopicChoice(topics, catalogue);
        if (wrong !== undefined) throw bad(`--topics: ${wrong}`);
        const sub = await app.store.subscribers.upsertSubscriber({
          email,
          status: 'confirmed',
          topics,
          frequency,
        });
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
        const sub = await app.store.subscribers.getSubscriberByEmail(email);
        if (!sub) throw new PaperpostError('cli', 'not-found', `${email}: no such subscriber`);
        const after = await unsubscribe({ store: app.store }, sub.id, new Date());
        if (global.json) return write(JSON.stringify(after));
        write(`${after.email}: ${after.status}`);
      });
    });

  group
    .command('import <file>')
    .description(
      'import a CSV (header naming email and optionally topics, frequency, status, name, created_at, ' +
        'confirmed_at, unsubscribed_at, key: what export prints); streams the file',
    )
    .option('--json', 'print the report as JSON')
    .action(async (file: string, _opts: object, command: Command) => {
      await checkReadable(file);
      const global = globals(command);
      await withApp(global, async (app) => {
        await app.store.catalogue.saveTopics(configTopics(app.config));
        const problems: Record<'skipped' | 'errors', ImportProblem[]> = { skipped: [], errors: [] };
        const counts = await importCsv(
          { store: app.store },
          () => createReadStream(file),
          file,
          new Date(),
          (kind, problem) => {
            if (global.json) problems[kind === 'error' ? 'errors' : 'skipped'].push(problem);
            else
              process.stderr.write(
                `${file}:${problem.line}: ${kind === 'skipped' ? 'skipped: ' : ''}${problem.reason}\n`,
              );
          },
        );
        if (global.json) write(JSON.stringify({ added: counts.added, updated: counts.updated, ...problems }));
        else
          write(
            `imported ${counts.added + counts.updated} (added ${counts.added}, updated ${counts.updated}), ` +
              `skipped ${counts.skipped}, bad rows ${counts.errors}`,
          );
        if (counts.added + counts.updated === 0 && counts.errors > 0) {
          throw new PaperpostError('cli', 'job-failed', `${file}: no row imported`);
        }
      });
    });

  group
    .command('export')
    .description('print every subscriber as CSV (re-importable: statuses, consent times, keys) or JSON')
    .option('--json', 'one JSON array')
    .option(
      '--spreadsheet-safe',
      "prefix ' to values a spreadsheet would run as formulas (=, +, -, @); such a file does not re-import exactly",
    )
    .action(async (opts: { spreadsheetSafe?: boolean }, command: Command) => {
      const global = globals(command);
      await withApp(global, async (app) => {
        let first = true;
        write(global.json ? '[' : EXPORT_HEADER);
        for await (const sub of allSubscribers(app.store)) {
          write(
            global.json
              ? `${first ? '' : ','}${JSON.stringify(sub)}`
              : formatSubscriberCsv(sub, { spreadsheetSafe: opts.spreadsheetSafe === true }),
          );
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
        const sub = await app.store.subscribers.getSubscriberByEmail(email);
        if (!sub || !(await app.store.subscribers.forgetSubscriber(email))) {
          throw new PaperpostError('cli', 'not-found', `${email}: no such subscriber`);
        }
        for (const key of [confirmMailKey(sub.id), pausedKey(sub.id)]) {
          if (await app.store.runs.getMeta(key)) await app.store.runs.setMeta(key, '');
        }
        // Their mails in the file outbox are their data too (digests and transactional mails).
        const files = await forgetOutboxMail(app.config.outboxDir, email);
        write(
          `${email}: erased${files > 0 ? ` (${files} outbox file${files === 1 ? '' : 's'} removed)` : ''}`,
        );
      });
    });
}
