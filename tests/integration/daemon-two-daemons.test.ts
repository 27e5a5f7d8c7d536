import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { runCli, sampleSources, tempProject } from '../helpers/cli.js';
import { assertBuilt, type DaemonProcess, logMessage, spawnDaemon } from './daemon-helpers.js';

const config = {
  sources: sampleSources(),
  sender: { fromAddress: 'digest@paperpost.example', listId: 'test.paperpost.example' },
  seedSubscribers: [{ email: 'demo@paperpost.example', frequency: 'daily' }],
  schedule: {
    daily: { enabled: true, cron: '0 8 * * *', timezone: 'Europe/Berlin' },
    weekly: { enabled: false, cron: '0 8 * * 1', timezone: 'America/New_York' },
  },
  dataDir: 'data',
};

const dbOf = (dir: string) => path.join(dir, 'data', 'paperpost.db');

async function stop(daemon: DaemonProcess) {
  daemon.child.kill('SIGTERM');
  return daemon.exited;
}

describe('two `paperpost daemon` processes on one SQLite file after a downtime', () => {
  let dir: string;
  let daemons: DaemonProcess[] = [];

  beforeAll(async () => {
    assertBuilt();
    dir = tempProject(config, 'paperpost-daemons-');
    // A slot produced long ago: both daemons see a missed edition to catch up at start.
    const store = await createStore({ driver: 'sqlite', path: dbOf(dir) });
    await store.runs.setMeta('last-slot:daily', '2000-01-03T07:00:00.000Z');
    await store.close();
  });

  afterAll(() => {
    for (const d of daemons) d.child.kill('SIGKILL');
  });

  it('produce one edition, send it once, and both stop with exit 0 on SIGTERM', async () => {
    daemons = [spawnDaemon([], dir), spawnDaemon([], dir)];
    await Promise.all(daemons.map((d) => d.waitForLog(logMessage('daemon started'))));
    const exits = await Promise.all(daemons.map(stop));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    const finished = daemons.flatMap((d) => d.logs.filter(logMessage('scheduled run finished')));
    expect(finished).toHaveLength(1);
    expect(finished[0]?.status).toBe('ok');

    const store = await createStore({ driver: 'sqlite', path: dbOf(dir) });
    try {
      const editions = await store.editions.listEditions();
      expect(editions).toHaveLength(1);
      expect(editions[0]?.counts.sent).toBe(1);
      expect(await store.runs.listRuns(10)).toHaveLength(1);
      const slot = await store.runs.getMeta('last-slot:daily');
      expect(new Date(slot ?? 0).getTime()).toBeGreaterThan(Date.parse('2020-01-01'));
    } finally {
      await store.close();
    }
    const outbox = path.join(dir, 'data', 'outbox');
    const emls = readdirSync(outbox, { recursive: true }).filter((f) => String(f).endsWith('.eml'));
    expect(emls).toHaveLength(1);
  }, 60_000);

  it('a restart finds the slot produced and runs nothing', async () => {
    const again = spawnDaemon([], dir);
    daemons.push(again);
    await again.waitForLog(logMessage('daemon started'));
    expect(await stop(again)).toEqual({ code: 0, signal: null });
    expect(again.logs.filter(logMessage('scheduled run finished'))).toHaveLength(0);
    const store = await createStore({ driver: 'sqlite', path: dbOf(dir) });
    try {
      expect(await store.editions.listEditions()).toHaveLength(1);
      expect(await store.runs.listRuns(10)).toHaveLength(1);
    } finally {
      await store.close();
    }
  }, 30_000);

  it('`paperpost status --json` shows the run, the next slot, source health and deliveries', async () => {
    const result = await runCli(['status', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.runs).toHaveLength(1);
    expect(report.runs[0]).toMatchObject({ kind: 'run', status: 'ok', frequency: 'daily', sent: 1 });
    const daily = report.schedules.find((s: { frequency: string }) => s.frequency === 'daily');
    expect(Date.parse(daily.next)).toBeGreaterThan(Date.parse(daily.lastSlot));
    expect(report.schedules.find((s: { frequency: string }) => s.frequency === 'weekly').next).toBeNull();
    expect(report.sources.map((s: { health: string }) => s.health)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(report.subscribers.confirmed).toBe(1);
    expect(report.editions[0].deliveries).toMatchObject({ sent: 1, sending: 0, pending: 0 });

    const human = await runCli(['status'], { cwd: dir });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Schedules/);
    expect(human.stdout).toMatch(/daily\s+0 8 \* \* \*\s+Europe\/Berlin/);
    expect(human.stdout).toMatch(/Subscribers: 1 confirmed/);
  }, 30_000);
});
