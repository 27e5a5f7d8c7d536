import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSchedule } from '../../../src/daemon/schedule.js';
import {
  editionLockName,
  readLastSlot,
  runDueSlot,
  type SlotOutcome,
  scheduledRun,
} from '../../../src/daemon/scheduled-run.js';
import type { Store } from '../../../src/store/types.js';
import { ROOT } from '../../helpers/cli.js';
import { createClock, createScheduleFixture, type ScheduleFixture } from './schedule-fixture.js';

const daily = createSchedule('0 8 * * *', 'Europe/Berlin');

let fixture: ScheduleFixture | undefined;
const stores: Store[] = [];

async function setup(extra: object = {}) {
  fixture = createScheduleFixture(extra);
  const store = await fixture.openStore();
  stores.push(store);
  return { fx: fixture, store };
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  fixture?.cleanup();
  fixture = undefined;
});

describe('runDueSlot: first start and catch-up', () => {
  it('first start records the due slot without producing an edition', async () => {
    const { fx, store } = await setup();
    const clock = createClock('2025-03-03T10:00:00Z'); // 11:00 in Berlin, slot 07:00Z
    const outcome = await runDueSlot(fx.deps(store, clock), 'daily', daily);
    expect(outcome).toEqual({ status: 'recorded', slot: new Date('2025-03-03T07:00:00Z') });
    expect(await store.editions.listEditions()).toHaveLength(0);
    expect(await store.runs.listRuns(10)).toHaveLength(0);
    expect((await readLastSlot({ store }, 'daily'))?.toISOString()).toBe('2025-03-03T07:00:00.000Z');
  });

  it('after a downtime of several slots produces exactly one edition, once', async () => {
    const { fx, store } = await setup();
    const clock = createClock('2025-03-03T10:00:00Z');
    const deps = fx.deps(store, clock);
    await runDueSlot(deps, 'daily', daily); // recorded
    clock.set('2025-03-07T09:30:00Z'); // down for four slots (4th..7th)
    const first = await runDueSlot(deps, 'daily', daily);
    expect(first.status).toBe('ran');
    expect((first as Extract<SlotOutcome, { status: 'ran' }>).summary.status).toBe('ok');
    expect((first as Extract<SlotOutcome, { status: 'ran' }>).slot.toISOString()).toBe(
      '2025-03-07T07:00:00.000Z',
    );
    // a restart, a watch tick and a late tick the same day do nothing
    expect((await runDueSlot(deps, 'daily', daily)).status).toBe('done');
    clock.set('2025-03-08T06:59:00Z');
    expect((await runDueSlot(deps, 'daily', daily)).status).toBe('done');
    const editions = await store.editions.listEditions();
    expect(editions).toHaveLength(1);
    expect(editions[0]?.frequency).toBe('daily');
    expect(await store.runs.listRuns(10)).toHaveLength(1);
    expect((await readLastSlot({ store }, 'daily'))?.toISOString()).toBe('2025-03-07T07:00:00.000Z');
  });

  it('the next slot runs again; with no new papers it is skipped with a reason, not an accident', async () => {
    const { fx, store } = await setup();
    const clock = createClock('2025-03-07T09:30:00Z');
    const deps = fx.deps(store, clock);
    expect((await runDueSlot(deps, 'daily', daily, { runOnFirstStart: true })).status).toBe('ran');
    clock.set('2025-03-08T07:00:00Z');
    const next = await runDueSlot(deps, 'daily', daily);
    expect(next.status).toBe('ran');
    const summary = (next as Extract<SlotOutcome, { status: 'ran' }>).summary;
    expect(summary.status).toBe('skipped');
    expect(summary.skipReason).toMatch(/0 new paper/);
    expect(await store.editions.listEditions()).toHaveLength(1);
    const runs = await store.runs.listRuns(10);
    expect(runs.map((r) => r.status).sort()).toEqual(['ok', 'skipped']);
  });

  it('runOnFirstStart produces the due slot on a fresh install', async () => {
    const { fx, store } = await setup();
    const clock = createClock('2025-03-03T10:00:00Z');
    const outcome = await runDueSlot(fx.deps(store, clock), 'daily', daily, { runOnFirstStart: true });
    expect(outcome.status).toBe('ran');
    expect(await store.editions.listEditions()).toHaveLength(1);
  });

  it('a failed run still counts the slot (no retry storm) and is recorded as failed', async () => {
    const { fx, store } = await setup({ sources: [{ id: 'gone', kind: 'auto', location: 'missing.xml' }] });
    const clock = createClock('2025-03-03T10:00:00Z');
    const deps = fx.deps(store, clock);
    const outcome = await runDueSlot(deps, 'daily', daily, { runOnFirstStart: true });
    expect(outcome.status).toBe('failed');
    expect((outcome as Extract<SlotOutcome, { status: 'failed' }>).error).toMatch(/no source could be read/);
    expect((await runDueSlot(deps, 'daily', daily)).status).toBe('done');
    const runs = await store.runs.listRuns(10);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe('failed');
    // the lock was released on the failure path
    expect(await store.runs.tryLock(editionLockName('daily'), 'someone-else', 60, clock.now())).toBe(true);
  });
});

