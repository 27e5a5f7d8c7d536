import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper, Variant } from '../../../src/domain/index.js';
import { PaperpostError } from '../../../src/domain/index.js';
import { createRenderer, personalize, type Renderer } from '../../../src/render/index.js';
import { loadPapers, makeEdition, rendererOptions, SAMPLE_VALUES, TEMPLATES_DIR } from './fixture.js';

const ALL: Variant = { key: 'daily:*', frequency: 'daily', topics: [] };
const GMAIL_CLIP = 102 * 1024;

const HTML_TAG = /<\/?(a|p|div|span|table|tbody|td|tr|br|h\d|ul|li|img|style|script|meta|html|body)\b[^>]*>/i;

function cardCount(html: string): number {
  return (html.match(/class="pp-card"/g) ?? []).length;
}

function moreCounts(html: string): number {
  return [
    ...html.matchAll(/>(\d+) more (?:in [^<]* on the web|of these on the web|papers? on the web)</g),
  ].reduce((n, m) => n + Number(m[1]), 0);
}

/** The letter's closing "N more papers on the web": every paper of the edition it does not show. */
function webOnlyTotal(html: string): number {
  return Number(/>(\d+) more papers? on the web</.exec(html)?.[1] ?? 0);
}

/** The sections' "N more in <topic> on the web", added up. */
function sectionMoreCounts(html: string): number {
  return moreCounts(html) - webOnlyTotal(html);
}

