import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, sampleSources, tempProject } from '../helpers/cli.js';
import { describeWith, hasChromium, launchChromium } from '../helpers/requirements.js';

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let dir: string;
let port: number;
let base: string;
let env: Record<string, string>;
let serve: ChildProcess;
let summary: {
  edition: {
    id: string;
    selected: number;
    inLetter: number;
    onWeb: number;
    topics: number;
    catchAll: boolean;
  };
};
let letterHtml: string;

const json = async (args: string[]) => {
  const result = await runCli([...args, '--json'], { cwd: dir, env });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
};

const get = async (urlPath: string): Promise<string> => {
  const res = await fetch(`${base}${urlPath}`);
  expect(res.status, urlPath).toBe(200);
  return res.text();
};

beforeAll(async () => {
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dir = tempProject({
    title: 'Web Edition Test',
    sources: sampleSources(),
    sender: { fromAddress: 'digest@paperpost.example', postalAddress: '1 Test Street' },
    // A letter of 30 papers: the edition has topics it has no room for, which only the web shows.
    limits: { maxPapersPerEdition: 30, maxPapersPerSection: 6 },
    seedSubscribers: [{ email: 'reader@paperpost.example', name: 'Test Reader', frequency: 'daily' }],
    server: { port },
    dataDir: 'data',
  });
  env = { PAPERPOST_BASE_URL: base };
  const run = await runCli(['run', '--json'], { cwd: dir, env });
  expect(run.code, run.stderr).toBe(0);
  summary = JSON.parse(run.stdout);
  const editionDir = path.join(dir, 'data', 'outbox', summary.edition.id);
  const eml = readdirSync(editionDir).find((f) => f.endsWith('.eml')) ?? '';
  letterHtml = String((await simpleParser(readFileSync(path.join(editionDir, eml)))).html);
  serve = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);

afterAll(() => {
  serve?.kill('SIGTERM');
});

// Regression (issue 14): run said "40 papers in 15 topics (+46 on the web)", editions list 107,
// editions show 40, the web page "More papers in this edition (67)".
describe('the counts of an edition agree in the CLI, on the web and in the feed', () => {
  it('run, editions list, editions show and status report the same three numbers', async () => {
    const e = summary.edition;
    expect(e.selected).toBe(e.inLetter + e.onWeb);
    expect(e.onWeb).toBeGreaterThan(0);
    const [listed] = await json(['editions', 'list']);
    expect([listed.paperCount, listed.letterCount]).toEqual([e.selected, e.inLetter]);
    const shown = await json(['editions', 'show', e.id]);
    expect([shown.selected, shown.inLetter, shown.onWeb, shown.topics]).toEqual([
      e.selected,
      e.inLetter,
      e.onWeb,
      e.topics,
    ]);
    const status = await json(['status']);
    expect([status.editions[0].papers, status.editions[0].inLetter]).toEqual([e.selected, e.inLetter]);
    expect(status.runs[0].papers).toBe(e.selected);

    const words = `${e.selected} papers selected: ${e.inLetter} in the letter, ${e.onWeb} more on the web`;
    const text = await runCli(['editions', 'show', e.id], { cwd: dir, env });
    expect(text.stdout).toContain(words);
    // "More papers" is no topic: the CLI counts topics as the letter's greeting does.
    expect(e.catchAll).toBe(true);
    expect(text.stdout).toContain(`(${e.topics} topics and More papers)`);
    const list = await runCli(['editions', 'list'], { cwd: dir, env });
    expect(list.stdout).toContain(words);
    const statusText = await runCli(['status'], { cwd: dir, env });
    expect(statusText.stdout).toMatch(
      new RegExp(`${e.id}\\s+daily\\s+\\S+\\s+${e.selected}\\s+${e.inLetter}\\s+${e.onWeb}\\s`),
    );
    expect(await get(`/archive/${e.id}`)).toContain(words);
    expect(await get('/archive')).toContain(words);
    expect(await get('/feed.xml')).toContain(words);
    // The letter's closing line counts every paper only the web has.
    expect(letterHtml).toContain(`>${e.onWeb} more papers on the web<`);
  });

  it('the web edition holds every selected paper, the letter sections first in letter order', async () => {
    const html = await get(`/archive/${summary.edition.id}`);
    expect(html.match(/<li class="paper">/g)).toHaveLength(summary.edition.selected);
    const letterAnchors = [...letterHtml.matchAll(/<h2 id="(topic-[^"]+)"/g)].map((m) => m[1]);
    const webAnchors = [...html.matchAll(/<section class="topic" id="([^"]+)"/g)].map((m) => m[1]);
    // Every section of the letter has an anchor: its topics and the closing catch-all.
    expect(letterAnchors.length).toBe(summary.edition.topics + (summary.edition.catchAll ? 1 : 0));
    // "More papers" closes both, also when the web adds topics the letter did not reach.
    const catchAll = (a: string | undefined) => a === 'topic-other' || a === 'more';
    const named = letterAnchors.filter((a) => !catchAll(a));
    expect(webAnchors.filter((a) => !catchAll(a)).slice(0, named.length)).toEqual(named);
    expect(catchAll(letterAnchors.at(-1))).toBe(true);
    expect(webAnchors.length).toBeGreaterThan(letterAnchors.length);
    expect(catchAll(webAnchors.at(-1))).toBe(true);
    expect(webAnchors.filter(catchAll)).toHaveLength(1);
    // Every paper keeps its summary, the letter's ones included (a slip once cut the i-th letter
    // paper's summary to i characters).
    const cards = html.split('<li class="paper">').slice(1);
    expect(cards.filter((card) => !card.includes('<p class="summary">'))).toEqual([]);
    expect(html).toMatch(/<p class="links"><a href="https:\/\/arxiv\.org\/abs\//);
    // The contents line says how many papers each topic holds on this page, as the letter's
    // plain-text contents does; the counts add up to the papers selected.
    const contents = [
      ...html.matchAll(/<a href="#([^"]+)">[^<]+<\/a>&nbsp;<span class="count">\((\d+)\)<\/span>/g),
    ];
    expect(contents.map((m) => m[1])).toEqual(webAnchors);
    for (const [, anchor, count] of contents) {
      const section = html.split(`<section class="topic" id="${anchor}">`)[1]?.split('</section>')[0] ?? '';
      expect(section.match(/<li class="paper">/g)?.length, anchor).toBe(Number(count));
    }
    expect(contents.reduce((sum, m) => sum + Number(m[2]), 0)).toBe(summary.edition.selected);
    // Regression: the letter said "2 more in Efficient inference on the web" and "14 more of these"
    // where the web edition listed 4 and 21 (papers cut by the edition cap were not counted).
    const promised = [
      ...letterHtml.matchAll(/#(topic-[^"]+)"[^>]*>(\d+) more (?:in [^<]+|of these) on the web</g),
    ];
    expect(promised.length).toBeGreaterThan(2);
    for (const [, anchor, count] of promised) {
      const section = html.split(`<section class="topic" id="${anchor}">`)[1]?.split('</section>')[0] ?? '';
      const webOnly = section.split('<ol class="papers web-only">')[1] ?? '';
      expect(webOnly.match(/<li class="paper">/g)?.length, anchor).toBe(Number(count));
    }
  });

  // Regression: the web edition showed a bare "▲ 118" where the letter says why a paper is there.
  it("a paper on the web says why it is there in the letter's words", async () => {
    const html = await get(`/archive/${summary.edition.id}`);
    // The sent HTML spells non-ASCII as numeric character references.
    const letter = letterHtml.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
    // The whole line, with the topic a card of a broad area's section says first.
    const why = />([^<>]*▲ \d+ upvotes? · [^<]+)</.exec(letter)?.[1]?.trim();
    expect(why).toBeDefined();
    expect(html).toContain(`<p class="meta why">${why}</p>`);
    expect(html).not.toMatch(/· ▲ \d+<\/p>/);
  });

  it('the feed carries each edition with its sections, titles and links', async () => {
    const xml = await get('/feed.xml');
    expect(xml).toContain(`&lt;a href=&quot;${base}/archive/${summary.edition.id}#topic-`);
    expect(xml).toMatch(/<category>[^<]+<\/category>/);
    expect(xml).toMatch(/&lt;li&gt;&lt;a href=&quot;https:\/\/(arxiv\.org|huggingface\.co)\//);
  });

  it('the subscribe page shows top papers of the latest letter', async () => {
    const html = await get('/');
    expect(html).toContain('What a letter looks like');
    expect(html).toMatch(/From the daily letter of [A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4} · /);
    // Its summaries are as short as the letter's cards (280 characters), not the web edition's 600.
    const summaries = [...html.matchAll(/<p class="summary">([^<]*)<\/p>/g)].map((m) => m[1] ?? '');
    expect(summaries.length).toBeGreaterThan(0);
    for (const text of summaries)
      expect(text.replace(/&#39;|&amp;|&quot;/g, "'").length).toBeLessThanOrEqual(280);
    expect(html).toContain(`href="/archive/${summary.edition.id}"`);
  });
});

describeWith(
  hasChromium,
  '/usr/bin/chromium missing',
  'every link of a sent letter resolves, in Chromium',
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => browser?.close());

    // Regression (issue 14): "N more in LLM agents on the web" pointed at #topic-agents, which the
    // web page did not have.
    it('site links open a page and land on an anchor that exists; the rest are https', async () => {
      const links = [
        ...new Set(
          [...letterHtml.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&')),
        ),
      ];
      const local = links.filter((l) => l.startsWith(base));
      expect(local.some((l) => l.includes('#topic-'))).toBe(true);
      expect(local.some((l) => l.includes('/preferences?'))).toBe(true);
      for (const link of links.filter((l) => !l.startsWith(base))) {
        if (link.startsWith('#')) expect(letterHtml, link).toContain(`id="${link.slice(1)}"`);
        else expect(link).toMatch(/^(https:\/\/[^/\s]+\/|mailto:)/);
      }
      const page = await browser.newPage();
      try {
        for (const link of local) {
          await page.goto('about:blank'); // a new document each time: a same-page #hash gives no response
          const response = await page.goto(link);
          expect(response?.status(), link).toBe(200);
          const hash = new URL(link).hash.slice(1);
          if (hash) expect(await page.locator(`[id="${hash}"]`).count(), link).toBe(1);
        }
      } finally {
        await page.close();
      }
    }, 120_000);

    // Regression (issue 14): the site ignored prefers-color-scheme: dark, which the mail follows.
    it('the site follows prefers-color-scheme, light and dark', async () => {
      for (const [scheme, dark] of [
        ['light', false],
        ['dark', true],
      ] as const) {
        const page = await browser.newPage({ colorScheme: scheme, viewport: { width: 375, height: 800 } });
        await page.goto(`${base}/archive/${summary.edition.id}`);
        const rgb = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
        expect((r + g + b) / 3 < 80, `${scheme}: ${rgb}`).toBe(dark);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(overflow, `${scheme}: no horizontal scrolling at 375 px`).toBe(false);
        // Regression: the title's date wrapped as "2026-" / "12-03" on a phone.
        const date = page.locator('h1 .nowrap');
        await expect(date.textContent()).resolves.toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
        const lines = await date.evaluate(
          (el) => new Set(Array.from(el.getClientRects(), (r) => r.top)).size,
        );
        expect(lines, `${scheme}: the date on one line`).toBe(1);
        // A paper's links and the footer's stand alone: each a tap target of 24 px at least (WCAG
        // 2.5.8); they were 21-23 px tall.
        const heights = await page.evaluate(() =>
          Array.from(
            document.querySelectorAll('.links a, footer a'),
            (a) => a.getBoundingClientRect().height,
          ),
        );
        expect(heights.length).toBeGreaterThan(10);
        expect(Math.min(...heights), `${scheme}: smallest link height`).toBeGreaterThanOrEqual(24);
        await page.close();
      }
    }, 60_000);

    // Regression: at desktop width the contents line broke a topic's name ("Robot" / "learning").
    it('the contents line keeps each topic name whole at 1280 px', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${base}/archive/${summary.edition.id}`);
      const lines = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.toc a'), (a) => ({
          name: a.textContent ?? '',
          lines: new Set(Array.from(a.getClientRects(), (r) => r.top)).size,
        })),
      );
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.filter((l) => l.lines !== 1)).toEqual([]);
      // No line of the contents opens with the "·" between two topics.
      const dots = await page.evaluate(() => {
        const nav = document.querySelector('.toc') as HTMLElement;
        const left = nav.getBoundingClientRect().left;
        const walker = document.createTreeWalker(nav, NodeFilter.SHOW_TEXT);
        const offsets: number[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node.textContent ?? '').indexOf('·');
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          offsets.push(range.getBoundingClientRect().left - left);
        }
        return offsets;
      });
      expect(dots.length).toBe(lines.length - 1);
      expect(dots.filter((x) => x < 4)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflow).toBe(false);
      await page.close();
    }, 60_000);
  },
);
