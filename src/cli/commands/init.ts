import { constants, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/load.js';
import { PaperpostError } from '../../domain/index.js';
import { assertTimeZone, offsetAt } from '../../pipeline/zone-time.js';
import { type GlobalOptions, PACKAGE_ROOT } from '../context.js';
import { buildInitConfig, DEFAULT_CHOICES, type InitChoices } from '../init-config.js';

interface InitOptions {
  title?: string;
  categories?: string;
  search: string[];
  /** Undefined unless `--hf` or `--no-hf` was given: then Hugging Face's list goes with the categories. */
  hf?: boolean;
  hfSort: string;
  frequency: string;
  timezone: string;
  from?: string;
  fromName?: string;
  contact?: string;
  to?: string;
  env: boolean;
}

const CHOICE_FLAGS = [
  'title',
  'categories',
  'search',
  'hf',
  'hfSort',
  'frequency',
  'timezone',
  'from',
  'fromName',
  'contact',
  'to',
];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function bad(message: string): PaperpostError {
  return new PaperpostError('cli', 'bad-input', message);
}

const list = (value: string) =>
  value
    .split(/[\s,+]+/)
    .map((c) => c.trim())
    .filter(Boolean);

/**
 * Whether a letter of these arXiv categories takes Hugging Face's trending list by default: its
 * papers are machine learning's (cs.CL, cs.CV, cs.LG...), so a letter of computer science,
 * statistical learning or signal processing does, or of no category; a mathematician's letter of
 * math.AP and math.CO does not (`--hf` adds it).
 */
export function withHuggingFace(categories: readonly string[]): boolean {
  return categories.length === 0 || categories.some((c) => /^(?:cs|eess)(?:\.|$)|^stat\.ML$/i.test(c));
}

/** Flags -> choices, each checked with a one-line reason. */
function choicesFrom(opts: InitOptions): InitChoices {
  const categories = opts.categories === undefined ? [...DEFAULT_CHOICES.categories] : list(opts.categories);
  for (const c of categories) {
    if (!/^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$/.test(c))
      throw bad(`--categories ${c}: not an arXiv category such as cs.CL`);
  }
  if (opts.frequency !== 'daily' && opts.frequency !== 'weekly' && opts.frequency !== 'both') {
    throw bad(`--frequency ${opts.frequency}: expected daily, weekly or both`);
  }
  if (opts.hfSort !== 'trending' && opts.hfSort !== 'publishedAt') {
    throw bad(`--hf-sort ${opts.hfSort}: expected trending or publishedAt`);
  }
  for (const [flag, value] of [
    ['--from', opts.from],
    ['--contact', opts.contact],
    ['--to', opts.to],
  ] as const) {
    if (value !== undefined && !EMAIL.test(value)) throw bad(`${flag} ${value}: not an email address`);
  }
  try {
    assertTimeZone(opts.timezone);
  } catch {
    throw bad(`--timezone ${opts.timezone}: not an IANA time zone such as Europe/Berlin`);
  }
  const hf = opts.hf ?? withHuggingFace(categories);
  if (categories.length === 0 && opts.search.length === 0 && !hf) {
    throw bad('init: no source left (--no-hf with no --categories and no --search)');
  }
  return {
    title: opts.title ?? DEFAULT_CHOICES.title,
    categories,
    searches: opts.search,
    hf,
    hfSort: opts.hfSort,
    frequency: opts.frequency,
    timezone: opts.timezone,
    utcOffsetHours: offsetAt(Date.now(), opts.timezone) / 3_600_000,
    from: opts.from,
    fromName: opts.fromName,
    contact: opts.contact,
    to: opts.to,
  };
}

/** The short walk on a terminal: each question shows its default, Enter keeps it. */
async function ask(opts: InitOptions): Promise<InitOptions> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const q = async (question: string, fallback: string) =>
      (await rl.question(`${question} [${fallback || 'none'}]: `)).trim() || fallback;
    process.stdout.write('A config for live sources. Enter keeps the default in brackets.\n');
    const categories = await q('arXiv categories', DEFAULT_CHOICES.categories.join(','));
    const search = await q('arXiv search to follow (e.g. abs:"long context")', '');
    const hf = await q('Hugging Face trending papers (y/n)', withHuggingFace(list(categories)) ? 'y' : 'n');
    const frequency = await q('daily, weekly or both', 'daily');
    const email = await q('your email (sender, contact, first reader)', '');
    return {
      ...opts,
      categories,
      search: search ? [search] : [],
      hf: !/^n/i.test(hf),
      frequency,
      ...(email ? { from: email, contact: email, to: email } : {}),
    };
  } catch (err) {
    // Ctrl+D or Ctrl+C during the walk: nothing was written.
    throw bad(`init: stopped (${(err as Error).message}); nothing written`);
  } finally {
    rl.close();
  }
}

