import type { Hono } from 'hono';
import { PaperpostError } from '../domain/errors.js';
import {
  cleanText,
  countEdition,
  describeCounts,
  type Edition,
  safeHttpUrl,
  sectionAnchor,
} from '../domain/index.js';
import { escapeHtml, formatDate, sourceNamesOf } from '../render/index.js';
import type { EditionSummary } from '../store/types.js';
import { buildWebEdition } from './edition-page.js';
import type { ServerParts } from './parts.js';
import { FAVICON_SVG } from './preview-assets.js';
import { SITE_CSS } from './site-css.js';

/**
 * The web edition's h1, "Daily edition of Thursday," then "3 December 2026" kept on one line (a
 * phone wrapped the ISO date as "2026-" / "12-03").
 */
export function editionHeading(frequency: string, date: string): { heading: string; headingDate: string } {
  const long = formatDate(date, 'long');
  const comma = long.indexOf(', ');
  const kind = `${frequency.charAt(0).toUpperCase()}${frequency.slice(1)} edition of`;
  if (comma < 0) return { heading: kind, headingDate: long };
  return { heading: `${kind} ${long.slice(0, comma + 1)}`, headingDate: long.slice(comma + 2) };
}

const EDITION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
/** Per-subscriber placeholders of a rendered variant (`%%NAME%%`, `%%TOPIC_UNSUBSCRIBE_URL:slug%%`). */
const PLACEHOLDER = /%%([A-Z_]+)(?::[a-z0-9][a-z0-9._-]*)?%%/g;
/** The stored mail may carry inline styles; nothing else runs or loads. */
const ARCHIVE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The public copy of a stored variant: "because you subscribed", a greeting without a name, and
 * the personal links (preferences, unsubscribe, one topic) pointing to `/manage`, which explains
 * where a reader's own links are and mails a fresh one.
 */
