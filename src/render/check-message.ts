import { createRequire } from 'node:module';
import { isLoopbackUrl, originOf } from './local-url.js';
import { estimateSpamScore } from './spam-score.js';

/** Gmail clips HTML bodies over about 102 KB. */
export const GMAIL_CLIP_BYTES = 102 * 1024;

export type CheckLevel = 'error' | 'warning';

/** One check of `checkMessage`. */
export interface CheckItem {
  id: string;
  level: CheckLevel;
  ok: boolean;
  message: string;
}

/** Deliverability self-check of one message. `ok` is false when an error-level check failed. */
export interface CheckReport {
  ok: boolean;
  htmlBytes: number;
  spamScore: number;
  spamReasons: string[];
  checks: CheckItem[];
}

/** Raw header values by lower-case name, unfolded. */
function rawHeaders(lines: ReadonlyArray<{ key: string; line: string }>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const value = unfold(line.slice(line.indexOf(':') + 1));
    const list = map.get(key.toLowerCase()) ?? [];
    list.push(value);
    map.set(key.toLowerCase(), list);
  }
  return map;
}

function decodeAttr(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();
}

/** href/src values of an HTML body. */
export function extractLinks(html: string): string[] {
  const links: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    links.push(decodeAttr(m[1] ?? m[2] ?? m[3] ?? ''));
  }
  return links;
}

/** A link is fine when it is http(s), mailto, or an in-page anchor. */
function linkProblem(link: string): string | null {
  if (/%%[A-Z_]+(?::[^%]*)?%%/.test(link)) return 'unfilled placeholder';
  if (link.startsWith('#')) return null;
  if (/^mailto:/i.test(link)) return null;
  if (/^https?:\/\/[^\s/]+/i.test(link)) return null;
  return 'not http(s)';
}

/** What `checkMessageParts` looks at: a message already split into headers and bodies. */
export interface MessageParts {
  /** Raw header lines (`key` as written, `line` the whole folded header). */
  headerLines: ReadonlyArray<{ key: string; line: string }>;
  /** Decoded subject. */
  subject: string;
  /** First From address and the From header as text, or null without a From. */
  from: { address: string; text: string } | null;
  html: string | null;
  /** The text/plain part, or null when there is none. */
  text: string | null;
  /** `toPlainText(html)` when the caller has it already; computed here otherwise. */
  visibleText?: string;
}

/**
 * Check a raw message (.eml) for what mail providers look at: HTML size against Gmail's clip,
 * a text part, List-Unsubscribe (https one-click and mailto), List-Unsubscribe-Post, List-Id,
 * Message-ID, Date, From, links (http(s) only), image alt text and a spam-score estimate.
 * mailparser (~0.2 s to load) is loaded on the first call.
 */
export async function checkMessage(eml: string | Buffer): Promise<CheckReport> {
  // By require(), not import(): see src/cli/code-cache.ts.
  const { simpleParser } = createRequire(import.meta.url)('mailparser') as typeof import('mailparser');
  const mail = await simpleParser(eml);
  const html = typeof mail.html === 'string' ? mail.html : null;
  // mailparser derives `text` from the HTML when there is no text part: look for a real one.
  const raw = typeof eml === 'string' ? eml : eml.toString('latin1');
  const headerBlock = raw.slice(0, raw.search(/\r?\n\r?\n/) >>> 0);
  const hasTextPart = /^content-type:\s*text\/plain/im.test(raw) || !/^content-type:/im.test(headerBlock);
  const text = hasTextPart && mail.text?.trim() ? mail.text : null;
  const address = mail.from?.value[0]?.address;
  return checkMessageParts({
    headerLines: mail.headerLines,
    subject: mail.subject ?? '',
    from: mail.from ? { address: address ?? '', text: mail.from.text } : null,
    html,
    text,
  });
}

/**
 * The header lines of a raw message (everything before the first blank line), folded lines
 * kept whole: what mailparser's `headerLines` gives, without loading mailparser.
 */
