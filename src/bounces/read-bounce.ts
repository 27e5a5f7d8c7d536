import { toPlainText } from '../domain/index.js';
import { decodeWords, type HeaderList, header, type MimePart } from './mime-lite.js';
import { readSesNotification } from './provider-events.js';
import { classOf, reasonFor } from './reason-rules.js';
import { addressOf, type DsnRecipient, readDeliveryStatus, readFeedbackReport } from './report-fields.js';
import { findLastStatus, findReplyCode, findStatus } from './status-codes.js';
import type { BounceReading } from './types.js';

const RETURNED_TO_HEADERS = [
  'to',
  'delivered-to',
  'x-original-to',
  'envelope-to',
  'x-envelope-to',
  'x-rcpt-to',
];

/** Where the returned original begins in a plain-text bounce; what follows is not diagnosis. */
const ORIGINAL_MARKER =
  /^[ \t>|-]*(?:-+ ?)?(?:below this line is a copy|this is a copy of|(?:the )?original message(?: follows| below|:|\s*-+|\s*$)|returned message|unsent message|undelivered message|message headers follow|the headers? of the original|included is a copy|a copy of (?:the|your) message|original (?:mail|headers|message header)|content-type: message\/rfc822|--- ?original|message follows|your message reads)/im;

const BOUNCE_SENDER =
  /mailer-daemon|post_?master|mail delivery (?:subsystem|system)|mail ?delivery|bounce|nobody@|mmdf|smtp gateway|mail administrator|returned mail|\bsmtp\b/i;
// Non-ASCII as \u escapes in every regex (a one-byte bundle loads faster; see bundle-ascii.test.ts):
// the last three are Japanese エラー (error), 不達 (not delivered), 配信 (delivery).
const BOUNCE_SUBJECT =
  /undeliver|undelivered|delivery (?:status|failure|failed|notification|problem|report|has failed)|returned mail|failure notice|mail delivery failed|could not be delivered|delivery unsuccessful|nondeliverable|non-?delivery|returned to sender|unable to deliver|mail system error|warning: (?:could not|message)|delayed mail|rejected|bounce|mail failure|message not delivered|error sending|permanent error|non remis|unzustellbar|niet afgeleverd|no se puede entregar|failed delivery|\u30a8\u30e9\u30fc|\u4e0d\u9054|\u914d\u4fe1/i;
const BOUNCE_BODY =
  /could not be delivered|was not delivered|wasn't delivered|delivery (?:has )?failed|undeliverable|permanent (?:fatal )?error|following (?:address|recipient)e?s? (?:had|failed)|did not reach|not be delivered to|delivery to the following/i;
// r[\u00e9e]ponse: réponse or reponse.
const AUTO_REPLY_SUBJECT =
  /out of (?:the )?office|auto(?:matic)?[- _]?(?:reply|response|antwort|respuesta)|autoreply|vacation|abwesenheit|away from (?:my|the) (?:desk|office)|on (?:leave|holiday)|absence|absent|^auto:|r[\u00e9e]ponse automatique|risposta automatica/i;

function headerAll(headers: HeaderList, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const [n, v] of headers) if (names.includes(n)) out.push(v);
  return out;
}