describe('renderVariant', () => {
  let renderer: Renderer;
  const warnings: string[] = [];
  const papers = loadPapers();

  beforeAll(() => {
    renderer = createRenderer(rendererOptions({ onWarning: (w) => warnings.push(w) }));
  });

  it('keeps a 50-paper edition whole and under 102 KB once personalized', async () => {
    const edition = makeEdition(papers.slice(0, 50));
    const rendered = await renderer.renderVariant(edition, ALL);
    const filled = personalize(rendered, SAMPLE_VALUES);
    expect(cardCount(rendered.html)).toBe(50);
    expect(moreCounts(rendered.html)).toBe(0);
    expect(Buffer.byteLength(filled.html)).toBeLessThan(GMAIL_CLIP);
    expect(rendered.variantKey).toBe('daily:*');
    for (const paper of papers.slice(0, 50)) {
      expect(rendered.html).toContain(`href="${paper.url}"`);
      expect(rendered.text).toContain(paper.links.abs ?? paper.url);
    }
    expect(warnings.filter((w) => w.includes('budget'))).toEqual([]);
  });

  it('a 50-paper letter with thumbnails, why lines and top papers stays under the clip, whole', async () => {
    // HF papers as the daily API gives them: a thumbnail, upvotes, comments, two sources.
    const withSignals: Paper[] = papers.slice(0, 50).map((p, i) => ({
      ...p,
      thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${p.id}.png`,
      upvotes: 200 - i,
      comments: i % 4,
      sources: ['hf-daily', 'arxiv-cs'],
      links: { ...p.links, hf: `https://huggingface.co/papers/${p.id}` },
    }));
    const rendered = await renderer.renderVariant(makeEdition(withSignals), ALL);
    const filled = personalize(rendered, { ...SAMPLE_VALUES, name: 'Demo Reader' });
    expect(cardCount(rendered.html)).toBe(50);
    expect(Buffer.byteLength(filled.html)).toBeLessThan(GMAIL_CLIP);
    expect((rendered.html.match(/alt=""/g) ?? []).length).toBe(50);
    expect(rendered.html).toMatch(/▲ 200 upvotes · in HF daily/);
    expect(filled.html).toContain('Hi Demo Reader, here are 50 trending papers');
    // The text part gives the greeting its own line: a long name cannot push it past 72 columns.
    expect(filled.text).toMatch(/\nHi Demo Reader,\nhere are 50 trending papers[^\n]*\.\nView on the web: /);
    // the top three come first, before any section
    const top = filled.text.slice(0, filled.text.indexOf('== 1.'));
    for (const p of withSignals.slice(0, 3)) expect(top).toContain(p.title.slice(0, 40));
    // MJML ran once for the variant: the name is a string fill, not in the rendered variant
    expect(rendered.html).not.toContain('Demo Reader');
  });

  it.each([
    [100_000, 120],
    [40_000, 50],
  ])(
    'trims an overloaded edition to the %i-byte budget with "N more on the web" (%i papers)',
    async (budget, n) => {
      const small = createRenderer(rendererOptions({ htmlBudgetBytes: budget }));
      const edition = makeEdition(papers.slice(0, n));
      const rendered = await small.renderVariant(edition, ALL);
      const filled = personalize(rendered, SAMPLE_VALUES);
      expect(Buffer.byteLength(filled.html)).toBeLessThanOrEqual(budget);
      const shown = cardCount(rendered.html);
      expect(shown).toBeLessThan(n);
      expect(shown).toBeGreaterThan(0);
      // The closing line counts every paper the letter does not show, the sections' ones included.
      expect(shown + webOnlyTotal(rendered.html)).toBe(n);
      expect(sectionMoreCounts(rendered.html)).toBeLessThanOrEqual(webOnlyTotal(rendered.html));
      expect(rendered.html).toContain('https://paperpost.example/archive/daily-2026-06-12');
      // The best-ranked paper always stays.
      expect(rendered.html).toContain((papers[0] as Paper).title.slice(0, 40));
    },
  );

  it('is dark-mode friendly and carries the preheader', async () => {
    const rendered = await renderer.renderVariant(makeEdition(papers.slice(0, 10)), ALL);
    expect(rendered.html).toContain('<meta name="color-scheme" content="light dark"');
    expect(rendered.html).toContain('<meta name="supported-color-schemes" content="light dark"');
    expect(rendered.html).toContain('prefers-color-scheme: dark');
    expect(rendered.html).toContain(rendered.preheader);
    expect(rendered.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"');
    expect(rendered.subject).toMatch(/^Paperpost · 12 Jun 2026: .+ \+ 9 more$/);
  });

  it('leaves per-subscriber placeholders intact through MJML', async () => {
    const rendered = await renderer.renderVariant(makeEdition(papers.slice(0, 16)), ALL);
    for (const token of ['%%UNSUBSCRIBE_URL%%', '%%PREFERENCES_URL%%', '%%EMAIL%%', '%%GREETING%%']) {
      expect(rendered.html).toContain(token);
      expect(rendered.text).toContain(token);
    }
    expect(rendered.html).toContain('href="%%TOPIC_UNSUBSCRIBE_URL:language-models%%"');
    expect(rendered.html).toContain('href="%%TOPIC_UNSUBSCRIBE_URL:computer-vision%%"');
    const filled = personalize(rendered, SAMPLE_VALUES);
    expect(filled.html).not.toMatch(/%%[A-Z_]+/);
    expect(filled.text).not.toMatch(/%%[A-Z_]+/);
    expect(filled.html).toContain('href="https://paperpost.example/u/tok123?a=1&amp;b=2"');
    expect(filled.html).toContain('Hi Ada &lt;Lovelace&gt; &amp; Co,');
  });

  it('writes a text part with no HTML and every link spelled out', async () => {
    const edition = makeEdition(papers.slice(0, 12), 6);
    const rendered = await renderer.renderVariant(edition, ALL);
    const text = personalize(rendered, SAMPLE_VALUES).text;
    expect(text).not.toMatch(HTML_TAG);
    expect(text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
    expect(text).toMatch(/^Paperpost · Friday, 12 June 2026\n/);
    expect(text).toContain('Contents\n  1. Language models (6)\n  2. Computer vision (6)');
    expect(text).toContain('Unsubscribe: https://paperpost.example/u/tok123?a=1&b=2');
    expect(text).toContain('Preferences: https://paperpost.example/p/tok123');
    expect(text).toContain('Paperpost, 1 Example Street, 75001 Paris');
    // Titles wrap at 72 columns under their number ("1) " then three spaces).
    const unwrapped = text.replace(/\n {3}(?=\S)/g, ' ');
    for (const paper of papers.slice(0, 12)) {
      expect(unwrapped).toContain(paper.title);
      if (paper.links.pdf) expect(text).toContain(`PDF: ${paper.links.pdf}`);
      if (paper.links.code) expect(text).toContain(`Code: ${paper.links.code}`);
    }
    // Every line but a link's fits 72 columns, long titles included (they ran on to 130).
    for (const line of text.split('\n')) {
      if (!line.includes('http') && !line.includes('%%')) expect(line.length, line).toBeLessThanOrEqual(72);
    }
  });

  it('names the rest of a section on the web: "N more in <topic>", "N more of these" for the catch-all', async () => {
    const edition = makeEdition(papers.slice(0, 16));
    const [first, second] = edition.sections;
    if (!first || !second) throw new Error('fixture: two sections expected');
    first.more = 3;
    second.topic = { ...second.topic, slug: 'other', label: 'More papers' };
    second.more = 12;
    const rendered = await renderer.renderVariant(edition, ALL);
    expect(rendered.html).toContain('>3 more in Language models on the web<');
    expect(rendered.html).toContain('>12 more of these on the web<');
    expect(rendered.html).not.toContain('more in More papers');
    expect(rendered.text).toContain('3 more in Language models on the web: ');
    expect(rendered.text).toContain('12 more of these on the web: ');
    // A blank line parts the "N more" line from the next section's heading (they ran together).
    expect(rendered.text).toMatch(/3 more in Language models on the web: \S+\n\n== 2\. /);
    // The catch-all is no topic: the greeting counts it apart (8 + 8 papers, two sections).
    expect(edition.sections.map((s) => s.papers.length)).toEqual([8, 8]);
    expect(rendered.text).toContain('here are 16 trending papers: 8 in 1 topic and 8 on other subjects.');
    expect(rendered.html).toContain('here are 16 trending papers: 8 in 1 topic and 8 on other subjects.');
  });

  it('renders only the variant topics', async () => {
    const edition = makeEdition(papers.slice(0, 24));
    const rendered = await renderer.renderVariant(edition, {
      key: 'daily:robotics',
      frequency: 'daily',
      topics: ['robotics'],
    });
    expect(cardCount(rendered.html)).toBe(8);
    expect(rendered.html).toContain('id="topic-robotics"');
    expect(rendered.html).not.toContain('id="topic-language-models"');
    expect(rendered.variantKey).toBe('daily:robotics');
  });

  it('never lets feed text form a placeholder', async () => {
    const bait = {
      ...(papers[0] as Paper),
      title: 'Steal %%EMAIL%% and %%UNSUBSCRIBE_URL%%',
      aiSummary: '%%NAME%%',
    };
    const rendered = await renderer.renderVariant(makeEdition([bait]), ALL);
    const filled = personalize(rendered, SAMPLE_VALUES);
    const body = filled.html.slice(filled.html.indexOf('<body'));
    expect(body.split('ada@example.org').length - 1).toBe(1); // the footer's "because ... subscribed" only
    expect(filled.text.split('ada@example.org').length - 1).toBe(1);
    expect(filled.subject).not.toContain('ada@example.org');
  });

  it('renders confirmation and welcome mails', async () => {
    const confirm = await renderer.renderConfirmation({
      confirmUrl: 'https://paperpost.example/confirm/abc?x=1&y=2',
      email: 'ada@example.org',
    });
    expect(confirm.subject).toBe('Confirm your subscription to Paperpost');
    expect(confirm.html).toContain('href="https://paperpost.example/confirm/abc?x=1&amp;y=2"');
    expect(confirm.text).toContain('https://paperpost.example/confirm/abc?x=1&y=2');
    expect(confirm.text).toContain('ada@example.org');
    expect(confirm.text).not.toMatch(HTML_TAG);
    // Regression (issue 14): the text part said "Confirm with the button below" and gave the URL twice.
    expect(confirm.text).not.toMatch(/button/i);
    expect(confirm.text).toContain('To confirm, open this link:');
    expect(confirm.text.split('https://paperpost.example/confirm/abc').length - 1).toBe(1);
    const welcome = await renderer.renderWelcome({
      preferencesUrl: 'https://paperpost.example/p/t',
      unsubscribeUrl: 'https://paperpost.example/u/t',
    });
    expect(welcome.subject).toBe('Welcome to Paperpost');
    expect(welcome.html).toContain('href="https://paperpost.example/u/t"');
    expect(welcome.text).toContain('Choose topics and frequency: https://paperpost.example/p/t');
    expect(welcome.text).toContain('Unsubscribe: https://paperpost.example/u/t');
    // A reader of a few topics knows a quiet day sends nothing (a `skipped` delivery).
    for (const part of [welcome.text, welcome.html])
      expect(part.replace(/\s+/g, ' ')).toContain('(an edition with none of them sends you nothing)');
    expect(welcome.text).not.toMatch(HTML_TAG);
  });

  it.each([['javascript:alert(1)'], ['data:text/html,x'], ['/relative']])(
    'rejects a confirmation URL %s',
    async (url) => {
      await expect(renderer.renderConfirmation({ confirmUrl: url, email: 'a@b.c' })).rejects.toThrow(
        PaperpostError,
      );
    },
  );
});

describe('templates on disk', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'paperpost-render-'));
    cpSync(TEMPLATES_DIR, dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects on a template error and picks up the fix without a new renderer', async () => {
    const renderer = createRenderer(rendererOptions({ templatesDir: dir }));
    const edition = makeEdition(loadPapers().slice(0, 3));
    const file = path.join(dir, 'partials/paper-card.mjml');
    const original = readFileSync(file, 'utf8');
    const first = await renderer.renderVariant(edition, ALL);
    expect(first.html).not.toContain('EDITED-CARD');

    writeFileSync(file, `${original}\n<%= it.paper.nothing.here %>`);
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const error = await renderer.renderVariant(edition, ALL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaperpostError);
    expect((error as PaperpostError).code).toBe('template-failed');
    expect((error as PaperpostError).message).toMatch(/^template digest\.mjml: /);
    // Regression (issue 14): template errors named neither the file nor the line.
    const lines = original.split('\n').length + 1;
    expect((error as PaperpostError).message).toContain(
      `partials/paper-card.mjml:${lines}: Cannot read properties of undefined`,
    );

    writeFileSync(file, original.replace('<% }', '<% } }'));
    utimesSync(file, new Date(), new Date(Date.now() + 7_000));
    const syntax = await renderer.renderVariant(edition, ALL).catch((e: unknown) => e);
    const brokenLine = original.split('\n').findIndex((l) => l.includes('<% }')) + 1;
    expect((syntax as PaperpostError).message).toMatch(
      new RegExp(`^template digest\\.mjml: partials/paper-card\\.mjml:${brokenLine}: \\S`),
    );

    writeFileSync(
      file,
      original.replace('<div class="pp-card"', '<div data-x="EDITED-CARD" class="pp-card"'),
    );
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    const fixed = await renderer.renderVariant(edition, ALL);
    expect(fixed.html).toContain('EDITED-CARD');
  });

  it("passes MJML's validation messages on, naming the letter, and renders letters afresh after an edit", async () => {
    const warnings: string[] = [];
    const renderer = createRenderer(
      rendererOptions({ templatesDir: dir, onWarning: (w) => warnings.push(w) }),
    );
    const file = path.join(dir, 'partials/letter.mjml');
    const original = readFileSync(file, 'utf8');
    const values = { confirmUrl: 'https://paperpost.example/c/1', email: 'a&b@example.org' };
    const before = await renderer.renderConfirmation(values);
    expect(before.html).toContain('a&amp;b@example.org');
    expect(warnings).toEqual([]);

    writeFileSync(file, original.replace('<mj-text font-size="13px"', '<mj-text bogus="1" font-size="13px"'));
    utimesSync(file, new Date(), new Date(Date.now() + 12_000));
    const flagged = await renderer.renderConfirmation(values);
    expect(flagged.html).toContain('https://paperpost.example/c/1');
    expect(warnings.some((w) => w.startsWith('confirm.mjml: ') && w.includes('bogus'))).toBe(true);

    writeFileSync(file, original.replace('Or open this link:', 'EDITED: open this link:'));
    utimesSync(file, new Date(), new Date(Date.now() + 16_000));
    expect((await renderer.renderConfirmation(values)).html).toContain('EDITED: open this link:');
    writeFileSync(file, original);
  });

  it('fails at once on a missing templates directory', () => {
    expect(() => createRenderer(rendererOptions({ templatesDir: path.join(dir, 'nope') }))).toThrow(
      /templates directory not readable/,
    );
  });

  it('fails at once on a base URL that is not http(s)', () => {
    expect(() => createRenderer(rendererOptions({ baseUrl: 'javascript:alert(1)' }))).toThrow(
      /not an http\(s\) URL/,
    );
  });
});
