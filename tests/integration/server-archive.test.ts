import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Edition, Paper, RankedPaper } from '../../src/domain/index.js';
import { escapeXml, webCopyPlaceholders } from '../../src/server/routes-archive.js';
import { Client, createFixture, type Fixture } from './server-fixture.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture();
});
afterEach(async () => fx.close());

function paper(id: string, title: string, url = `https://arxiv.org/abs/${id}`): RankedPaper {
  const base: Paper = {
    id,
    title,
    url,
    authors: ['A. Author', 'B. Author'],
    published: '2025-03-01T00:00:00Z',
    summary: 'summary',
    aiSummary: null,
    keywords: [],
    categories: ['cs.CL'],
    upvotes: 3,
    comments: 0,
    sources: ['hf'],
    links: { abs: url, pdf: null, code: null, hf: null },
  };
  return { ...base, score: { upvotes: 3, comments: 0, sources: 1, recency: 1, total: 5 } };
}

async function addEdition(
  id: string,
  papers: RankedPaper[],
  frequency: 'daily' | 'weekly' = 'daily',
  overflowIds: string[] = [],
): Promise<Edition> {
  await fx.store.papers.upsertPapers(papers, new Date('2025-03-01T06:00:00Z'));
  const edition: Edition = {
    id,
    frequency,
    date: '2025-03-01',
    createdAt: '2025-03-01T08:00:00.000Z',
    sections: [
      {
        topic: { slug: 'llm', label: 'Language models', keywords: [], categories: [], userDefined: true },
        papers,
        more: 0,
      },
    ],
    more: overflowIds.length,
    overflowIds,
  };
  await fx.store.editions.createEdition(edition);
  return edition;
}

