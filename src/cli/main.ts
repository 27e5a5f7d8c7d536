import { Command, CommanderError } from 'commander';
import { PaperpostError } from '../domain/index.js';
import { commands } from './commands/index.js';
import { loadDotEnv } from './dotenv.js';

/** Exit codes: 0 ok, 1 the job ran but failed (e.g. no source worked), 2 bad input or usage. */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('paperpost')
    .description('Trending research papers, grouped and ranked, delivered by email.')
    .version('0.1.0')
    .option('-c, --config <file>', 'config file (default: ./paperpost.config.json or PAPERPOST_CONFIG)')
    // A usage mistake gets commander's one line (with "Did you mean ...?") and a hint, not pages of help.
    .showHelpAfterError('(paperpost --help lists the commands; paperpost <command> --help their options)')
    .exitOverride();
  const wanted = commandName(argv.slice(2));
  const entries = commands.filter((c) => c.name === wanted);
  for (const entry of entries.length > 0 ? entries : commands) (await entry.load())(program);
  return program;
}

/** The command word in the arguments (after global options such as `-c FILE`), if any. */
function commandName(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-c' || arg === '--config') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** Print one line for a failure: `[stage] input: reason`, never a stack trace (DEBUG=1 shows it). */
export function reportError(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof PaperpostError) {
    process.stderr.write(`paperpost: ${err.toString()}\n`);
    return err.code === 'job-failed' ? 1 : 2;
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  process.stderr.write(`paperpost: ${message}\n`);
  if (process.env.DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return 1;
}

/** The only place that exits. */
export async function main(argv: string[]): Promise<void> {
  // `paperpost parse x --json | head`: a closed pipe ends the output, it is not a crash.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    loadDotEnv(process.cwd(), process.env);
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (err) {
    process.exitCode = reportError(err);
  }
}
