import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerDaemon } from './daemon.js';
import { registerEditions } from './editions.js';
import { registerGroup } from './group.js';
import { registerMigrateStore } from './migrate-store.js';
import { registerParse } from './parse.js';
import { registerPreview } from './preview.js';
import { registerRank } from './rank.js';
import { registerRender } from './render.js';
import { registerRun } from './run.js';
import { registerSend } from './send.js';
import { registerServe } from './serve.js';
import { registerStatus } from './status.js';
import { registerSubscribers } from './subscribers.js';
import { registerWorker } from './worker.js';

/** Each command lives in its own file and registers itself; add one line per command here. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerRun,
  registerParse,
  registerGroup,
  registerRank,
  registerSend,
  registerEditions,
  registerDaemon,
  registerStatus,
  registerWorker,
  registerMigrateStore,
  registerRender,
  registerCheck,
  registerPreview,
  registerSubscribers,
  registerServe,
];
