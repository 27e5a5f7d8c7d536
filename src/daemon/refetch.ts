import { randomUUID } from 'node:crypto';
import type { Frequency } from '../domain/index.js';
import { ingestSources } from '../pipeline/ingest-sources.js';
import { keepStoredIds } from '../pipeline/store-papers.js';
import type { Schedule } from './schedule.js';
import type { ScheduledRunDeps } from './scheduled-run.js';

/** Meta key of the slot whose pre-send refetch was done. */
export const lastRefetchKey = (frequency: Frequency) => `last-refetch:${frequency}`;

export interface RefetchOutcome {
  /** The upcoming slot the refetch was for. */
  slot: Date;
  papers: number;
  inserted: number;
  updated: number;
}

/**
 * Shortly before a slot (within `minutesBefore`), fetch the sources once more and store the fresh
 * signals (late upvotes, comments), so the edition ranks on recent numbers and still has the
 * papers if a source is down at send time. Once per slot across processes (a lock and a meta key).
 * Returns undefined when it is not time yet, or it was done already.
 */
export async function refetchBeforeSlot(
  deps: Pick<ScheduledRunDeps, 'store' | 'config' | 'logger' | 'now' | 'holder'>,
  frequency: Frequency,
  schedule: Pick<Schedule, 'next'>,
  minutesBefore: number,
): Promise<RefetchOutcome | undefined> {
  if (minutesBefore <= 0) return undefined;
  const now = deps.now();
  const slot = schedule.next(now);
  if (slot.getTime() - now.getTime() > minutesBefore * 60_000) return undefined;
  const key = lastRefetchKey(frequency);
  if ((await deps.store.runs.getMeta(key)) === slot.toISOString()) return undefined;
  const holder = deps.holder ?? randomUUID();
  const lock = `refetch:${frequency}`;
  if (!(await deps.store.runs.tryLock(lock, holder, 600, now))) return undefined;
  try {
    if ((await deps.store.runs.getMeta(key)) === slot.toISOString()) return undefined;
    // Recorded first: a failing source must not make every tick try again.
    await deps.store.runs.setMeta(key, slot.toISOString());
    const ingest = await ingestSources(deps.store, deps.config, deps.logger, now, frequency);
    const { papers } = await keepStoredIds(deps.store, ingest.papers, ingest.formerIds);
    const upsert = await deps.store.papers.upsertPapers(papers, now);
    deps.logger.info(
      { frequency, slot: slot.toISOString(), papers: papers.length, ...upsert },
      'sources fetched again before the send',
    );
    return { slot, papers: papers.length, inserted: upsert.inserted, updated: upsert.updated };
  } finally {
    await deps.store.runs.releaseLock(lock, holder);
  }
}
