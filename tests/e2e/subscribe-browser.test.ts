import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpTransport, type Transport } from '../../src/deliver/index.js';
import type { Subscriber } from '../../src/domain/index.js';
import { createRenderer } from '../../src/render/index.js';
import { createApp } from '../../src/server/app.js';
import { type MailQueueRunner, startMailQueueRunner } from '../../src/server/mail-queue-runner.js';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { createTransactionalMailer } from '../../src/server/transactional-mailer.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { createTokenSigner, drainMailQueue } from '../../src/subscribers/index.js';
import { describeWith, launchChromium } from '../helpers/requirements.js';
import { type SinkMessage, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHOTS = path.join(ROOT, 'tests', '.tmp');
const SECRET = 'browser-flow-secret-'.padEnd(48, 'k');
const EMAIL = 'reader@example.org';

let dir: string;
let store: Store;
let sink: SmtpSink;
let transport: Transport;
let server: RunningServer;
let browser: Browser;
let mailQueue: MailQueueRunner;
const arrivals: Array<(m: SinkMessage) => void> = [];

/** Resolves with the next message the SMTP sink accepts (no clock involved). */
function nextMail(): Promise<SinkMessage> {
  return new Promise((resolve) => arrivals.push(resolve));
}

describeWith(existsSync(CHROMIUM), '/usr/bin/chromium missing', 'subscription flow in Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'paperpost-browser-'));
    mkdirSync(SHOTS, { recursive: true });
    store = await createStore({ driver: 'sqlite', path: path.join(dir, 'paperpost.db') });
    await store.catalogue.saveTopics([
      { slug: 'llm', label: 'Language models', keywords: [], categories: [], userDefined: true },
      { slug: 'vision', label: 'Computer vision', keywords: [], categories: [], userDefined: true },
      { slug: 'robotics', label: 'Robotics', keywords: [], categories: [], userDefined: true },
    ]);
    sink = await startSmtpSink({ onMessage: (m) => arrivals.shift()?.(m) });
    transport = createSmtpTransport(sink.url, { maxConnections: 1 });
    const sender = { fromName: 'Paperpost', fromAddress: 'digest@paperpost.test' };
    // The base URL is only known once listening: a front app forwards to the real one.
    let web: Hono | undefined;
    const front = new Hono();
    front.all('*', (c) => (web ? web.fetch(c.req.raw, c.env) : c.text('starting', 503)));
    server = await startServer(front, { host: '127.0.0.1', port: 0, print: () => {} });
    const baseUrl = server.url;
    const flows = {
      store,
      signer: createTokenSigner(SECRET),
      mailer: createTransactionalMailer(transport, sender),
      templates: createRenderer({
        templatesDir: path.join(ROOT, 'templates'),
        title: 'Paperpost',
        sender: { ...sender, postalAddress: '1 Test Street', listId: 'paperpost.test' },
        baseUrl,
        htmlBudgetBytes: 100_000,
        maxSummaryChars: 600,
      }),
      baseUrl,
    };
    // As `serve` does: the mails a request queues are sent in the background.
    mailQueue = startMailQueueRunner(() => drainMailQueue(flows, () => new Date()));
    web = createApp({
      ...flows,
      config: {
        baseUrl,
        title: 'Paperpost',
        server: { host: '127.0.0.1', port: 0, confirmIntervalMinutes: 10, rateLimitPerMinute: 20 },
      },
      secret: SECRET,
      mailQueue,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mailQueue?.stop();
    await transport?.close();
    await sink?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('subscribes, confirms from the mail, changes topics, and leaves with one click', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) cspErrors.push(msg.text());
    });

    await page.goto(`${server.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Trending research papers');
    await page.screenshot({ path: path.join(SHOTS, 'subscribe-1200.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: path.join(SHOTS, 'subscribe-375.png'), fullPage: true });
    // The honeypot is out of sight for people.
    await expect(page.locator('#website').isVisible()).resolves.toBe(true); // present in the DOM...
    const box = await page.locator('#website').boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(0); // ...but off-screen

    // Topic boxes are big enough to hit on a phone (the native 13 px box was hard to tap).
    const topicBox = await page.locator('input[name=topics]').first().boundingBox();
    expect(topicBox?.height ?? 0).toBeGreaterThanOrEqual(18);

    const confirmation = nextMail();
    await page.fill('#email', EMAIL);
    await page.check('input[name=topics][value=llm]');
    await page.check('input[name=topics][value=vision]');
    await page.check('input[name=frequency][value=weekly]');
    await page.click('button[type=submit]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Check your inbox');

    const mail = await (await confirmation).parse();
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(EMAIL);
    expect(mail.subject).toContain('Confirm');
    const confirmUrl = /https?:\/\/\S+\/confirm\?token=[A-Za-z0-9._%-]+/.exec(mail.text ?? '')?.[0];
    expect(confirmUrl?.startsWith(server.url)).toBe(true);

    // The link opens a page with one button (mail gateways that follow links confirm nothing).
    await page.goto(confirmUrl ?? '');
    await expect(page.locator('button').count()).resolves.toBe(1);
    // Joining wears the accent colour; the red "danger" button is for leaving.
    await expect(page.locator('button').getAttribute('class')).resolves.toBeNull();
    expect((await store.subscribers.getSubscriberByEmail(EMAIL))?.status).toBe('pending');
    const welcome = nextMail();
    await page.click('button[type=submit]');
    await expect(page.locator('h1').textContent()).resolves.toBe('You are subscribed');
    const welcomeMail = await (await welcome).parse();
    expect(welcomeMail.subject).toContain('Welcome');
    const sub = (await store.subscribers.getSubscriberByEmail(EMAIL)) as Subscriber;
    expect(sub).toMatchObject({ status: 'confirmed', topics: ['llm', 'vision'], frequency: 'weekly' });

    await page.click('text=Choose topics and frequency');
    await expect(page.locator('h1').textContent()).resolves.toBe('Your subscription');
    await page.uncheck('input[name=topics][value=vision]');
    await page.check('input[name=topics][value=robotics]');
    await page.check('input[name=frequency][value=daily]');
    await page.click('button[value=save]');
    await expect(page.locator('.notice').textContent()).resolves.toContain('saved');
    await page.screenshot({ path: path.join(SHOTS, 'preferences-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, 'preferences-1200.png'), fullPage: true });
    expect(await store.subscribers.getSubscriber(sub.id)).toMatchObject({
      topics: ['llm', 'robotics'],
      frequency: 'daily',
    });

    // The welcome mail's unsubscribe link: a browser GET shows a button and changes nothing...
    const unsubscribeUrl =
      /https?:\/\/\S+\/unsubscribe\?token=[A-Za-z0-9._%-]+/.exec(welcomeMail.text ?? '')?.[0] ?? '';
    await page.goto(unsubscribeUrl);
    await expect(page.locator('button').count()).resolves.toBe(1);
    await expect(page.locator('button').getAttribute('class')).resolves.toBe('danger');
    expect((await store.subscribers.getSubscriber(sub.id))?.status).toBe('confirmed');
    // ...and the mail client's RFC 8058 one-click POST unsubscribes at once.
    const oneClick = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect((await store.subscribers.getSubscriber(sub.id))?.status).toBe('unsubscribed');

    expect(cspErrors).toEqual([]);
    await context.close();
  });
});
