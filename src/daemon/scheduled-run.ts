import { randomUUID } from 'node:crypto';
import { describeError, type Frequency } from '../domain/index.js';
import { type RunDeps, type RunSummary, runEdition } from '../pipeline/run-edition.js';
import type { RunRepository } from '../store/types.js';
import type { Schedule } from './schedule.js';

/** What a schedule keeps in the store besides the run's own rows: its locks and recorded slots. */
export interface SlotStore {
  runs: Pick<RunRepository, 'getMeta' | 'setMeta' | 'tryLock' | 'releaseLock'>;
}

/** What a scheduled run needs: the deps of `runEdition` plus who holds the lock. */
export interface ScheduledRunDeps extends Omit<RunDeps, 'store'> {
  store: RunDeps['store'] & SlotStore;
  /** Lock holder id, unique per process (default: a random UUID per call). */
  holder?: string;
  /** Lock time-to-live; the lock is renewed every third of it while the run goes on. Default 120. */
  lockTtlSeconds?: number;
}

/**
 * How a slot ended: `ran` produced (or skipped, per minPapers) the edition of the slot; `recorded`
 * marked the slot as seen without running (first start); `done` found it already produced;
 * `locked` saw another process producing it; `failed` ran and failed (the slot still counts).
 */
export type SlotOutcome =
  | { status: 'ran'; slot: Date; summary: RunSummary }
  | { status: 'failed'; slot: Date; error: string }
  | { status: 'recorded' | 'done' | 'locked'; slot: Date };

/** Meta key of the latest slot produced for a frequency. */
export const lastSlotKey = (frequency: Frequency) => `last-slot:${frequency}`;
/** Lock name that serializes the editions of a frequency across processes and hosts. */
export const editionLockName = (frequency: Frequency) => `edition:${frequency}`;

/** The latest slot recorded for `frequency`, if any. */
export async function readLastSlot(
  deps: { store: { runs: Pick<SlotStore['runs'], 'getMeta'> } },
  frequency: Frequency,
): Promise<Date | undefined> {
  const value = await deps.store.runs.getMeta(lastSlotKey(frequency));
  const date = value ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * Produces the edition of `slot` at most once across every process sharing the store: takes the
 * lock `edition:<frequency>` (renewed while running), returns `done` when the recorded slot is the
 * same or newer, else runs `runEdition` and records the slot, also when the run failed (a failed
 * slot is not retried until the next one; `paperpost run` produces it by hand). With
 * `mode: 'record'` the slot is recorded without running (a fresh install's first start).
 */
export async function scheduledRun(
  deps: ScheduledRunDeps,
  frequency: Frequency,
  slot: Date,
  mode: 'run' | 'record' = 'run',
): Promise<SlotOutcome> {
  const { store } = deps;
  const holder = deps.holder ?? randomUUID();
  const ttl = deps.lockTtlSeconds ?? 120;
  const lock = editionLockName(frequency);
  if (!(await store.runs.tryLock(lock, holder, ttl, deps.now()))) return { status: 'locked', slot };
  const renew = setInterval(
    () => {
      store.runs.tryLock(lock, holder, ttl, deps.now()).then(
        (held) => {
          if (!held) deps.logger.error({ lock, holder }, 'edition lock lost while running');
        },
        (err: unknown) =>
          deps.logger.warn({ lock, error: describeError(err) }, 'edition lock renewal failed'),
      );
    },
    (ttl * 1000) / 3,
  );
  renew.unref();
  try {
    const last = await readLastSlot(deps, frequency);
    if (last && last.getTime() >= slot.getTime()) return { status: 'done', slot };
    if (mode === 'record') {
      await store.runs.setMeta(lastSlotKey(frequency), slot.toISOString());
      return { status: 'recorded', slot };
    }
    try {
      const summary = await runEdition(deps, { frequency, slot });
      return { status: 'ran', slot, summary };
    } catch (err) {
      deps.logger.error(
        { frequency, slot: slot.toISOString(), error: describeError(err) },
        'scheduled run failed',
      );
      return { status: 'failed', slot, error: describeError(err) };
    } finally {
      await store.runs.setMeta(lastSlotKey(frequency), slot.toISOString());
    }
  } finally {
    clearInterval(renew);
    await store.runs.releaseLock(lock, holder);
  }
}

/** `none`: the schedule has no slot yet at this time. */
export type DueOutcome = SlotOutcome | { status: 'none' };

/**
 * Produces the latest due slot of `schedule` if it is newer than the recorded one: once, however
 * many slots were missed (catch-up after downtime; missed papers all go into that one edition).
 * With no slot recorded yet (first start) the slot is only recorded, unless `runOnFirstStart`.
 * Cheap when nothing is due (one meta read, no lock), so it can run every minute.
 */
export async function runDueSlot(
  deps: ScheduledRunDeps,
  frequency: Frequency,
  schedule: Pick<Schedule, 'latest'>,
  options: { runOnFirstStart?: boolean } = {},
): Promise<DueOutcome> {
  const slot = schedule.latest(deps.now());
  if (!slot) return { status: 'none' };
  const last = await readLastSlot(deps, frequency);
  if (last && last.getTime() >= slot.getTime()) return { status: 'done', slot };
  const mode = !last && !options.runOnFirstStart ? 'record' : 'run';
  return scheduledRun(deps, frequency, slot, mode);
}
