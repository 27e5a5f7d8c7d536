import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { BIN, ROOT } from '../helpers/cli.js';

/** The daemon tests run the built CLI; `npm test` builds first. */
export function assertBuilt(): void {
  if (!existsSync(path.join(ROOT, 'dist', 'app', 'cli.cjs'))) {
    throw new Error('dist/ has no built CLI: run `npm run build` before these tests');
  }
}

export interface DaemonProcess {
  child: ChildProcess;
  /** Parsed pino lines (stderr) seen so far. */
  readonly logs: Array<Record<string, unknown>>;
  readonly stderr: string;
  /** Resolves with the first log line `match` accepts; rejects if the process exits first. */
  waitForLog(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `paperpost daemon ...args` in `cwd` with JSON logs at info level. */
export function spawnDaemon(args: string[], cwd: string, env: Record<string, string> = {}): DaemonProcess {
  const child = spawn(process.execPath, [BIN, 'daemon', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const waiters: Array<{
    match: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown>) => void;
  }> = [];
  let stderr = '';
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    partial += chunk.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
      }
      logs.push(line);
      for (const w of waiters.splice(0)) {
        if (w.match(line)) w.resolve(line);
        else waiters.push(w);
      }
    }
  });
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    logs,
    get stderr() {
      return stderr;
    },
    waitForLog(match) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        exited.then(({ code }) => reject(new Error(`daemon exited (${code}) first:\n${stderr}`)));
      });
    },
    exited,
  };
}

export const logMessage = (msg: string) => (line: Record<string, unknown>) => line.msg === msg;

export interface SlowSmtp {
  url: string;
  /** Envelope recipient of every accepted message, in order. */
  readonly received: string[];
  /** Resolves once `count` messages were accepted. */
  waitForCount(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A real SMTP server on loopback that waits `delayMs` before answering each DATA. */
export async function startSlowSmtp(delayMs: number): Promise<SlowSmtp> {
  const received: string[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        setTimeout(() => {
          for (const rcpt of session.envelope.rcptTo) received.push(rcpt.address.toLowerCase());
          for (const w of waiters.splice(0)) {
            if (received.length >= w.count) w.resolve();
            else waiters.push(w);
          }
          callback(null, 'OK: queued');
        }, delayMs);
      });
    },
  });
  server.on('error', () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.listen(0, '127.0.0.1', () => {
      const inner = (server as unknown as { server: { address(): AddressInfo } }).server;
      resolve(inner.address().port);
    });
    server.once('error', reject);
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitForCount: (count) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
