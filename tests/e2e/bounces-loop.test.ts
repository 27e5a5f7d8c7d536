import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, SAMPLES, tempProject } from '../helpers/cli.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

/**
 * The loop closed end to end: an edition goes out over real SMTP with a VERP return path per
 * delivery, DSN mails come back into `paperpost bounces serve` over SMTP, a complaint arrives by
 * the Postmark webhook of `paperpost serve`, and the next edition skips exactly the suppressed and
 * unsubscribed readers.
 */
const SECRET = 'e2e-bounce-secret-0123456789abcdefghij';
const POSTMARK_TOKEN = 'postmark-e2e-token-0123456789';
const DOMAIN = 'bounces.paperpost.example';
const READERS = ['ada', 'bob', 'cy', 'dee', 'eve'].map((n) => `${n}@example.org`);

function config(sources: object[]) {
  return {
    title: 'Paperpost Bounce Test',
    sources,
    sender: { fromAddress: 'digest@paperpost.example', listId: 'bounce.paperpost.example' },
    seedSubscribers: READERS.map((email) => ({ email, frequency: 'daily' })),
    bounces: { domain: DOMAIN, softLimit: 2, softWindowDays: 30 },
  };
}
const ARXIV = [
  { id: 'arxiv', kind: 'arxiv-rss', location: path.join(SAMPLES, 'arxiv-rss_cs.CL-slice_2024-11-28.xml') },
];
const HF = [{ id: 'hf', kind: 'hf-daily', location: path.join(SAMPLES, 'hf-daily-papers_2026-06-12.json') }];

/** Starts a long-running CLI command; resolves once stdout shows `ready`, with its first group. */
function startCli(args: string[], cwd: string, env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const match = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve(m[1] ?? '');
    });
    child.on('close', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${err}`)));
  });
  return { child, match };
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGTERM');
  });
}

/** An RFC 3464 report as a receiving MTA writes it; `finalRecipient` null names nobody. */
function dsn(to: string, finalRecipient: string | null, status: string, diagnostic: string): string {
  const b = 'BOUNDARY-e2e';
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
    `To: ${to}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.example.org.',
    "I'm sorry to have to inform you that your message could not be delivered.",
    '',
    `--${b}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    '',
    ...(finalRecipient ? [`Final-Recipient: rfc822; ${finalRecipient}`] : []),
    'Action: failed',
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${diagnostic}`,
    '',
    `--${b}--`,
    '',
  ].join('\r\n');
}

