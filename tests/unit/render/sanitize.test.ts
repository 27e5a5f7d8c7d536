import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Edition, type Paper, safeHttpUrl } from '../../../src/domain/index.js';
import { createRenderer, type Renderer } from '../../../src/render/index.js';
import { loadPapers, makeEdition, rendererOptions } from './fixture.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../fixtures/sanitize');

/** The attack text of a feedparser sanitize case, as raw markup (what a careless parser would keep). */
function attackOf(file: string): string {
  const xml = readFileSync(path.join(dir, file), 'utf8');
  const match = /<(summary|title|content)\b([^>]*)>([\s\S]*?)<\/\1>/.exec(xml.replace(/<!--[\s\S]*?-->/, ''));
  if (!match) throw new Error(`${file}: no summary/title/content element`);
  const attrs = match[2] ?? '';
  let body = match[3] ?? '';
  if (/mode="base64"/.test(attrs)) return Buffer.from(body.trim(), 'base64').toString('utf8');
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(body.trim());
  if (cdata) return cdata[1] ?? '';
  if (/mode="escaped"/.test(attrs)) {
    body = body
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&amp;/g, '&');
  }
  return body;
}

const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.xml'))
  .sort()
  .map((file) => ({ file, attack: attackOf(file) }));

function tagNames(html: string): string[] {
  return [
    ...new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9:-]*)/g)].map((m) => (m[1] ?? '').toLowerCase())),
  ].sort();
}

function hostileEdition(base: Paper, attack: string): Edition {
  const paper: Paper = {
    ...base,
    title: attack,
    summary: attack,
    aiSummary: null,
    authors: [attack, 'Grace Hopper'],
    url: 'javascript:alert(1)',
    links: {
      abs: base.links.abs,
      pdf: 'data:text/html;base64,PHNjcmlwdD4=',
      code: 'vbscript:msgbox(1)',
      hf: null,
    },
  };
  const edition = makeEdition([paper, base]);
  const section = edition.sections[0];
  if (section) section.topic = { ...section.topic, label: attack };
  return edition;
}

describe('feed text is hostile: real attacks from feedparser wellformed/sanitize', () => {
  let renderer: Renderer;
  let baseline: { tags: string[]; anchors: number; styles: number };
  const base = loadPapers()[1] as Paper;

  beforeAll(async () => {
    renderer = createRenderer(rendererOptions());
    const benign = await renderer.renderVariant(hostileEdition(base, 'safe description'), {
      key: 'daily:*',
      frequency: 'daily',
      topics: [],
    });
    baseline = {
      tags: tagNames(benign.html),
      anchors: (benign.html.match(/<a\s/g) ?? []).length,
      styles: (benign.html.match(/<style/g) ?? []).length,
    };
  });

  it('has a few dozen cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(36);
  });

  it.each(cases)('$file adds no element, handler or active URL', async ({ attack }) => {
    const rendered = await renderer.renderVariant(hostileEdition(base, attack), {
      key: 'daily:*',
      frequency: 'daily',
      topics: [],
    });
    const html = rendered.html;
    expect(tagNames(html)).toEqual(baseline.tags);
    expect((html.match(/<a\s/g) ?? []).length).toBe(baseline.anchors);
    expect((html.match(/<style/g) ?? []).length).toBe(baseline.styles);
    for (const [, name, attrs] of html.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)) {
      expect(attrs, `<${name}> attributes`).not.toMatch(/\son[a-z]+\s*=/i);
      expect(attrs, `<${name}> attributes`).not.toMatch(/(javascript|vbscript|data):/i);
    }
    for (const [, url] of html.matchAll(/href="([^"]*)"/g)) {
      expect(url).toMatch(/^(https?:\/\/|#|%%[A-Z_]+(:[a-z0-9._-]+)?%%$)/);
    }
    // The text survives as text: "safe" is still there, escaped, not dropped.
    if (attack.includes('safe')) expect(html).toContain('safe');
    expect(rendered.subject).not.toMatch(/[\r\n]/);
  });
});

describe('safeHttpUrl keeps only http(s) URLs', () => {
  it.each([
    ['https://arxiv.org/abs/2401.00001', 'https://arxiv.org/abs/2401.00001'],
    ['http://example.com/a?b=1&c=2', 'http://example.com/a?b=1&c=2'],
    ['  HTTPS://Example.com/x  ', 'https://example.com/x'],
    ['https://ok.example/"><script>', 'https://ok.example/%22%3E%3Cscript%3E'],
    ['javascript:alert(1)', null],
    [' JaVaScRiPt:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['data:text/html;base64,PHNjcmlwdD4=', null],
    ['vbscript:msgbox(1)', null],
    ['//evil.example/x', null],
    ['/relative/path', null],
    ['ftp://example.com/file', null],
    ['https://user:pass@evil.example/', null],
    ['http://', null],
    ['', null],
    [null, null],
  ])('%j -> %j', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });
});
