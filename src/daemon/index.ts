export {
  type Daemon,
  type DaemonDeps,
  type DaemonLogger,
  type DaemonOptions,
  enabledSchedules,
  type FrequencySchedule,
  startDaemon,
} from './daemon-runner.js';
export { lastRefetchKey, type RefetchOutcome, refetchBeforeSlot } from './refetch.js';
export {
  createSchedule,
  latestDueSlot,
  nextFireTime,
  type Schedule,
  scheduleFromConfig,
} from './schedule.js';
export {
  type DueOutcome,
  editionLockName,
  lastSlotKey,
  readLastSlot,
  runDueSlot,
  type ScheduledRunDeps,
  type SlotOutcome,
  scheduledRun,
} from './scheduled-run.js';
export {
  buildStatusReport,
  type SourceHealth,
  type StatusReport,
  type StatusStore,
  sourceHealth,
} from './status-report.js';
