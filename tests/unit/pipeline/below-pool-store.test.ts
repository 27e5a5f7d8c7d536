import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { curatedTopics } from '../../../src/cli/context.js';
import { planEdition } from '../../../src/pipeline/build-edition.js';
import { ingestSources } from '../../../src/pipeline/ingest-sources.js';
import type { Store } from '../../../src/store/types.js';
import { silentLogger } from '../daemon/schedule-fixture.js';
import { type HfProject, openHfProject } from './hf-project.js';

/**
 * A day of 160 Hugging Face papers for a letter of 40: the best 100 (by upvotes) are grouped, the
 * other 60 join the topic their titles name ("... Speech Recognition"), on a real store.
 */
describe('the papers below the grouping pool, read from the store', () => {
  let project: HfProject | undefined;
  afterEach(async () => {
    await project?.close();
  });

  it('leaves out a paper the store no longer has, and places the others', async () => {
    project = await openHfProject('paperpost-below-pool-');
    const { feed, config, store } = project;
    const ids = Array.from({ length: 160 }, (_, i) => `2606.${String(i + 1).padStart(5, '0')}`);
    writeFileSync(
      feed,
      JSON.stringify(
        ids.map((id, i) => ({
          paper: {
            id,
            // The first 100 lead on upvotes; of the rest, every fourth names speech recognition.
            title: i >= 100 && i % 4 === 0 ? `Streaming Speech Recognition ${id}` : `Paper ${id}`,
            summary: `Summary of ${id}.`,
            authors: [{ name: 'Ada Lovelace' }],
            upvotes: i < 100 ? 200 - i : 0,
            publishedAt: '2026-06-10T00:00:00.000Z',
            submittedOnDailyAt: '2026-06-12T00:00:00.000Z',
          },
          numComments: 0,
        })),
      ),
    );
    await store.catalogue.seedTopics(curatedTopics());
    const now = new Date('2026-06-12T08:00:00Z');
    const ingest = await ingestSources(store, config, silentLogger, now);
    await store.papers.upsertPapers(ingest.papers, now);

    const speech = ids.filter((_, i) => i >= 100 && i % 4 === 0);
    const [lost, ...kept] = speech;
    // A store that lost one of them between the listing and the reading.
    const real = store;
    const losing = {
      ...real,
      papers: {
        ...real.papers,
        listUnpublishedPapers: real.papers.listUnpublishedPapers.bind(real.papers),
        listPaperSnapshots: real.papers.listPaperSnapshots.bind(real.papers),
        getPapers: async (want: string[]) => (await real.papers.getPapers(want)).filter((p) => p.id !== lost),
      },
    } as Store;
    const plan = await planEdition(losing, config, 'daily', now);
    if (plan.status !== 'planned') throw new Error(plan.reason);
    expect(plan.titleClaims).toMatchObject({ papers: 60, claimed: speech.length });
    const below = (plan.edition.topicSections ?? []).flatMap((s) =>
      s.papers.filter((p) => p.belowPool === true).map((p) => p.id),
    );
    // At most a section of them (8 by default) is kept; the lost one is in none.
    expect(below).not.toContain(lost);
    expect(below.sort()).toEqual(kept.slice(0, Math.min(kept.length, 8)).sort());
  });
});
