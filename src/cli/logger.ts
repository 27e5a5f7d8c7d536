import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/**
 * Structured logs on stderr (stdout stays clean for --json output): JSON when piped,
 * human-readable on a terminal.
 */
export function createLogger(level: string, options: { runId?: string; json?: boolean } = {}): Logger {
  const base = options.runId ? { runId: options.runId } : undefined;
  if (process.stderr.isTTY && !options.json) {
    const stream = pretty({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname' });
    return pino({ level, base }, stream);
  }
  return pino({ level, base }, pino.destination({ fd: 2, sync: true }));
}