export function webCopyPlaceholders(source: string, baseUrl: string): string {
  return source.replace(PLACEHOLDER, (_match, name: string) => {
    if (name.endsWith('_URL')) return `${baseUrl}/manage`;
    if (name === 'EMAIL') return 'you';
    if (name === 'GREETING') return 'Hi,';
    return '';
  });
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

/** The counts of a listed edition, in the words of {@link describeCounts}. */
export function summaryCounts(e: EditionSummary): { selected: number; inLetter: number; onWeb: number } {
  return { selected: e.paperCount, inLetter: e.letterCount, onWeb: e.paperCount - e.letterCount };
}

/** Editions in `/feed.xml`, newest first. */
const FEED_ITEMS = 30;

/**
 * One edition as an RSS item: its counts, then each section of the letter with its paper titles
 * linked, and a link to the topic on the web version (HTML, escaped once more for XML).
 */
export function feedItem(edition: Edition, config: { baseUrl: string; title: string }): string {
  const link = `${config.baseUrl}/archive/${encodeURIComponent(edition.id)}`;
  const counts = countEdition(edition);
  const firstTitles = edition.sections.flatMap((s) => s.papers.map((p) => cleanText(p.title))).slice(0, 1);
  const title = `${config.title} ${edition.frequency} digest, ${edition.date}${firstTitles[0] ? `: ${firstTitles[0]}` : ''}`;
  const parts = [`<p>${escapeHtml(describeCounts(counts))}.</p>`];
  for (const section of edition.sections) {
    const anchor = `${link}#${sectionAnchor(section.topic.slug)}`;
    parts.push(
      `<h3><a href="${escapeHtml(anchor)}">${escapeHtml(cleanText(section.topic.label))}</a></h3><ul>`,
    );
    for (const paper of section.papers) {
      const url = safeHttpUrl(paper.url) ?? anchor;
      parts.push(`<li><a href="${escapeHtml(url)}">${escapeHtml(cleanText(paper.title))}</a></li>`);
    }
    parts.push('</ul>');
  }
  if (counts.onWeb > 0)
    parts.push(`<p><a href="${escapeHtml(link)}">${counts.onWeb} more on the web</a></p>`);
  const categories = edition.sections
    .map((s) => `<category>${escapeXml(cleanText(s.topic.label))}</category>`)
    .join('');
  return `<item><title>${escapeXml(title)}</title><link>${escapeXml(link)}</link><guid isPermaLink="true">${escapeXml(link)}</guid><pubDate>${new Date(edition.createdAt).toUTCString()}</pubDate>${categories}<description>${escapeXml(parts.join(''))}</description></item>`;
}

/** `GET /archive`, `/archive/:edition`, `/feed.xml`, `/healthz`, `/static/site.css`. */
export function registerArchiveRoutes(app: Hono, parts: ServerParts): void {
  const { pages, deps } = parts;
  const { store, config } = deps;
  // What the cards call the config's sources ("in PubMed search and ZooKeys"), as the letter does.
  const sourceNames = sourceNamesOf(config.sources ?? []);

  app.get('/static/site.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(SITE_CSS);
  });

  app.get('/favicon.ico', (c) => {
    c.header('Content-Type', 'image/svg+xml');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(FAVICON_SVG);
  });

  app.get('/healthz', async (c) => {
    try {
      await store.runs.getMeta('healthz');
      return c.json({ status: 'ok', store: store.driver });
    } catch (err) {
      parts.logger.error({ err }, 'healthz: store check failed');
      return c.json({ status: 'error', store: store.driver }, 503);
    }
  });

  app.get('/archive', async (c) => {
    const editions = (await store.editions.listEditions({ limit: 200 })).map((e) => ({
      ...e,
      dateText: formatDate(e.date, 'long'),
      countsText: describeCounts(summaryCounts(e)),
    }));
    return pages.page(c, '@archive', { pageTitle: 'Archive', editions, wide: true });
  });

  /** An edition id from the path, or a 404. */
  const editionOf = async (id: string): Promise<Edition> => {
    const edition = EDITION_ID.test(id) ? await store.editions.getEdition(id) : undefined;
    if (!edition) throw new PaperpostError('server', 'not-found', `no edition ${id.slice(0, 100)}`);
    return edition;
  };

  // The web version: the letter's sections in its order, then every paper it had no room for,
  // under its topic in rank order; each section carries the anchor the letter links to.
  app.get('/archive/:edition', async (c) => {
    const edition = await editionOf(c.req.param('edition'));
    const web = await buildWebEdition(edition, (ids) => store.papers.getPapers(ids), sourceNames);
    const letter = await store.editions.getRenderedVariant(edition.id, `${edition.frequency}:*`);
    return pages.page(c, '@edition', {
      pageTitle: `${config.title} · ${edition.frequency} · ${edition.date}`,
      ...editionHeading(edition.frequency, edition.date),
      countsText: describeCounts(web.counts),
      web,
      letterUrl: letter ? `/archive/${encodeURIComponent(edition.id)}/mail` : null,
      wide: true,
    });
  });

  // The letter as sent to a reader of every topic, personal links blanked.
  app.get('/archive/:edition/mail', async (c) => {
    const edition = await editionOf(c.req.param('edition'));
    const variant = await store.editions.getRenderedVariant(edition.id, `${edition.frequency}:*`);
    if (!variant) throw new PaperpostError('server', 'not-found', `no letter for edition ${edition.id}`);
    c.header('Content-Security-Policy', ARCHIVE_CSP);
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(webCopyPlaceholders(variant.html, config.baseUrl));
  });

  // Where the public copy's personal links lead: how to reach one's own preferences.
  app.get('/manage', (c) =>
    pages.page(c, '@message', {
      pageTitle: 'Manage your subscription',
      lines: [
        'Every letter you receive ends with your own Preferences and Unsubscribe links, and a link to stop each topic.',
        'Lost them? Enter your address and we will mail you a new link (nothing changes until you open it).',
      ],
      askAgain: true,
    }),
  );

  app.get('/feed.xml', async (c) => {
    const editions = await store.editions.listEditions({ limit: FEED_ITEMS });
    const items: string[] = [];
    for (const e of editions) {
      const edition = await store.editions.getEdition(e.id);
      if (edition) items.push(feedItem(edition, config));
    }
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
