import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMimeBuilder } from '../../src/deliver/index.js';
import type { Delivery, Edition, RenderedVariant, Variant } from '../../src/domain/index.js';
import { createRenderer, personalize } from '../../src/render/index.js';
import { createPreviewApp, forceDark, type PreviewApp } from '../../src/server/preview-app.js';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { describeWith, launchChromium } from '../helpers/requirements.js';
import {
  loadPapers,
  makeEdition,
  rendererOptions,
  SAMPLE_VALUES,
  TEMPLATES_DIR,
} from '../unit/render/fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.tmp');

function setup(templatesDir: string): { preview: PreviewApp; edition: Edition } {
  const edition = makeEdition(loadPapers().slice(0, 30), 6);
  const variants: Variant[] = [
    { key: 'daily:*', frequency: 'daily', topics: [] },
    { key: 'daily:robotics', frequency: 'daily', topics: ['robotics'] },
  ];
  const mime = createMimeBuilder({
    fromName: 'Paperpost',
    fromAddress: 'digest@paperpost.example',
    listId: 'paperpost.example',
  });
  const buildMessage = (ed: Edition, rendered: RenderedVariant) => {
    const filled = personalize(rendered, SAMPLE_VALUES);
    const delivery = { email: 'ada@example.org', messageId: `${ed.id}.1@paperpost.example` } as Delivery;
    const raw = mime.build(
      delivery,
      { ...filled, unsubscribeUrl: SAMPLE_VALUES.unsubscribeUrl, unsubscribeMailto: null },
      new Date(),
    );
    if (!raw) throw new Error('no MIME');
    return { ...filled, raw };
  };
  const weekly: Edition = { ...edition, id: `${edition.id}-weekly`, frequency: 'weekly' };
  const weeklyVariants: Variant[] = [{ key: 'weekly:*', frequency: 'weekly', topics: [] }];
  const preview = createPreviewApp({
    source: {
      loadEdition: async () => ({
        edition,
        variants,
        others: [{ edition: weekly, variants: weeklyVariants }],
        notice: 'No next edition to show for daily: nothing new.',
      }),
    },
    renderer: createRenderer(rendererOptions({ templatesDir })),
    buildMessage,
    templatesDir,
  });
  return { preview, edition };
}

