import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Config, loadConfig } from '../config/load.js';
import type { AppliedTopics, ClassHomes, Topic, TopicArea } from '../domain/index.js';
import { createStore } from '../store/index.js';
import type { Store, StoreConfig } from '../store/types.js';
import { parseApplied, parseAreas, parseCatalogue, parseHomes } from '../topics/index.js';
import { createLogger, type Logger } from './logger.js';

/** Folder of the installed package (holds templates/ and the shipped config). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The curated catalogue of research areas shipped in data/ (read once). */
export const CATALOGUE_FILE = path.join(PACKAGE_ROOT, 'data', 'catalogue.json');

let shipped: { topics: Topic[]; areas: TopicArea[]; homes: ClassHomes; applied: AppliedTopics } | undefined;

/** data/catalogue.json, read and checked once per process; a broken file is a one-line error. */
function shippedCatalogue(): {
  topics: Topic[];
  areas: TopicArea[];
  homes: ClassHomes;
  applied: AppliedTopics;
} {
  if (!shipped) {
    const text = readFileSync(CATALOGUE_FILE, 'utf8');
    const topics = parseCatalogue(text, CATALOGUE_FILE);
    shipped = {
      topics,
      areas: parseAreas(text, CATALOGUE_FILE, topics),
      homes: parseHomes(text, CATALOGUE_FILE, topics),
      applied: parseApplied(text, CATALOGUE_FILE, topics),
    };
  }
  return shipped;
}

/** The shipped curated topics (see data/catalogue.json). */
export function curatedTopics(): Topic[] {
  return shippedCatalogue().topics.map((t) => ({
    ...t,
    keywords: [...t.keywords],
    categories: [...t.categories],
  }));
}

/** The broad areas of the shipped catalogue (headings over related topics in a short letter). */
export function curatedAreas(): TopicArea[] {
  return shippedCatalogue().areas.map((a) => ({ ...a, topics: [...a.topics] }));
}

/** What grouping reads from the shipped catalogue beside its topics: its areas, class homes and applied topics. */
export function curatedGrouping(): { areas: TopicArea[]; homes: ClassHomes; applied: AppliedTopics } {
  return {
    areas: curatedAreas(),
    homes: { ...shippedCatalogue().homes },
    applied: shippedCatalogue().applied,
  };
}

/**
 * The store the config names: DATABASE_URL (postgres://..., or sqlite:<file> against the working
 * directory), else the SQLite file in the data folder.
 */
export function storeConfigFor(config: Pick<Config, 'databaseUrl' | 'dataDir'>): StoreConfig {
  const url = config.databaseUrl;
  if (!url) return { driver: 'sqlite', path: path.join(config.dataDir, 'paperpost.db') };
  if (url.startsWith('postgres')) return { driver: 'postgres', url };
  const file = url.replace(/^(sqlite|file):(\/\/)?/, '');
  return { driver: 'sqlite', path: file === ':memory:' ? file : path.resolve(file) };
}

export interface GlobalOptions {
  config?: string;
  json?: boolean;
}

/** Read the config once from --config, the environment and the working directory. */
export function readConfig(options: GlobalOptions): Readonly<Config> {
  return loadConfig({
    file: options.config,
    env: process.env,
    cwd: process.cwd(),
    packageRoot: PACKAGE_ROOT,
  });
}

/**
 * The HMAC secret: PAPERPOST_SECRET, else one generated into the data folder on first use (the
 * embedded default), kept private to the owner.
 */
export function resolveSecret(config: Readonly<Config>): string {
  if (config.secret) return config.secret;
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

export interface App {
  config: Readonly<Config>;
  store: Store;
  logger: Logger;
  secret: string;
  close(): Promise<void>;
}

/**
 * The config with the web server on `port`: unless PAPERPOST_BASE_URL is set, the links in every
 * mail this process makes (letters and confirmations) point there too, as the config's own
 * `server.port` would make them.
 */
export function withPort(config: Readonly<Config>, port: number): Readonly<Config> {
  const baseUrl = process.env.PAPERPOST_BASE_URL === undefined ? `http://127.0.0.1:${port}` : config.baseUrl;
  return Object.freeze({ ...config, baseUrl, server: { ...config.server, port } });
}

/**
 * Whether a command that prints its own summary should keep the terminal to that summary: stderr
 * is a terminal, no LOG_LEVEL was asked for and no --json. Logs are then limited to warnings;
 * piped, or with LOG_LEVEL, every record is logged as usual.
 */
export function summaryOnly(options: GlobalOptions): boolean {
  return Boolean(process.stderr.isTTY) && process.env.LOG_LEVEL === undefined && !options.json;
}

/** Open config, logger and store; `close()` must run on every exit path. */
export async function openApp(
  options: GlobalOptions,
  extra: { runId?: string; summaryOnly?: boolean; port?: number; seedCatalogue?: boolean } = {},
): Promise<App> {
  const config = extra.port === undefined ? readConfig(options) : withPort(readConfig(options), extra.port);
  const level = extra.summaryOnly ? 'warn' : config.logLevel;
  const logger = createLogger(level, { runId: extra.runId, json: options.json });
  const database = storeConfigFor(config);
  if (database.driver === 'sqlite') mkdirSync(config.dataDir, { recursive: true });
  const store = await createStore(database);
  // The curated catalogue joins the store once; an operator's renames and hides stay.
  if (extra.seedCatalogue) {
    try {
      await store.catalogue.seedTopics(curatedTopics());
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  const secret = resolveSecret(config);
  let closed = false;
  return {
    config,
    store,
    logger,
    secret,
    async close() {
      if (closed) return;
      closed = true;
      await store.close();
    },
  };
}

/** Run `fn` with an open app and always close it. */
export async function withApp<T>(options: GlobalOptions, fn: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp(options);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
