import { describe, expect, it } from 'vitest';
import { toPlainText } from '../../../src/domain/index.js';
import { createRenderer, personalize, visibleTextOfRendered } from '../../../src/render/index.js';
import { loadPapers, makeEdition, rendererOptions, renderSampleDigest } from './fixture.js';

describe('visibleTextOfRendered: the text a reader sees in HTML this program rendered', () => {
  it.each([
    [
      'a declaration and the head',
      '<!doctype html><html><head><title>T</title><style>p{x:1}</style></head><body>Hi</body></html>',
      'Hi',
    ],
    [
      'comments, Outlook ones too',
      'a<!-- note -->b <!--[if mso | IE]><table><tr><td>x<![endif]--> c',
      'ab c',
    ],
    ['a shown downlevel comment', '<!--[if !mso]><!-->seen<!--<![endif]-->', 'seen'],
    [
      'block edges are word boundaries, inline ones are not',
      '<p>one</p><p>two</p><div>th<b>re</b>e</div>',
      'one two three',
    ],
    [
      'escapes the template engine makes',
      '<p>R&amp;D &lt;b&gt; &quot;q&quot; it&#39;s</p>',
      'R&D <b> "q" it\'s',
    ],
    [
      'numeric and hexadecimal references',
      '<p>a&#8199;&#847;b &#x2014; c&nbsp;d</p>',
      'a \u034fb \u2014 c d',
    ],
    ['invisible characters and runs of space', '<p>a\u200b b\n\n\tc</p>', 'a b c'],
    ['scripts', '<p>x</p><script>alert(1)</script><p>y</p>', 'x y'],
  ])('%s', (_, html, text) => {
    expect(visibleTextOfRendered(html)).toBe(text);
    // What sanitize-html makes of it too.
    expect(toPlainText(html)).toBe(text);
  });

  it('reads a rendered letter as toPlainText (sanitize-html) does, character for character', async () => {
    const digest = await renderSampleDigest();
    expect(digest.html.length).toBeGreaterThan(10_000);
    expect(visibleTextOfRendered(digest.html)).toBe(toPlainText(digest.html));
  });

  it.each([
    ['one topic', ['robotics']],
    ['all but one', ['!robotics']],
  ])('and a letter cut to %s', async (_, topics) => {
    const renderer = createRenderer(rendererOptions());
    const rendered = await renderer.renderVariant(makeEdition(loadPapers().slice(0, 24), 4), {
      key: `daily:${topics.join(',')}`,
      frequency: 'daily',
      topics,
    });
    const { html } = personalize(rendered, {
      email: 'ada@example.org',
      name: 'Ada & "Lovelace"',
      unsubscribeUrl: 'https://paperpost.example/u?t=1&x=2',
      preferencesUrl: 'https://paperpost.example/p?t=1',
      topicUnsubscribeUrl: (slug) => `https://paperpost.example/t/${slug}`,
    });
    expect(visibleTextOfRendered(html)).toBe(toPlainText(html));
  });
});
