/**
 * Issue 15 item 15: with `dkim` configured the file outbox wrote messages unsigned. Signing now
 * happens once, before any transport: the outbox keeps the bytes an SMTP recipient receives,
 * signature included, and an independent verifier (mailauth) accepts them.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authenticate } from 'mailauth';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import {
  createDkimSigner,
  createOutboxTransport,
  createSmtpTransport,
  deliveryKey,
  outboxPath,
  withDkim,
} from '../../src/deliver/index.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';
import { makeVariant } from '../unit/deliver/fixtures.js';
import { EDITION, emailOf, openStore, seedEdition } from './deliver-fixture.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const DNS_VALUE = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
const DKIM = { domainName: 'paperpost.test', keySelector: 'pp2024', privateKey: PEM };

/** mailauth's DKIM verdict for a message, with our selector's key in its DNS. */
async function dkimResult(raw: Buffer) {
  const result = await authenticate(raw, {
    ip: '127.0.0.1',
    helo: 'localhost',
    sender: 'digest@paperpost.test',
    mta: 'mx.test',
    disableArc: true,
    disableBimi: true,
    resolver: async (name: string, type: string) => {
      if (type === 'TXT' && name === 'pp2024._domainkey.paperpost.test') return [[DNS_VALUE]];
      throw Object.assign(new Error(`no ${type} for ${name}`), { code: 'ENOTFOUND' });
    },
  });
  return result.dkim.results[0];
}

let dir: string;
let sink: SmtpSink;
const saved = { ...process.env };
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pp-dkim-'));
  sink = await startSmtpSink();
});
afterEach(async () => {
  process.env = { ...saved };
  process.exitCode = undefined;
  await sink.close();
  await rm(dir, { recursive: true, force: true });
});

/** A config in `dir` with `dkim` on (key file beside it), used through PAPERPOST_CONFIG. */
async function configureDkim(): Promise<void> {
  await writeFile(path.join(dir, 'dkim.pem'), PEM);
  const config = {
    dataDir: path.join(dir, 'data'),
    sender: { fromName: 'Paperpost', fromAddress: 'digest@paperpost.test', listId: 'list.paperpost.test' },
    dkim: { domainName: 'paperpost.test', keySelector: 'pp2024', privateKeyFile: 'dkim.pem' },
  };
  await writeFile(path.join(dir, 'paperpost.config.json'), JSON.stringify(config));
  delete process.env.SMTP_URL;
  Object.assign(process.env, {
    PAPERPOST_CONFIG: path.join(dir, 'paperpost.config.json'),
    PAPERPOST_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
    PAPERPOST_BASE_URL: 'https://paperpost.test',
    LOG_LEVEL: 'silent',
  });
}

describe('DKIM, signed once for every transport', () => {
  it('the outbox file and the SMTP recipient get the same signed bytes, and they verify', async () => {
    const sign = createDkimSigner(DKIM);
    const outbox = withDkim(createOutboxTransport(dir), sign);
    const smtp = withDkim(createSmtpTransport(sink.url, { maxConnections: 1 }), sign);
    const raw = Buffer.from(
      'From: Paperpost <digest@paperpost.test>\r\nTo: ada@example.org\r\nSubject: Today\r\n' +
        'List-Unsubscribe: <https://paperpost.test/u/1?t=x>\r\n\r\nHello\r\n.a dotted line\r\n',
    );
    const message = {
      key: deliveryKey(EDITION, 1),
      from: 'digest@paperpost.test',
      to: 'ada@example.org',
      raw,
    };
    try {
      expect(await outbox.send(message)).toMatchObject({ ok: true });
      expect(await smtp.send(message)).toMatchObject({ ok: true });
    } finally {
      await smtp.close();
      await outbox.close();
    }
    const file = await readFile(outboxPath(dir, message));
    // The outbox records the envelope sender as Return-Path, as the receiving MTA does on delivery;
    // below it are the exact bytes that went over SMTP.
    const returnPath = Buffer.from('Return-Path: <digest@paperpost.test>\r\n');
    expect(file.subarray(0, returnPath.length).equals(returnPath)).toBe(true);
    const written = file.subarray(returnPath.length);
    const received = sink.messagesTo('ada@example.org')[0]!.raw;
    expect(written.equals(received)).toBe(true);
    expect(written.toString('latin1')).toMatch(
      /^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=paperpost\.test;/,
    );
    // The unsigned message follows the signature unchanged.
    expect(written.subarray(written.length - raw.length).equals(raw)).toBe(true);
    const verdict = await dkimResult(written);
    expect(verdict?.signingDomain).toBe('paperpost.test');
    expect(verdict?.status.result).toBe('pass');
  });

  it('`paperpost send` into the file outbox writes signed messages that verify (mailauth)', async () => {
    await configureDkim();
    const store = await openStore(path.join(dir, 'data'));
    await seedEdition(store, 3, makeVariant('daily:*', 4));
    await store.close();
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await main(['node', 'paperpost', 'send', '--json']);
    } finally {
      out.mockRestore();
    }
    expect(process.exitCode ?? 0).toBe(0);
    const folder = path.join(dir, 'data', 'outbox', EDITION);
    const files = (await readdir(folder)).filter((f) => f.endsWith('.eml')).sort();
    expect(files).toHaveLength(3);
    expect(files[0]).toContain(emailOf(1));
    for (const file of files) {
      const verdict = await dkimResult(await readFile(path.join(folder, file)));
      expect(verdict?.status.result, file).toBe('pass');
    }
  });

  it("`paperpost render --eml` (the preview's raw MIME) is signed like a sent message", async () => {
    await configureDkim();
    const eml = path.join(dir, 'digest.eml');
    const papers = path.resolve(import.meta.dirname, '../fixtures/render/papers.json');
    await main([
      'node',
      'paperpost',
      'render',
      '--in',
      papers,
      '--out',
      path.join(dir, 'digest.html'),
      '--eml',
      eml,
    ]);
    expect(process.exitCode ?? 0).toBe(0);
    const raw = await readFile(eml);
    expect(raw.toString('latin1')).toMatch(/^DKIM-Signature: /);
    expect((await dkimResult(raw))?.status.result).toBe('pass');
  }, 60_000);

  it('a DKIM key file that holds no private key stops `send` at start: exit 2, one line', async () => {
    await configureDkim();
    await writeFile(path.join(dir, 'dkim.pem'), 'not a key\n');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let stderr = '';
    try {
      await main(['node', 'paperpost', 'send']);
      stderr = err.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      err.mockRestore();
    }
    expect(process.exitCode).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/dkim\.privateKeyFile .*dkim\.pem: cannot read a private key/);
  });
});
