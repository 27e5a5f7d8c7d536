/**
 * Regression, issue 15 finding 13 (exit codes and messages), through the built CLI: bad input is
 * one line on stderr and exit 2.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli.js';

let dir: string;

beforeAll(() => {
  dir = tempProject({
    dataDir: 'data',
    topics: [{ label: 'Language models', slug: 'llm', keywords: ['llm'] }],
  });
});

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

describe('subscribers import refuses a file it cannot read as CSV with exit 2 (was 1)', () => {
  it.each([
    ['no-header', 'a@example.org,llm,daily\nb@example.org,,daily\n', /no-header\.csv:1: no header line/],
    [
      'semicolons',
      'email;topics;frequency\na@example.org;llm;daily\n',
      /semicolons\.csv:1: fields are separated by ";"/,
    ],
    [
      'binary',
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]),
      /binary\.csv:1: not a UTF-8 text file/,
    ],
    [
      'utf16',
      Buffer.from('\ufeffemail,topics\r\na@example.org,llm\r\n', 'utf16le'),
      /utf16\.csv:1: UTF-16 text/,
    ],
    [
      'unclosed',
      'email\na@example.org\n"b@example.org\nc@example.org\nd@example.org\n',
      /unclosed\.csv:3: a quoted field never closes/,
    ],
  ])('%s', async (name, content, message) => {
    const file = path.join(dir, `${name}.csv`);
    writeFileSync(file, content);
    const result = await runCli(['subscribers', 'import', file], { cwd: dir });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(message);
    expect(result.stdout).toBe('');
    const list = await runCli(['subscribers', 'list', '--json'], { cwd: dir });
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});

describe('other findings', () => {
  it('send --edition with an unknown id exits 2 naming it (was exit 0, "sent 0")', async () => {
    const result = await runCli(['send', '--edition', 'nope'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toBe(
      'paperpost: [cli] --edition "nope": no such edition (paperpost editions lists them)',
    );
  });

  it('an unknown command prints one line and a hint (was 42 lines of help)', async () => {
    const result = await runCli(['nope'], { cwd: dir });
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/unknown command 'nope'/);
    expect(lines[1]).toMatch(/paperpost --help/);
  });

  it('reads a config file saved with a UTF-8 BOM (was refused)', async () => {
    const bom = tempProject({});
    writeFileSync(path.join(bom, 'paperpost.config.json'), `\ufeff${JSON.stringify({ dataDir: 'data' })}`);
    const result = await runCli(['subscribers', 'list'], { cwd: bom });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('no subscribers\n');
  });

  it('refuses unknown topic slugs while the catalogue is empty (they were stored)', async () => {
    const empty = tempProject({ dataDir: 'data' });
    const add = await runCli(['subscribers', 'add', 'a@example.org', '--topics', 'made-up'], { cwd: empty });
    expect(add.code).toBe(2);
    expect(oneLine(add.stderr)).toMatch(/--topics: unknown topic made-up/);
    const file = path.join(empty, 'people.csv');
    writeFileSync(file, 'email,topics\nb@example.org,made-up\n');
    const imported = await runCli(['subscribers', 'import', file], { cwd: empty });
    expect(imported.stderr).toMatch(/people\.csv:2: unknown topic "made-up"/);
    const list = await runCli(['subscribers', 'list', '--json'], { cwd: empty });
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('config topics are the catalogue of a store that never ran: their slugs are accepted', async () => {
    const add = await runCli(['subscribers', 'add', 'c@example.org', '--topics', 'llm'], { cwd: dir });
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('added c@example.org: confirmed, daily, llm');
    await runCli(['subscribers', 'forget', 'c@example.org'], { cwd: dir });
  });

  it.each([
    ['!made-up', /--topics: unknown topic !made-up/],
    ['llm,!llm', /--topics: topics mix slugs and "!slug" exceptions/],
  ])('add --topics %s: refused in one line, nothing stored', async (topics, message) => {
    const add = await runCli(['subscribers', 'add', 'e@example.org', '--topics', topics], { cwd: dir });
    expect(add.code).toBe(2);
    expect(oneLine(add.stderr)).toMatch(message);
    const list = await runCli(['subscribers', 'list', '--json'], { cwd: dir });
    expect(list.stdout).not.toContain('e@example.org');
  });
});
