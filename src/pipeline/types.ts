import type { Config } from '../config/load.js';
import type { AppliedTopics, ClassHomes, Logger, TopicArea } from '../domain/index.js';
import type {
  CatalogueRepository,
  EditionRepository,
  LedgerRepository,
  PaperRepository,
  RunRepository,
  SourceRepository,
  SubscriberRepository,
} from '../store/types.js';

/** The logging the pipeline needs (pino satisfies it). */
export type PipelineLogger = Logger;

/** The config an edition run reads: sources and fetching, selection, grouping, ranking, the ledger. */
export type RunOptions = Pick<
  Config,
  'sources' | 'fetch' | 'baseDir' | 'limits' | 'schedule' | 'rank' | 'topics' | 'sender' | 'seedSubscribers'
> & {
  /** Broad areas of the curated catalogue (data/catalogue.json): headings over related topics. */
  areas?: readonly TopicArea[];
  /** Topics that take the papers of an arXiv class no topic claims (data/catalogue.json "homes"). */
  homes?: ClassHomes;
  /** Topics of machine learning applied to a field (data/catalogue.json "applied"). */
  applied?: AppliedTopics;
};

/** The store an edition run uses: each repository narrowed to the methods the pipeline calls. */
export interface RunStore {
  sources: Pick<SourceRepository, 'getSourceState' | 'saveSourceState'>;
  papers: Pick<
    PaperRepository,
    'upsertPapers' | 'getPapers' | 'listUnpublishedPapers' | 'listPaperSnapshots'
  >;
  catalogue: Pick<CatalogueRepository, 'listTopics' | 'saveTopics' | 'addTopicPapers'>;
  editions: Pick<
    EditionRepository,
    'getEdition' | 'createEdition' | 'getRenderedVariant' | 'saveRenderedVariant'
  >;
  subscribers: Pick<SubscriberRepository, 'countSubscribers' | 'upsertSubscriber'>;
  ledger: Pick<LedgerRepository, 'createLedger' | 'listVariantKeys' | 'countDeliveries'>;
  runs: Pick<RunRepository, 'startRun' | 'finishRun'>;
}
