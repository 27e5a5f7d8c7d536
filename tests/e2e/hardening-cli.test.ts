import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { BIN, runCli, sampleSources, tempProject } from '../helpers/cli.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

// Regression tests for issue 15 ("Hardening: what a hostile review found"), CLI findings.

const work = tempProject({ sources: sampleSources() }, 'paperpost-hardening-');
const children = new Set<ReturnType<typeof spawn>>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** Runs the CLI; a process still running after `timeoutMs` is killed (a server that started). */
function runFor(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 8000,
): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr, killed });
    });
  });
}

describe('issue 15 item 5: a bad PAPERPOST_BASE_URL is refused at start', () => {
  it.each([
    ['serve', 'ftp://papers.example.org', ['serve', '--port', '0']],
    ['serve', 'https://user:pass@papers.example.org', ['serve', '--port', '0']],
    ['status', 'javascript:alert(1)', ['status']],
    ['status', 'http://papers.example.org/?q=1#x', ['status']],
  ])(
    '%s with %s: exit 2, one line naming the variable',
    async (_name, base, args) => {
      const result = await runFor(args, { PAPERPOST_BASE_URL: base });
      expect(result.killed).toBe(false);
      expect(result.code).toBe(2);
      expect(result.stdout).not.toContain('serving on');
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/PAPERPOST_BASE_URL: an http\(s\) URL/);
    },
    20_000,
  );

  it('accepts an https base URL with a path', async () => {
    const result = await runFor(['status'], { PAPERPOST_BASE_URL: 'https://papers.example.org/digest' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 20_000);
});

/** A pid that surely ran on this host and is gone now. */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('exit', () => resolve(child.pid ?? 0));
  });
}

/** A project with three daily subscribers whose edition is built and its ledger written. */
async function builtProject(extra: object = {}): Promise<{ dir: string; db: string; edition: string }> {
  const dir = tempProject(
    {
      sources: sampleSources(),
      seedSubscribers: ['ada', 'bob', 'cy'].map((n) => ({ email: `${n}@example.org`, frequency: 'daily' })),
      dataDir: 'data',
      ...extra,
    },
    'paperpost-hardening-',
  );
  const built = await runCli(['run', '--no-send', '--json'], { cwd: dir });
  expect(built.code).toBe(0);
  return { dir, db: path.join(dir, 'data', 'paperpost.db'), edition: JSON.parse(built.stdout).edition.id };
}

describe('issue 15 item 10: after kill -9 of run or send, the next send printed "sent 0" and exited 0', () => {
  it("takes back a dead process's leases at once, marks its run interrupted and removes its temp files", async () => {
    const { dir, db, edition } = await builtProject();
    const pid = await deadPid();
    // What kill -9 of `run` mid-send leaves: a running run, rows claimed under a long lease, a
    // half-written outbox file.
    const store = await createStore({ driver: 'sqlite', path: db });
    const claimed = await store.ledger.claimDeliveries({
      limit: 2,
      worker: `${hostname()}:${pid}`,
      leaseSeconds: 3600,
      now: new Date(),
    });
    expect(claimed).toHaveLength(2);
    await store.runs.startRun('run', new Date(), `${hostname()}:${pid}`);
    await store.close();
    const temp = path.join(dir, 'data', 'outbox', edition, `000001-ada@example.org.eml.${pid}.0a1b2c3d.tmp`);
    mkdirSync(path.dirname(temp), { recursive: true });
    writeFileSync(temp, 'From: half a mess');

    const sent = await runCli(['send', '--json'], { cwd: dir });
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ sent: 3, leftBehind: { rows: 0 } });
    expect(existsSync(temp)).toBe(false);
    const emls = readdirSync(path.join(dir, 'data', 'outbox', edition)).filter((f) => f.endsWith('.eml'));
    expect(emls).toHaveLength(3);

    const status = await runCli(['status', '--json'], { cwd: dir });
    const runs = JSON.parse(status.stdout).runs as Array<{ status: string; error: string | null }>;
    expect(runs.map((r) => r.status)).toContain('interrupted');
    expect(runs.map((r) => r.status)).not.toContain('running');
    expect(runs.find((r) => r.status === 'interrupted')?.error).toMatch(/interrupted: process .*:\d+ ended/);
  }, 120_000);

  it("waits out a live holder's lease, and when it must leave rows behind says how many and until when", async () => {
    const { dir, db, edition } = await builtProject({ smtp: { leaseSeconds: 1 } });
    const store = await createStore({ driver: 'sqlite', path: db });
    // This test process is alive: its leases are waited out, never taken.
    const short = await store.ledger.claimDeliveries({
      editionId: edition,
      limit: 1,
      worker: `${hostname()}:${process.pid}`,
      leaseSeconds: 2,
      now: new Date(),
    });
    const long = await store.ledger.claimDeliveries({
      editionId: edition,
      limit: 1,
      worker: `elsewhere.example:${process.pid}`,
      leaseSeconds: 3600,
      now: new Date(),
    });
    expect([short.length, long.length]).toEqual([1, 1]);
    await store.close();

    const sent = await runCli(['send', '--json'], { cwd: dir });
    expect(sent.code).toBe(1);
    const summary = JSON.parse(sent.stdout);
    expect(summary.sent).toBe(2); // the free row, and the short lease's row once it ended
    expect(summary.leftBehind.rows).toBe(1);
    const lines = sent.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /1 deliveries left in sending under another process's lease until \d{4}-\d\d-\d\dT[\d:.]+Z/,
    );
  }, 120_000);
});