function addressesIn(values: string[]): string[] {
  const out = new Set<string>();
  for (const v of values)
    for (const m of v.matchAll(/[A-Za-z0-9._%+=#&'*/!?^`{|}~-]+@[A-Za-z0-9.-]+/g))
      out.add(m[0].toLowerCase());
  return [...out];
}

interface Collected {
  texts: string[];
  dsn: DsnRecipient[];
  feedback: ReturnType<typeof readFeedbackReport> | undefined;
  original: MimePart | undefined;
  reportType: string | undefined;
}

function collect(root: MimePart): Collected {
  const out: Collected = {
    texts: [],
    dsn: [],
    feedback: undefined,
    original: undefined,
    reportType: undefined,
  };
  const html: string[] = [];
  const visit = (part: MimePart): void => {
    const type = part.contentType;
    if (type === 'multipart/report' && !out.reportType)
      out.reportType = part.params['report-type']?.toLowerCase();
    if (type === 'message/rfc822' || type === 'message/global') {
      out.original ??= part.children[0];
      return; // the returned original is no diagnosis
    }
    if (type === 'message/delivery-status' || type === 'message/global-delivery-status') {
      out.dsn.push(...readDeliveryStatus(part.text));
    } else if (type === 'message/feedback-report') {
      out.feedback = readFeedbackReport(part.text);
    } else if (type === 'text/rfc822-headers' || type === 'message/rfc822-headers') {
      out.original ??= { ...part, headers: [], children: [] };
    } else if (part.children.length === 0 && (type === 'text/html' || part.text !== '')) {
      // text/plain, unknown leaves and multiparts whose boundary is missing are read as text
      (type === 'text/html' ? html : out.texts).push(part.text);
    }
    for (const child of part.children) visit(child);
  };
  visit(root);
  // An HTML-only bounce is read as its text, line by line (DSN fields printed in the body).
  if (out.texts.length === 0) out.texts.push(...html.map((h) => toPlainText(h, undefined, { lines: true })));
  return out;
}

function diagnosisRegion(text: string): string {
  const m = ORIGINAL_MARKER.exec(text);
  const cut = m && m.index > 0 ? text.slice(0, m.index) : text;
  return cut.length > 8000 ? cut.slice(0, 8000) : cut;
}

function ignoreReading(reason: string, returnedTo: string[], recipient: string | null = null): BounceReading {
  const base = { recipient, status: null, replyCode: null, diagnostic: null, feedbackType: null };
  return { ...base, class: 'ignore', reason, returnedTo };
}

function isReport(part: MimePart): boolean {
  return part.contentType === 'multipart/report';
}

/** An Amazon SES notification delivered by SNS as e-mail: its JSON body is the report. */
function sesInBody(texts: string[]): BounceReading | undefined {
  const text = texts[0]?.trimStart();
  if (!text?.startsWith('{') || !/"(?:notificationType|TopicArn)"/.test(text.slice(0, 400))) return undefined;
  const end = text.lastIndexOf('}');
  try {
    const outer = JSON.parse(text.slice(0, end + 1).replace(/\r?\n/g, '')) as Record<string, unknown>;
    // An SNS envelope carries the SES notification as a JSON string.
    const inner = typeof outer['Message'] === 'string' ? JSON.parse(outer['Message']) : outer;
    return readSesNotification(inner)[0]?.reading;
  } catch {
    return undefined;
  }
}

/** Classify a MIME tree read by mime-lite (or rebuilt from mailparser's output). */
export function classifyMail(root: MimePart): BounceReading {
  const returnedTo = addressesIn(headerAll(root.headers, RETURNED_TO_HEADERS));
  const c = collect(root);
  const ses = sesInBody(c.texts);
  if (ses) return { ...ses, returnedTo: ses.returnedTo.length > 0 ? ses.returnedTo : returnedTo };
  const originalTo = c.original ? addressesIn(headerAll(c.original.headers, ['to']))[0] : undefined;

  if (c.feedback || c.reportType === 'feedback-report') {
    return {
      class: 'complaint',
      recipient: c.feedback?.recipient ?? originalTo ?? null,
      status: null,
      replyCode: null,
      reason: 'feedback',
      feedbackType: c.feedback?.feedbackType ?? 'abuse',
      diagnostic: null,
      returnedTo,
    };
  }

  const subject = decodeWords(header(root.headers, 'subject') ?? '');
  const from = header(root.headers, 'from') ?? '';
  if (/^\s*unsubscribe\s*$/i.test(subject) && c.dsn.length === 0) {
    const sender = addressesIn([from])[0] ?? null;
    const base = { status: null, replyCode: null, diagnostic: null, returnedTo };
    return { ...base, class: 'complaint', recipient: sender, reason: 'feedback', feedbackType: 'opt-out' };
  }
  if (c.dsn.length === 0 && c.original && isReport(c.original)) {
    // A bounce forwarded as an attachment: read the bounce inside.
    const inner = classifyMail(c.original);
    return { ...inner, returnedTo: [...new Set([...returnedTo, ...inner.returnedTo])] };
  }
  const region = diagnosisRegion(c.texts.join('\n'));
  // DSN fields printed as text (broken multiparts, forwarded notifications) count as a DSN.
  if (c.dsn.length === 0) c.dsn.push(...readDeliveryStatus(region.replace(/^[ \t]*>[ \t]?/gm, '')));
  const failed = c.dsn.find((r) => r.action === 'failed') ?? c.dsn.find((r) => r.action === 'delayed');
  const usable = failed ?? c.dsn.find((r) => r.action === null && (r.status ?? '').match(/^[45]/));
  if (
    !usable &&
    c.dsn.length > 0 &&
    c.dsn.every(
      (r) =>
        /^(?:delivered|relayed|expanded|deliverable)$/.test(r.action ?? '') || /^2\./.test(r.status ?? ''),
    )
  ) {
    return ignoreReading('delivered', returnedTo, c.dsn[0]?.recipient ?? null);
  }

  const looksBounce =
    usable !== undefined ||
    c.reportType === 'delivery-status' ||
    BOUNCE_SENDER.test(from) ||
    BOUNCE_SUBJECT.test(subject) ||
    BOUNCE_BODY.test(region) ||
    header(root.headers, 'x-failed-recipients') !== undefined;
  const autoSubmitted = (header(root.headers, 'auto-submitted') ?? '').toLowerCase();
  const autoReply =
    autoSubmitted.startsWith('auto-replied') ||
    header(root.headers, 'x-autoreply') !== undefined ||
    header(root.headers, 'x-autorespond') !== undefined ||
    /auto_reply|autoreply/i.test(header(root.headers, 'precedence') ?? '') ||
    AUTO_REPLY_SUBJECT.test(subject);
  if (!usable && autoReply && !BOUNCE_SUBJECT.test(subject)) return ignoreReading('vacation', returnedTo);
  if (!looksBounce) return ignoreReading('not-a-bounce', returnedTo);

  // Without a DSN, the first error line speaks for the (first) recipient; some MTAs open it on
  // the enhanced status code alone ("5.2.1 <a@b>... User Unknown"), without a reply code.
  const diagnostic =
    usable?.diagnostic ??
    /^<<< ([45]\d\d[ -].*)$/m.exec(region)?.[1] ??
    /^.*\b[45]\d\d[ -:]+.*(?:\r?\n[ \t]+\S.*)*/im.exec(region)?.[0].replace(/\s+/g, ' ').trim() ??
    /^[ \t]*[45]\.\d{1,3}\.\d{1,3}[ \t]+\S.*/m.exec(region)?.[0].trim() ??
    null;
  const delayed =
    usable?.action === 'delayed' ||
    /\b(?:delayed|will (?:continue|retry)|still trying|not yet been delivered|warning: message)/i.test(
      subject,
    );
  // The remote server's own status code wins over the one the reporting MTA derived from it.
  const fromDiagnostic = usable?.diagnostic
    ? findLastStatus(usable.diagnostic)
    : findStatus(diagnostic ?? '');
  const status = fromDiagnostic ?? usable?.status ?? findStatus(region) ?? null;
  const replyCode = findReplyCode(diagnostic ?? '') ?? findReplyCode(region) ?? null;
  const reason = reasonFor({
    diagnostic: diagnostic ?? '',
    region,
    status,
    replyCode,
    delayed,
    diagnosticType: usable?.diagnosticType ?? null,
  });
  const recipient =
    usable?.recipient ??
    addressOf(header(root.headers, 'x-failed-recipients')) ??
    addressesIn([region]).find((a) => !/mailer-daemon|postmaster/.test(a)) ??
    originalTo ??
    null;
  const line = diagnostic ?? region.split(/\r?\n/).find((l) => /\b[45]\d\d\b|[45]\.\d\.\d/.test(l)) ?? null;
  return {
    class: classOf(reason, status, replyCode, delayed),
    recipient,
    status,
    replyCode,
    reason,
    feedbackType: null,
    diagnostic: line ? line.trim().slice(0, 500) : null,
    returnedTo,
  };
}
