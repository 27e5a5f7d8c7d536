import { describe, expect, it } from 'vitest';
import { runWorkerLoop, type WorkerLedger } from '../../src/cli/worker-loop.js';
import type { SendSummary } from '../../src/deliver/index.js';
import { DELIVERY_STATES, type DeliveryCounts } from '../../src/domain/index.js';

function pass(sent: number, editions: string[] = ['e1']): SendSummary {
  return {
    editions,
    sent,
    deferred: 0,
    failed: 0,
    cancelled: 0,
    elapsedMs: 1,
    ratePerSecond: 0,
    aborted: false,
  };
}

/** A ledger whose open rows the test sets between passes. */
function fakeLedger(state: { counts: Partial<DeliveryCounts>; wake?: Date }): WorkerLedger {
  const counts = () =>
    ({ ...Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])), ...state.counts }) as DeliveryCounts;
  return {
    listUnfinishedEditions: async () => {
      const c = counts();
      return c.pending + c.sending + c.deferred > 0 ? ['e1'] : [];
    },
    countDeliveries: async () => counts(),
    nextWakeUp: async () => state.wake,
  };
}

describe('runWorkerLoop', () => {
  it('--until-idle waits while rows are sending (a dead worker lease), then leaves later retries', async () => {
    const state: { counts: Partial<DeliveryCounts>; wake?: Date } = { counts: {} };
    const passes = [
      () => {
        // A dead worker still holds 2 rows whose lease ends soon.
        state.counts = { sending: 2 };
        state.wake = new Date(Date.now() + 20);
        return pass(3);
      },
      () => {
        state.counts = { deferred: 1, sent: 5 };
        state.wake = new Date('2099-01-01T00:00:00Z');
        return pass(2);
      },
    ];
    let calls = 0;
    const summary = await runWorkerLoop(fakeLedger(state), async () => passes[calls++]!(), {
      untilIdle: true,
      signal: new AbortController().signal,
    });
    expect(calls).toBe(2);
    expect(summary).toMatchObject({
      passes: 2,
      sent: 5,
      editions: ['e1'],
      aborted: false,
      deferredLeft: 1,
      nextRetryAt: '2099-01-01T00:00:00.000Z',
    });
  });

  it('polls until the signal aborts, reporting failed passes instead of dying', async () => {
    const controller = new AbortController();
    const errors: unknown[] = [];
    let calls = 0;
    const summary = await runWorkerLoop(
      fakeLedger({ counts: {} }),
      async () => {
        calls++;
        if (calls === 2) throw new Error('relay down');
        if (calls === 4) controller.abort();
        return pass(calls === 1 ? 7 : 0, calls === 1 ? ['e1'] : []);
      },
      {
        untilIdle: false,
        signal: controller.signal,
        idleMs: 5,
        maxIdleMs: 10,
        onError: (e) => errors.push(e),
      },
    );
    expect(calls).toBe(4);
    expect(errors).toHaveLength(1);
    expect(summary).toMatchObject({ passes: 3, sent: 7, aborted: true, editions: ['e1'] });
  });

  it('--until-idle lets a failed pass fail the worker', async () => {
    await expect(
      runWorkerLoop(
        fakeLedger({ counts: {} }),
        async () => {
          throw new Error('variant missing');
        },
        { untilIdle: true, signal: new AbortController().signal },
      ),
    ).rejects.toThrow('variant missing');
  });
});
