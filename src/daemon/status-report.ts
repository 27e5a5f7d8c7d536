import type { Config } from '../config/load.js';
import type { DeliveryCounts, Frequency, SubscriberStatus } from '../domain/index.js';
import type {
  EditionRepository,
  RunRecord,
  RunRepository,
  SourceRepository,
  SubscriberRepository,
} from '../store/types.js';
import { scheduleFromConfig } from './schedule.js';
import { readLastSlot } from './scheduled-run.js';

/** What a status report reads of the store. */
export interface StatusStore {
  runs: Pick<RunRepository, 'listRuns' | 'getMeta'>;
  sources: Pick<SourceRepository, 'listSourceStates'>;
  editions: Pick<EditionRepository, 'listEditions'>;
  subscribers: Pick<SubscriberRepository, 'countSubscribers'>;
}

/** `ok`: last fetch worked; `warning`: failed once or a few times; `stale`: failed staleAfterFailures in a row. */
export type SourceHealth = 'ok' | 'warning' | 'stale' | 'never-fetched';

export interface RunLine {
  id: string;
  kind: string;
  status: RunRecord['status'];
  startedAt: string;
  finishedAt: string | null;
  frequency: string | null;
  editionId: string | null;
  /** Papers selected for the edition the run made. */
  papers: number | null;
  sent: number | null;
  failed: number | null;
  sourcesFailed: number | null;
  skipReason: string | null;
  error: string | null;
}

export interface ScheduleLine {
  frequency: Frequency;
  enabled: boolean;
  cron: string;
  timezone: string;
  next: string | null;
  lastSlot: string | null;
}

export interface SourceLine {
  id: string;
  health: SourceHealth;
  failuresInRow: number;
  lastStatus: string | null;
  lastFetchedAt: string | null;
  lastError: string | null;
  /** false for a source the store remembers but the config no longer lists. */
  configured: boolean;
}

export interface EditionLine {
  id: string;
  frequency: Frequency;
  date: string;
  /** Papers selected (published with the edition). */
  papers: number;
  /** Of those, papers in the letter; `papers - inLetter` are on the web only. */
  inLetter: number;
  deliveries: DeliveryCounts;
}

/** Everything `paperpost status` shows. */
export interface StatusReport {
  at: string;
  runs: RunLine[];
  schedules: ScheduleLine[];
  sources: SourceLine[];
  subscribers: Record<SubscriberStatus, number>;
  editions: EditionLine[];
}

/** Health of a source from its failures in a row. */
export function sourceHealth(
  failuresInRow: number,
  staleAfterFailures: number,
  fetched = true,
): SourceHealth {
  if (!fetched) return 'never-fetched';
  if (failuresInRow <= 0) return 'ok';
  return failuresInRow >= staleAfterFailures ? 'stale' : 'warning';
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/** One run as a line: counts and errors read from its stored summary (tolerant of any shape). */
export function toRunLine(run: RunRecord): RunLine {
  const s = obj(run.summary);
  const edition = obj(s.edition);
  const delivery = obj(s.delivery);
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    frequency: str(s.frequency),
    editionId: run.editionId,
    papers: num(edition.selected) ?? num(edition.papers),
    sent: num(delivery.sent),
    failed: num(delivery.failed),
    sourcesFailed: num(obj(s.sources).failed),
    skipReason: str(s.skipReason),
    error: str(s.error),
  };
}

/** Reads the status of a Paperpost installation from its store and config at `now`. */
export async function buildStatusReport(
  store: StatusStore,
  config: Pick<Config, 'schedule' | 'sources'>,
  now: Date,
  options: { runs?: number; editions?: number } = {},
): Promise<StatusReport> {
  const runs = (await store.runs.listRuns(options.runs ?? 10)).map(toRunLine);
  const schedules: ScheduleLine[] = [];
  for (const frequency of ['daily', 'weekly'] as const) {
    const entry = config.schedule[frequency];
    const last = await readLastSlot({ store }, frequency);
    schedules.push({
      frequency,
      enabled: entry.enabled,
      cron: entry.cron,
      timezone: entry.timezone,
      next: entry.enabled ? scheduleFromConfig(`schedule.${frequency}`, entry).next(now).toISOString() : null,
      lastSlot: last?.toISOString() ?? null,
    });
  }
  const states = new Map((await store.sources.listSourceStates()).map((s) => [s.id, s]));
  const stale = config.schedule.staleAfterFailures;
  const sources: SourceLine[] = [];
  // The feeds of an OPML source are sources of their own, `<opml id>.<feed>`.
  const isConfigured = (id: string) =>
    config.sources.some((s) => s.id === id || (s.kind === 'opml' && id.startsWith(`${s.id}.`)));
  const ids = [
    ...config.sources.map((s) => s.id),
    ...[...states.keys()].filter((id) => !config.sources.some((s) => s.id === id)),
  ];
  for (const id of ids) {
    const state = states.get(id);
    sources.push({
      id,
      health: sourceHealth(state?.failuresInRow ?? 0, stale, state?.lastFetchedAt != null),
      failuresInRow: state?.failuresInRow ?? 0,
      lastStatus: state?.lastStatus ?? null,
      lastFetchedAt: state?.lastFetchedAt ?? null,
      lastError: state?.lastError ?? null,
      configured: isConfigured(id),
    });
  }
  const editions = (await store.editions.listEditions({ limit: options.editions ?? 5 })).map((e) => ({
    id: e.id,
    frequency: e.frequency,
    date: e.date,
    papers: e.paperCount,
    inLetter: e.letterCount,
    deliveries: e.counts,
  }));
  return {
    at: now.toISOString(),
    runs,
    schedules,
    sources,
    subscribers: await store.subscribers.countSubscribers(),
    editions,
  };
}
