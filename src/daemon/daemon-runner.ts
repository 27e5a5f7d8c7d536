import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { DrainOptions, SendSummary, Transport } from '../deliver/index.js';
import { describeError, type Frequency } from '../domain/index.js';
import type { PipelineLogger, RunOptions } from '../pipeline/types.js';
import type { LedgerRepository } from '../store/types.js';
import { refetchBeforeSlot } from './refetch.js';
import { type Schedule, scheduleFromConfig } from './schedule.js';
import { runDueSlot, type ScheduledRunDeps } from './scheduled-run.js';

/** The logging the daemon needs (pino satisfies it): the pipeline's plus child loggers. */
export interface DaemonLogger extends PipelineLogger {
  child(bindings: object): DaemonLogger;
}

/** What the CLI wires into the daemon: the store, the config and the real adapters. */
export interface DaemonDeps {
  config: Readonly<RunOptions>;
  store: ScheduledRunDeps['store'] & { ledger: Pick<LedgerRepository, 'listUnfinishedEditions'> };
  logger: DaemonLogger;
  renderer: ScheduledRunDeps['renderer'];
  /** The transport of the daemon's sends (closed by `stop`). */
  transport: Transport;
  /**
   * Drains every unfinished ledger once through `transport` (`drainLedgers` in mode `once`),
   * stopping early when `signal` aborts; `onPass` hears of a pass that did anything.
   */
  send(
    transport: Transport,
    options: Pick<DrainOptions, 'onPass'> & { signal: AbortSignal },
  ): Promise<SendSummary>;
}

/** One enabled frequency with its parsed schedule. */
export interface FrequencySchedule {
  frequency: Frequency;
  schedule: Schedule;
}

export interface DaemonOptions {
  /** Produce the latest due slot even when none was ever recorded (default: only record it). */
  catchUpOnFirstStart: boolean;
  /** Clock (tests); default the system clock. */
  now?: () => Date;
}

export interface Daemon {
  readonly holder: string;
  readonly schedules: FrequencySchedule[];
  /** Resolves when the start-up catch-up (and resumed sends) are done. */
  readonly started: Promise<void>;
  /** Stop claiming, let in-flight SMTP transactions finish, give unsent rows back, close. */
  stop(): Promise<void>;
}

/** The enabled schedules of the config; throws a `config` error for a bad cron or time zone. */
export function enabledSchedules(config: Pick<RunOptions, 'schedule'>): FrequencySchedule[] {
  const list: FrequencySchedule[] = [];
  for (const frequency of ['daily', 'weekly'] as const) {
    const entry = config.schedule[frequency];
    if (entry.enabled) list.push({ frequency, schedule: scheduleFromConfig(`schedule.${frequency}`, entry) });
  }
  return list;
}

/** node-cron's log calls, into pino. */
function cronLogger(logger: DaemonLogger) {
  return {
    info: (m: string) => logger.debug({ component: 'node-cron' }, m),
    warn: (m: string) => logger.warn({ component: 'node-cron' }, m),
    error: (m: string | Error) => logger.error({ component: 'node-cron' }, String(m)),
    debug: (m: string | Error) => logger.debug({ component: 'node-cron' }, String(m)),
  };
}

/**
 * Starts the scheduler: one node-cron task per enabled frequency (its cron and time zone, no
 * overlap) and a one-minute watch task that produces any due slot node-cron did not fire (DST
 * gaps, a suspended host, another daemon that died holding the lock), does the pre-send
 * refetch and retries due deferred deliveries. At start it catches up once and resumes
 * unfinished ledgers.
 */
