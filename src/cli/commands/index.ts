import type { Command } from 'commander';

/** Each command lives in its own file and registers itself. */
export type RegisterCommand = (program: Command) => void;

/**
 * Commands by name, loaded on demand: `paperpost status` should not pay for MJML, nodemailer and
 * the web server. `--help` (or an unknown name) loads them all. Add one line per command.
 */
export const commands: ReadonlyArray<{ name: string; load: () => Promise<RegisterCommand> }> = [
  { name: 'run', load: async () => (await import('./run.js')).registerRun },
  { name: 'send', load: async () => (await import('./send.js')).registerSend },
  { name: 'editions', load: async () => (await import('./editions.js')).registerEditions },
  { name: 'parse', load: async () => (await import('./parse.js')).registerParse },
  { name: 'group', load: async () => (await import('./group.js')).registerGroup },
  { name: 'rank', load: async () => (await import('./rank.js')).registerRank },
  { name: 'render', load: async () => (await import('./render.js')).registerRender },
  { name: 'check', load: async () => (await import('./check.js')).registerCheck },
  { name: 'preview', load: async () => (await import('./preview.js')).registerPreview },
  { name: 'topics', load: async () => (await import('./topics.js')).registerTopics },
  { name: 'subscribers', load: async () => (await import('./subscribers.js')).registerSubscribers },
  { name: 'serve', load: async () => (await import('./serve.js')).registerServe },
  { name: 'daemon', load: async () => (await import('./daemon.js')).registerDaemon },
  { name: 'status', load: async () => (await import('./status.js')).registerStatus },
  { name: 'worker', load: async () => (await import('./worker.js')).registerWorker },
  { name: 'init', load: async () => (await import('./init.js')).registerInit },
  { name: 'sources', load: async () => (await import('./sources.js')).registerSources },
  { name: 'bounces', load: async () => (await import('./bounces.js')).registerBounces },
  { name: 'migrate-store', load: async () => (await import('./migrate-store.js')).registerMigrateStore },
];