describe('archive and feed', () => {
  it('lists editions and shows the stored all-topics variant with personal placeholders blanked', async () => {
    await addEdition('2025-03-01-daily', [paper('2503.00001', 'Tokens & <Things>')]);
    await fx.store.editions.saveRenderedVariant('2025-03-01-daily', {
      variantKey: 'daily:*',
      subject: 'Digest',
      preheader: 'p',
      html: '<html><body style="margin:0"><p>Hi %%NAME%%</p><a href="%%UNSUBSCRIBE_URL%%">u</a><a href="%%TOPIC_UNSUBSCRIBE_URL:llm%%">t</a> %%EMAIL%%</body></html>',
      text: 't',
    });
    const list = await new Client(fx.app).get('/archive');
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain('href="/archive/2025-03-01-daily"');
    // The date as the letter writes it, not the ISO form.
    expect(listHtml).toContain('>Saturday, 1 March 2025 · daily</a>');
    const web = await fx.app.request('/archive/2025-03-01-daily');
    expect(web.status).toBe(200);
    const webHtml = await web.text();
    expect(webHtml).toContain('Tokens &amp; &lt;Things&gt;');
    expect(webHtml).toContain('href="/archive/2025-03-01-daily/mail"');
    const page = await fx.app.request('/archive/2025-03-01-daily/mail');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('%%');
    expect(html).toContain('href="http://localhost/manage"');
    expect(html).toContain('<p>Hi </p>');
    expect(html).toContain(' you</body>');
    const manage = await fx.app.request('/manage');
    expect(manage.status).toBe(200);
    expect(await manage.text()).toContain('Preferences and Unsubscribe links');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script');
  });

  // Regression: "N more on the web" linked to a page that showed only the papers of the letter.
  it('lists the papers the letter had no room for on the web version', async () => {
    const shown = paper('2503.00010', 'Shown in the letter');
    const extra = paper('2503.00011', 'Cut by the caps');
    await fx.store.papers.upsertPapers([extra], new Date('2025-03-01T06:00:00Z'));
    const edition = await addEdition('2025-03-02-daily', [shown], 'daily', [extra.id]);
    const html = await (await fx.app.request(`/archive/${edition.id}`)).text();
    expect(html).toContain('Shown in the letter');
    expect(html).toContain('2 papers selected: 1 in the letter, 1 more on the web');
    expect(html).toContain('Cut by the caps');
    expect((await fx.app.request(`/archive/${edition.id}/mail`)).status).toBe(404);
  });

  it('heads the papers the letter had no room for by their topic, and those of "More papers" plainly', async () => {
    const [a, b, c, d] = [
      'A topic paper in the letter',
      'A topic paper on the web',
      'A stray in the letter',
      'A stray on the web',
    ].map((title, i) => paper(`2503.0002${i}`, title)) as [
      RankedPaper,
      RankedPaper,
      RankedPaper,
      RankedPaper,
    ];
    await fx.store.papers.upsertPapers([a, b, c, d], new Date('2025-03-01T06:00:00Z'));
    const edition: Edition = {
      id: '2025-03-03-daily',
      frequency: 'daily',
      date: '2025-03-03',
      createdAt: '2025-03-03T08:00:00.000Z',
      sections: [
        {
          topic: { slug: 'llm', label: 'Language models', keywords: [], categories: [], userDefined: false },
          papers: [a],
          more: 1,
        },
        {
          topic: { slug: 'other', label: 'More papers', keywords: [], categories: [], userDefined: false },
          papers: [c],
          more: 1,
        },
      ],
      more: 2,
      webOnly: [
        { slug: 'llm', label: 'Language models', ids: [b.id] },
        { slug: 'other', label: 'More papers', ids: [d.id] },
      ],
    };
    await fx.store.editions.createEdition(edition);
    const html = await (await fx.app.request(`/archive/${edition.id}`)).text();
    expect(html).toContain('More in Language models (1), not in the letter');
    expect(html).toContain('Not in the letter (1)');
    expect(html).not.toContain('More in More papers');
    // Each web-only paper under its own section's heading, the catch-all's last.
    const at = (s: string): number => html.indexOf(s);
    expect(at('A topic paper on the web')).toBeLessThan(at('<h2>More papers</h2>'));
    expect(at('A stray on the web')).toBeGreaterThan(at('Not in the letter (1)'));
  });

  it('falls back to a plain escaped list when no all-topics variant was rendered', async () => {
    await addEdition(
      '2025-03-01-weekly',
      [paper('2503.00002', '<img src=x onerror=alert(1)>', 'javascript:alert(1)')],
      'weekly',
    );
    const page = await fx.app.request('/archive/2025-03-01-weekly');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('Language models');
  });

  it('answers 404 for unknown or malformed edition ids', async () => {
    for (const id of ['nope', '..%2F..%2Fetc', '%3Cscript%3E']) {
      const res = await fx.app.request(`/archive/${id}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Page not found');
    }
  });

  it('publishes an RSS feed of editions, XML-escaped', async () => {
    await addEdition('2025-03-01-daily', [paper('2503.00003', 'x')]);
    const res = await fx.app.request('/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/rss+xml');
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0">/);
    expect(xml).toContain('<link>http://localhost/archive/2025-03-01-daily</link>');
    expect(xml).toContain('<pubDate>Sat, 01 Mar 2025 08:00:00 GMT</pubDate>');
    expect(escapeXml('a & b <c> "d" \'e\'\u0001')).toBe('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;');
  });

  // Regression: the public copy said "because  subscribed." and its links went to the home page.
  it.each([
    ['%%GREETING%%', 'Hi,'],
    ['Hi %%NAME%%!', 'Hi !'],
    ['because %%EMAIL%% subscribed.', 'because you subscribed.'],
    ['%%PREFERENCES_URL%%', 'https://x.org/manage'],
    ['%%UNSUBSCRIBE_URL%%', 'https://x.org/manage'],
    ['%%TOPIC_UNSUBSCRIBE_URL:a.b-c%%', 'https://x.org/manage'],
  ])('the public copy of a letter fills %s as %s', (source, expected) => {
    expect(webCopyPlaceholders(source, 'https://x.org')).toBe(expected);
  });
});

describe('GET /healthz', () => {
  it('reports ok while the store answers and 503 once it is gone', async () => {
    const ok = await fx.app.request('/healthz');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', store: 'sqlite' });
    await fx.store.close();
    const down = await fx.app.request('/healthz');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'error' });
  });
});
