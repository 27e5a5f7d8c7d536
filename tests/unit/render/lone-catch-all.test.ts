import { describe, expect, it } from 'vitest';
import type { Variant } from '../../../src/domain/index.js';
import { CATCH_ALL_SLUG, type Edition } from '../../../src/domain/index.js';
import { buildDigestView } from '../../../src/render/digest-view.js';
import { createRenderer } from '../../../src/render/index.js';
import { buildWebEdition } from '../../../src/server/edition-page.js';
import { viewOptions as fixtureViewOptions, loadPapers, makeEdition, rendererOptions } from './fixture.js';

/**
 * A personal digest of a few papers on as many subjects is one "More papers" section: the letter,
 * its plain text, its preheader and its web page show the papers without that heading (there is
 * nothing they are "more" than); with topics beside it, the heading stays.
 */
const ALL: Variant = { key: 'daily:*', frequency: 'daily', topics: [] };
const papers = loadPapers().slice(0, 5);
const viewOptions = fixtureViewOptions('My papers');

function loneCatchAll(): Edition {
  const base = makeEdition(papers, 5);
  const only = base.sections[0] as Edition['sections'][number];
  return {
    ...base,
    sections: [
      {
        ...only,
        topic: { ...only.topic, slug: CATCH_ALL_SLUG, label: 'More papers' },
      },
    ],
  };
}

function withTopics(): Edition {
  const base = makeEdition(papers, 3);
  const [first, second] = base.sections as [Edition['sections'][number], Edition['sections'][number]];
  return {
    ...base,
    sections: [first, { ...second, topic: { ...second.topic, slug: CATCH_ALL_SLUG, label: 'More papers' } }],
  };
}

describe('"More papers" alone in a letter shows no heading', () => {
  it.each([
    ['alone', loneCatchAll(), [false], '5 trending papers this edition.'],
    [
      'beside a topic',
      withTopics(),
      [true, true],
      '5 trending papers this edition: Language models and more.',
    ],
  ])('%s: headings %j, preheader %s', (_case, edition, headings, preheader) => {
    const view = buildDigestView(edition, viewOptions);
    expect(view.sections.map((s) => s.heading)).toEqual(headings);
    expect(view.preheader).toBe(preheader);
  });

  it('renders the letter and its plain text without it, and with it beside a topic', async () => {
    const renderer = createRenderer(rendererOptions());
    const lone = await renderer.renderVariant(loneCatchAll(), ALL);
    expect(lone.html).not.toMatch(/<h2[^>]*>More papers<\/h2>/);
    expect(lone.text).not.toContain('More papers ==');
    // Nor a "Stop one topic: More papers" link: that is the whole letter (Unsubscribe says it).
    expect(lone.text).not.toContain('Stop one topic');
    expect(lone.html).not.toContain('Stop one topic');
    for (const p of papers) expect(lone.text).toContain(p.links.abs ?? p.url);
    const both = await renderer.renderVariant(withTopics(), ALL);
    expect(both.html).toMatch(/<h2[^>]*>More papers<\/h2>/);
    expect(both.text).toContain('== 2. More papers ==');
    expect(both.text).toMatch(/Stop one topic:[\s\S]*More papers: /);
  });

  it('shows its web page without it, as the letter does', async () => {
    const load = async (ids: string[]) => papers.filter((p) => ids.includes(p.id));
    const lone = await buildWebEdition(loneCatchAll(), load);
    expect(lone.sections.map((s) => s.heading)).toEqual([false]);
    const both = await buildWebEdition(withTopics(), load);
    expect(both.sections.map((s) => s.heading)).toEqual([true, true]);
  });
});
