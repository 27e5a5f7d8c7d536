import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeedInfo, Paper, RawEntry } from '../../../src/domain/index.js';
import { decodeBody, parseFeed } from '../../../src/ingest/index.js';
import { mergePapers, normalizeEntry } from '../../../src/normalize/index.js';

/** Folder of the golden pairs: `x.xml|json` with `x.expected.json`. */
export const FEEDS_DIR = fileURLToPath(new URL('../../fixtures/feeds/', import.meta.url));

/** What a golden pair records: parser output and the normalized, merged papers, or the error. */
export type Golden = { feed: FeedInfo; entries: RawEntry[]; papers: Paper[] } | { error: string };

/** Input files of the golden pairs, sorted. */
export function goldenInputs(): string[] {
  return readdirSync(FEEDS_DIR)
    .filter((f) => /\.(xml|json)$/.test(f) && !f.endsWith('.expected.json'))
    .sort();
}

export function expectedPath(input: string): string {
  return join(FEEDS_DIR, input.replace(/\.(xml|json)$/, '.expected.json'));
}

/** Runs one input through decodeBody, parseFeed (kind auto), normalizeEntry and mergePapers. */
export async function runGolden(input: string): Promise<Golden> {
  const bytes = readFileSync(join(FEEDS_DIR, input));
  const sourceId = input.replace(/\.(xml|json)$/, '');
  try {
    const parsed = await parseFeed(decodeBody(bytes, null), { sourceId });
    const papers = mergePapers(
      parsed.entries.map((e) => normalizeEntry(e, { maxSummaryChars: 600 })).filter((p) => p !== undefined),
    );
    return { feed: parsed.feed, entries: parsed.entries, papers };
  } catch (err) {
    return { error: String(err) };
  }
}
