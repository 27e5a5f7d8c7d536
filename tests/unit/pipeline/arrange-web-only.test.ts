import { describe, expect, it } from 'vitest';
import type { Section, Topic, TopicGroup } from '../../../src/domain/index.js';
import { arrangeWebOnly } from '../../../src/pipeline/build-edition.js';

const topic = (slug: string, label: string): Topic => ({
  slug,
  label,
  keywords: [],
  categories: [],
  userDefined: false,
});
const agents = topic('agents', 'LLM agents');
const vision = topic('vision', '3D vision');
const other = topic('other', 'More papers');
const section = (t: Topic): Section => ({ topic: t, papers: [], more: 0 }) as unknown as Section;
const group = (t: Topic, paperIds: string[]): TopicGroup => ({ topic: t, paperIds }) as TopicGroup;

describe('arrangeWebOnly: the papers only the web edition shows, under their sections', () => {
  it.each([
    {
      name: 'regression: one "More papers" when the letter has its own catch-all (the archive listed two)',
      sections: [section(agents), section(other)],
      groups: [group(agents, ['a1', 'a2']), group(other, ['o1', 'o2'])],
      ranking: ['a1', 'x1', 'o1', 'a2', 'o2', 'x2'],
      shown: ['a1', 'o1'],
      want: [
        { slug: 'agents', label: 'LLM agents', ids: ['a2'] },
        { slug: 'other', label: 'More papers', ids: ['x1', 'o2', 'x2'] },
      ],
    },
    {
      name: 'without a catch-all in the letter, ungrouped papers go last under "More papers"',
      sections: [section(agents)],
      groups: [group(agents, ['a1', 'a2']), group(vision, ['v1'])],
      ranking: ['v1', 'a1', 'x1', 'a2'],
      shown: ['a1'],
      want: [
        { slug: 'agents', label: 'LLM agents', ids: ['a2'] },
        { slug: 'vision', label: '3D vision', ids: ['v1'] },
        { slug: null, label: 'More papers', ids: ['x1'] },
      ],
    },
  ])('$name', ({ sections, groups, ranking, shown, want }) => {
    expect(arrangeWebOnly(ranking, new Set(shown), sections, groups)).toEqual(want);
  });
});
