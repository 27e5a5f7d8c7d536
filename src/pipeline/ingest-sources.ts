import type { Config } from '../config/load.js';
import { describeError, type Paper, type SourceSpec, type SourceState } from '../domain/index.js';
import { fetchSource, parseFeed } from '../ingest/index.js';
import { mergePapers, normalizeEntry } from '../normalize/index.js';
import type { Store } from '../store/types.js';
import type { PipelineLogger } from './types.js';

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
}

export const USER_AGENT = 'Paperpost/0.1 (+https://github.com/paperpost/paperpost; research digest)';

async function ingestOne(
  spec: SourceSpec,
  state: SourceState | undefined,
  config: Readonly<Config>,
): Promise<{
  papers: Paper[];
  entries: number;
  skipped: number;
  fetched: Awaited<ReturnType<typeof fetchSource>>;
}> {
  const fetched = await fetchSource(spec, state, {
    timeoutMs: config.limits.fetchTimeoutMs,
    maxBytes: config.limits.maxFeedBytes,
    retries: config.limits.fetchRetries,
    userAgent: USER_AGENT,
    baseDir: config.baseDir,
  });
  if (fetched.status === 'not-modified') return { papers: [], entries: 0, skipped: 0, fetched };
  const parsed = await parseFeed(fetched.text, {
    sourceId: spec.id,
    kind: spec.kind,
    includeReplacements: spec.includeReplacements,
    maxEntries: config.limits.maxEntriesPerSource,
  });
  const papers: Paper[] = [];
  for (const entry of parsed.entries) {
    const paper = normalizeEntry(entry, { maxSummaryChars: config.limits.maxSummaryChars * 4 });
    if (paper) papers.push(paper);
  }
  return { papers, entries: parsed.entries.length, skipped: parsed.entries.length - papers.length, fetched };
}

/**
 * Fetch, parse and normalize every configured source; a failing source is reported and skipped,
 * never fatal. Source state (ETag, Last-Modified, failures in a row) is saved for each.
 */
export async function ingestSources(
  store: Store,
  config: Readonly<Config>,
  logger: PipelineLogger,
  now: Date,
): Promise<IngestResult> {
  const reports: SourceReport[] = [];
  const all: Paper[] = [];
  let entries = 0;
  for (const spec of config.sources) {
    const state = await store.getSourceState(spec.id);
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
      const result = await ingestOne(spec, state, config);
      all.push(...result.papers);
      entries += result.entries;
      const status = result.fetched.status;
      await store.saveSourceState({
        ...base,
        etag: result.fetched.etag ?? base.etag,
        lastModified: result.fetched.lastModified ?? base.lastModified,
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
      logger.info({ source: spec.id, status, entries: result.entries }, 'source read');
    } catch (err) {
      const reason = describeError(err);
      const failuresInRow = base.failuresInRow + 1;
      await store.saveSourceState({
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
  return { reports, papers: mergePapers(all), entries };
}