describe('scheduledRun: one edition per slot across processes', () => {
  it('concurrent runs on two store instances of one SQLite file produce one edition', async () => {
    const { fx, store } = await setup();
    const other = await fx.openStore();
    stores.push(other);
    const clock = createClock('2025-03-07T09:30:00Z');
    const slot = new Date('2025-03-07T07:00:00Z');
    const outcomes = await Promise.all([
      scheduledRun(fx.deps(store, clock, 'host-a'), 'daily', slot),
      scheduledRun(fx.deps(other, clock, 'host-b'), 'daily', slot),
      scheduledRun(fx.deps(store, clock, 'host-c'), 'daily', slot),
      scheduledRun(fx.deps(other, clock, 'host-d'), 'daily', slot),
    ]);
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 'ran')).toHaveLength(1);
    expect(statuses.every((s) => s === 'ran' || s === 'locked' || s === 'done')).toBe(true);
    // whoever comes later finds the slot produced
    expect((await scheduledRun(fx.deps(other, clock, 'host-e'), 'daily', slot)).status).toBe('done');
    expect(await store.editions.listEditions()).toHaveLength(1);
    expect(await other.runs.listRuns(10)).toHaveLength(1);
  });

  it('a lock held by a daemon that died is taken over once its TTL expires', async () => {
    const { fx, store } = await setup();
    const clock = createClock('2025-03-07T09:30:00Z');
    await store.runs.setMeta('last-slot:daily', '2025-03-06T07:00:00.000Z');
    expect(await store.runs.tryLock(editionLockName('daily'), 'dead-host', 120, clock.now())).toBe(true);
    const deps = fx.deps(store, clock, 'live-host');
    expect((await runDueSlot(deps, 'daily', daily)).status).toBe('locked');
    expect(await store.editions.listEditions()).toHaveLength(0);
    clock.set('2025-03-07T09:32:01Z');
    expect((await runDueSlot(deps, 'daily', daily)).status).toBe('ran');
    expect(await store.editions.listEditions()).toHaveLength(1);
  });

  it('an older slot than the recorded one is never produced', async () => {
    const { fx, store } = await setup();
    const clock = createClock('2025-03-07T09:30:00Z');
    await store.runs.setMeta('last-slot:daily', '2025-03-07T07:00:00.000Z');
    const outcome = await scheduledRun(fx.deps(store, clock), 'daily', new Date('2025-03-06T07:00:00Z'));
    expect(outcome.status).toBe('done');
    expect(await store.runs.listRuns(10)).toHaveLength(0);
  });
});

describe("an edition stands for its slot: its day in the schedule's zone", () => {
  const tokyo = createSchedule('0 8 * * *', 'Asia/Tokyo');

  /** Runs the due Tokyo slot at `nowIso` against a stand-in Hugging Face host; the URLs asked and the edition. */
  async function runTokyoAt(nowIso: string) {
    const reply = readFileSync(`${ROOT}/data/samples/hf-daily-papers_2026-06-12.json`);
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(reply);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { fx, store } = await setup({
        sources: [{ id: 'hf', kind: 'hf-daily' }],
        fetch: { endpoints: { huggingface: base }, hostIntervalMs: 0 },
        schedule: { daily: { cron: '0 8 * * *', timezone: 'Asia/Tokyo' } },
      });
      const clock = createClock(nowIso);
      const outcome = await runDueSlot(fx.deps(store, clock), 'daily', tokyo, { runOnFirstStart: true });
      const [edition] = await store.editions.listEditions();
      return { outcome, requests, edition };
    } finally {
      server.close();
    }
  }

  it('on time: 08:00 in Tokyo is 23:00Z the day before, and the letter is dated the Tokyo day', async () => {
    const { outcome, requests, edition } = await runTokyoAt('2025-03-03T23:00:00Z');
    expect(outcome).toMatchObject({ status: 'ran', slot: new Date('2025-03-03T23:00:00Z') });
    expect(requests[0]).toMatch(/^\/api\/daily_papers\?date=2025-03-03&/); // the last full day
    expect(edition).toMatchObject({ id: '2025-03-04-daily', date: '2025-03-04' });
  });

  it("caught up late (down at Tuesday 08:00, back Wednesday 07:00): still Tuesday's list and date", async () => {
    const { outcome, requests, edition } = await runTokyoAt('2025-03-04T22:00:00Z');
    expect(outcome).toMatchObject({ status: 'ran', slot: new Date('2025-03-03T23:00:00Z') });
    expect(requests[0]).toMatch(/^\/api\/daily_papers\?date=2025-03-03&/); // not Tuesday's list
    expect(edition).toMatchObject({ id: '2025-03-04-daily', date: '2025-03-04' });
  });
});
