import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Config, loadConfig } from '../../../src/config/load.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { ROOT } from '../../helpers/cli.js';

/** A project of one HF daily source (file `feed`) on an in-memory store, migrated. */
export interface HfProject {
  feed: string;
  config: Config;
  store: Store;
  /** Closes the store and removes the project's folder. */
  close(): Promise<void>;
}

export async function openHfProject(prefix: string): Promise<HfProject> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const feed = path.join(dir, 'hf.json');
  const configPath = path.join(dir, 'paperpost.config.json');
  writeFileSync(
    configPath,
    JSON.stringify({ sources: [{ id: 'hf', kind: 'hf-daily', location: feed }], dataDir: 'data' }),
  );
  const store = await createStore({ driver: 'sqlite', path: ':memory:' });
  await store.migrate();
  return {
    feed,
    config: loadConfig({ env: {}, cwd: dir, packageRoot: ROOT, file: configPath }),
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
