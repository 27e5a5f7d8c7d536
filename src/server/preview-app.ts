import { type FSWatcher, watch } from 'node:fs';
import { Hono } from 'hono';
import type { Edition, RenderedVariant, Variant } from '../domain/index.js';
import { capitalize, describeError } from '../domain/index.js';
import type { Renderer } from '../render/index.js';
import { escapeHtml } from '../render/index.js';
import { FAVICON_SVG, PREVIEW_CSS, PREVIEW_JS } from './preview-assets.js';

/** An edition and the variants of it the preview offers. */
export interface PreviewEdition {
  edition: Edition;
  variants: Variant[];
}

/**
 * Where the preview gets its editions: a papers file, or the store's next edition of each
 * frequency (wired by the CLI). `others` are more editions to offer (another frequency);
 * `notice` says what is shown when it is not what one would expect (nothing new: the last one).
 */
export interface EditionSource {
  loadEdition(): Promise<PreviewEdition & { others?: PreviewEdition[]; notice?: string }>;
}

/**
 * "Daily · all topics", "Weekly · LLM agents, Robotics", "Daily · all topics except Robotics"
 * (a choice stored as `!slug`): a variant as people read it.
 */
export function variantLabel(variant: Variant, edition: Edition): string {
  const all = [...edition.sections, ...(edition.topicSections ?? [])];
  const labels = new Map(all.map((s) => [s.topic.slug, s.topic.label]));
  const named = (slugs: string[]) => slugs.map((slug) => labels.get(slug) ?? slug).join(', ');
  const except = variant.topics.filter((slug) => slug.startsWith('!')).map((slug) => slug.slice(1));
  const only = variant.topics.filter((slug) => !slug.startsWith('!'));
  const topics =
    only.length > 0 ? named(only) : except.length > 0 ? `all topics except ${named(except)}` : 'all topics';
  return `${capitalize(variant.frequency)} · ${topics}`;
}

/** One variant filled for the sample subscriber, with its raw MIME. */
export interface PreviewMessage {
  subject: string;
  html: string;
  text: string;
  raw: Buffer;
}

export interface PreviewAppOptions {
  source: EditionSource;
  renderer: Renderer;
  /** Personalize for the sample subscriber and build the MIME (deliver's builder, wired by the CLI). */
  buildMessage(edition: Edition, rendered: RenderedVariant): PreviewMessage | Promise<PreviewMessage>;
  /** Watched: a change renders again and the open page reloads. */
  templatesDir: string;
}

export interface PreviewApp {
  app: Hono;
  /** Bumped on each template change. */
  version(): number;
  close(): void;
}

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";
/** The mail itself: its inline styles and remote images, never a script. */
const MAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'";

/** Preview the dark variant in any browser: the dark media query applies unconditionally. */
export function forceDark(html: string): string {
  return html.replace(/@media\s*\(prefers-color-scheme:\s*dark\)/g, '@media all');
}

function headerBlock(raw: Buffer): string {
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return (end < 0 ? text : text.slice(0, end)).replace(/\r\n/g, '\n');
}

function shell(editions: PreviewEdition[], subject: string, version: number, notice?: string): string {
  const options = editions
    .map(
      ({ edition, variants }) =>
        `<optgroup label="${escapeHtml(`${capitalize(edition.frequency)} · ${edition.id}`)}">${variants
          .map((v) => `<option value="${escapeHtml(v.key)}">${escapeHtml(variantLabel(v, edition))}</option>`)
          .join('')}</optgroup>`,
    )
    .join('');
  const button = (attr: string, value: string, label: string) =>
    `<button type="button" ${attr}="${value}" aria-pressed="false">${label}</button>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Paperpost preview</title><link rel="stylesheet" href="/preview.css"><script src="/preview.js" defer></script></head>
<body data-version="${version}">
<header><h1>Paperpost preview</h1>
<label class="group">Variant <select id="variant">${options}</select></label>
<span class="group">${button('data-view', 'html', 'HTML')}${button('data-view', 'text', 'Text')}${button('data-view', 'headers', 'Headers')}${button('data-view', 'raw', 'Raw MIME')}</span>
<span class="group">${button('data-width', '375', 'Mobile 375')}${button('data-width', '1200', 'Desktop 1200')}</span>
<label class="group"><input type="checkbox" id="dark"> Dark</label>
<span id="status">live reload on</span></header>
${notice ? `<div class="notice" id="notice" role="status">${escapeHtml(notice)}</div>` : ''}
<div class="subject" id="subject">Subject: ${escapeHtml(subject)}</div>
<main><iframe id="frame" title="message" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe></main>
</body></html>`;
}

/**
 * The local preview web app: a page with toggles (variant, width, dark, HTML/text/headers/raw)
 * around an iframe showing the message as it will be sent, re-rendered when a template changes.
 */
export function createPreviewApp(options: PreviewAppOptions): PreviewApp {
  let version = 0;
  const cache = new Map<string, PreviewMessage>();
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(options.templatesDir, { recursive: true }, () => {
      version++;
      cache.clear();
    });
  } catch {
    watcher = undefined; // No watching (e.g. directory gone): the page still works, without live reload.
  }

  const load = async (key: string | undefined) => {
    const loaded = await options.source.loadEdition();
    const editions: PreviewEdition[] = [loaded, ...(loaded.others ?? [])];
    const found = editions.find((e) => e.variants.some((v) => v.key === key)) ?? loaded;
    const { edition } = found;
    const variant = found.variants.find((v) => v.key === key) ?? found.variants[0];
    if (!variant) throw new Error('the edition has no variant to show');
    const cacheKey = `${version}|${edition.id}|${variant.key}`;
    let message = cache.get(cacheKey);
    if (!message) {
      const rendered = await options.renderer.renderVariant(edition, variant);
      message = await options.buildMessage(edition, rendered);
      cache.set(cacheKey, message);
    }
    return { editions, notice: loaded.notice, message };
  };

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', PAGE_CSP);
  });
  app.onError((err, c) => {
    // A template error shows as the page (the author is looking at it), never a stack trace.
    return c.text(`Preview failed: ${describeError(err)}\n`, 500);
  });

  app.get('/', async (c) => {
    const { editions, notice, message } = await load(undefined);
    return c.html(shell(editions, message.subject, version, notice));
  });
  // The subject of the chosen variant: the page's subject bar follows the dropdown.
  app.get('/meta', async (c) => {
    const { message } = await load(c.req.query('variant'));
    return c.json({ subject: message.subject });
  });
  app.get('/favicon.ico', (c) => c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml' }));
  app.get('/preview.js', (c) =>
    c.body(PREVIEW_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/preview.css', (c) => c.body(PREVIEW_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/version', (c) => c.json({ version }));
  app.get('/view/:kind', async (c) => {
    const { message } = await load(c.req.query('variant'));
    const kind = c.req.param('kind');
    if (kind === 'html') {
      const html = c.req.query('dark') === '1' ? forceDark(message.html) : message.html;
      return c.body(html, 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': MAIL_CSP,
      });
    }
    const plain = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': MAIL_CSP };
    if (kind === 'text') return c.body(message.text, 200, plain);
    if (kind === 'headers') return c.body(`${headerBlock(message.raw)}\n`, 200, plain);
    if (kind === 'raw') return c.body(message.raw.toString('utf8'), 200, plain);
    return c.text('Not found\n', 404);
  });

  return {
    app,
    version: () => version,
    close: () => watcher?.close(),
  };
}
