import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Config, loadConfig } from '../../../src/config/load.js';
import type { ScheduledRunDeps } from '../../../src/daemon/scheduled-run.js';
import type { Edition, RenderedVariant, Variant } from '../../../src/domain/index.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { ROOT, sampleSources } from '../../helpers/cli.js';

/** A settable clock for driving schedules in tests. */
export interface TestClock {
  now: () => Date;
  set(iso: string): void;
}

export function createClock(iso: string): TestClock {
  let current = new Date(iso);
  return {
    now: () => new Date(current.getTime()),
    set(next) {
      current = new Date(next);
    },
  };
}

/** A renderer that does no MJML work: the schedule tests only count editions. */
export const stubRenderer = {
  async renderVariant(edition: Edition, variant: Variant): Promise<RenderedVariant> {
    return { variantKey: variant.key, subject: edition.id, preheader: '', html: '<p>x</p>', text: 'x' };
  },
};

export const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface ScheduleFixture {
  dir: string;
  dbPath: string;
  config: Readonly<Config>;
  openStore(): Promise<Store>;
  deps(store: Store, clock: TestClock, holder?: string): ScheduledRunDeps;
  cleanup(): void;
}

/** A temp folder with the sample sources, a config, and real SQLite stores on one file. */
export function createScheduleFixture(extra: object = {}): ScheduleFixture {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperpost-schedule-'));
  const dbPath = path.join(dir, 'data', 'paperpost.db');
  const configPath = path.join(dir, 'paperpost.config.json');
  writeFileSync(configPath, JSON.stringify({ sources: sampleSources(), dataDir: 'data', ...extra }));
  const config = loadConfig({ env: {}, cwd: dir, packageRoot: ROOT, file: configPath });
  return {
    dir,
    dbPath,
    config,
    openStore: () => createStore({ driver: 'sqlite', path: dbPath }),
    deps: (store, clock, holder) => ({
      store,
      config,
      logger: silentLogger,
      renderer: stubRenderer,
      now: clock.now,
      holder,
    }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
