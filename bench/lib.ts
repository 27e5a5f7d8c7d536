import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The shared corpora: where PAPERPOST_CORPORA points, else beside the checkout (../shared/corpora). */
export const CORPORA = process.env.PAPERPOST_CORPORA
  ? path.resolve(process.env.PAPERPOST_CORPORA)
  : path.resolve(ROOT, '..', 'shared', 'corpora');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  const found = r.stdout.trim();
  if (found) return found;
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin'])
    if (existsSync(path.join(dir, cmd))) return path.join(dir, cmd);
  return null;
}

/** Postfix's smtp-sink on loopback; resolves once it accepts connections. */
export async function startSmtpSink(): Promise<{ port: number; stop(): void } | null> {
  const bin = which('smtp-sink');
  if (!bin) return null;
  const port = await freePort();
  const child = spawn(bin, ['-u', 'nobody', `127.0.0.1:${port}`, '1000'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, stop: () => child.kill('SIGTERM') };
}

/** Serve one file over HTTP on loopback (both tools fetch the same bytes the same way). */
export async function serveFile(body: Buffer, contentType: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/feed.xml`, server };
}

/**
 * The Node options a launcher starts Node with: bin/paperpost.js, run as a program, runs
 * `exec node OPTIONS "$0"`. A bench that runs the CLI (or a script standing for it) with `node`
 * passes them, so it measures what `paperpost` does. [] for a launcher without that line (an older
 * build's `#!/usr/bin/env node`).
 */
export function launcherOptions(bin = path.join(ROOT, 'bin', 'paperpost.js')): string[] {
  const line = /^":" \/\/; exec node (.*) "\$0" "\$@"$/m.exec(readFileSync(bin, 'utf8'));
  return line?.[1]?.split(' ').filter((o) => o !== '') ?? [];
}

/** `node`'s arguments that start the CLI of `bin` as running the launcher does: its options, then it. */
export function cliArgs(bin = path.join(ROOT, 'bin', 'paperpost.js')): string[] {
  return [...launcherOptions(bin), bin];
}

export interface Timed {
  seconds: number;
  /** CPU seconds of the process and its waited-for children (user + sys). */
  cpuSeconds: number;
  peakKb: number;
  code: number | null;
  stderr: string;
}

/** Run a command under /usr/bin/time: wall seconds, CPU seconds (user + sys) and peak RSS of the process tree's largest. */
export function timed(
  cmd: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '__TIME__ %e %M %U %S', cmd, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({
        seconds: Number(m?.[1] ?? Number.NaN),
        peakKb: Number(m?.[2] ?? 0),
        cpuSeconds: Number(m?.[3] ?? Number.NaN) + Number(m?.[4] ?? Number.NaN),
        code,
        stderr,
      });
    });
  });
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Seeded PRNG (mulberry32): benchmarks draw the same "random" inputs every run. */
export { seededRandom as mulberry32 } from '../tests/helpers/seeded-random.js';
