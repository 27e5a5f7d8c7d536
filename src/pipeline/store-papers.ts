import { describeError, type Paper } from '../domain/index.js';
import type { UpsertResult } from '../store/types.js';
import type { SourceReport } from './ingest-sources.js';
import type { PipelineLogger, RunStore } from './types.js';

/**
 * Upsert the run's papers. When the store refuses the batch (a value one feed sent that the
 * database will not take), retry paper by paper: the papers it takes are stored, each refused
 * paper is dropped and its sources are reported failed with the store's reason, and the run
 * goes on with every other source's papers.
 */
export async function storePapers(
  store: Pick<RunStore, 'papers'>,
  papers: Paper[],
  reports: SourceReport[],
  logger: PipelineLogger,
  seenAt: Date,
): Promise<UpsertResult & { stored: Paper[] }> {
  try {
    return { ...(await store.papers.upsertPapers(papers, seenAt)), stored: papers };
  } catch (batchError) {
    logger.warn({ err: describeError(batchError) }, 'store refused the papers; retrying one by one');
  }
  const total: UpsertResult = { inserted: 0, updated: 0 };
  const stored: Paper[] = [];
  for (const paper of papers) {
    try {
      const one = await store.papers.upsertPapers([paper], seenAt);
      total.inserted += one.inserted;
      total.updated += one.updated;
      stored.push(paper);
    } catch (err) {
      const reason = `store refused paper ${paper.id}: ${describeError(err)}`;
      for (const report of reports.filter((r) => paper.sources.includes(r.id))) {
        report.status = 'failed';
        report.error = report.error ?? reason;
      }
      logger.warn({ paper: paper.id, sources: paper.sources }, reason);
    }
  }
  return { ...total, stored };
}
