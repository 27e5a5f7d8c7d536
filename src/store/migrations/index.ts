import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as subscriberKey from './0002-subscriber-key.js';
import * as mailQueue from './0003-mail-queue.js';
import * as bounces from './0004-bounces.js';
import * as paperSignals from './0005-paper-signals.js';
import * as topicOrigin from './0006-topic-origin.js';
import * as readerSections from './0007-reader-sections.js';
import * as catalogueUpgrades from './0008-catalogue-upgrades.js';

/** Every migration, by name in apply order; the same set runs on SQLite and PostgreSQL. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-subscriber-key': subscriberKey,
  '0003-mail-queue': mailQueue,
  '0004-bounces': bounces,
  '0005-paper-signals': paperSignals,
  '0006-topic-origin': topicOrigin,
  '0007-reader-sections': readerSections,
  '0008-catalogue-upgrades': catalogueUpgrades,
};

/** A static provider for Kysely's Migrator (no file system scan, works from dist/ and tsx). */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