/** `paperpost init`: a ready config for live sources, and .env from .env.example; never overwrites. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a config for live sources (Hugging Face, arXiv) and .env; never overwrites')
    .option(
      '--categories <list>',
      `arXiv categories, comma-separated (default ${DEFAULT_CHOICES.categories.join(',')})`,
    )
    .option(
      '--search <query>',
      'an arXiv API saved search in arXiv syntax (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option(
      '--hf',
      'add the Hugging Face trending list (the default unless every category is outside machine learning)',
    )
    .option('--no-hf', 'leave out the Hugging Face trending list')
    .option('--hf-sort <sort>', 'trending | publishedAt', 'trending')
    .option('--frequency <f>', 'daily | weekly | both', 'daily')
    .option('--timezone <zone>', 'IANA time zone of the schedule', 'UTC')
    .option('--title <title>', 'name of the letter')
    .option('--from <email>', 'sender address (a domain whose SPF/DKIM you control)')
    .option('--from-name <name>', 'sender name')
    .option('--contact <email>', 'contact address sent to arXiv and Hugging Face (default: --from)')
    .option('--to <email>', 'first reader, added when the store has no subscribers')
    .option('--no-env', 'do not write .env')
    .action(async (opts: InitOptions, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const configFile = path.resolve(global.config ?? DEFAULT_CONFIG_FILE);
      // .env where the CLI reads it: the working folder.
      const envFile = path.resolve('.env');
      // Checked before anything is written: nothing is ever half-initialised.
      for (const file of opts.env ? [configFile, envFile] : [configFile]) {
        if (file === path.join(PACKAGE_ROOT, DEFAULT_CONFIG_FILE))
          throw bad(
            `${DEFAULT_CONFIG_FILE} here is the demo's: run \`paperpost init\` in a folder of your own letter (README, Quick start)`,
          );
        if (existsSync(file))
          throw bad(
            `${path.relative(process.cwd(), file) || file} exists: init never overwrites it (move it away first)`,
          );
      }
      const flagsGiven = CHOICE_FLAGS.some((name) => command.getOptionValueSource(name) === 'cli');
      const interactive = !flagsGiven && process.stdin.isTTY === true && process.stdout.isTTY === true;
      const choices = choicesFrom(interactive ? await ask(opts) : opts);
      const config = buildInitConfig(choices);
      mkdirSync(path.dirname(configFile), { recursive: true });
      writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });
      const lines = [
        `wrote ${path.relative(process.cwd(), configFile) || configFile}: ${(config['sources'] as { id: string }[]).map((s) => s.id).join(', ')}`,
      ];
      if (!choices.hf && opts.hf === undefined)
        lines.push(
          `left out Hugging Face's trending list: its papers are machine learning's, and ${choices.categories.join(', ')} ${choices.categories.length === 1 ? 'is' : 'are'} not (--hf adds it)`,
          "the curated topics are machine learning's too: `paperpost topics hide --curated` offers your readers none of them",
        );
      if (opts.env) {
        copyFileSync(path.join(PACKAGE_ROOT, '.env.example'), envFile, constants.COPYFILE_EXCL);
        lines.push(
          `wrote ${path.relative(process.cwd(), envFile) || envFile} (set SMTP_URL to send real mail)`,
        );
      }
      const c = global.config ? ` -c ${global.config}` : '';
      lines.push(`next: paperpost${c} sources test   (fetch each source now, store nothing)`);
      lines.push(`      paperpost${c} run            (your first edition)`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
