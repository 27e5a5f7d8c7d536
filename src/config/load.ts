import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as z from 'zod';
import { PaperpostError } from '../domain/errors.js';
import { type EnvConfig, envSchema, type FileConfig, fileConfigSchema } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'paperpost.config.json';

/** The one typed, frozen configuration every part of Paperpost receives. */
export interface Config extends FileConfig {
  /** The config file read, or null when running on defaults. */
  configPath: string | null;
  /** Relative paths in the config resolve against this folder. */
  baseDir: string;
  dataDir: string;
  outboxDir: string;
  templatesDir: string;
  /** DATABASE_URL (postgres://..., sqlite:<file>); null: the SQLite file in dataDir (the CLI decides). */
  databaseUrl: string | null;
  smtpUrl: string | null;
  /** PAPERPOST_SECRET; null means "use the generated one in dataDir" (decided by the CLI). */
  secret: string | null;
  baseUrl: string;
  /** PAPERPOST_POSTMARK_TOKEN, PAPERPOST_METRICS_TOKEN, PAPERPOST_IMAP_PASSWORD; null when unset. */
  postmarkToken: string | null;
  metricsToken: string | null;
  imapPassword: string | null;
  logLevel: NonNullable<EnvConfig['LOG_LEVEL']>;
}

export interface LoadConfigOptions {
  /** Explicit --config path; else PAPERPOST_CONFIG; else ./paperpost.config.json when present. */
  file?: string;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Where templates/ ship (the package root), used when the config names none. */
  packageRoot: string;
}

function formatIssues(where: string, error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return `${where}: invalid`;
  const key = first.path.length > 0 ? first.path.join('.') : '(root)';
  const more = error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : '';
  return `${where}: ${key}: ${first.message}${more}`;
}

/**
 * The JSON value in `file`, for the config and for the files commands read. What goes wrong is
 * handed to `fail` as `unreadable` ("cannot read (ENOENT)") or `invalid` ("not valid JSON (...)"),
 * which returns the error to throw.
 */
export function readJsonFile(
  file: string,
  fail: (problem: 'unreadable' | 'invalid', reason: string, cause: unknown) => Error,
): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    throw fail('unreadable', `cannot read (${code ?? message})`, err);
  }
  try {
    // Editors on Windows save UTF-8 with a byte order mark; JSON.parse refuses it.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw fail('invalid', `not valid JSON (${(err as Error).message})`, err);
  }
}

function readConfigFile(file: string): unknown {
  return readJsonFile(
    file,
    (problem, reason, cause) =>
      new PaperpostError('config', `config-${problem}`, `${file}: ${reason}`, { cause }),
  );
}

/**
 * Read the config file and the environment once, validate both with their schemas and return a
 * frozen Config. A bad value fails with the key's path and what was expected.
 */
export function loadConfig(options: LoadConfigOptions): Readonly<Config> {
  // An empty variable means "not set" (as in .env.example).
  const setEnv = Object.fromEntries(
    Object.entries(options.env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const envResult = envSchema.safeParse(setEnv);
  if (!envResult.success)
    throw new PaperpostError('config', 'env-invalid', formatIssues('environment', envResult.error));
  const env = envResult.data;

  const explicit = options.file ?? env.PAPERPOST_CONFIG;
  const candidate = explicit ?? path.join(options.cwd, DEFAULT_CONFIG_FILE);
  const configPath = explicit || existsSync(candidate) ? path.resolve(options.cwd, candidate) : null;
  const raw = configPath ? readConfigFile(configPath) : {};
  const parsed = fileConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PaperpostError(
      'config',
      'config-invalid',
      formatIssues(configPath ?? 'defaults', parsed.error),
    );
  }
  const file = parsed.data;
  const baseDir = configPath ? path.dirname(configPath) : options.cwd;
  const dataDir = path.resolve(baseDir, env.PAPERPOST_DATA_DIR ?? file.dataDir);
  const port = file.server.port;
  const config: Config = {
    ...file,
    configPath,
    baseDir,
    dataDir,
    outboxDir: path.resolve(env.PAPERPOST_OUTBOX_DIR ?? path.join(dataDir, 'outbox')),
    templatesDir: path.resolve(baseDir, file.templatesDir ?? path.join(options.packageRoot, 'templates')),
    databaseUrl: env.DATABASE_URL ?? null,
    smtpUrl: env.SMTP_URL ?? null,
    secret: env.PAPERPOST_SECRET ?? null,
    baseUrl: (env.PAPERPOST_BASE_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
    postmarkToken: env.PAPERPOST_POSTMARK_TOKEN ?? null,
    metricsToken: env.PAPERPOST_METRICS_TOKEN ?? null,
    imapPassword: env.PAPERPOST_IMAP_PASSWORD ?? null,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