describe('preview app routes (in-process)', () => {
  const { preview } = setup(TEMPLATES_DIR);
  afterAll(() => preview.close());

  it('serves the page with a CSP and no inline script', async () => {
    const res = await preview.app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<script src="/preview.js" defer></script>');
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).toContain('value="daily:robotics"');
  });

  // Regression (issue 14): the dropdown showed slugs and daily variants only, the subject bar did
  // not follow it, nothing said when the last edition stood in for the next, /favicon.ico was 404.
  it('labels variants of every frequency, says what it shows, and serves a favicon', async () => {
    const html = await (await preview.app.request('/')).text();
    expect(html).toMatch(/<option value="daily:\*">Daily · all topics<\/option>/);
    expect(html).toMatch(/<option value="daily:robotics">Daily · Robotics<\/option>/);
    expect(html).toMatch(/<option value="weekly:\*">Weekly · all topics<\/option>/);
    expect(html).toContain('role="status">No next edition to show for daily: nothing new.</div>');
    const daily = (await (await preview.app.request('/meta?variant=daily:*')).json()) as { subject: string };
    const robotics = (await (await preview.app.request('/meta?variant=daily:robotics')).json()) as {
      subject: string;
    };
    expect(daily.subject).not.toBe(robotics.subject);
    const icon = await preview.app.request('/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
  });

  it.each([
    ['/view/text?variant=daily:robotics', 'text/plain', 'Unsubscribe: https://paperpost.example/u/tok123'],
    ['/view/headers', 'text/plain', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'],
    ['/view/raw', 'text/plain', 'Content-Type: multipart/alternative'],
    ['/view/html?dark=1', 'text/html', '@media all'],
    ['/preview.js', 'text/javascript', "fetch('/version'"],
  ])('%s', async (url, type, needle) => {
    const res = await preview.app.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    expect(await res.text()).toContain(needle);
  });

  it('answers 404 for an unknown view and forces dark mode on demand', async () => {
    expect((await preview.app.request('/view/nope')).status).toBe(404);
    expect(forceDark('@media (prefers-color-scheme: dark) { a {} }')).toBe('@media all { a {} }');
  });
});

describeWith(existsSync(CHROMIUM), '/usr/bin/chromium not installed', 'preview in Chromium', () => {
  let dir: string;
  let browser: Browser;
  let server: RunningServer;
  let preview: PreviewApp;
  let edition: Edition;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'paperpost-preview-'));
    cpSync(TEMPLATES_DIR, dir, { recursive: true });
    ({ preview, edition } = setup(dir));
    server = await startServer(preview.app, { host: '127.0.0.1', port: 0, print: () => {} });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    preview?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const frame = () => page.frameLocator('#frame');

  it('shows the mail at 375 px without horizontal scrolling, and at 1200 px', async () => {
    await page.goto(server.url);
    await frame().locator('.pp-card').first().waitFor();
    const widths = await frame()
      .locator('html')
      .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.client).toBeLessThanOrEqual(375);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const mobile = path.join(SHOTS, 'preview-375.png');
    await page.locator('#frame').screenshot({ path: mobile });
    expect(statSync(mobile).size).toBeGreaterThan(10_000);

    await page.getByRole('button', { name: 'Desktop 1200' }).click();
    await expect
      .poll(() => page.locator('#frame').evaluate((el) => (el as HTMLElement).offsetWidth))
      .toBe(1200);
    await frame().locator('.pp-card').first().waitFor();
    const desktop = path.join(SHOTS, 'preview-1200.png');
    await page.locator('#frame').screenshot({ path: desktop });
    expect(statSync(desktop).size).toBeGreaterThan(10_000);
  });

  it('links every paper of the edition', async () => {
    const hrefs = await frame()
      .locator('a[href]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const papers = edition.sections.flatMap((s) => s.papers);
    expect(papers.length).toBe(30);
    for (const paper of papers) expect(hrefs).toContain(paper.url);
    expect(hrefs).toContain(SAMPLE_VALUES.unsubscribeUrl);
  });

  it('the subject bar follows the variant', async () => {
    const before = await page.locator('#subject').textContent();
    await page.locator('#variant').selectOption('daily:robotics');
    await expect.poll(() => page.locator('#subject').textContent()).not.toBe(before);
    await page.locator('#variant').selectOption('daily:*');
    await expect.poll(() => page.locator('#subject').textContent()).toBe(before);
  });

  it('switches to dark mode, the text part and the headers', async () => {
    await page.locator('#dark').check();
    await expect
      .poll(() =>
        frame()
          .locator('.pp-panel')
          .first()
          .evaluate((el) => getComputedStyle(el).backgroundColor),
      )
      .toBe('rgb(30, 41, 59)');
    await page.getByRole('button', { name: 'Text' }).click();
    await frame().getByText('Preferences: https://paperpost.example/p/tok123').waitFor();
    await page.getByRole('button', { name: 'Headers' }).click();
    await frame().getByText('List-Unsubscribe-Post: List-Unsubscribe=One-Click').waitFor();
    await page.getByRole('button', { name: 'HTML' }).click();
    await page.locator('#dark').uncheck();
  });

  it('shows a template edit without a restart', async () => {
    await frame().locator('.pp-card').first().waitFor();
    const file = path.join(dir, 'partials/paper-card.mjml');
    const before = preview.version();
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '<div class="pp-card"',
        '<div class="pp-card"><span class="edited">EDITED-IN-TEST</span',
      ),
    );
    await frame().locator('.edited').first().waitFor({ timeout: 15_000 });
    expect(preview.version()).toBeGreaterThan(before);
    expect(await frame().locator('.edited').count()).toBe(30);
  });
});
