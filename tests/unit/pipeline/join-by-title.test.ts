import { describe, expect, it } from 'vitest';
import type { Topic, TopicGroup } from '../../../src/domain/index.js';
import { joinByTitle } from '../../../src/pipeline/build-edition.js';

const topic = (slug: string, label: string, extra: Partial<Topic> = {}): Topic => ({
  slug,
  label,
  keywords: [],
  categories: [],
  userDefined: false,
  ...extra,
});
const TOPICS = [
  topic('agents', 'LLM agents'),
  topic('speech', 'Speech and audio models'),
  topic('video', 'Video generation'),
  topic('robotics', 'Robotics'),
];
const group = (t: Topic, paperIds: string[], extra: Partial<TopicGroup> = {}): TopicGroup => ({
  topic: t,
  paperIds,
  ...extra,
});

/** A paper below the grouping pool joins where a reader of the topic its title names finds it. */
describe('joinByTitle', () => {
  it.each([
    {
      name: "the topic's own section, as a paper its title names (it leads a listing's section)",
      groups: [group(topic('agents', 'LLM agents'), ['a1'], { titled: ['a1'] })],
      claims: [{ id: 'b1', slug: 'agents' }],
      want: [{ slug: 'agents', ids: ['a1', 'b1'], titled: ['a1', 'b1'], tags: undefined }],
    },
    {
      name: "the first section of the topic's parts when it was split",
      groups: [
        group(topic('agents--memory', 'Agent memory', { parent: 'agents' }), ['m1']),
        group(topic('agents--tools', 'Tool use', { parent: 'agents' }), ['t1']),
      ],
      claims: [{ id: 'b1', slug: 'agents' }],
      want: [
        { slug: 'agents--memory', ids: ['m1', 'b1'], titled: undefined, tags: undefined },
        { slug: 'agents--tools', ids: ['t1'], titled: undefined, tags: undefined },
      ],
    },
    {
      name: "a broad area's section whose cards say the topic, its card saying it too",
      groups: [
        group(topic('area-vision', 'Computer vision', { paperTopics: { v1: 'video' } }), ['v1']),
        group(topic('other', 'More papers'), ['o1']),
      ],
      claims: [{ id: 'b1', slug: 'video' }],
      want: [
        { slug: 'area-vision', ids: ['v1', 'b1'], titled: undefined, tags: { v1: 'video', b1: 'video' } },
        { slug: 'other', ids: ['o1'], titled: undefined, tags: undefined },
      ],
    },
    {
      name: '"More papers" with its card saying the topic, when no section has it',
      groups: [group(topic('agents', 'LLM agents'), ['a1']), group(topic('other', 'More papers'), ['o1'])],
      claims: [
        { id: 'b1', slug: 'speech' },
        { id: 'b2', slug: 'robotics' },
      ],
      want: [
        { slug: 'agents', ids: ['a1'], titled: undefined, tags: undefined },
        { slug: 'other', ids: ['o1', 'b1', 'b2'], titled: undefined, tags: { b1: 'speech', b2: 'robotics' } },
      ],
    },
    {
      name: '"More papers" made when the pool had none',
      groups: [group(topic('agents', 'LLM agents'), ['a1'])],
      claims: [{ id: 'b1', slug: 'speech' }],
      want: [
        { slug: 'agents', ids: ['a1'], titled: undefined, tags: undefined },
        { slug: 'other', ids: ['b1'], titled: undefined, tags: { b1: 'speech' } },
      ],
    },
  ])('$name', ({ groups, claims, want }) => {
    const before = structuredClone(groups);
    const out = joinByTitle(groups, claims, TOPICS);
    expect(
      out.map((g) => ({ slug: g.topic.slug, ids: g.paperIds, titled: g.titled, tags: g.topic.paperTopics })),
    ).toEqual(want);
    // The pool's groups, which the letter is ranked from, are left as they were.
    expect(groups).toEqual(before);
  });

  it("labels each tag with its topic's heading", () => {
    const out = joinByTitle(
      [group(topic('other', 'More papers'), [])],
      [{ id: 'b1', slug: 'speech' }],
      TOPICS,
    );
    expect(out[0]?.topic.topicLabels).toEqual({ speech: 'Speech and audio models' });
  });
});
