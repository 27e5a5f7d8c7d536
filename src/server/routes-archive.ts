import type { Hono } from 'hono';
import { PaperpostError } from '../domain/errors.js';
import { cleanText, type Edition, safeHttpUrl } from '../domain/index.js';
import type { ServerParts } from './parts.js';
import { SITE_CSS } from './site-css.js';

const EDITION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
/** Per-subscriber placeholders of a rendered variant (`%%NAME%%`, `%%TOPIC_UNSUBSCRIBE_URL:slug%%`). */
const PLACEHOLDER = /%%([A-Z_]+)(?::[a-z0-9][a-z0-9._-]*)?%%/g;
/** The stored mail may carry inline styles; nothing else runs or loads. */
const ARCHIVE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Blank what is personal in a stored variant: links go to the subscribe page, names vanish. */
export function blankPlaceholders(source: string, baseUrl: string): string {
  return source.replace(PLACEHOLDER, (_match, name: string) => (name.endsWith('_URL') ? `${baseUrl}/` : ''));
}

/** Escape text for XML element content and attribute values. */
export function escapeXml(value: string): string {
  return (
    value
      // Characters XML 1.0 forbids outright.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** A paper as the web archive shows it: through the same guards as the mail. */
function shownPaper<T extends { title: string; url: string; authors: string[] }>(paper: T): T {
  return {
    ...paper,
    title: cleanText(paper.title),
    url: safeHttpUrl(paper.url) ?? '#',
    authors: paper.authors.map(cleanText).filter((a) => a !== ''),
  };
}

/** `GET /archive`, `/archive/:edition`, `/feed.xml`, `/healthz`, `/static/site.css`. */
export function registerArchiveRoutes(app: Hono, parts: ServerParts): void {
  const { pages, deps } = parts;
  const { store, config } = deps;

  app.get('/static/site.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(SITE_CSS);
  });

  app.get('/healthz', async (c) => {
    try {
      await store.getMeta('healthz');
      return c.json({ status: 'ok', store: store.driver });
    } catch (err) {
      parts.logger.error({ err }, 'healthz: store check failed');
      return c.json({ status: 'error', store: store.driver }, 503);
    }
  });

  app.get('/archive', async (c) => {
    const editions = await store.listEditions({ limit: 200 });
    return pages.page(c, '@archive', { pageTitle: 'Archive', editions, wide: true });
  });

  /** An edition id from the path, or a 404. */
  const editionOf = async (id: string): Promise<Edition> => {
    const edition = EDITION_ID.test(id) ? await store.getEdition(id) : undefined;
    if (!edition) throw new PaperpostError('server', 'not-found', `no edition ${id.slice(0, 100)}`);
    return edition;
  };

  // The web version: every paper the edition published, the ones the letter had no room for
  // ("N more on the web") included, plus a link to the letter as it was sent.
  app.get('/archive/:edition', async (c) => {
    const edition = await editionOf(c.req.param('edition'));
    const sections = edition.sections.map((s) => ({
      ...s,
      topic: { ...s.topic, label: cleanText(s.topic.label) },
      papers: s.papers.map(shownPaper),
    }));
    const overflow = (await store.getPapers(edition.overflowIds ?? [])).map(shownPaper);
    const letter = await store.getRenderedVariant(edition.id, `${edition.frequency}:*`);
    return pages.page(c, '@edition', {
      pageTitle: `${config.title} · ${edition.frequency} · ${edition.date}`,
      edition: { ...edition, sections },
      overflow,
      letterUrl: letter ? `/archive/${encodeURIComponent(edition.id)}/mail` : null,
      wide: true,
    });
  });

  // The letter as sent to a reader of every topic, personal links blanked.
  app.get('/archive/:edition/mail', async (c) => {
    const edition = await editionOf(c.req.param('edition'));
    const variant = await store.getRenderedVariant(edition.id, `${edition.frequency}:*`);
    if (!variant) throw new PaperpostError('server', 'not-found', `no letter for edition ${edition.id}`);
    c.header('Content-Security-Policy', ARCHIVE_CSP);
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(blankPlaceholders(variant.html, config.baseUrl));
  });

  app.get('/feed.xml', async (c) => {
    const editions = await store.listEditions({ limit: 50 });
    const items = editions.map((e) => {
      const link = `${config.baseUrl}/archive/${encodeURIComponent(e.id)}`;
      const title = `${config.title} ${e.frequency} digest, ${e.date}`;
      return `<item><title>${escapeXml(title)}</title><link>${escapeXml(link)}</link><guid isPermaLink="true">${escapeXml(link)}</guid><pubDate>${new Date(e.createdAt).toUTCString()}</pubDate><description>${escapeXml(`${e.paperCount} papers`)}</description></item>`;
    });
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${escapeXml(config.title)}</title><link>${escapeXml(`${config.baseUrl}/archive`)}</link><description>${escapeXml(`${config.title}: trending research papers`)}</description>
${items.join('\n')}
</channel></rss>
`;
    c.header('Content-Type', 'application/rss+xml; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(xml);
  });
}
