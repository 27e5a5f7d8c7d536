import { afterEach, describe, expect, it } from 'vitest';
import { refetchBeforeSlot } from '../../../src/daemon/refetch.js';
import { createSchedule } from '../../../src/daemon/schedule.js';
import { runDueSlot } from '../../../src/daemon/scheduled-run.js';
import { buildStatusReport, sourceHealth, toRunLine } from '../../../src/daemon/status-report.js';
import type { Store } from '../../../src/store/types.js';
import { createClock, createScheduleFixture, type ScheduleFixture } from './schedule-fixture.js';

let fixture: ScheduleFixture | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  fixture?.cleanup();
  store = undefined;
  fixture = undefined;
});

describe('sourceHealth', () => {
  it.each([
    [0, 3, true, 'ok'],
    [1, 3, true, 'warning'],
    [2, 3, true, 'warning'],
    [3, 3, true, 'stale'],
    [7, 3, true, 'stale'],
    [1, 1, true, 'stale'],
    [0, 3, false, 'never-fetched'],
  ] as const)('%i failure(s) in a row, stale after %i -> %s', (failures, staleAfter, fetched, expected) => {
    expect(sourceHealth(failures, staleAfter, fetched)).toBe(expected);
  });
});

describe('toRunLine', () => {
  it('reads counts and errors from a stored summary, tolerating odd shapes', () => {
    const base = { id: 'r1', kind: 'run', startedAt: 'a', finishedAt: 'b', editionId: null };
    expect(
      toRunLine({ ...base, status: 'failed', summary: { frequency: 'daily', error: 'boom' } }),
    ).toMatchObject({
      frequency: 'daily',
      error: 'boom',
      papers: null,
      sent: null,
    });
    expect(toRunLine({ ...base, status: 'ok', summary: null })).toMatchObject({
      frequency: null,
      error: null,
    });
    expect(
      toRunLine({
        ...base,
        status: 'ok',
        summary: { edition: { papers: 12 }, delivery: { sent: 3, failed: 1 }, sources: { failed: 2 } },
      }),
    ).toMatchObject({ papers: 12, sent: 3, failed: 1, sourcesFailed: 2 });
  });
});

describe('refetchBeforeSlot', () => {
  it('fetches once within the window before the slot, and records it', async () => {
    fixture = createScheduleFixture();
    store = await fixture.openStore();
    const schedule = createSchedule('0 8 * * *', 'UTC');
    const clock = createClock('2025-03-07T07:40:00Z');
    const deps = fixture.deps(store, clock);
    expect(await refetchBeforeSlot(deps, 'daily', schedule, 15)).toBeUndefined(); // too early
    expect(await refetchBeforeSlot(deps, 'daily', schedule, 0)).toBeUndefined(); // disabled
    clock.set('2025-03-07T07:50:00Z');
    const done = await refetchBeforeSlot(deps, 'daily', schedule, 15);
    expect(done?.slot.toISOString()).toBe('2025-03-07T08:00:00.000Z');
    expect(done?.inserted).toBeGreaterThan(0);
    expect(await refetchBeforeSlot(deps, 'daily', schedule, 15)).toBeUndefined(); // once per slot
    const states = await store.sources.listSourceStates();
    expect(states.every((s) => s.lastFetchedAt === '2025-03-07T07:50:00.000Z')).toBe(true);
  });
});

describe('buildStatusReport', () => {
  it('shows runs, schedules, source health, subscribers and deliveries per state', async () => {
    fixture = createScheduleFixture({
      sources: [{ id: 'gone', kind: 'auto', location: 'missing.xml' }],
      schedule: { daily: { cron: '0 8 * * *', timezone: 'Europe/Berlin' }, staleAfterFailures: 2 },
      seedSubscribers: [{ email: 'a@paperpost.example' }],
    });
    store = await fixture.openStore();
    const clock = createClock('2025-03-07T09:30:00Z');
    const daily = createSchedule('0 8 * * *', 'Europe/Berlin');
    await runDueSlot(fixture.deps(store, clock), 'daily', daily, { runOnFirstStart: true });
    let report = await buildStatusReport(store, fixture.config, clock.now());
    expect(report.sources).toEqual([
      expect.objectContaining({ id: 'gone', health: 'warning', failuresInRow: 1, configured: true }),
    ]);
    expect(report.sources[0]?.lastError).toMatch(/missing\.xml|gone/);
    expect(report.runs[0]).toMatchObject({ status: 'failed', frequency: 'daily' });
    expect(report.runs[0]?.error).toMatch(/no source could be read/);
    expect(report.schedules[0]).toMatchObject({
      frequency: 'daily',
      next: '2025-03-08T07:00:00.000Z',
      lastSlot: '2025-03-07T07:00:00.000Z',
    });
    clock.set('2025-03-08T07:00:00Z');
    await runDueSlot(fixture.deps(store, clock), 'daily', daily);
    report = await buildStatusReport(store, fixture.config, clock.now());
    expect(report.sources[0]).toMatchObject({ health: 'stale', failuresInRow: 2 });
    expect(report.runs).toHaveLength(2);
    expect(report.editions).toEqual([]);
  });
});
