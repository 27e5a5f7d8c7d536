import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../src/domain/index.js';
import { readerConfig, tempProject } from '../helpers/cli.js';
import { runEdition } from '../helpers/run-edition.js';

/**
 * A letter of an arXiv listing, where no reader pushed a paper (no votes, one date): of the day's
 * papers, those of the category the letter follows come before the papers cross-listed into it,
 * as arXiv's listing pages put new submissions before cross-lists. The fixture is the real feed of
 * 2024-11-28: eight EEG and ECG papers of eess.SP that also list cs.LG hold its lowest ids, and
 * fourteen cs.LG papers (tests/fixtures/listings/README.md).
 */
const FEED = new URL('../fixtures/listings/arxiv-rss-cs.LG-with-cross-lists.xml', import.meta.url).pathname;

async function letterOf(source: object): Promise<Edition> {
  const config = readerConfig('Learning', 'learning', [source], [{ email: 'reader@paperpost.example' }], {
    limits: { maxPapersPerEdition: 8, maxPapersPerSection: 4 },
  });
  const dir = tempProject(config);
  copyFileSync(FEED, path.join(dir, 'listing.xml'));
  return (await runEdition(dir)).edition;
}

const primaries = (edition: Edition): string[] =>
  edition.sections.flatMap((s) => s.papers.map((p) => p.categories[0] ?? ''));

describe('paperpost run: a letter of an arXiv listing with cross-lists', () => {
  let followed: Edition;
  let unfollowed: Edition;

  beforeAll(async () => {
    [followed, unfollowed] = await Promise.all([
      letterOf({ id: 'arxiv-lg', kind: 'arxiv-rss', categories: ['cs.LG'], location: 'listing.xml' }),
      letterOf({ id: 'arxiv-lg', kind: 'arxiv-rss', location: 'listing.xml' }),
    ]);
  }, 120_000);

  it("fills the letter with cs.LG's own papers, the cross-lists on the web", () => {
    const letter = primaries(followed);
    expect(letter).toHaveLength(8);
    expect(letter.filter((c) => c !== 'cs.LG')).toEqual([]);
    // Every paper of the day is in the edition: the eight cross-lists and six others on the web.
    const shown = new Set(followed.sections.flatMap((s) => s.papers.map((p) => p.id)));
    expect((followed.overflowIds ?? []).filter((id) => !shown.has(id))).toHaveLength(14);
  });

  it('ranks a listing by id where the config names no category: the cross-lists, first by id, reach the letter', () => {
    expect(primaries(unfollowed).filter((c) => c === 'eess.SP').length).toBeGreaterThan(0);
  });
});
