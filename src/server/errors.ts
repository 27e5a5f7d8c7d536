import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { PaperpostError } from '../domain/errors.js';
import { offeredTopics } from '../subscribers/index.js';
import type { ServerParts } from './parts.js';

/** Status of each error code; anything unknown is a 500. */
const STATUS: Record<string, number> = {
  'invalid-email': 400,
  'invalid-frequency': 400,
  'token-invalid': 400,
  'bad-request': 400,
  'csrf-failed': 403,
  'not-found': 404,
  'too-large': 413,
  'rate-limited': 429,
  'mail-refused': 503,
};

const TITLES: Record<number, string> = {
  400: 'That did not work',
  403: 'This form has expired',
  404: 'Page not found',
  413: 'Too much data',
  429: 'Too many requests',
  503: 'Please try again later',
};

const LINES: Record<number, string> = {
  403: 'Please reload the page and send the form again.',
  404: 'There is nothing at this address.',
  413: 'The form sent was too large.',
  429: 'Please wait a minute and try again.',
  503: 'We could not send the mail just now. Please try again in a few minutes.',
};

/**
 * The one place errors become responses: a status from the error's code, a friendly page for
 * people, the detail for the log.
 */
export function createErrorHandler(parts: ServerParts): ErrorHandler {
  const { pages, logger } = parts;
  return async (err: Error, c: Context) => {
    const status =
      err instanceof PaperpostError
        ? (STATUS[err.code] ?? 500)
        : err instanceof HTTPException
          ? err.status
          : 500;
    const code =
      err instanceof PaperpostError
        ? err.code
        : err instanceof HTTPException
          ? `http-${err.status}`
          : 'internal';
    if (status >= 500) logger.error({ err, path: c.req.path, code }, 'request failed');
    else logger.info({ path: c.req.path, code, status }, 'request refused');

    if (code === 'invalid-email' || code === 'invalid-frequency') {
      const catalogue = offeredTopics(await parts.flows.store.catalogue.listTopics().catch(() => []));
      const message =
        code === 'invalid-email' ? 'Please enter a valid email address.' : 'Please choose daily or weekly.';
      return pages.page(c, '@index', { pageTitle: 'Subscribe', catalogue, selected: [], message }, status);
    }
    if (code === 'token-invalid') {
      return pages.page(
        c,
        '@message',
        {
          // The same page for a mangled, forged or old link: only an old one has "expired".
          pageTitle: 'This link does not work',
          lines: [
            'It may be cut short or changed (copy the whole link from the mail), or too old: confirmation links last 7 days.',
            'Enter your address to get a new one.',
          ],
          askAgain: true,
        },
        status,
      );
    }
    const title = TITLES[status] ?? 'Something went wrong';
    const line = LINES[status] ?? 'We could not handle this request. Please try again later.';
    return pages.page(
      c,
      '@message',
      { pageTitle: title, lines: [line], link: { href: '/', text: 'Home' } },
      status,
    );
  };
}
