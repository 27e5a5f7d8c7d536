import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (tests run against the built CLI in dist/, as a user would). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'paperpost.js');
export const SAMPLES = path.join(ROOT, 'data', 'samples');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run `paperpost ...args` in `cwd` with extra environment; never throws for a non-zero exit. */
export function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A fresh working folder with a config file; returns its path. */
export function tempProject(config: object, prefix = 'paperpost-e2e-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  writeFileSync(path.join(dir, 'paperpost.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

/**
 * The config of an e2e run letter: its title, sources and seeded readers (email, topics), mail
 * from digest@paperpost.example under list id `<list>.paperpost.example`, data in `data/`;
 * `extra` adds or replaces keys (limits).
 */
export function readerConfig(
  title: string,
  list: string,
  sources: object[],
  readers: { email: string; topics?: string[] }[],
  extra: object = {},
): object {
  return {
    title,
    sources,
    sender: { fromAddress: 'digest@paperpost.example', listId: `${list}.paperpost.example` },
    seedSubscribers: readers,
    dataDir: 'data',
    ...extra,
  };
}

/** The shipped sample sources with absolute locations. */
export function sampleSources(): object[] {
  return [
    {
      id: 'arxiv-cs-cl',
      kind: 'arxiv-rss',
      location: path.join(SAMPLES, 'arxiv-rss_cs.CL-slice_2024-11-28.xml'),
    },
    { id: 'hf-daily', kind: 'hf-daily', location: path.join(SAMPLES, 'hf-daily-papers_2026-06-12.json') },
    { id: 'hf-papers-rss', kind: 'rss', location: path.join(SAMPLES, 'hf-papers-rss_2026-08-22.xml') },
    {
      id: 'demo-arxiv-api',
      kind: 'arxiv-api',
      location: path.join(SAMPLES, 'DEMO-ONLY_arxiv-api_repeats-samples.atom.xml'),
    },
  ];
}
