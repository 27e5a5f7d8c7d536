import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { expect } from 'vitest';
import type { Edition } from '../../src/domain/index.js';
import { createStore } from '../../src/store/index.js';
import { runCli } from './cli.js';

/** What `paperpost run --json` in a project left: its summary, the stored edition, skipped readers. */
export interface RunEdition {
  stdout: string;
  edition: Edition;
  skipped: string[];
}

/** Runs one edition in `dir` (SQLite in data/), expects a clean exit, and reads it back. */
export async function runEdition(dir: string): Promise<RunEdition> {
  const run = await runCli(['run', '--json'], { cwd: dir });
  expect(run.stderr).not.toMatch(/"level":50|at .*\.js:\d+/);
  expect(run.code).toBe(0);
  const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
  try {
    const edition = (await store.editions.getEdition(JSON.parse(run.stdout).edition.id)) as Edition;
    const skipped = (await store.ledger.listDeliveries(edition.id, { state: 'skipped', limit: 50 })).map(
      (d) => d.email,
    );
    return { stdout: run.stdout, edition, skipped };
  } finally {
    await store.close();
  }
}

/** The plain-text part of the mail edition `editionId` of the project in `dir` wrote to `email`; undefined when it wrote none. */
export async function outboxText(dir: string, editionId: string, email: string): Promise<string | undefined> {
  const folder = path.join(dir, 'data', 'outbox', editionId);
  const file = readdirSync(folder).find((f) => f.endsWith(`-${email}.eml`));
  if (file === undefined) return undefined;
  return (await simpleParser(readFileSync(path.join(folder, file)))).text ?? '';
}