describe('issue 15 item 10, for real: kill -9 of a send over SMTP, then send again', () => {
  it('the second send finishes every row at once (no "sent 0" with rows left sending)', async () => {
    const emails = Array.from({ length: 60 }, (_, i) => `r${i}@example.org`);
    let victim: ReturnType<typeof spawn> | null = null;
    const sink = await startSmtpSink({
      onMessage: () => {
        if (victim && sink.messages.length >= 10) {
          victim.kill('SIGKILL');
          victim = null;
        }
      },
    });
    try {
      const dir = tempProject(
        {
          sources: sampleSources(),
          seedSubscribers: emails.map((email) => ({ email, frequency: 'daily' })),
          // Long leases: without taking them back, the killed send's rows would wait 10 minutes.
          smtp: { leaseSeconds: 600, maxConnections: 1 },
          dataDir: 'data',
        },
        'paperpost-hardening-',
      );
      const env = { SMTP_URL: sink.url };
      expect((await runCli(['run', '--no-send'], { cwd: dir, env })).code).toBe(0);
      const killed = await new Promise<NodeJS.Signals | null>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'send'], {
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
          stdio: 'ignore',
        });
        victim = child;
        child.on('exit', (_code, signal) => resolve(signal));
      });
      expect(killed).toBe('SIGKILL');
      expect(sink.messages.length).toBeLessThan(60);

      const again = await runCli(['send', '--json'], { cwd: dir, env });
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout).leftBehind).toEqual({ rows: 0, until: null });
      for (const email of emails) expect(sink.messagesTo(email).length).toBeGreaterThanOrEqual(1);
      // Only what was in flight at the kill may repeat (one connection: a message or two).
      expect(sink.messages.length - 60).toBeLessThanOrEqual(2);
      const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
      try {
        expect(await store.ledger.listUnfinishedEditions()).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      await sink.close();
    }
  }, 180_000);
});

describe("issue 15 item 11: subscribers forget left the person's mails in the file outbox", () => {
  it("removes their digests and transactional mails, and nobody else's", async () => {
    const { dir, edition } = await builtProject();
    expect((await runCli(['send'], { cwd: dir })).code).toBe(0);
    const outbox = path.join(dir, 'data', 'outbox');
    const transactional = path.join(outbox, 'transactional', '000042-ada@example.org.eml');
    mkdirSync(path.dirname(transactional), { recursive: true });
    writeFileSync(transactional, 'From: a@example.org\r\nTo: ada@example.org\r\nSubject: Confirm\r\n\r\nhi');
    const mailsTo = (email: string) =>
      readdirSync(outbox, { recursive: true, encoding: 'utf8' })
        .map((f) => path.join(outbox, f))
        .filter((f) => f.endsWith('.eml') && readFileSync(f, 'utf8').includes(`To: ${email}`));
    expect(mailsTo('ada@example.org')).toHaveLength(2);

    const forgot = await runCli(['subscribers', 'forget', 'ada@example.org'], { cwd: dir });
    expect(forgot.code).toBe(0);
    expect(forgot.stdout).toMatch(/ada@example.org: erased \(2 outbox files removed\)/);
    expect(mailsTo('ada@example.org')).toEqual([]);
    expect(mailsTo('bob@example.org')).toHaveLength(1);
    expect(readdirSync(path.join(outbox, edition))).toContain('preview.html');
  }, 120_000);
});
