import * as bounces from './bounces.js';
import * as catalog from './catalog.js';
import * as claim from './claim.js';
import { bindQueries, type StoreContext } from './context.js';
import * as editions from './editions.js';
import * as leases from './leases.js';
import * as ledger from './ledger.js';
import * as mailQueue from './mail-queue.js';
import * as papers from './papers.js';
import * as runs from './runs.js';
import * as snapshots from './snapshots.js';
import * as subscribers from './subscribers.js';
import { addSubscribers } from './subscribers-bulk.js';
import { importSubscribers } from './subscribers-import.js';
import * as tableIo from './table-io.js';
import type { Store } from './types.js';

/** The repositories of a store: each concern's table module, bound to `ctx`. */
export type Repositories = Omit<Store, 'driver' | 'migrate' | 'close'>;

/** Builds every repository on one context; the Store interface checks each method's signature. */
export function createRepositories(ctx: StoreContext): Repositories {
  return {
    sources: bindQueries(ctx, {
      getSourceState: catalog.getSourceState,
      saveSourceState: catalog.saveSourceState,
      listSourceStates: catalog.listSourceStates,
    }),
    papers: bindQueries(ctx, {
      upsertPapers: papers.upsertPapers,
      getPapers: papers.getPapers,
      listUnpublishedPapers: papers.listUnpublishedPapers,
      listPaperSnapshots: snapshots.listPaperSnapshots,
    }),
    catalogue: bindQueries(ctx, {
      listTopics: catalog.listTopics,
      saveTopics: catalog.saveTopics,
      seedTopics: catalog.seedTopics,
      updateTopic: catalog.updateTopic,
      mergeTopics: catalog.mergeTopics,
      topicPaperCounts: catalog.topicPaperCounts,
      addTopicPapers: catalog.addTopicPapers,
    }),
    editions: bindQueries(ctx, {
      createEdition: editions.createEdition,
      getEdition: editions.getEdition,
      listEditions: editions.listEditions,
      saveRenderedVariant: editions.saveRenderedVariant,
      getRenderedVariant: editions.getRenderedVariant,
    }),
    subscribers: {
      ...bindQueries(ctx, {
        upsertSubscriber: subscribers.upsertSubscriber,
        getSubscriber: subscribers.getSubscriber,
        getSubscriberByKey: subscribers.getSubscriberByKey,
        findSubscribers: subscribers.findSubscribers,
        getSubscriberByEmail: subscribers.getSubscriberByEmail,
        updateSubscriber: subscribers.updateSubscriber,
        addSubscribers,
        forgetSubscriber: subscribers.forgetSubscriber,
        listSubscribers: subscribers.listSubscribers,
        countSubscribers: subscribers.countSubscribers,
      }),
      // Generic in what the session returns, so bound by hand.
      importSubscribers: (now, fn) => importSubscribers(ctx, now, fn),
    },
    ledger: bindQueries(ctx, {
      createLedger: ledger.createLedger,
      listVariantKeys: ledger.listVariantKeys,
      claimDeliveries: claim.claimDeliveries,
      markSent: claim.markSent,
      markSentMany: claim.markSentMany,
      markDeferred: claim.markDeferred,
      markFailed: claim.markFailed,
      releaseDeliveries: claim.releaseDeliveries,
      countDeliveries: ledger.countDeliveries,
      listDeliveries: ledger.listDeliveries,
      listUnfinishedEditions: ledger.listUnfinishedEditions,
      nextWakeUp: ledger.nextWakeUp,
      listLeases: leases.listLeases,
      expireLeases: leases.expireLeases,
      deliveryTotals: ledger.deliveryTotals,
    }),
    mailQueue: bindQueries(ctx, {
      takeRateLimit: mailQueue.takeRateLimit,
      enqueueMail: mailQueue.enqueueMail,
      claimQueuedMails: mailQueue.claimQueuedMails,
      completeQueuedMail: mailQueue.completeQueuedMail,
      retryQueuedMail: mailQueue.retryQueuedMail,
      countQueuedMails: mailQueue.countQueuedMails,
    }),
    runs: bindQueries(ctx, {
      startRun: runs.startRun,
      finishRun: runs.finishRun,
      listRuns: runs.listRuns,
      tryLock: runs.tryLock,
      releaseLock: runs.releaseLock,
      getMeta: runs.getMeta,
      setMeta: runs.setMeta,
    }),
    bounces: bindQueries(ctx, {
      findBounceTarget: bounces.findBounceTarget,
      findLatestDeliveryTo: bounces.findLatestDeliveryTo,
      recordBounce: bounces.recordBounce,
      countBounces: bounces.countBounces,
      bounceTotals: bounces.bounceTotals,
      listBounces: bounces.listBounces,
    }),
    tables: bindQueries(ctx, {
      exportRows: tableIo.exportRows,
      countRows: tableIo.countRows,
      importRows: tableIo.importRows,
    }),
  };
}
