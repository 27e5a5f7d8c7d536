import type { Command } from 'commander';
import { registerGroup } from './group.js';
import { registerParse } from './parse.js';
import { registerRun } from './run.js';
import { registerRank } from './rank.js';
import { registerSend } from './send.js';
import { registerEditions } from './editions.js';
import { registerDaemon } from './daemon.js';
import { registerStatus } from './status.js';
import { registerWorker } from './worker.js';
import { registerRender } from './render.js';
import { registerCheck } from './check.js';

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
  registerRender,
  registerCheck,
];
