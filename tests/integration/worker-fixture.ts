/**
 * Pieces for the multi-worker tests and bench/scale-bench.ts: a throw-away PostgreSQL database, a
 * recording SMTP server that takes a little time per message, and `paperpost worker` children.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { BIN } from '../helpers/cli.js';

/** The server every PostgreSQL test uses (trust auth); each file makes its own database there. */
export const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE `<prefix>_<random>` on the test server; `drop()` removes it (even if in use). */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** One accepted message, as little as the assertions need (5k full messages would be ~100 MB). */
export interface ReceivedMessage {
  to: string;
  messageId: string | null;
}

export interface DelaySink {
  url: string;
  readonly received: ReceivedMessage[];
  close(): Promise<void>;
}

/**
 * A recording SMTP server on loopback that waits `delayMs` before accepting each message, so
 * several messages are in flight per connection pool, as with a real relay.
 */
export async function startDelaySink(delayMs: number): Promise<DelaySink> {
  const received: ReceivedMessage[] = [];
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const end = raw.indexOf('\r\n\r\n');
        const head = raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
        const messageId = /^Message-ID:[ \t]*(.*)$/im.exec(head)?.[1]?.trim() ?? null;
        setTimeout(() => {
          for (const r of session.envelope.rcptTo) received.push({ to: r.address.toLowerCase(), messageId });
          callback(null, 'OK: queued');
        }, delayMs);
      });
    },
  });
  server.on('error', () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const inner = (server as unknown as { server: { address(): { port: number } } }).server;
      resolve(inner.address().port);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        const conns = (server as unknown as { connections: Set<{ _socket?: { destroy(): void } }> })
          .connections;
        for (const conn of conns) conn._socket?.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface WorkerChild {
  child: ChildProcess;
  pid: number;
  /** Resolves when the process ends, with what it printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `paperpost worker <args>` (the built CLI; default `--until-idle --json`) in `cwd` with `env`. */
export function spawnWorker(
  cwd: string,
  env: Record<string, string>,
  args: string[] = ['--until-idle', '--json'],
): WorkerChild {
  const child = spawn(process.execPath, [BIN, 'worker', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  if (child.pid === undefined) throw new Error('worker did not start');
  return { child, pid: child.pid, done };
}
