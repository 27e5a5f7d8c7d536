import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperpostError } from '../../src/domain/index.js';
import type { Store } from '../../src/store/types.js';
import { bounceContract } from './store-contract-bounces.js';
import {
  at,
  deliveryCounts,
  makeEdition,
  makePaper,
  makeSubscriber,
  makeTopic,
  T0,
} from './store-contract-fixtures.js';
import { ledgerContract } from './store-contract-ledger.js';
import { mailQueueContract } from './store-contract-mail-queue.js';

/** One store under test: a fresh migrated database, optionally a second handle on it. */
export interface StoreUnderTest {
  store: Store;
  /** Opens another Store on the same database (absent for `:memory:`); disposed with the rest. */
  openPeer?: () => Promise<Store>;
  /** Closes every handle and removes the database. */
  dispose: () => Promise<void>;
}

/**
 * The store contract: every implementation of `Store` must pass it. `factory` returns a fresh,
 * empty, migrated store for each test.
 */
export function storeContract(factory: () => Promise<StoreUnderTest>): void {
  let sut: StoreUnderTest;
  beforeEach(async () => {
    sut = await factory();
  });
  afterEach(async () => {
    await sut.dispose();
  });
  const store = (): Store => sut.store;

  describe('migrations and meta', () => {
    it('migrate is safe to run again', async () => {
      await store().migrate();
      await store().runs.setMeta('k', 'v');
      await store().migrate();
      expect(await store().runs.getMeta('k')).toBe('v');
    });

    it('getMeta/setMeta store and overwrite small facts', async () => {
      expect(await store().runs.getMeta('slot:daily')).toBeUndefined();
      await store().runs.setMeta('slot:daily', '2025-01-03');
      await store().runs.setMeta('slot:daily', '2025-01-04');
      expect(await store().runs.getMeta('slot:daily')).toBe('2025-01-04');
    });
  });

  describe('sources', () => {
    it('saves, replaces and lists source states', async () => {
      const state = {
        id: 'arxiv-cs',
        etag: '"abc"',
        lastModified: 'Fri, 03 Jan 2025 08:00:00 GMT',
        lastStatus: '200',
        lastFetchedAt: T0.toISOString(),
        failuresInRow: 0,
        lastError: null,
      };
      expect(await store().sources.getSourceState('arxiv-cs')).toBeUndefined();
      await store().sources.saveSourceState(state);
      await store().sources.saveSourceState({ ...state, id: 'hf', etag: null });
      await store().sources.saveSourceState({
        ...state,
        failuresInRow: 2,
        lastError: 'HTTP 503',
        lastStatus: '503',
      });
      expect(await store().sources.getSourceState('arxiv-cs')).toEqual({
        ...state,
        failuresInRow: 2,
        lastError: 'HTTP 503',
        lastStatus: '503',
      });
      expect((await store().sources.listSourceStates()).map((s) => s.id)).toEqual(['arxiv-cs', 'hf']);
    });
  });

  describe('papers', () => {
    it('inserts new papers and reads them back in the order asked', async () => {
      const a = makePaper('2501.00001', {
        links: { abs: 'a', pdf: 'p', code: null, hf: 'h' },
        aiSummary: 'ai',
      });
      const b = makePaper('2501.00002');
      expect(await store().papers.upsertPapers([a, b], T0)).toEqual({ inserted: 2, updated: 0 });
      // An HF paper without its own listing time is listed from when it was first seen.
      expect(await store().papers.getPapers(['2501.00002', 'missing', '2501.00001'])).toEqual([
        b,
        { ...a, listedAt: T0.toISOString() },
      ]);
    });

    it('keeps the thumbnail and the earliest listing time of a paper', async () => {
      const hf = { abs: null, pdf: null, code: null, hf: 'https://huggingface.co/papers/p1' };
      await store().papers.upsertPapers(
        [makePaper('p1', { links: hf, listedAt: '2025-01-02T00:00:00.000Z' })],
        T0,
      );
      await store().papers.upsertPapers(
        [
          makePaper('p1', {
            links: hf,
            thumbnail: 'https://cdn.example/p1.png',
            listedAt: '2025-01-05T00:00:00.000Z',
          }),
        ],
        at(86_400),
      );
      const [paper] = await store().papers.getPapers(['p1']);
      expect(paper).toMatchObject({
        thumbnail: 'https://cdn.example/p1.png',
        listedAt: '2025-01-02T00:00:00.000Z',
      });
    });

    it('keeps one upvote snapshot per upsert of a paper with signals, oldest first', async () => {
      await store().papers.upsertPapers(
        [makePaper('p1', { upvotes: 10 }), makePaper('p2', { upvotes: 0 })],
        T0,
      );
      await store().papers.upsertPapers([makePaper('p1', { upvotes: 25, comments: 2 })], at(6 * 3600));
      await store().papers.upsertPapers([makePaper('p1', { upvotes: 40 })], at(12 * 3600));
      const all = await store().papers.listPaperSnapshots(['p1', 'p2', 'missing']);
      expect([...all.keys()]).toEqual(['p1']);
      expect(all.get('p1')).toEqual([
        { seenAt: T0.toISOString(), upvotes: 10, comments: 0 },
        { seenAt: at(6 * 3600).toISOString(), upvotes: 25, comments: 2 },
        { seenAt: at(12 * 3600).toISOString(), upvotes: 40, comments: 0 },
      ]);
      const until = await store().papers.listPaperSnapshots(['p1'], at(6 * 3600));
      expect(until.get('p1')?.map((s) => s.upvotes)).toEqual([10, 25]);
    });

    it('merges signals into known papers without touching first_seen', async () => {
      await store().papers.upsertPapers(
        [makePaper('p1', { upvotes: 10, comments: 1, summary: 'long summary here' })],
        T0,
      );
      const later = at(86_400);
      const result = await store().papers.upsertPapers(
        [makePaper('p1', { upvotes: 4, comments: 7, summary: 'short', sources: ['hf'], keywords: ['llm'] })],
        later,
      );
      expect(result).toEqual({ inserted: 0, updated: 1 });
      const [merged] = await store().papers.getPapers(['p1']);
      expect(merged).toMatchObject({
        upvotes: 10,
        comments: 7,
        summary: 'long summary here',
        sources: ['arxiv', 'hf'],
        keywords: ['graphs', 'llm'],
      });
      // first_seen stays at T0: a `since` after T0 no longer lists it.
      expect(await store().papers.listUnpublishedPapers('daily', T0)).toHaveLength(1);
      expect(await store().papers.listUnpublishedPapers('daily', at(1))).toHaveLength(0);
    });

    it('lists unpublished papers without their abstracts when asked, every other field the same', async () => {
      await store().papers.upsertPapers(
        [
          makePaper('a1', {
            summary: 'An abstract.',
            aiSummary: 'A summary.',
            upvotes: 3,
            thumbnail: 'https://x/t.png',
          }),
          makePaper('a2', { summary: 'Another.', listedAt: T0.toISOString() }),
        ],
        T0,
      );
      const full = await store().papers.listUnpublishedPapers('daily', T0);
      const heads = await store().papers.listUnpublishedPapers('daily', T0, { abstracts: false });
      expect(full.map((p) => p.summary)).toEqual(['An abstract.', 'Another.']);
      expect(heads).toEqual(full.map((p) => ({ ...p, summary: '', aiSummary: null })));
    });

    it('merges duplicates inside one batch', async () => {
      const result = await store().papers.upsertPapers(
        [makePaper('d1', { upvotes: 2, sources: ['a'] }), makePaper('d1', { upvotes: 5, sources: ['b'] })],
        T0,
      );
      expect(result).toEqual({ inserted: 1, updated: 0 });
      expect((await store().papers.getPapers(['d1']))[0]).toMatchObject({ upvotes: 5, sources: ['a', 'b'] });
    });

    it('handles a batch of 2,000 papers, then merges them all', async () => {
      const papers = Array.from({ length: 2000 }, (_, i) => makePaper(`bulk.${String(i).padStart(5, '0')}`));
      expect(await store().papers.upsertPapers(papers, T0)).toEqual({ inserted: 2000, updated: 0 });
      const again = papers.map((p) => ({ ...p, upvotes: 9 }));
      expect(await store().papers.upsertPapers(again, at(60))).toEqual({ inserted: 0, updated: 2000 });
      const all = await store().papers.listUnpublishedPapers('daily');
      expect(all).toHaveLength(2000);
      expect(all.every((p) => p.upvotes === 9)).toBe(true);
    });
  });

  describe('topics', () => {
    it('inserts and updates topics by slug', async () => {
      await store().catalogue.saveTopics([
        makeTopic('vision'),
        makeTopic('nlp', { userDefined: true, categories: ['cs.CL'] }),
      ]);
      await store().catalogue.saveTopics([
        makeTopic('vision', { label: 'Computer vision', keywords: ['image'] }),
      ]);
      expect(await store().catalogue.listTopics()).toEqual([
        makeTopic('nlp', { userDefined: true, categories: ['cs.CL'], origin: 'config' }),
        makeTopic('vision', { label: 'Computer vision', keywords: ['image'], origin: 'discovered' }),
      ]);
    });

    it("seeds curated topics once, keeps an operator's rename, approval and hide through later saves", async () => {
      const curated = makeTopic('kv', { label: 'KV cache', origin: 'curated', description: 'Caching keys.' });
      await store().catalogue.seedTopics([curated]);
      expect(await store().catalogue.updateTopic('kv', { label: 'KV caches' })).toBe(true);
      await store().catalogue.seedTopics([curated]);
      await store().catalogue.saveTopics([makeTopic('found', { origin: 'discovered' })]);
      expect(await store().catalogue.updateTopic('found', { origin: 'approved', hidden: true })).toBe(true);
      await store().catalogue.saveTopics([makeTopic('found', { label: 'Found it', origin: 'discovered' })]);
      expect(await store().catalogue.updateTopic('nope', { label: 'x' })).toBe(false);
      expect(await store().catalogue.listTopics()).toEqual([
        makeTopic('found', { label: 'Found it', origin: 'approved', hidden: true }),
        makeTopic('kv', { label: 'KV caches', origin: 'curated', description: 'Caching keys.' }),
      ]);
    });

    it('merges a topic into another, moving every subscription, and counts papers', async () => {
      await store().catalogue.saveTopics([
        makeTopic('old', { origin: 'approved' }),
        makeTopic('new', { origin: 'curated' }),
      ]);
      await store().catalogue.addTopicPapers(
        new Map([
          ['old', 3],
          ['new', 2],
        ]),
      );
      await store().subscribers.upsertSubscriber(makeSubscriber('a@example.org', { topics: ['old'] }));
      await store().subscribers.upsertSubscriber(makeSubscriber('b@example.org', { topics: ['new', 'old'] }));
      await store().subscribers.upsertSubscriber(makeSubscriber('c@example.org', { topics: ['!old'] }));
      await store().subscribers.upsertSubscriber(makeSubscriber('d@example.org', { topics: [] }));
      expect(await store().catalogue.mergeTopics('old', 'new')).toBe(3);
      const topics = (await store().subscribers.listSubscribers({ limit: 10 })).map((s) => [
        s.email,
        s.topics,
      ]);
      expect(topics).toEqual([
        ['a@example.org', ['new']],
        ['b@example.org', ['new']],
        ['c@example.org', []],
        ['d@example.org', []],
      ]);
      // `old` stays, hidden and marked, so no catalogue brings it back.
      expect(
        (await store().catalogue.listTopics()).map((t) => [t.slug, t.keywords, t.hidden, t.mergedInto]),
      ).toEqual([
        ['new', ['new', 'old'], undefined, undefined],
        ['old', ['old'], true, 'new'],
      ]);
      expect((await store().catalogue.topicPaperCounts()).get('new')).toBe(5);
      expect((await store().catalogue.topicPaperCounts()).get('old') ?? 0).toBe(0);
    });

    it('seeds the same catalogue from two processes starting at once', async () => {
      const peer = await sut.openPeer?.();
      if (!peer) return; // `:memory:` has no second handle
      const catalogue = ['a', 'b', 'c', 'd'].map((slug) => makeTopic(slug, { origin: 'curated' }));
      await Promise.all([store().catalogue.seedTopics(catalogue), peer.catalogue.seedTopics(catalogue)]);
      expect((await peer.catalogue.listTopics()).map((t) => t.slug)).toEqual(['a', 'b', 'c', 'd']);
    });

    it("takes an upgraded catalogue's phrases and label on the next start, and keeps the operator's rename and merge", async () => {
      const shipped = (slug: string, label: string, keywords: string[]) =>
        makeTopic(slug, { label, keywords, origin: 'curated', description: `${label}.` });
      await store().catalogue.seedTopics([
        shipped('kv', 'KV cache', ['kv cache']),
        shipped('rag', 'Retrieval-augmented generation', ['rag']),
        shipped('hall', 'Hallucination', ['hallucination']),
        shipped('eval', 'LLM evaluation', ['benchmark']),
      ]);
      expect(await store().catalogue.updateTopic('kv', { label: 'KV caches' })).toBe(true);
      await store().catalogue.mergeTopics('hall', 'eval');
      // The next release ships new phrases and labels; the operator's choices stand.
      const next = [
        shipped('kv', 'KV cache compression', ['kv cache', 'kv eviction']),
        shipped('rag', 'Information retrieval and RAG', ['rag', 'retriever']),
        shipped('hall', 'Hallucination and factuality', ['hallucination', 'factuality']),
        shipped('eval', 'LLM evaluation', ['benchmark', 'llm judge']),
      ];
      await store().catalogue.seedTopics(next);
      await store().catalogue.seedTopics(next);
      const view = (await store().catalogue.listTopics()).map((t) => [
        t.slug,
        t.label,
        t.keywords,
        t.description,
        t.hidden ?? false,
      ]);
      expect(view).toEqual([
        [
          'eval',
          'LLM evaluation',
          ['benchmark', 'llm judge', 'hallucination', 'factuality'],
          'LLM evaluation.',
          false,
        ],
        [
          'hall',
          'Hallucination and factuality',
          ['hallucination', 'factuality'],
          'Hallucination and factuality.',
          true,
        ],
        ['kv', 'KV caches', ['kv cache', 'kv eviction'], 'KV cache compression.', false],
        [
          'rag',
          'Information retrieval and RAG',
          ['rag', 'retriever'],
          'Information retrieval and RAG.',
          false,
        ],
      ]);
    });
  });

  describe('editions', () => {
    beforeEach(async () => {
      await store().papers.upsertPapers(
        ['p1', 'p2', 'p3'].map((id) => makePaper(id)),
        T0,
      );
    });

    it('stores an edition and returns it as published', async () => {
      const edition = makeEdition('daily-2025-01-03', 'daily', ['p1', 'p2']);
      await store().editions.createEdition(edition);
      expect(await store().editions.getEdition(edition.id)).toEqual({ ...edition, overflowIds: [] });
      expect(await store().editions.getEdition('nope')).toBeUndefined();
      expect((await store().papers.listUnpublishedPapers('daily')).map((p) => p.id)).toEqual(['p3']);
      expect(await store().papers.listUnpublishedPapers('weekly')).toHaveLength(3);
    });

    it("keeps every topic's ranked section and the caps, for the cuts of readers of a few topics", async () => {
      const letter = makeEdition('d1', 'daily', ['p1']);
      const all = makeEdition('d1', 'daily', ['p1', 'p2', 'p3']).sections;
      const edition = {
        ...letter,
        overflowIds: ['p2', 'p3'],
        topicSections: all,
        caps: { perSection: 6, catchAll: 2, perEdition: 1 },
      };
      await store().editions.createEdition(edition);
      expect(await store().editions.getEdition('d1')).toEqual(edition);
      // Published: all three; in the letter: one, not the three its topics hold.
      const [summary] = await store().editions.listEditions();
      expect([summary?.paperCount, summary?.letterCount]).toEqual([3, 1]);
    });

    it('publishes overflow papers with the edition, so they do not come back', async () => {
      const edition = { ...makeEdition('d1', 'daily', ['p1']), overflowIds: ['p3'] };
      await store().editions.createEdition(edition);
      expect(await store().editions.getEdition('d1')).toEqual(edition);
      expect((await store().papers.listUnpublishedPapers('daily')).map((p) => p.id)).toEqual(['p2']);
      expect((await store().editions.listEditions())[0]?.paperCount).toBe(2);
      await expect(
        store().editions.createEdition(makeEdition('d2', 'daily', ['p3'], '2025-01-04')),
      ).rejects.toMatchObject({
        code: 'edition-conflict',
      });
    });

    it('refuses a paper already published at that frequency, and stores nothing of the edition', async () => {
      await store().editions.createEdition(makeEdition('d1', 'daily', ['p1']));
      const err = await store()
        .editions.createEdition(makeEdition('d2', 'daily', ['p2', 'p1'], '2025-01-04'))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PaperpostError);
      expect(err).toMatchObject({ code: 'edition-conflict', stage: 'store' });
      expect((err as Error).message).toContain('p1');
      expect(await store().editions.getEdition('d2')).toBeUndefined();
      expect((await store().papers.listUnpublishedPapers('daily')).map((p) => p.id)).toEqual(['p2', 'p3']);
      // Another frequency may publish the same paper.
      await store().editions.createEdition(makeEdition('w1', 'weekly', ['p1']));
    });

    it('refuses an edition id that exists', async () => {
      await store().editions.createEdition(makeEdition('e1', 'daily', ['p1']));
      await expect(store().editions.createEdition(makeEdition('e1', 'weekly', ['p2']))).rejects.toMatchObject(
        {
          code: 'edition-conflict',
        },
      );
    });

    it('lists editions newest first with paper and delivery counts', async () => {
      await store().editions.createEdition(makeEdition('d1', 'daily', ['p1'], '2025-01-03'));
      await store().editions.createEdition(makeEdition('d2', 'daily', ['p2', 'p3'], '2025-01-04'));
      await store().editions.createEdition(makeEdition('w1', 'weekly', ['p1'], '2025-01-05'));
      await store().subscribers.upsertSubscriber(makeSubscriber('a@example.org'));
      await store().ledger.createLedger('d2', 'daily', 'example.org');
      const daily = await store().editions.listEditions({ frequency: 'daily' });
      expect(daily.map((e) => [e.id, e.paperCount])).toEqual([
        ['d2', 2],
        ['d1', 1],
      ]);
      expect(daily[0]?.counts).toEqual(deliveryCounts({ pending: 1 }));
      expect(daily[1]?.counts.pending).toBe(0);
      expect((await store().editions.listEditions({ limit: 1 })).map((e) => e.id)).toEqual(['w1']);
    });

    it('saves, replaces and reads rendered variants', async () => {
      await store().editions.createEdition(makeEdition('d1', 'daily', ['p1']));
      const variant = { variantKey: 'daily:*', subject: 'S', preheader: 'P', html: '<p>h</p>', text: 't' };
      await store().editions.saveRenderedVariant('d1', variant);
      await store().editions.saveRenderedVariant('d1', { ...variant, subject: 'S2' });
      expect(await store().editions.getRenderedVariant('d1', 'daily:*')).toEqual({
        ...variant,
        subject: 'S2',
      });
      expect(await store().editions.getRenderedVariant('d1', 'daily:ml')).toBeUndefined();
    });
  });

  describe('raw rows', () => {
    it('pages through a table with a composite key and imports the rows elsewhere', async () => {
      await store().papers.upsertPapers(
        ['a', 'b', 'c', 'd', 'e'].map((id) => makePaper(id)),
        T0,
      );
      await store().editions.createEdition(makeEdition('d1', 'daily', ['a', 'b', 'c']));
      await store().editions.createEdition(makeEdition('w1', 'weekly', ['a', 'd', 'e']));
      const rows = [];
      let page = await store().tables.exportRows('edition_papers', { limit: 2 });
      while (page.length > 0) {
        rows.push(...page);
        page = await store().tables.exportRows('edition_papers', {
          limit: 2,
          ...(page.length === 2 ? { after: page[1] } : {}),
        });
        if (rows.length > 6) break;
      }
      expect(rows.map((r) => `${r['frequency']}/${r['paper_id']}`)).toEqual([
        'daily/a',
        'daily/b',
        'daily/c',
        'weekly/a',
        'weekly/d',
        'weekly/e',
      ]);
      expect(await store().tables.countRows('edition_papers')).toBe(6);
      expect(await store().tables.countRows('subscribers')).toBe(0);
      await store().tables.importRows('meta', [{ key: 'imported', value: 'yes' }]);
      expect(await store().runs.getMeta('imported')).toBe('yes');
    });
  });

  ledgerContract(store, () => sut.openPeer);
  mailQueueContract(store, () => sut.openPeer);
  bounceContract(store);
}
