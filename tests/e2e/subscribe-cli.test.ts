import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { cliWith } from '../helpers/cli-in-process.js';

let dir: string;
let configFile: string;

/** Run the real CLI in-process with this file's config; capture what it prints. */
const cli = (...args: string[]) => cliWith(configFile, ...args);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'paperpost-subscribers-cli-'));
  configFile = path.join(dir, 'paperpost.config.json');
  writeFileSync(configFile, JSON.stringify({ dataDir: path.join(dir, 'data') }));
  process.env.LOG_LEVEL = 'silent';
  const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
  await store.catalogue.saveTopics(
    ['llm', 'vision'].map((slug) => ({ slug, label: slug, keywords: [], categories: [], userDefined: true })),
  );
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paperpost subscribers', () => {
  it('imports the good rows and reports bad ones with their line numbers', async () => {
    const csv = path.join(dir, 'people.csv');
    writeFileSync(
      csv,
      'email,topics,frequency\nada@example.org,llm;vision,weekly\nnot-an-email,,\nbob@example.org,,\ncy@example.org,cooking,daily\n',
    );
    const run = await cli('subscribers', 'import', csv);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('imported 2 (added 2, updated 0), skipped 0, bad rows 2');
    expect(run.stderr).toContain(`${csv}:3: invalid email "not-an-email"`);
    expect(run.stderr).toContain(`${csv}:5: unknown topic "cooking"`);
  });

  it('exits 2 for an unreadable file and 1 when no row could be imported', async () => {
    const missing = await cli('subscribers', 'import', path.join(dir, 'missing.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.csv: cannot read \(ENOENT\)/);
    const allBad = path.join(dir, 'bad.csv');
    writeFileSync(allBad, 'email\nnope\n');
    expect((await cli('subscribers', 'import', allBad)).code).toBe(1);
  });

  it('adds, lists, removes, exports and forgets', async () => {
    const add = await cli(
      'subscribers',
      'add',
      'Dee@Example.org',
      '--topics',
      'llm',
      '--frequency',
      'weekly',
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('added dee@example.org: confirmed, weekly, llm');
    expect((await cli('subscribers', 'add', 'x@example.org', '--topics', 'nope')).code).toBe(2);
    expect((await cli('subscribers', 'add', 'a@b.c\r\nBcc: x@y.z')).code).toBe(2);

    const removed = await cli('subscribers', 'remove', 'dee@example.org');
    expect(removed.stdout).toContain('dee@example.org: unsubscribed');

    const list = await cli('subscribers', 'list', '--json', '--status', 'confirmed');
    const confirmed = JSON.parse(list.stdout) as { email: string }[];
    expect(confirmed.map((s) => s.email)).toEqual(['ada@example.org', 'bob@example.org']);

    const csv = (await cli('subscribers', 'export')).stdout.trim().split('\n');
    expect(csv[0]).toBe('email,topics,frequency,status,name,created_at,confirmed_at,unsubscribed_at,key');
    expect(csv[1]).toMatch(/^ada@example\.org,llm;vision,weekly,confirmed,,/);
    expect(csv).toHaveLength(4);
    const json = JSON.parse((await cli('subscribers', 'export', '--json')).stdout) as unknown[];
    expect(json).toHaveLength(3);

    expect((await cli('subscribers', 'forget', 'dee@example.org')).stdout).toContain(
      'dee@example.org: erased',
    );
    expect((await cli('subscribers', 'forget', 'dee@example.org')).code).toBe(2);
    expect(JSON.parse((await cli('subscribers', 'list', '--json')).stdout)).toHaveLength(2);
  });

  // Regression (issue 14): add and remove had no --json, list had no header row.
  it('add and remove print JSON with --json; list starts with a header row', async () => {
    const added = JSON.parse(
      (await cli('subscribers', 'add', 'eve@example.org', '--json', '--topics', 'llm')).stdout,
    );
    expect(added).toMatchObject({
      email: 'eve@example.org',
      status: 'confirmed',
      topics: ['llm'],
      frequency: 'daily',
    });
    const removed = JSON.parse((await cli('subscribers', 'remove', 'eve@example.org', '--json')).stdout);
    expect(removed).toMatchObject({ email: 'eve@example.org', status: 'unsubscribed' });
    const lines = (await cli('subscribers', 'list')).stdout.trim().split('\n');
    expect(lines[0]).toBe('id\temail\tstatus\tfrequency\ttopics\treason');
    expect(lines.slice(1).some((l) => /\teve@example\.org\tunsubscribed\tdaily\tllm$/.test(l))).toBe(true);
  });
});
