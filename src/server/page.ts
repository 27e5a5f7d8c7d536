import type { Context } from 'hono';
import type { Topic, TopicArea } from '../domain/index.js';
import { groupByArea } from '../subscribers/index.js';
import type { FormTokens } from './form-token.js';
import { SITE_CSS_HASH } from './site-css.js';
import type { Views } from './views/render.js';

/** Renders full pages with the data every page needs (site title, stylesheet, form token). */
export interface PageRenderer {
  page(
    c: Context,
    view: string,
    data: { pageTitle: string } & Record<string, unknown>,
    status?: number,
  ): Response;
  /** The form token of this browser (sets its cookie when missing). */
  csrf(c: Context): string;
}

/**
 * A page renderer; a page given the offered topics (`catalogue`) lists them under the catalogue's
 * broad `areas` (`topicGroups`, see groupByArea).
 */
export function createPageRenderer(
  views: Views,
  tokens: FormTokens,
  siteTitle: string,
  areas: readonly TopicArea[] = [],
): PageRenderer {
  return {
    page(c, view, data, status = 200) {
      const catalogue = data.catalogue as Topic[] | undefined;
      const topicGroups = Array.isArray(catalogue) ? groupByArea(catalogue, areas) : undefined;
      const html = views.render(view, {
        siteTitle,
        cssHash: SITE_CSS_HASH,
        csrf: tokens.issue(c),
        ...(topicGroups ? { topicGroups } : {}),
        ...data,
      });
      c.header('Cache-Control', 'no-store');
      return c.html(html, status as 200);
    },
    csrf: (c) => tokens.issue(c),
  };
}