export function rawHeaderLines(eml: string | Buffer): { key: string; line: string }[] {
  const raw = typeof eml === 'string' ? eml : eml.toString('latin1');
  const end = raw.search(/\r?\n\r?\n/);
  const block = end < 0 ? raw : raw.slice(0, end);
  const lines: { key: string; line: string }[] = [];
  for (const line of block.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon > 0) lines.push({ key: line.slice(0, colon).trim().toLowerCase(), line });
  }
  return lines;
}

/**
 * `checkMessage` for a message this program just built, whose subject, HTML and text are known:
 * the headers are read from the raw message, the bodies are not parsed again (no mailparser).
 */
export function checkBuiltMessage(
  message: {
    raw: string | Buffer;
    subject: string;
    html: string;
    text: string;
  },
  /** `toPlainText(message.html)`, when already known (see `plainTextOf`). */
  visibleText?: string,
): CheckReport {
  const headerLines = rawHeaderLines(message.raw);
  const fromLine = headerLines.find((h) => h.key === 'from');
  const fromText = fromLine ? unfold(fromLine.line.slice(fromLine.line.indexOf(':') + 1)) : '';
  const address =
    /<([^<>\s]+@[^<>\s]+)>/.exec(fromText)?.[1] ?? /^[^<>\s]+@[^<>\s]+$/.exec(fromText)?.[0] ?? '';
  return checkMessageParts({
    headerLines,
    subject: message.subject,
    from: fromLine ? { address, text: fromText } : null,
    html: message.html,
    text: message.text.trim() ? message.text : null,
    visibleText,
  });
}

function unfold(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ').trim();
}

/**
 * The checks of `checkMessage` on a message already in parts, e.g. one just built from known
 * subject, HTML and text (the headers from `rawHeaderLines`): no MIME parsing.
 */
