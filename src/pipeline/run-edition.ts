import { PerformanceObserver } from 'node:perf_hooks';
import { processOwner } from '../deliver/index.js';
import {
  countEdition,
  describeError,
  type EditionCounts,
  type Frequency,
  PaperpostError,
} from '../domain/index.js';
import { buildEdition, type GroupingTime, type TitleClaimsTime } from './build-edition.js';
import { ingestSources, type SourceReport } from './ingest-sources.js';
import { keepStoredIds, storePapers } from './store-papers.js';
import type { PipelineLogger, RunOptions, RunStore } from './types.js';
import { isEmptyVariant, renderVariants, type VariantRenderer } from './variants.js';

/** What a send reports back (deliver/'s SendSummary satisfies it). */
export interface SendOutcome {
  sent: number;
  deferred: number;
  failed: number;
  cancelled: number;
  /** Rows left `sending` under other processes' leases, and when the last one ends. */
  leftBehind?: { rows: number; until: string | null };
}

/** What an edition run is given: the store repositories it uses and the config fields it reads. */
export interface RunDeps {
  store: RunStore;
  config: Readonly<RunOptions>;
  logger: PipelineLogger;
  renderer: VariantRenderer;
  /** Drains the ledger of every unfinished edition; absent with --no-send. */
  send?: () => Promise<SendOutcome>;
  now: () => Date;
}

/** Which edition to produce now. */
export interface RunRequest {
  frequency: Frequency;
  /**
   * The scheduled time the edition stands for (a daemon's slot, perhaps one it missed while down);
   * default: now. Sources are resolved for that slot's day (the HF daily list of that date) and the
   * edition is dated by it, in the schedule's time zone.
   */
  slot?: Date;
}

export interface RunSummary {
  runId: string;
  status: 'ok' | 'skipped' | 'failed';
  frequency: Frequency;
  sources: { ok: number; failed: number; reports: SourceReport[] };
  papers: { entries: number; merged: number; new: number; updated: number; candidates: number };
  /** `papers` is the papers selected (= `selected`); see {@link EditionCounts} for the words. */
  edition: ({ id: string; sections: number; papers: number; newTopics: number } & EditionCounts) | null;
  skipReason: string | null;
  /** Rows written, and of those `skipped` (nothing of the reader's topics: no mail). */
  ledger: { created: number; skipped: number; variants: string[] } | null;
  delivery: SendOutcome | null;
  error: string | null;
}

/**
 * One edition now: ingest -> merge -> store -> select -> group -> rank -> edition -> ledger ->
 * render variants -> send. Every run is recorded in the store with its summary.
 */
export async function runEdition(deps: RunDeps, options: RunRequest): Promise<RunSummary> {
  const { store, config, logger } = deps;
  const started = deps.now();
  const runId = await store.runs.startRun('run', started, processOwner());
  const summary: RunSummary = {
    runId,
    status: 'ok',
    frequency: options.frequency,
    sources: { ok: 0, failed: 0, reports: [] },
    papers: { entries: 0, merged: 0, new: 0, updated: 0, candidates: 0 },
    edition: null,
    skipReason: null,
    ledger: null,
    delivery: null,
    error: null,
  };
  // Wall and CPU time (user + system, all threads) of each stage, logged at debug level
  // (LOG_LEVEL=debug) for profiling a run: on a loaded machine CPU time is the steadier figure.
  const timings: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  let mark = performance.now();
  let cpuMark = process.cpuUsage();
  let grouping: GroupingTime | undefined;
  let claims: TitleClaimsTime | undefined;
  // At debug level, the collector's pauses too: how much of the grouping they took.
  const collector = logger.isLevelEnabled?.('debug') === true ? watchCollector() : undefined;
  const lap = (stage: string): void => {
    const now = performance.now();
    const used = process.cpuUsage(cpuMark);
    timings[stage] = Math.round(now - mark);
    cpu[stage] = Math.round((used.user + used.system) / 1000);
    mark = now;
    cpuMark = process.cpuUsage();
  };
  try {
    summary.papers = await readSources(deps, options, summary, started, lap);
    await seedSubscribers(store, config);
    const built = await buildEdition(store, config, options.frequency, deps.now(), options.slot);
    lap('build');
    if (built.status === 'built') ({ grouping, titleClaims: claims } = built);
    summary.papers.candidates = built.candidates;
    if (built.status === 'skipped') {
      summary.status = 'skipped';
      summary.skipReason = built.reason;
      logger.info({ reason: built.reason }, 'edition skipped');
    } else {
      const { edition } = built;
      const counts = countEdition(edition);
      summary.edition = {
        id: edition.id,
        sections: edition.sections.length,
        papers: counts.selected,
        ...counts,
        newTopics: built.newTopics,
      };
      const domain =
        config.sender.messageIdDomain ?? config.sender.fromAddress.split('@')[1] ?? 'paperpost.invalid';
      // A reader whose topics the edition has nothing of gets no mail: a `skipped` row says so.
      let empty = false;
      const created = await store.ledger.createLedger(edition.id, edition.frequency, domain, (key) => {
        const none = isEmptyVariant(edition, key);
        empty ||= none;
        return none;
      });
      const skipped = empty ? (await store.ledger.countDeliveries(edition.id)).skipped : 0;
      const variants = await renderVariants(store, deps.renderer, edition);
      lap('render');
      summary.ledger = { created, skipped, variants: variants.variants };
      logger.info(
        { edition: edition.id, deliveries: created, skipped, variants: variants.variants.length },
        'edition ready',
      );
    }
    // Resume unfinished editions too: the next run finishes what a crash left.
    if (deps.send) {
      summary.delivery = await deps.send();
      lap('send');
    }
    // The build's grouping apart: the first call of a process, what issue #12's 150 ms is about.
    logger.debug(
      {
        ms: timings,
        cpuMs: cpu,
        grouping: grouping && groupingTimes(grouping, collector),
        titleClaims: claims,
      },
      'run timings',
    );
  } catch (err) {
    summary.status = 'failed';
    summary.error = describeError(err);
    await store.runs.finishRun(runId, 'failed', summary, summary.edition?.id ?? null, deps.now());
    throw err;
  } finally {
    collector?.stop();
  }
  await store.runs.finishRun(runId, summary.status, summary, summary.edition?.id ?? null, deps.now());
  return summary;
}

