import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition, Section } from '../../src/domain/index.js';
import { createStore } from '../../src/store/index.js';
import { readerConfig, sampleSources, tempProject } from '../helpers/cli.js';
import { outboxText, runEdition } from '../helpers/run-edition.js';

// The demo's sources, a reader of every topic and one of long context alone: the day has no
// "Long context" section, but papers of other sections name it (a sparse-attention kernel for
// ultra-long contexts under "Efficient inference").
const config = readerConfig(
  'Demo',
  'demo',
  sampleSources(),
  [
    { email: 'all@paperpost.example' },
    { email: 'context@paperpost.example', topics: ['long-context'] },
    { email: 'stopped@paperpost.example', topics: ['!efficient-inference'] },
  ],
  { limits: { maxPapersPerEdition: 40, maxPapersPerSection: 6 } },
);

describe('paperpost run: a paper that names a second topic reaches the readers of that topic', () => {
  let dir: string;
  let edition: Edition;
  let counts: Map<string, number>;
  let naming: { section: Section; title: string }[];
  const oneLine = (s: string): string => s.replace(/\s+/g, ' ');
  const text = async (who: string): Promise<string> =>
    oneLine((await outboxText(dir, edition.id, who)) ?? '');

  beforeAll(async () => {
    dir = tempProject(config);
    ({ edition } = await runEdition(dir));
    const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
    counts = await store.catalogue.topicPaperCounts();
    await store.close();
    naming = (edition.topicSections ?? []).flatMap((section) =>
      section.papers
        .filter((p) => section.topic.alsoTopics?.[p.id] === 'long-context')
        .map((p) => ({ section, title: p.title })),
    );
  }, 120_000);

  it('marks, in the sections of other topics, the papers that give "Long context" join evidence', () => {
    expect(edition.sections.some((s) => s.topic.slug === 'long-context')).toBe(false);
    expect(naming.map((n) => n.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^MiniMax Sparse Attention/)]),
    );
    for (const n of naming) {
      expect(n.section.topic.slug).not.toBe('long-context');
      expect(n.section.topic.topicLabels?.['long-context']).toBe('Long context');
    }
  });

  it('sends them to the long-context reader under "Long context", and nothing else', async () => {
    const mine = await text('context@paperpost.example');
    expect(mine).toContain('== 1. Long context ==');
    expect(mine).not.toMatch(/== \d+\. (?!Long context)/);
    for (const n of naming.slice(0, 6)) expect(mine).toContain(oneLine(n.title).slice(0, 40));
    expect(mine).toMatch(/Stop one topic: Long context: http\S+\/unsubscribe\/topic\?token=/);
  });

  it('leaves them in their own sections for a reader of every topic', async () => {
    const everyone = await text('all@paperpost.example');
    expect(everyone).not.toContain('== 1. Long context ==');
    const minimax = naming.find((n) => n.title.startsWith('MiniMax Sparse Attention')) as {
      section: Section;
    };
    expect(everyone).toContain(`. ${minimax.section.topic.label} ==`);
  });

  it('puts them in "More papers", saying "Long context", for a reader who stopped their section', async () => {
    const minimax = naming.find((n) => n.title.startsWith('MiniMax Sparse Attention')) as {
      section: Section;
    };
    const mine = await text('stopped@paperpost.example');
    expect(mine).not.toContain(`. ${minimax.section.topic.label} ==`);
    const more = mine.slice(mine.indexOf('. More papers =='));
    const at = more.indexOf('MiniMax Sparse Attention');
    expect(at).toBeGreaterThan(0);
    expect(more.slice(at, at + 200)).toContain('Long context · ');
  });

  it('counts them for "Long context" in the catalogue too', () => {
    const catchAll = edition.sections.find((s) => s.topic.slug === 'other');
    const named = Object.values(catchAll?.topic.paperTopics ?? {}).filter((s) => s === 'long-context').length;
    expect(counts.get('long-context')).toBe(naming.length + named);
  });
});
