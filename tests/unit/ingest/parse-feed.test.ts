import { describe, expect, it } from 'vitest';
import { detectKind, parseFeed } from '../../../src/ingest/index.js';

const RSS = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Blog</title><link>https://blog.example/</link>
<item><title>First</title><link>https://blog.example/1</link><guid>g1</guid>
<pubDate>Wed, 01 Jan 2025 10:00:00 +0100</pubDate><description>&lt;p&gt;Hello&lt;/p&gt;</description>
<dc:creator>Ann Lee</dc:creator><category>ml</category></item>
<item><title>Second</title><link>https://blog.example/2</link><pubDate>garbage</pubDate></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>
<link href="https://atom.example/"/><entry><id>urn:1</id><title>Entry</title>
<link rel="alternate" href="https://atom.example/e1"/><updated>2025-01-02T00:00:00Z</updated>
<author><name>A</name></author><author><name>B</name></author><category term="physics"/>
<summary>Sum</summary></entry></feed>`;

const RDF = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link></channel>
<item rdf:about="https://rdf.example/a"><title>R1</title><link>https://rdf.example/a</link>
<dc:date>2025-01-03T00:00:00Z</dc:date><dc:creator>C D</dc:creator></item></rdf:RDF>`;

const HF = JSON.stringify([
  {
    paper: {
      id: '2606.00467',
      title: 'HF paper',
      summary: 'Abs',
      authors: [{ name: 'X Y' }, { name: 'Z' }, 'bad'],
      upvotes: 7,
      ai_summary: 'AI',
      ai_keywords: ['k1', 'k2'],
      githubRepo: 'https://github.com/a/b',
      publishedAt: '2026-05-30T00:00:00.000Z',
    },
    numComments: 4,
  },
  'garbage',
  { paper: { id: '2606.00468', title: 'Second', upvotes: 'many', publishedAt: 'soon' } },
]);

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JF',
  home_page_url: 'https://jf.example/',
  items: [
    {
      id: '1',
      url: 'https://jf.example/1',
      title: 'J1',
      content_text: 'T',
      date_published: '2025-01-01T00:00:00Z',
      authors: [{ name: 'Q' }],
      tags: ['t'],
    },
  ],
});

describe('detectKind', () => {
  it.each([
    [RSS, 'rss'],
    [ATOM, 'rss'],
    [RDF, 'rss'],
    [HF, 'hf-daily'],
    [JSON.stringify({ papers: [] }), 'hf-daily'],
    [JSON_FEED, 'rss'],
    [
      '<feed xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom"></feed>',
      'arxiv-api',
    ],
    ['<rss xmlns:arxiv="http://arxiv.org/schemas/atom" version="2.0"><channel/></rss>', 'arxiv-rss'],
    ['\uFEFF  <!-- c --><?xml-stylesheet x?><rss/>', 'rss'],
    ['<html><body>hi</body></html>', undefined],
    ['{"hello": 1}', undefined],
    ['just text', undefined],
    ['', undefined],
  ])('%#: %s…', (text, kind) => {
    expect(detectKind(text)).toBe(kind);
  });
});

describe('parseFeed', () => {
  it('reads RSS 2.0 with dc:creator, categories and dates in UTC', async () => {
    const { feed, entries } = await parseFeed(RSS, { sourceId: 'blog' });
    expect(feed).toEqual({ title: 'Blog', link: 'https://blog.example/', kind: 'rss' });
    expect(entries[0]).toMatchObject({
      sourceId: 'blog',
      kind: 'rss',
      guid: 'g1',
      title: 'First',
      url: 'https://blog.example/1',
      authors: ['Ann Lee'],
      published: '2025-01-01T09:00:00.000Z',
      summary: '<p>Hello</p>',
      categories: ['ml'],
    });
    expect(entries[1]).toMatchObject({ title: 'Second', published: null, authors: [], summary: null });
  });

  it('reads Atom with every author and category terms', async () => {
    const { entries } = await parseFeed(ATOM, { sourceId: 'a' });
    expect(entries[0]).toMatchObject({
      guid: 'urn:1',
      url: 'https://atom.example/e1',
      authors: ['A', 'B'],
      categories: ['physics'],
      published: '2025-01-02T00:00:00.000Z',
      summary: 'Sum',
    });
  });

  it('reads RDF (RSS 1.0) with dc:date', async () => {
    const { entries } = await parseFeed(RDF, { sourceId: 'r' });
    expect(entries[0]).toMatchObject({
      title: 'R1',
      url: 'https://rdf.example/a',
      published: '2025-01-03T00:00:00.000Z',
      authors: ['C D'],
    });
  });

  it('reads HF daily JSON, tolerating garbage items and fields', async () => {
    const { feed, entries } = await parseFeed(HF, { sourceId: 'hf' });
    expect(feed.kind).toBe('hf-daily');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      guid: '2606.00467',
      url: 'https://huggingface.co/papers/2606.00467',
      authors: ['X Y', 'Z', 'bad'],
      upvotes: 7,
      comments: 4,
      aiSummary: 'AI',
      keywords: ['k1', 'k2'],
      githubRepo: 'https://github.com/a/b',
      published: '2026-05-30T00:00:00.000Z',
    });
    expect(entries[1]).toMatchObject({ upvotes: null, published: null, summary: null });
  });

  it('reads a JSON Feed as kind rss', async () => {
    const { feed, entries } = await parseFeed(JSON_FEED, { sourceId: 'jf' });
    expect(feed).toEqual({ title: 'JF', link: 'https://jf.example/', kind: 'rss' });
    expect(entries[0]).toMatchObject({
      title: 'J1',
      url: 'https://jf.example/1',
      authors: ['Q'],
      categories: ['t'],
    });
  });

  it('keeps at most maxEntries', async () => {
    expect((await parseFeed(RSS, { sourceId: 'b', maxEntries: 1 })).entries).toHaveLength(1);
  });

  it.each([
    ['<html><body>hi</body></html>', 'x: not a feed (root element <html>)'],
    ['', 'x: not a feed (empty document)'],
    ['{"a":1}', 'x: not a feed (JSON that is neither an HF daily_papers reply nor a JSON Feed)'],
    ['{oops', 'x: not a feed (invalid JSON: '],
    ['<rss version="2.0"><channel><title>x</title>', 'x: not a feed ('],
  ])('refuses %j', async (text, message) => {
    const err = await parseFeed(text, { sourceId: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ stage: 'ingest', code: 'parse-failed' });
    expect((err as Error).message.startsWith(message)).toBe(true);
    expect((err as Error).message).not.toContain('\n');
  });

  it('refuses a forced kind that does not fit', async () => {
    await expect(parseFeed(RSS, { sourceId: 'x', kind: 'hf-daily' })).rejects.toMatchObject({
      message: 'x: not a feed of kind hf-daily (got XML)',
    });
  });
});
