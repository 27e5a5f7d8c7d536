import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVerpCodec } from '../../src/bounces/verp.js';
import { deriveKey } from '../../src/subscribers/tokens.js';
import { ROOT, runCli, SAMPLES, tempProject } from '../helpers/cli.js';

const CORPUS = path.join(ROOT, 'tests', 'fixtures', 'bounces', 'eml');
const SECRET = 'cli-bounce-secret-0123456789abcdefghijkl';
const DOMAIN = 'bounces.paperpost.example';

describe('paperpost bounces parse <file> --json (the contract)', () => {
  const work = tempProject({});
  it.each([
    [
      'rhost-google-02.eml',
      {
        class: 'hard',
        recipient: 'neko-nyaan@example.org',
        status: '5.1.1',
        reason: 'userunknown',
        feedbackType: null,
      },
    ],
    ['lhost-postfix-34.eml', { class: 'soft' }],
    ['arf-01.eml', { class: 'complaint', reason: 'feedback', feedbackType: 'abuse', status: null }],
    ['rfc3834-01.eml', { class: 'ignore', reason: 'vacation' }],
  ])('%s', async (file, expected) => {
    const r = await runCli(['bounces', 'parse', path.join(CORPUS, file), '--json'], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['class', 'recipient', 'status', 'reason', 'feedbackType']),
    );
    expect(out).toMatchObject(expected);
  });

  it.each([
    ['a missing file', 'nope.eml', /nope\.eml: cannot read/],
    ['an empty file', 'empty.eml', /empty\.eml: empty file, not a mail/],
    ['binary data', 'binary.eml', /binary\.eml: binary data, not a mail/],
    ['text without a header', 'prose.eml', /prose\.eml: no mail header found, not a mail/],
  ])('exits 2 with one line for %s', async (_label, name, message) => {
    writeFileSync(path.join(work, 'empty.eml'), '');
    writeFileSync(path.join(work, 'binary.eml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    writeFileSync(path.join(work, 'prose.eml'), 'Just some words.\nNo header here.\n');
    const r = await runCli(['bounces', 'parse', name, '--json'], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('never touches the store', async () => {
    const fresh = tempProject({});
    await runCli(['bounces', 'parse', path.join(CORPUS, 'arf-01.eml'), '--json'], { cwd: fresh });
    expect(() => readFileSync(path.join(fresh, 'data', 'paperpost.db'))).toThrow();
  });
});

describe('paperpost bounces import <mbox|maildir|eml>', () => {
  it('matches signed bounces to their delivery, ignores the rest, and counts a re-import once', async () => {
    const dir = tempProject({
      sources: [
        {
          id: 'arxiv',
          kind: 'arxiv-rss',
          location: path.join(SAMPLES, 'arxiv-rss_cs.CL-slice_2024-11-28.xml'),
        },
      ],
      seedSubscribers: [{ email: 'ada@example.org' }, { email: 'bob@example.org' }],
      bounces: { domain: DOMAIN },
    });
    const env = { PAPERPOST_SECRET: SECRET };
    expect((await runCli(['run', '--no-send'], { cwd: dir, env })).code).toBe(0);
    // Delivery ids 1 and 2 belong to ada and bob (ledger order); the VERP codec of the site's key.
    const verp = createVerpCodec(deriveKey(SECRET, 'verp-v1'), DOMAIN);
    const ada = verp.address({ deliveryId: 1, subscriberId: 1 });
    const corpus = (f: string) => readFileSync(path.join(CORPUS, f), 'latin1');
    // A real Google bounce, delivered to ada's return path; a forged copy for bob; an auto-reply.
    const google = corpus('rhost-google-02.eml').replace(/^To: .*$/m, `To: ${ada}`);
    const forged = google.replace(
      ada,
      verp.address({ deliveryId: 2, subscriberId: 2 }).replace(/[0-9a-f]{20}@/, 'ffffffffffffffffffff@'),
    );
    const mbox = [google, forged, corpus('rfc3834-01.eml')]
      .map(
        (m) =>
          `From MAILER-DAEMON Thu Jan  2 00:00:00 2025\n${m.replace(/\r\n/g, '\n').replace(/^From /gm, '>From ')}`,
      )
      .join('\n');
    writeFileSync(path.join(dir, 'bounces.mbox'), mbox, 'latin1');
    const first = await runCli(['bounces', 'import', 'bounces.mbox', '--json'], { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ read: 3, suppressed: 1, unmatched: 1, ignored: 1 });
    // The same mail again, from a maildir: already stored, nothing changes.
    mkdirSync(path.join(dir, 'Maildir', 'new'), { recursive: true });
    mkdirSync(path.join(dir, 'Maildir', 'cur'), { recursive: true });
    writeFileSync(path.join(dir, 'Maildir', 'new', '1.host'), google.replace(/\r\n/g, '\n'), 'latin1');
    const again = await runCli(['bounces', 'import', 'Maildir', '--json'], { cwd: dir, env });
    expect(JSON.parse(again.stdout)).toEqual({ read: 1, duplicate: 1 });
    const list = await runCli(['subscribers', 'list'], { cwd: dir, env });
    expect(list.stdout).toMatch(
      /ada@example\.org\tsuppressed\tdaily\t\*\thard bounce 5\.1\.1 userunknown via import/,
    );
    expect(list.stdout).toMatch(/bob@example\.org\tconfirmed/);
    const missing = await runCli(['bounces', 'import', 'nowhere.mbox'], { cwd: dir, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\.mbox: cannot read/);
  }, 90_000);
});
