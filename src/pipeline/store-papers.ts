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

/**
 * Papers the store holds under an id an earlier version gave them (`former`, by the paper's id:
 * see formerIds) keep that id, so an upgrade that reads ids better (tracking parameters off an
 * address, a DOI in a publisher's path) neither sends them again nor counts them new. Only where
 * the store has no paper of the new id, and one paper of the run claims the old id. Returns the
 * papers, renamed where they keep an id, and how many did.
 */
export async function keepStoredIds(
  store: Pick<RunStore, 'papers'>,
  papers: Paper[],
  former: ReadonlyMap<string, readonly string[]>,
): Promise<{ papers: Paper[]; kept: number }> {
  const asking = papers.filter((p) => (former.get(p.id)?.length ?? 0) > 0);
  if (asking.length === 0) return { papers, kept: 0 };
  const ids = [...new Set(asking.flatMap((p) => [p.id, ...(former.get(p.id) ?? [])]))];
  const stored = new Set((await store.papers.getPapers(ids)).map((p) => p.id));
  const inRun = new Set(papers.map((p) => p.id));
  const claims = new Map<string, string[]>();
  for (const p of asking) {
    if (stored.has(p.id)) continue;
    const old = (former.get(p.id) ?? []).find((id) => stored.has(id) && !inRun.has(id));
    if (old !== undefined) claims.set(old, [...(claims.get(old) ?? []), p.id]);
  }
  const rename = new Map<string, string>();
  for (const [old, claimants] of claims) if (claimants.length === 1) rename.set(claimants[0] as string, old);
  if (rename.size === 0) return { papers, kept: 0 };
  return {
    papers: papers.map((p) => {
      const old = rename.get(p.id);
      return old === undefined ? p : { ...p, id: old };
    }),
    kept: rename.size,
  };
}
