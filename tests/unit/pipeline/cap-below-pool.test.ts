import { describe, expect, it } from 'vitest';
import type { RankedPaper, Section, Topic } from '../../../src/domain/index.js';
import { capBelowPool } from '../../../src/pipeline/build-edition.js';

const topic = (slug: string, tags?: Record<string, string>): Topic => ({
  slug,
  label: slug,
  keywords: [],
  categories: [],
  userDefined: false,
  ...(tags ? { paperTopics: tags } : {}),
});
/** "p1" a paper of the pool, "b1" one from below it (joined by its title). */
const paper = (id: string): RankedPaper =>
  ({
    id,
    score: { upvotes: 0, comments: 0, sources: 0, recency: 1, total: 1 },
    ...(id.startsWith('b') ? { belowPool: true as const } : {}),
  }) as RankedPaper;
const section = (t: Topic, ids: string[], more = 0): Section => ({ topic: t, papers: ids.map(paper), more });
const view = (sections: Section[]) => sections.map((s) => [s.topic.slug, s.papers.map((p) => p.id), s.more]);

describe("capBelowPool: at most a reader's section of papers from below the pool per topic", () => {
  it.each([
    {
      name: "a topic's own section keeps its pool papers and the best two from below",
      sections: [section(topic('agents'), ['p1', 'p2', 'p3', 'b1', 'b2', 'b3', 'b4'], 1)],
      want: [['agents', ['p1', 'p2', 'p3', 'b1', 'b2'], 3]],
    },
    {
      name: '"More papers" holds two of each topic its cards say, and all its own papers',
      sections: [
        section(topic('other', { b1: 'speech', b2: 'speech', b3: 'speech', b4: 'robotics' }), [
          'p1',
          'b1',
          'b2',
          'b3',
          'b4',
          'p2',
        ]),
      ],
      want: [['other', ['p1', 'b1', 'b2', 'b4', 'p2'], 1]],
    },
    {
      name: 'a section within the cap is the same section',
      sections: [section(topic('speech'), ['p1', 'b1'])],
      want: [['speech', ['p1', 'b1'], 0]],
    },
  ])('$name', ({ sections, want }) => {
    expect(view(capBelowPool(sections, 2))).toEqual(want);
  });

  it('leaves the tags of the papers it counts in `more` (the web edition says their topics)', () => {
    const tags = { b1: 'speech', b2: 'speech' };
    const [out] = capBelowPool([section(topic('other', tags), ['b1', 'b2'])], 1);
    expect(out?.topic.paperTopics).toEqual(tags);
    expect(out?.more).toBe(1);
  });
});
