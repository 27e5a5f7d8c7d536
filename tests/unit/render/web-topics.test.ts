import { describe, expect, it } from 'vitest';
import type { Edition, Variant } from '../../../src/domain/index.js';
import { buildDigestView } from '../../../src/render/digest-view.js';
import { cutEdition } from '../../../src/render/edition-cut.js';
import { createRenderer } from '../../../src/render/index.js';
import { viewOptions as fixtureViewOptions, loadPapers, makeEdition, rendererOptions } from './fixture.js';

/**
 * A busy day's smaller topics that the letter had no room for (only its web version shows them)
 * are named in the letter's closing line, largest first: "12 more papers on the web, among them
 * Robotics (5) and Security (3)", so a reader of every topic knows what the link holds.
 */
const papers = loadPapers().slice(0, 6);
const viewOptions = fixtureViewOptions();

/** A letter of two topics; the web has two more topics and more papers of "Language models". */
function busyDay(groups: Edition['webOnly'] = undefined): Edition {
  const base = makeEdition(papers, 3);
  const webOnly = groups ?? [
    { slug: 'language-models', label: 'Language models', ids: ['x1', 'x2'] },
    { slug: 'security', label: 'Security', ids: ['s1', 's2', 's3'] },
    { slug: 'robotics', label: 'Robotics', ids: ['r1', 'r2', 'r3', 'r4', 'r5'] },
    { slug: null, label: 'More papers', ids: ['o1', 'o2'] },
  ];
  const more = webOnly.reduce((n, g) => n + g.ids.length, 0);
  return { ...base, more, webOnly };
}

describe('the closing line names the topics only the web shows', () => {
  it.each<[string, Edition['webOnly'], string]>([
    [
      'two topics, largest first (not the letter\'s own, not "More papers")',
      undefined,
      'Robotics (5) and Security (3)',
    ],
    ['one', [{ slug: 'robotics', label: 'Robotics', ids: ['r1', 'r2'] }], 'Robotics (2)'],
    [
      'six: four named, the rest counted',
      ['a', 'b', 'c', 'd', 'e', 'f'].map((x, i) => ({
        slug: `t-${x}`,
        label: `Topic ${x.toUpperCase()}`,
        ids: Array.from({ length: 9 - i }, (_, k) => `${x}${k}`),
      })),
      'Topic A (9), Topic B (8), Topic C (7), Topic D (6) and 2 other topics',
    ],
    ['none: an edition stored before web-only groups', [], ''],
  ])('%s', (_case, groups, text) => {
    expect(buildDigestView(busyDay(groups), viewOptions).webTopics).toBe(text);
  });

  it('says them in the letter and its plain text, with the count of papers on the web', async () => {
    const renderer = createRenderer(rendererOptions());
    const all: Variant = { key: 'daily:*', frequency: 'daily', topics: [] };
    const out = await renderer.renderVariant(busyDay(), all);
    expect(out.text).toMatch(
      /12 more papers on the web, among them Robotics \(5\) and Security \(3\):\n\S+\/archive\//,
    );
    expect(out.html).toMatch(/12 more papers on the web<\/a>, among them Robotics \(5\) and Security \(3\)/);
    // Without such topics the line is as before: the count and the link.
    const plain = await renderer.renderVariant({ ...busyDay([]), more: 4 }, all);
    expect(plain.text).toMatch(/\n4 more papers on the web: \S+\/archive\//);
    expect(plain.html).not.toContain('among them');
  });

  it('names none to a reader of a few topics, and not the topic a reader stopped', () => {
    const chosen = cutEdition(busyDay(), ['language-models']);
    expect(buildDigestView(chosen, viewOptions).webTopics).toBe('');
    const allBut = cutEdition(busyDay(), ['!robotics']);
    expect(buildDigestView(allBut, viewOptions).webTopics).toBe('Security (3)');
  });
});