export function checkMessageParts(parts: MessageParts): CheckReport {
  const { html, text } = parts;
  const headers = rawHeaders(parts.headerLines);
  const one = (name: string): string => headers.get(name)?.[0] ?? '';
  const checks: CheckItem[] = [];
  const check = (id: string, level: CheckLevel, ok: boolean, message: string): void => {
    checks.push({ id, level, ok, message });
  };

  const htmlBytes = html ? Buffer.byteLength(html, 'utf8') : 0;
  check(
    'html-size',
    'error',
    htmlBytes <= GMAIL_CLIP_BYTES,
    `HTML is ${(htmlBytes / 1024).toFixed(1)} KB (Gmail clips over ${GMAIL_CLIP_BYTES / 1024} KB)`,
  );
  check('text-part', 'error', text !== null, text ? 'text/plain part present' : 'no text/plain part');
  check('html-part', 'warning', html !== null, html ? 'text/html part present' : 'no text/html part');

  const unsubscribe = one('list-unsubscribe');
  const targets = [...unsubscribe.matchAll(/<([^>]*)>/g)].map((m) => (m[1] ?? '').trim());
  const https = targets.find((t) => /^https:\/\//i.test(t));
  const mailto = targets.find((t) => /^mailto:/i.test(t));
  // A letter made on this machine for a look (the demo, no PAPERPOST_BASE_URL) links to a loopback
  // address: worth a warning, not a failure, since it is not meant to leave the machine.
  const local = targets.find(isLoopbackUrl);
  const loopbackLinks = (html ? extractLinks(html) : []).filter(isLoopbackUrl);
  check(
    'list-unsubscribe',
    https === undefined && local !== undefined ? 'warning' : 'error',
    https !== undefined,
    https
      ? `List-Unsubscribe has an https URL`
      : local
        ? `List-Unsubscribe and ${loopbackLinks.length} links point to the local address ${originOf(local)}: fine for a look; set PAPERPOST_BASE_URL to your public https URL before sending`
        : `List-Unsubscribe lacks an https URL (${unsubscribe || 'missing'})`,
  );
  check(
    'list-unsubscribe-mailto',
    'warning',
    mailto !== undefined,
    mailto ? 'List-Unsubscribe has a mailto' : 'List-Unsubscribe has no mailto',
  );
  const post = one('list-unsubscribe-post');
  check(
    'list-unsubscribe-post',
    'error',
    post === 'List-Unsubscribe=One-Click',
    post ? `List-Unsubscribe-Post: ${post}` : 'List-Unsubscribe-Post missing (one-click, RFC 8058)',
  );
  const listId = one('list-id');
  check('list-id', 'error', /<[^<>\s]+>/.test(listId), listId ? `List-Id: ${listId}` : 'List-Id missing');
  const messageId = one('message-id');
  check(
    'message-id',
    'error',
    /^<[^<>\s@]+@[^<>\s@]+>$/.test(messageId),
    messageId ? `Message-ID: ${messageId}` : 'Message-ID missing',
  );
  const date = one('date');
  const dateOk = date !== '' && !Number.isNaN(Date.parse(date));
  check('date', 'error', dateOk, date ? `Date: ${date}${dateOk ? '' : ' (unreadable)'}` : 'Date missing');
  check(
    'from',
    'error',
    Boolean(parts.from?.address),
    parts.from ? `From: ${parts.from.text}` : 'From missing',
  );
  const subject = parts.subject;
  check('subject', 'warning', subject.trim() !== '', subject ? `Subject: ${subject}` : 'no subject');

  const links = html ? extractLinks(html) : [];
  const textLinks = text ? [...text.matchAll(/%%[A-Z_]+(?::[a-z0-9._-]+)?%%/g)].map((m) => m[0]) : [];
  const bad = links.map((l) => ({ l, why: linkProblem(l) })).filter((x) => x.why !== null);
  check(
    'links',
    'error',
    bad.length === 0 && textLinks.length === 0,
    bad.length === 0 && textLinks.length === 0
      ? `${links.length} links, all http(s), mailto or anchors`
      : `bad links: ${[...bad.map((b) => `${b.l.slice(0, 60)} (${b.why})`), ...textLinks.map((t) => `${t} in text`)].slice(0, 5).join('; ')}`,
  );
  if (loopbackLinks.length > 0 && local === undefined) {
    check(
      'local-links',
      'warning',
      false,
      `${loopbackLinks.length} links to the local address ${originOf(loopbackLinks[0] ?? '')}: readers elsewhere cannot open them (PAPERPOST_BASE_URL)`,
    );
  }
  const images = html ? [...html.matchAll(/<img\b[^>]*>/gi)].map((m) => m[0]) : [];
  const noAlt = images.filter((img) => !/\salt\s*=/i.test(img)).length;
  check(
    'image-alt',
    'warning',
    noAlt === 0,
    noAlt === 0
      ? `${images.length} images, all with alt text`
      : `${noAlt} of ${images.length} images lack alt text`,
  );

  const spam = estimateSpamScore({
    subject,
    html,
    text,
    hasListUnsubscribe: unsubscribe !== '',
    // Loopback links are reported above, once; a provider never sees a letter made for a look.
    links: links.filter((l) => /^https?:/i.test(l) && !isLoopbackUrl(l)),
    images: images.length,
    visibleText: parts.visibleText,
  });
  check(
    'spam-score',
    spam.score >= 5 ? 'error' : 'warning',
    spam.score < 2.5,
    `estimated spam score ${spam.score}${spam.reasons.length ? `: ${spam.reasons.join(', ')}` : ''}`,
  );

  const ok = checks.every((c) => c.ok || c.level !== 'error');
  return { ok, htmlBytes, spamScore: spam.score, spamReasons: spam.reasons, checks };
}

/** One line per check: "ok", "WARN" or "FAIL" then the message. */
export function formatCheckReport(report: CheckReport): string {
  const lines = report.checks.map((c) => {
    const mark = c.ok ? 'ok  ' : c.level === 'error' ? 'FAIL' : 'WARN';
    return `${mark} ${c.id.padEnd(24)} ${c.message}`;
  });
  const warnings = report.checks.filter((c) => !c.ok && c.level === 'warning').length;
  const noted =
    warnings === 0 ? '' : ` with ${warnings} warning${warnings === 1 ? '' : 's'} (see WARN lines)`;
  lines.push(report.ok ? `result: passes${noted}` : 'result: FAILS (see FAIL lines)');
  return `${lines.join('\n')}\n`;
}
