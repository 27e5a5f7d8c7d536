import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/ingest/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>`;

const XXE = `<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><link>https://x.example/1</link></item></channel></rss>`;

const PARAMETER_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE feed [ <!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote; ]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`;

const SCRIPTED = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item>
  <title>&lt;script&gt;alert(1)&lt;/script&gt;Safe &lt;img src=x onerror=alert(2)&gt;title</title>
  <link>javascript:alert(3)</link>
  <guid>https://evil.example/post/1</guid>
  <description><![CDATA[<p onclick="alert(4)">Text <a href="javascript:alert(5)">link</a><script>alert(6)</script><iframe src="data:text/html,x"></iframe></p>]]></description>
  <author>x@evil.example (&lt;b onmouseover=alert(7)&gt;Eve&lt;/b&gt;)</author>
</item></channel></rss>`;

describe('hostile input', () => {
  it.each([
    ['billion laughs', BILLION_LAUGHS],
    ['external entity (XXE)', XXE],
    ['external parameter entity', PARAMETER_ENTITY],
  ])('refuses %s', async (_name, text) => {
    await expect(parseFeed(text, { sourceId: 'evil' })).rejects.toMatchObject({
      stage: 'ingest',
      code: 'parse-failed',
      message: 'evil: XML entity declarations are refused',
    });
  });

  it('accepts a DOCTYPE without entity declarations', async () => {
    const text = `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><item><title>I</title><link>https://o.example/1</link></item></channel></rss>`;
    const { entries } = await parseFeed(text, { sourceId: 'old' });
    expect(entries.map((e) => e.title)).toEqual(['I']);
  });

  it('keeps scripts, handlers and javascript: links out of papers', async () => {
    const { entries } = await parseFeed(SCRIPTED, { sourceId: 'evil' });
    const entry = entries[0];
    expect(entry).toBeDefined();
    const paper = normalizeEntry(entry!);
    expect(paper).toBeDefined();
    expect(paper?.title).toBe('Safe title');
    expect(paper?.summary).toBe('Text link');
    expect(paper?.authors).toEqual(['Eve']);
    expect(paper?.id).toBe('https://evil.example/post/1');
    expect(paper?.url).toBe('https://evil.example/post/1');
    expect(paper?.links).toEqual({ abs: null, pdf: null, code: null, hf: null });
    expect(JSON.stringify(paper)).not.toMatch(/<|javascript:|onerror|onclick|alert\(/i);
  });

  it('drops unsafe links from HF JSON', async () => {
    const text = JSON.stringify([
      {
        paper: {
          id: '2401.00001',
          title: 'T<script>x</script>',
          githubRepo: 'javascript:alert(1)',
          summary: 'a<b',
        },
      },
    ]);
    const { entries } = await parseFeed(text, { sourceId: 'hf' });
    const paper = normalizeEntry(entries[0]!);
    expect(paper?.links.code).toBeNull();
    // HF text is plain: a lone `<` stays a character, but complete tags are still removed.
    expect(paper?.title).toBe('T');
    expect(paper?.summary).toBe('a<b');
  });

  it('refuses text over the cap before parsing', async () => {
    const huge = `<rss version="2.0"><channel>${'<item><title>x</title></item>'.repeat(10_000)}</channel></rss>`;
    await expect(parseFeed(huge, { sourceId: 'big', maxChars: 100_000 })).rejects.toMatchObject({
      code: 'parse-failed',
      message: `big: document is ${huge.length} characters, over the 100000 cap`,
    });
  });

  it('survives deep nesting and junk bytes without throwing for the whole feed', async () => {
    const deep = `<rss version="2.0"><channel><title>d</title><item><title>ok</title><description>${'<x>'.repeat(2000)}${'</x>'.repeat(2000)}</description></item></channel></rss>`;
    const { entries } = await parseFeed(deep, { sourceId: 'deep' });
    expect(entries[0]?.title).toBe('ok');
  });
});
