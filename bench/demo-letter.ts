/**
 * The demo letter as `npm start` sends it (the built CLI's `run` on a copy of data/ and
 * paperpost.config.json), its sections scored against the demo judgements
 * (tests/fixtures/topics/placement-demo.jsonl): what a reader of the first letter meets.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Edition } from '../src/domain/index.js';
import { createStore } from '../src/store/index.js';
import {
  loadCatalogueFile,
  loadPlacementDemo,
  type Placement,
  scorePlacement,
} from '../tests/helpers/placement.js';
import { ROOT } from './lib.js';

/** The placement of the demo letter's papers, or why it could not be measured. */
export async function demoLetterPlacement(): Promise<Placement | string> {
  if (!existsSync(path.join(ROOT, 'dist', 'app', 'cli.cjs')))
    return 'not measured: run `npm run build` first';
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-demo-letter-'));
  try {
    cpSync(path.join(ROOT, 'paperpost.config.json'), path.join(dir, 'paperpost.config.json'));
    cpSync(path.join(ROOT, 'data', 'samples'), path.join(dir, 'data', 'samples'), { recursive: true });
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'paperpost.js'), 'run', '--json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (run.status !== 0) return `not measured: paperpost run failed: ${run.stderr.split('\n')[0]}`;
    const id = (JSON.parse(run.stdout) as { edition: { id: string } }).edition.id;
    const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
    const edition = (await store.editions.getEdition(id)) as Edition;
    await store.close();
    const shown = new Set(edition.sections.flatMap((s) => s.papers.map((p) => p.id)));
    const groups = edition.sections.map((s) => ({ topic: s.topic, paperIds: s.papers.map((p) => p.id) }));
    const judged = (await loadPlacementDemo()).filter((p) => shown.has(p.id));
    return scorePlacement(groups, judged, loadCatalogueFile());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
