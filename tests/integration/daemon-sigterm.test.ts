import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewSubscriber } from '../../src/domain/index.js';
import { createStore } from '../../src/store/index.js';
import { runCli, sampleSources, tempProject } from '../helpers/cli.js';
import {
  assertBuilt,
  type DaemonProcess,
  logMessage,
  type SlowSmtp,
  spawnDaemon,
  startSlowSmtp,
} from './daemon-helpers.js';

const SUBSCRIBERS = 300;
const emailOf = (i: number) => `reader${String(i).padStart(3, '0')}@paperpost.example`;

const config = {
  sources: sampleSources(),
  sender: { fromAddress: 'digest@paperpost.example', listId: 'test.paperpost.example' },
  schedule: {
    daily: { enabled: true, cron: '0 8 * * *', timezone: 'America/New_York' },
    weekly: { enabled: false, cron: '0 8 * * 1', timezone: 'UTC' },
  },
  smtp: { maxConnections: 4, ratePerSecond: 1000, batchSize: 40 },
  dataDir: 'data',
};

describe('SIGTERM during a send loses nothing (real SMTP server on loopback)', () => {
  let dir: string;
  let smtp: SlowSmtp;
  let daemon: DaemonProcess | undefined;
  const dbPath = () => path.join(dir, 'data', 'paperpost.db');

  beforeAll(async () => {
    assertBuilt();
    smtp = await startSlowSmtp(20);
    dir = tempProject(config, 'paperpost-sigterm-');
    const store = await createStore({ driver: 'sqlite', path: dbPath() });
    const people: NewSubscriber[] = Array.from({ length: SUBSCRIBERS }, (_, i) => ({
      email: emailOf(i),
      status: 'confirmed',
      topics: [],
      frequency: 'daily',
    }));
    expect(await store.subscribers.addSubscribers(people, new Date())).toBe(SUBSCRIBERS);
    await store.runs.setMeta('last-slot:daily', '2000-01-03T13:00:00.000Z');
    await store.close();
  });

  afterAll(async () => {
    daemon?.child.kill('SIGKILL');
    await smtp.close();
  });

  it('the daemon stops mid-send with exit 0 and no row left in `sending`', async () => {
    daemon = spawnDaemon([], dir, { SMTP_URL: smtp.url });
    await smtp.waitForCount(40);
    daemon.child.kill('SIGTERM');
    const exit = await daemon.exited;
    expect(exit, daemon.stderr).toEqual({ code: 0, signal: null });
    expect(daemon.logs.some(logMessage('daemon stopped'))).toBe(true);

    const store = await createStore({ driver: 'sqlite', path: dbPath() });
    try {
      const [edition] = await store.editions.listEditions();
      expect(edition).toBeDefined();
      const counts = await store.ledger.countDeliveries(edition?.id ?? '');
      expect(counts.sending).toBe(0);
      expect(counts.failed + counts.deferred + counts.cancelled).toBe(0);
      // every message the server accepted was recorded as sent: the in-flight ones finished
      expect(counts.sent).toBe(smtp.received.length);
      expect(counts.sent).toBeLessThan(SUBSCRIBERS);
      expect(counts.pending).toBe(SUBSCRIBERS - counts.sent);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a restarted daemon resumes the ledger and stops cleanly again', async () => {
    const before = smtp.received.length;
    daemon = spawnDaemon([], dir, { SMTP_URL: smtp.url });
    await smtp.waitForCount(before + 40);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited, daemon.stderr).toEqual({ code: 0, signal: null });
    // no slot was due again: only the ledger was resumed
    expect(daemon.logs.filter(logMessage('scheduled run finished'))).toHaveLength(0);
    const store = await createStore({ driver: 'sqlite', path: dbPath() });
    try {
      const [edition] = await store.editions.listEditions();
      const counts = await store.ledger.countDeliveries(edition?.id ?? '');
      expect(counts.sending).toBe(0);
      expect(counts.sent).toBe(smtp.received.length);
      expect(new Set(smtp.received).size).toBe(smtp.received.length);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('`paperpost send` then finishes: every subscriber got exactly one message', async () => {
    const result = await runCli(['send', '--json'], { cwd: dir, env: { SMTP_URL: smtp.url } });
    expect(result.code, result.stderr).toBe(0);
    expect(smtp.received).toHaveLength(SUBSCRIBERS);
    const perAddress = new Map<string, number>();
    for (const to of smtp.received) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect(perAddress.size).toBe(SUBSCRIBERS);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    const store = await createStore({ driver: 'sqlite', path: dbPath() });
    try {
      const [edition] = await store.editions.listEditions();
      expect(await store.ledger.countDeliveries(edition?.id ?? '')).toMatchObject({
        sent: SUBSCRIBERS,
        sending: 0,
        pending: 0,
      });
    } finally {
      await store.close();
    }
  }, 60_000);
});
