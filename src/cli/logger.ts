import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs on stderr (stdout stays clean for --json output): JSON when piped,
 * human-readable on a terminal.
 */
export function createLogger(level: string, options: { runId?: string; json?: boolean } = {}): Logger {
  const base = options.runId ? { runId: options.runId } : undefined;
  if (process.stderr.isTTY && !options.json) {
    // pino-pretty only for a terminal: piped runs (cron, systemd, tests) do not pay for it.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
    const stream = pretty({
      destination: 2,
      sync: true,
      colorize: true,
      ignore: 'pid,hostname',
      singleLine: true,
    });
    return pino({ level, base }, stream);
  }
  return pino({ level, base }, pino.destination({ fd: 2, sync: true }));
}
