import { describeError, type Frequency, type Paper, type SourceState } from '../domain/index.js';
import { type ReadSourceOptions, type ResolvedSource, readSource, type SourceRead } from '../ingest/index.js';
import { formerIds, mergePapers, normalizeEntry } from '../normalize/index.js';
import { anchorStaleListing, dateUndated } from '../rank/index.js';
import { fetchOptionsFor, planSources } from './source-plan.js';
import type { PipelineLogger, RunOptions, RunStore } from './types.js';

export interface SourceReport {
  id: string;
  status: 'ok' | 'not-modified' | 'failed';
  entries: number;
  /** Entries dropped by the parser's rules (arXiv replacements) or for lacking an id/title. */
  skipped: number;
  error: string | null;
  failuresInRow: number;
}

export interface IngestResult {
  reports: SourceReport[];
  /** Papers after normalizing and merging across sources. */
  papers: Paper[];
  /** Entries read before merging. */
  entries: number;
  /** The ids earlier releases gave each paper (see formerIds), by its id; absent where none differ. */
  formerIds: Map<string, string[]>;
}

export { USER_AGENT } from './source-plan.js';

async function ingestOne(
  source: ResolvedSource,
  state: SourceState | undefined,
  config: Readonly<RunOptions>,
  options: ReadSourceOptions,
  former: Map<string, string[]>,
): Promise<{ papers: Paper[]; entries: number; skipped: number; read: SourceRead }> {
  const read = await readSource(source, state, options);
  const papers: Paper[] = [];
  for (const entry of read.feed.entries) {
    const paper = normalizeEntry(entry, { maxSummaryChars: config.limits.maxSummaryChars * 4 });
    if (!paper) continue;
    papers.push(paper);
    const ids = formerIds(entry, paper.id);
    if (ids.length > 0) former.set(paper.id, [...new Set([...(former.get(paper.id) ?? []), ...ids])]);
  }
  const entries = read.feed.entries.length;
  return { papers, entries, skipped: entries - papers.length, read };
}

/**
 * Fetch, parse and normalize every configured source; a failing source is reported and skipped,
 * never fatal. Source state (ETag, Last-Modified, failures in a row) is saved for each.
 */
export async function ingestSources(
  store: Pick<RunStore, 'sources'>,
  config: Readonly<RunOptions>,
  logger: PipelineLogger,
  now: Date,
  frequency: Frequency = 'daily',
  slot: Date = now,
): Promise<IngestResult> {
  const reports: SourceReport[] = [];
  const all: Paper[] = [];
  const former = new Map<string, string[]>();
  let entries = 0;
  const options = fetchOptionsFor(config);
  for (const planned of await planSources(config, frequency, slot, options)) {
    const spec = { id: planned.id };
    const state = await store.sources.getSourceState(spec.id);
    const base: SourceState = state ?? {
      id: spec.id,
      etag: null,
      lastModified: null,
      lastStatus: null,
      lastFetchedAt: null,
      failuresInRow: 0,
      lastError: null,
    };
    try {
      if (!('resolved' in planned)) throw new Error(planned.error);
      const result = await ingestOne(planned.resolved, state, config, options, former);
      all.push(...dateUndated(anchorStaleListing(result.papers, now), now));
      entries += result.entries;
      const status = result.read.status;
      await store.sources.saveSourceState({
        ...base,
        etag: result.read.etag ?? base.etag,
        lastModified: result.read.lastModified ?? base.lastModified,
        lastStatus: status,
        lastFetchedAt: now.toISOString(),
        failuresInRow: 0,
        lastError: null,
      });
      reports.push({
        id: spec.id,
        status,
        entries: result.entries,
        skipped: result.skipped,
        error: null,
        failuresInRow: 0,
      });
      logger.info(
        { source: spec.id, status, entries: result.entries, requests: result.read.requests },
        'source read',
      );
    } catch (err) {
      const reason = describeError(err);
      const failuresInRow = base.failuresInRow + 1;
      await store.sources.saveSourceState({
        ...base,
        lastStatus: 'failed',
        lastFetchedAt: now.toISOString(),
        failuresInRow,
        lastError: reason,
      });
      reports.push({ id: spec.id, status: 'failed', entries: 0, skipped: 0, error: reason, failuresInRow });
      const stale = failuresInRow >= config.schedule.staleAfterFailures;
      logger[stale ? 'error' : 'warn'](
        { source: spec.id, failuresInRow, stale },
        `source skipped: ${reason}`,
      );
    }
  }
  return { reports, papers: mergePapers(all), entries, formerIds: former };
}
