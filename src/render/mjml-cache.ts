import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** A compiled skeleton: its HTML, markers still in place. */
export interface CachedSkeleton {
  html: string;
}

const memory = new Map<string, CachedSkeleton>();
const MEMORY_ENTRIES = 64;
/** Skeletons kept on disk; past this the older half goes (template edits in `preview` add up). */
const DISK_ENTRIES = 256;

/** Cache key of a skeleton: the mjml version, the options and the skeleton's text. */
export function skeletonKey(version: string, options: object, skeleton: string): string {
  return createHash('sha256')
    .update(`${version}\n${JSON.stringify(options)}\n${skeleton}`)
    .digest('hex')
    .slice(0, 40);
}

function fileOf(dir: string, key: string): string {
  return path.join(dir, 'mjml', `${key}.json`);
}

/** The compiled skeleton under `key`: from memory, else from `dir` when given. */
export function readSkeleton(key: string, dir: string | undefined): CachedSkeleton | null {
  const hit = memory.get(key);
  if (hit) return hit;
  if (!dir) return null;
  try {
    const entry = JSON.parse(readFileSync(fileOf(dir, key), 'utf8')) as Partial<CachedSkeleton>;
    if (typeof entry.html !== 'string') return null;
    const found = { html: entry.html };
    remember(key, found);
    return found;
  } catch {
    return null;
  }
}

function remember(key: string, entry: CachedSkeleton): void {
  if (memory.size >= MEMORY_ENTRIES) memory.clear();
  memory.set(key, entry);
}

/**
 * Keep a compiled skeleton in memory and, when `dir` is given, on disk (written to a temporary
 * name then renamed, so a reader never sees half a file). A disk failure only loses the cache.
 */
export function writeSkeleton(key: string, entry: CachedSkeleton, dir: string | undefined): void {
  remember(key, entry);
  if (!dir) return;
  const file = fileOf(dir, key);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ html: entry.html }));
    renameSync(temp, file);
    prune(path.dirname(file));
  } catch {
    // The cache is an optimisation: a read-only data folder still renders.
  }
}

function prune(folder: string): void {
  const names = readdirSync(folder).filter((n) => n.endsWith('.json'));
  if (names.length <= DISK_ENTRIES) return;
  const aged = names
    .map((n) => ({ file: path.join(folder, n), at: statSync(path.join(folder, n)).mtimeMs }))
    .sort((a, b) => a.at - b.at);
  for (const { file } of aged.slice(0, aged.length - DISK_ENTRIES / 2)) unlinkSync(file);
}
