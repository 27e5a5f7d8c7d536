import type { RenderedVariant } from '../domain/index.js';
import { escapeHtml } from './escape.js';

/**
 * Per-subscriber placeholders left in a rendered variant. They are URL-safe ASCII, survive MJML
 * and are filled by plain string replacement (`personalize`), never by running MJML again.
 * Topic links carry the slug: `%%TOPIC_UNSUBSCRIBE_URL:<slug>%%`.
 */
export const PLACEHOLDERS = {
  email: '%%EMAIL%%',
  name: '%%NAME%%',
  greeting: '%%GREETING%%',
  unsubscribeUrl: '%%UNSUBSCRIBE_URL%%',
  preferencesUrl: '%%PREFERENCES_URL%%',
  topicUnsubscribePrefix: '%%TOPIC_UNSUBSCRIBE_URL:',
} as const;

/** Matches any placeholder; group 1 is its name, group 2 the topic slug. */
export const PLACEHOLDER_PATTERN = /%%([A-Z_]+)(?::([a-z0-9][a-z0-9._-]*))?%%/g;

const SLUG = /^[a-z0-9][a-z0-9._-]*$/;

/** The placeholder of a topic's unsubscribe link, or null when the slug cannot be carried safely. */
export function topicUnsubscribePlaceholder(slug: string): string | null {
  return SLUG.test(slug) ? `${PLACEHOLDERS.topicUnsubscribePrefix}${slug}%%` : null;
}

/** Values for one subscriber. */
export interface PersonalValues {
  email: string;
  name: string | null;
  unsubscribeUrl: string;
  preferencesUrl: string;
  topicUnsubscribeUrl: (slug: string) => string;
}

/** A text cut at its placeholders: literal strings at even indexes, placeholders at odd ones. */
type Parts = { literals: string[]; names: string[]; slugs: (string | undefined)[] };

interface SplitVariant {
  subject: Parts;
  html: Parts;
  text: Parts;
}

function split(source: string): Parts {
  const literals: string[] = [];
  const names: string[] = [];
  const slugs: (string | undefined)[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER_PATTERN)) {
    const index = match.index ?? 0;
    literals.push(source.slice(last, index));
    names.push(match[1] ?? '');
    slugs.push(match[2]);
    last = index + match[0].length;
  }
  literals.push(source.slice(last));
  return { literals, names, slugs };
}

function lookupValue(name: string, slug: string | undefined, values: PersonalValues): string | undefined {
  switch (name) {
    case 'EMAIL':
      return values.email;
    case 'NAME':
      return values.name ?? '';
    case 'GREETING':
      return values.name ? `Hi ${values.name},` : 'Hi,';
    case 'UNSUBSCRIBE_URL':
      return values.unsubscribeUrl;
    case 'PREFERENCES_URL':
      return values.preferencesUrl;
    case 'TOPIC_UNSUBSCRIBE_URL':
      return slug === undefined ? undefined : values.topicUnsubscribeUrl(slug);
    default:
      return undefined;
  }
}

/** Control characters and line breaks never reach a header or a text line from a value. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

function join(parts: Parts, values: PersonalValues, html: boolean): string {
  let out = parts.literals[0] ?? '';
  for (let i = 0; i < parts.names.length; i++) {
    const name = parts.names[i] ?? '';
    const slug = parts.slugs[i];
    const raw = lookupValue(name, slug, values);
    if (raw === undefined) {
      // Unknown token: keep it as it was so nothing is silently lost.
      out += `%%${name}${slug === undefined ? '' : `:${slug}`}%%`;
    } else {
      const clean = oneLine(raw);
      out += html ? escapeHtml(clean) : clean;
    }
    out += parts.literals[i + 1] ?? '';
  }
  return out;
}

const cache = new WeakMap<RenderedVariant, SplitVariant>();

/**
 * Fill the per-subscriber placeholders of a rendered variant. The variant is split once (cached
 * by object identity), so each call is a join of a few strings. Values are HTML-escaped in the
 * HTML part and kept as they are (on one line) in the subject and text part.
 */
export function personalize(
  rendered: RenderedVariant,
  values: PersonalValues,
): { subject: string; html: string; text: string } {
  let parts = cache.get(rendered);
  if (!parts) {
    parts = { subject: split(rendered.subject), html: split(rendered.html), text: split(rendered.text) };
    cache.set(rendered, parts);
  }
  return {
    subject: join(parts.subject, values, false),
    html: join(parts.html, values, true),
    text: join(parts.text, values, false),
  };
}

/**
 * Fill placeholders of any string (a header, a pre-built MIME body in 7bit/8bit). `html`
 * selects HTML escaping of the values.
 */
export function fillPlaceholders(source: string, values: PersonalValues, html: boolean): string {
  return join(split(source), values, html);
}
