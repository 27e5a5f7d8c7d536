import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { sampleSources, tempProject } from '../helpers/cli.js';
import { assertBuilt, type DaemonProcess, logMessage, spawnDaemon } from './daemon-helpers.js';

const base = {
  sources: sampleSources(),
  seedSubscribers: [{ email: 'demo@paperpost.example', frequency: 'daily' }],
  schedule: { weekly: { enabled: false, cron: '0 8 * * 1' } },
  server: { host: '127.0.0.1', port: 0 },
  dataDir: 'data',
};

describe('paperpost daemon on a fresh install', () => {
  let daemon: DaemonProcess | undefined;
  afterAll(() => daemon?.child.kill('SIGKILL'));

  it('without --catch-up records the due slot and sends nothing', async () => {
    assertBuilt();
    const dir = tempProject(base, 'paperpost-daemon-fresh-');
    daemon = spawnDaemon([], dir);
    await daemon.waitForLog(logMessage('daemon started'));
    daemon.child.kill('SIGINT');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
    const recorded = daemon.logs.find(logMessage('scheduled slot'));
    expect(recorded?.outcome).toBe('recorded');
    const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
    try {
      expect(await store.editions.listEditions()).toHaveLength(0);
      expect(await store.runs.getMeta('last-slot:daily')).toBe(recorded?.slot);
    } finally {
      await store.close();
    }
  }, 30_000);

  it('with --serve --catch-up serves the site, produces the due edition and stops on SIGTERM', async () => {
    const dir = tempProject(base, 'paperpost-daemon-serve-');
    daemon = spawnDaemon(['--serve', '--catch-up'], dir);
    const serving = await daemon.waitForLog(logMessage('serving'));
    const health = await fetch(`${String(serving.url)}/healthz`);
    expect(health.status).toBe(200);
    await daemon.waitForLog(logMessage('daemon started'));
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
    const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
    try {
      const editions = await store.editions.listEditions();
      expect(editions).toHaveLength(1);
      expect(editions[0]?.counts.sent).toBe(1);
    } finally {
      await store.close();
    }
  }, 30_000);

  // Regression (issue 14): the daemon had no --port; its letters must link where it serves.
  it('with --serve --port N serves on N and its letters link there', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const dir = tempProject(base, 'paperpost-daemon-port-');
    daemon = spawnDaemon(['--serve', '--catch-up', '--port', String(port)], dir);
    const serving = await daemon.waitForLog(logMessage('serving'));
    expect(serving.url).toBe(`http://127.0.0.1:${port}`);
    await daemon.waitForLog(logMessage('daemon started'));
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });
    const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
    try {
      const [edition] = await store.editions.listEditions();
      const letter = await store.editions.getRenderedVariant(edition?.id ?? '', 'daily:*');
      expect(letter?.html).toContain(`http://127.0.0.1:${port}/archive/${edition?.id}`);
    } finally {
      await store.close();
    }
  }, 30_000);

  it('fails at start with the key path for a bad cron expression', async () => {
    const dir = tempProject(
      { ...base, schedule: { daily: { cron: '0 25 * * *', timezone: 'UTC' } } },
      'paperpost-daemon-bad-',
    );
    const bad = spawnDaemon([], dir);
    const exit = await bad.exited;
    expect(exit.code).toBe(2);
    expect(bad.stderr).toMatch(/schedule\.daily: cron "0 25 \* \* \*": hours: "25" is not a valid value/);
  }, 30_000);
});
