import { describe, expect, it } from 'vitest';
import { opmlSources, parseOpml } from '../../../src/ingest/index.js';

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>rss2email export</title></head>
  <body>
    <outline text="Papers" title="Papers">
      <outline type="rss" text="HF Papers" xmlUrl="https://example.org/hf_papers.xml" htmlUrl="https://huggingface.co/papers"/>
      <outline type="rss" text="arXiv cs.CL" xmlUrl='https://rss.arxiv.org/rss/cs.CL'/>
    </outline>
    <outline type="rss" text="Q&amp;A &#8211; blog" xmlUrl="https://blog.example.org/feed?a=1&amp;b=2"></outline>
    <outline type="rss" text="again" xmlUrl="https://example.org/hf_papers.xml"/>
    <outline type="rss" text="not http" xmlUrl="ftp://example.org/x"/>
    <outline text="folder without feed"/>
  </body>
</opml>`;

describe('OPML subscription lists', () => {
  it('reads every http(s) xmlUrl, nested ones too, once each, entities decoded', () => {
    expect(parseOpml(OPML, 'subs')).toEqual([
      { title: 'HF Papers', url: 'https://example.org/hf_papers.xml' },
      { title: 'arXiv cs.CL', url: 'https://rss.arxiv.org/rss/cs.CL' },
      { title: 'Q&A – blog', url: 'https://blog.example.org/feed?a=1&b=2' },
    ]);
  });

  it('turns each feed into a source of its own under the OPML id', () => {
    const sources = opmlSources(
      { id: 'subs', kind: 'opml', location: 'subs.opml', includeReplacements: false },
      parseOpml(OPML, 'subs'),
    );
    expect(sources.map((s) => [s.id, s.kind, s.location])).toEqual([
      ['subs.hf-papers', 'auto', 'https://example.org/hf_papers.xml'],
      ['subs.arxiv-cs-cl', 'auto', 'https://rss.arxiv.org/rss/cs.CL'],
      ['subs.q-a-blog', 'auto', 'https://blog.example.org/feed?a=1&b=2'],
    ]);
  });

  it.each([
    ['an RSS feed', '<rss version="2.0"><channel/></rss>', 'subs: not OPML (root element <rss>)'],
    [
      'entity declarations',
      '<!DOCTYPE x [<!ENTITY a "b">]><opml/>',
      'subs: XML entity declarations are refused',
    ],
  ])('refuses %s with one line', (_name, text, message) => {
    expect(() => parseOpml(text, 'subs')).toThrow(message);
  });
});