/**
 * Ingest and store: reads the sources, stores the merged papers, fills the summary's sources and
 * returns its paper counts. Apart from runEdition so the parsed feeds (every entry, and the feed
 * documents their strings are cut from) are garbage once stored, not live while the edition is
 * built: the run's first full garbage collection then no longer falls inside its grouping.
 */
/** The garbage collector's pauses seen so far (Node.js `perf_hooks` "gc" entries), until stopped. */
interface CollectorWatch {
  pauses: { start: number; end: number }[];
  stop(): void;
}

function watchCollector(): CollectorWatch {
  const pauses: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return { pauses, stop: () => observer.disconnect() };
}

/**
 * The grouping as logged: papers, wall ms, and of them the collector's pauses (`collectorMs`,
 * when watched): whether a scavenge fell inside it decides much of its spread (bench/FIGURES.md,
 * session 43). The collector's incremental marking steps are not pauses of their own and count
 * as the grouping's.
 */
export function groupingTimes(
  grouping: GroupingTime,
  collector?: Pick<CollectorWatch, 'pauses'>,
): { papers: number; ms: number; collectorMs?: number } {
  const { papers, ms, startedAt } = grouping;
  if (collector === undefined) return { papers, ms };
  const end = startedAt + ms;
  let inside = 0;
  for (const p of collector.pauses)
    inside += Math.max(0, Math.min(p.end, end) - Math.max(p.start, startedAt));
  return { papers, ms, collectorMs: Math.round(inside) };
}

async function readSources(
  deps: RunDeps,
  options: RunRequest,
  summary: RunSummary,
  started: Date,
  lap: (stage: string) => void,
): Promise<RunSummary['papers']> {
  const { store, config, logger } = deps;
  const ingest = await ingestSources(store, config, logger, started, options.frequency, options.slot);
  lap('ingest');
  summary.sources.reports = ingest.reports;
  summary.sources.failed = ingest.reports.filter((r) => r.status === 'failed').length;
  summary.sources.ok = ingest.reports.length - summary.sources.failed;
  if (config.sources.length > 0 && summary.sources.ok === 0) {
    throw new PaperpostError(
      'pipeline',
      'job-failed',
      `no source could be read (${ingest.reports.length} failed)`,
    );
  }
  const { papers } = await keepStoredIds(store, ingest.papers, ingest.formerIds);
  const upsert = await storePapers(store, papers, ingest.reports, logger, started);
  lap('store');
  // A source whose data the store refused counts as failed, the run goes on without it.
  summary.sources.failed = ingest.reports.filter((r) => r.status === 'failed').length;
  summary.sources.ok = ingest.reports.length - summary.sources.failed;
  return {
    entries: ingest.entries,
    merged: ingest.papers.length,
    new: upsert.inserted,
    updated: upsert.updated,
    candidates: 0,
  };
}

/** Config-seeded subscribers (the demo recipient) are added once, when the store has none. */
async function seedSubscribers(
  store: Pick<RunStore, 'subscribers'>,
  config: Pick<RunOptions, 'seedSubscribers'>,
): Promise<void> {
  if (config.seedSubscribers.length === 0) return;
  const counts = await store.subscribers.countSubscribers();
  if (Object.values(counts).some((n) => n > 0)) return;
  for (const seed of config.seedSubscribers) {
    await store.subscribers.upsertSubscriber({
      email: seed.email.toLowerCase(),
      name: seed.name ?? null,
      status: 'confirmed',
      topics: [...seed.topics].sort(),
      frequency: seed.frequency,
    });
  }
}
