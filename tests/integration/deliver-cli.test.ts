import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';
import { makeVariant } from '../unit/deliver/fixtures.js';
import { EDITION, emailOf, openStore, seedEdition } from './deliver-fixture.js';

let dir: string;
let sink: SmtpSink;
const saved = { ...process.env };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pp-deliver-cli-'));
  sink = await startSmtpSink();
  const config = {
    dataDir: path.join(dir, 'data'),
    sender: { fromName: 'Paperpost', fromAddress: 'digest@paperpost.test', listId: 'list.paperpost.test' },
    smtp: { maxConnections: 2, ratePerSecond: 1000 },
  };
  await writeFile(path.join(dir, 'paperpost.config.json'), JSON.stringify(config));
  Object.assign(process.env, {
    PAPERPOST_CONFIG: path.join(dir, 'paperpost.config.json'),
    SMTP_URL: sink.url,
    PAPERPOST_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'silent',
  });
  const store = await openStore(path.join(dir, 'data'));
  await seedEdition(store, 12, makeVariant('daily:*', 4));
  await store.close();
});
afterEach(async () => {
  process.env = { ...saved };
  process.exitCode = undefined;
  await sink.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await main(['node', 'paperpost', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

describe('paperpost send / editions', () => {
  it('sends over SMTP_URL, prints a JSON summary, and editions show lists the failures', async () => {
    sink.setFault(({ to }) => (to === emailOf(5) ? 550 : undefined));
    const summary = JSON.parse(await run('send', '--json'));
    expect(process.exitCode ?? 0).toBe(0);
    expect(summary).toMatchObject({ editions: [EDITION], sent: 11, failed: 1, deferred: 0 });
    expect(sink.messages).toHaveLength(11);
    // The real personalizer signed an unsubscribe URL into the one-line header.
    const raw = sink.messagesTo(emailOf(1))[0]!.raw.toString('latin1');
    expect(raw).toMatch(/\r\nList-Unsubscribe: <http[^>\r\n]+>, <mailto:[^>\r\n]+>\r\n/);

    const shown = JSON.parse(await run('editions', 'show', EDITION, '--json'));
    expect(shown.counts).toMatchObject({ sent: 11, failed: 1, pending: 0 });
    expect(shown.failures).toEqual([
      expect.objectContaining({ email: emailOf(5), attempts: 1, lastReply: expect.stringMatching(/^550/) }),
    ]);
    const listed = JSON.parse(await run('editions', 'list', '--json'));
    expect(listed.map((e: { id: string }) => e.id)).toEqual([EDITION]);

    // A second send has nothing left to do.
    expect(JSON.parse(await run('send', '--json'))).toMatchObject({ editions: [], sent: 0 });
  });

  it('editions show of an unknown id exits 2 with one line', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await run('editions', 'show', 'nope');
      expect(process.exitCode).toBe(2);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toBe(
        'paperpost: [cli] edition nope: no such edition\n',
      );
    } finally {
      err.mockRestore();
    }
  });
});