export function startDaemon(app: DaemonDeps, options: DaemonOptions): Daemon {
  const { config, store, transport, renderer } = app;
  const now = options.now ?? (() => new Date());
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const schedules = enabledSchedules(config);
  const controller = new AbortController();
  const inFlight = new Map<string, Promise<void>>();
  let stopping = false;

  const depsFor = (logger: DaemonLogger): ScheduledRunDeps => ({
    store,
    config,
    logger,
    renderer,
    send: () => app.send(transport, { signal: controller.signal }),
    now,
    holder,
  });

  /** Runs `job` unless the same key is still busy in this process (no overlap). */
  const exclusive = (key: string, job: () => Promise<void>): Promise<void> => {
    const busy = inFlight.get(key);
    if (busy || stopping) return busy ?? Promise.resolve();
    const promise = job()
      .catch((err: unknown) => app.logger.error({ job: key, error: describeError(err) }, 'job failed'))
      .finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };

  // Editions of different frequencies run one after the other: they share sources and ledgers.
  let queue: Promise<void> = Promise.resolve();
  const serial = (job: () => Promise<void>): Promise<void> => {
    const next = queue.then(job);
    queue = next.catch(() => undefined);
    return next;
  };

  const produce = (entry: FrequencySchedule, firstStart = false): Promise<void> =>
    exclusive(`edition:${entry.frequency}`, () =>
      serial(async () => {
        const runId = randomUUID();
        const logger = app.logger.child({ runId, frequency: entry.frequency });
        const outcome = await runDueSlot(depsFor(logger), entry.frequency, entry.schedule, {
          runOnFirstStart: firstStart && options.catchUpOnFirstStart,
        });
        if (outcome.status === 'none' || outcome.status === 'done') return;
        const slot = outcome.slot.toISOString();
        if (outcome.status === 'ran') {
          const s = outcome.summary;
          logger.info(
            {
              slot,
              storeRunId: s.runId,
              status: s.status,
              edition: s.edition?.id,
              skipReason: s.skipReason,
              delivery: s.delivery,
            },
            'scheduled run finished',
          );
        } else {
          logger.info({ slot, outcome: outcome.status }, 'scheduled slot');
        }
      }),
    );

  const refetch = (entry: FrequencySchedule): Promise<void> =>
    exclusive(`refetch:${entry.frequency}`, async () => {
      const deps: Pick<ScheduledRunDeps, 'store' | 'config' | 'logger' | 'now' | 'holder'> = {
        store,
        config,
        logger: app.logger.child({ frequency: entry.frequency }),
        now,
        holder,
      };
      await refetchBeforeSlot(deps, entry.frequency, entry.schedule, config.schedule.refetchMinutesBefore);
    });

  const resumeSends = (): Promise<void> =>
    exclusive('send', () =>
      serial(async () => {
        if ((await store.ledger.listUnfinishedEditions()).length === 0) return;
        await app.send(transport, {
          signal: controller.signal,
          onPass: (pass) => app.logger.info({ ...pass }, 'resumed unfinished editions'),
        });
      }),
    );

  const logger = cronLogger(app.logger);
  const tasks: ScheduledTask[] = schedules.map((entry) =>
    cron.createTask(entry.schedule.expression, () => produce(entry), {
      name: `paperpost-${entry.frequency}`,
      timezone: entry.schedule.timeZone,
      noOverlap: true,
      logger,
    }),
  );
  tasks.push(
    cron.createTask(
      '* * * * *',
      async () => {
        for (const entry of schedules) {
          await refetch(entry);
          await produce(entry);
        }
        // Deferred rows (greylisting, 4xx) are retried when due, not only at the next edition.
        await resumeSends();
      },
      { name: 'paperpost-watch', noOverlap: true, logger, suppressMissedWarning: true },
    ),
  );

  const started = (async () => {
    // Catch-up first: the first slot of a fresh install is recorded, a missed one produced once.
    for (const entry of schedules) await produce(entry, true);
    // Then finish what a previous stop left in the ledgers.
    await resumeSends();
    if (stopping) return;
    for (const task of tasks) await task.start();
    app.logger.info(
      { holder, schedules: schedules.map((e) => ({ frequency: e.frequency, next: e.schedule.next(now()) })) },
      'daemon started',
    );
  })().catch((err: unknown) => app.logger.error({ error: describeError(err) }, 'daemon start failed'));

  return {
    holder,
    schedules,
    started,
    async stop() {
      stopping = true;
      controller.abort();
      await started;
      for (const task of tasks) await task.destroy();
      await Promise.all(inFlight.values());
      await transport.close();
    },
  };
}