describe('bounces and complaints close the loop', () => {
  let sink: SmtpSink;
  let dir: string;
  let bounceServer: ChildProcess | undefined;
  let site: ChildProcess | undefined;
  const env = (extra: Record<string, string> = {}) => ({
    PAPERPOST_SECRET: SECRET,
    SMTP_URL: sink.url,
    ...extra,
  });

  beforeAll(async () => {
    sink = await startSmtpSink();
    dir = tempProject(config(ARXIV));
  });
  afterAll(async () => {
    await stop(bounceServer);
    await stop(site);
    await sink.close();
  });

  it('sends the first edition with a signed return path per delivery', async () => {
    const run = await runCli(['run', '--json'], { cwd: dir, env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).delivery.sent).toBe(5);
    const froms = READERS.map((r) => sink.messagesTo(r)[0]?.from);
    for (const from of froms)
      expect(from).toMatch(/^bounces\+[0-9a-z]+-[0-9a-z]+-[0-9a-f]{20}@bounces\.paperpost\.example$/);
    expect(new Set(froms).size).toBe(5);
  }, 90_000);

  it('takes DSNs over SMTP for signed return paths only and acts on them', async () => {
    const started = startCli(['bounces', 'serve', '--port', '0'], dir, env(), /on port (\d+)/);
    bounceServer = started.child;
    const port = Number(await started.match);
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const verpOf = (reader: string) => sink.messagesTo(reader)[0]!.from;
    const send = (to: string, raw: string) => smtp.sendMail({ envelope: { from: '', to: [to] }, raw });
    try {
      // ada: a hard bounce. dee: a soft bounce that names nobody; VERP still knows who it was.
      await send(
        verpOf('ada@example.org'),
        dsn(
          verpOf('ada@example.org'),
          'ada@example.org',
          '5.1.1',
          '550 5.1.1 <ada@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
        ),
      );
      await send(
        verpOf('dee@example.org'),
        dsn(verpOf('dee@example.org'), null, '4.2.2', '452 4.2.2 Mailbox full'),
      );
      // A forged bounce for eve (the MAC does not match) is refused at RCPT TO.
      const forged = verpOf('eve@example.org').replace(/[0-9a-f]{20}@/, '00000000000000000000@');
      await expect(send(forged, dsn(forged, 'eve@example.org', '5.1.1', '550 User unknown'))).rejects.toThrow(
        /550/,
      );
      // So is mail for any other address of the domain.
      await expect(
        send(`postmaster@${DOMAIN}`, dsn('x', 'eve@example.org', '5.1.1', '550 x')),
      ).rejects.toThrow(/550/);
    } finally {
      smtp.close();
    }
    const list = await runCli(['subscribers', 'list', '--json'], { cwd: dir, env: env() });
    const subs = JSON.parse(list.stdout) as Array<{
      email: string;
      status: string;
      suppressedReason: string | null;
    }>;
    const by = Object.fromEntries(subs.map((s) => [s.email, s]));
    expect(by['ada@example.org']).toMatchObject({
      status: 'suppressed',
      suppressedReason: expect.stringMatching(/^hard bounce 5\.1\.1 userunknown via smtp/),
    });
    expect(by['dee@example.org']?.status).toBe('confirmed'); // one soft bounce of the two allowed
    expect(by['eve@example.org']?.status).toBe('confirmed');
  }, 60_000);

  it('takes a complaint by webhook and an unsubscribe by hand', async () => {
    const started = startCli(
      ['serve', '--port', '0'],
      dir,
      env({ PAPERPOST_POSTMARK_TOKEN: POSTMARK_TOKEN }),
      /serving on (http:\/\/\S+)/,
    );
    site = started.child;
    const url = await started.match;
    const complaint = { RecordType: 'SpamComplaint', ID: 7, Type: 'SpamComplaint', Email: 'cy@example.org' };
    const refused = await fetch(`${url}/webhooks/postmark`, {
      method: 'POST',
      body: JSON.stringify(complaint),
    });
    expect(refused.status).toBe(403);
    const res = await fetch(`${url}/webhooks/postmark`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`pm:${POSTMARK_TOKEN}`).toString('base64')}` },
      body: JSON.stringify(complaint),
    });
    expect(await res.json()).toEqual({ ok: true, outcomes: { unsubscribed: 1 } });
    const removed = await runCli(['subscribers', 'remove', 'bob@example.org'], { cwd: dir, env: env() });
    expect(removed.stdout).toContain('bob@example.org: unsubscribed');

    const editions = JSON.parse(
      (await runCli(['editions', 'list', '--json'], { cwd: dir, env: env() })).stdout,
    );
    const show = await runCli(['editions', 'show', editions[0].id, '--json'], { cwd: dir, env: env() });
    expect(JSON.parse(show.stdout).bounces).toEqual({ hard: 1, soft: 1, complaint: 1 });
    const status = JSON.parse((await runCli(['status', '--json'], { cwd: dir, env: env() })).stdout);
    expect(status.bounceRates[0]).toMatchObject({ sent: 5, bounceRate: 0.4, complaintRate: 0.2 });
    expect(status.bounceRates[0].warnings).toEqual([
      expect.stringMatching(/bounce rate 40\.0% is above 2\.0%/),
      expect.stringMatching(/complaint rate 20\.0% is above 0\.10%/),
    ]);
  }, 60_000);

  it('the next edition skips exactly the suppressed and unsubscribed readers', async () => {
    writeFileSync(path.join(dir, 'paperpost.config.json'), JSON.stringify(config(HF), null, 2));
    const before = sink.messages.length;
    const run = await runCli(['run', '--json'], { cwd: dir, env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).delivery.sent).toBe(2);
    const to = sink.messages
      .slice(before)
      .flatMap((m) => m.to)
      .sort();
    expect(to).toEqual(['dee@example.org', 'eve@example.org']);
  }, 90_000);
});
