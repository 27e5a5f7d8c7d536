import { PLAIN_USER_UNKNOWN, REMOTE_USER_UNKNOWN, reasonOfText } from './reason-patterns.js';
import { reasonOfStatus } from './status-codes.js';
import type { BounceClass } from './types.js';

/** Reasons that say the address itself is permanently bad. */
export const HARD_REASONS = new Set(['userunknown', 'hostunknown', 'hasmoved', 'notaccept']);
/** Status codes that name a reason on their own, whatever the text says. */
const TRUSTED_STATUS = /^[45]\.(?:1\.[1-46]|1\.10|2\.2|3\.4|4\.4|7\.2[3-9]|7\.1[78])$/;
/** A transcript naming the command a reply answered: "in reply to RCPT TO", ">>> DATA", "SMTP:RCPT". */
const SMTP_COMMAND =
  /(?:in reply to|after|most progress was|error (?:in|after)|during|>>>|\bsmtp:)\s*(?:the\s+)?(rcpt|mail from|end of data|data|mail|helo|ehlo|connect)\b/gi;

/** The SMTP command the remote server refused (the last one a transcript names). */
function smtpCommand(text: string): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(SMTP_COMMAND)) last = (m[1] ?? '').toLowerCase();
  if (!last) return undefined;
  if (last === 'rcpt') return 'RCPT';
  if (last.startsWith('mail')) return 'MAIL';
  if (last.includes('data')) return 'DATA';
  return last === 'connect' ? 'CONN' : 'HELO';
}

/**
 * The class of a reason. A status code names no class on its own: x.2.1 ("mailbox disabled, not
 * accepting messages"; RFC 3463: permanent if the mailbox will never be re-enabled) comes with
 * words saying which. "Disabled" or "inactive" reads as suspend (soft); "user unknown", given to
 * RCPT TO, reads as userunknown (hard) like any other refusal of a mailbox that is not there.
 */
export function classOf(
  reason: string,
  status: string | null,
  replyCode: string | null,
  delayed: boolean,
): BounceClass {
  if (!HARD_REASONS.has(reason) || delayed) return 'soft';
  const permanent = status ? status.startsWith('5') : replyCode ? replyCode.startsWith('5') : true;
  return permanent ? 'hard' : 'soft';
}

export interface Evidence {
  diagnostic: string;
  region: string;
  status: string | null;
  replyCode: string | null;
  delayed: boolean;
  /** The Diagnostic-Code's type ("smtp", "x-unix"), null when the mail has none. */
  diagnosticType: string | null;
}

/**
 * The remote server's own words first, then a status code that is specific on its own, then the
 * rest of the notification's text, then any status code.
 */
function reasonFromEvidence(e: Evidence): string {
  // x.1.7 / x.1.8: the sender's address was refused, nothing is wrong with the recipient.
  if (e.status && /^[45]\.1\.[78]$/.test(e.status)) return 'rejected';
  const fromDiagnostic = e.diagnostic ? reasonOfText(e.diagnostic.toLowerCase()) : undefined;
  const specific = e.status ? reasonOfStatus(e.status) : undefined;
  const trusted = specific && e.status && TRUSTED_STATUS.test(e.status) ? specific : undefined;
  // Vague words ("network error") yield to a status code that says exactly what failed, but not
  // words naming a failed name server: see NAME_SERVER_FAILURE.
  if (fromDiagnostic && !(trusted && VAGUE.has(fromDiagnostic))) return fromDiagnostic;
  if (trusted === 'hostunknown' && NAME_SERVER_FAILURE.test(e.diagnostic.toLowerCase()))
    return 'networkerror';
  if (trusted) return trusted;
  const fromText = reasonOfText(e.region.toLowerCase());
  // With the server's own words at hand, the rest of the text (other recipients, boilerplate)
  // may not make the address permanently bad.
  if (fromText && !(e.diagnostic && HARD_REASONS.has(fromText))) return fromText;
  if (specific) return specific;
  return e.delayed ? 'expired' : 'undefined';
}

const VAGUE = new Set(['networkerror', 'systemerror', 'undefined', 'syntaxerror']);

/**
 * A name server that failed (a malformed or unexpected reply, SERVFAIL, a look-up that failed)
 * gave no answer, so the domain may well exist and take mail once its DNS is mended. x.4.4
 * ("unable to route") proves no more than that; only an answer saying the name is not found does
 * (those words read as hostunknown before this is asked).
 */
const NAME_SERVER_FAILURE =
  /name server (?:reply|failure|error)|malformed or unexpected|servfail|server failure|(?:dns|name service|look-?up) (?:error|failure|failed)|lookup (?:of .+ )?fail/;

/** Reasons a final bounce with a temporary (4.x.x) status stands for: the retries ran out. */
const RETRIED_OUT = new Set([
  'networkerror',
  'systemerror',
  'undefined',
  'syntaxerror',
  'contenterror',
  'hostunknown',
]);

/**
 * A remote server's "user unknown" proves the address bad only when it refused the recipient
 * (RCPT TO) or said so with a x.1.x status; after DATA it is a content filter speaking.
 */
export function reasonFor(e: Evidence): string {
  const reason = reasonFromEvidence(e);
  const temporary = e.status ? e.status.startsWith('4') : e.replyCode?.startsWith('4');
  if (!e.delayed && temporary && RETRIED_OUT.has(reason)) return 'expired';
  if (!HARD_REASONS.has(reason)) return reason;
  // The notification itself calling the mailbox disabled or full, or its storage exhausted,
  // outweighs a "user unknown": none of these is said of a mailbox that does not exist.
  const firstAddress = e.region.search(/@|\b[45]\d\d\b/);
  const own = reasonOfText((firstAddress < 0 ? e.region : e.region.slice(0, firstAddress)).toLowerCase());
  if (own === 'suspend' || own === 'mailboxfull' || own === 'systemfull') return own;
  // A local delivery program's exit (Diagnostic-Code X-Unix: procmail, maildrop, a pipe) is no
  // directory answer: its "no such user" is the program failing where the MTA had accepted the
  // address, and the status code is only its exit code translated (EX_NOUSER -> 5.1.1).
  if (e.diagnosticType === 'x-unix') return 'mailererror';
  const command = smtpCommand(`${e.region}\n${e.diagnostic}`);
  // Refused before any recipient was named (in reply to HELO/EHLO or MAIL FROM): the words are
  // about the sender or its host ("<the sender's domain> does not exist"), never the address.
  if (command === 'MAIL' || command === 'HELO') return 'rejected';
  if (reason !== 'userunknown' || (e.status && TRUSTED_STATUS.test(e.status))) return reason;
  if (command === 'RCPT') return reason;
  if (e.replyCode && REMOTE_USER_UNKNOWN.test(e.diagnostic.toLowerCase())) return reason;
  // "550 <a@b>: User unknown" names the refused recipient: the form of a reply to RCPT TO.
  if (command !== 'DATA' && /\b[45]\d\d[ -:]+(?:[45]\.\d\.\d+ )?<[^>\s]+@[^>\s]+>:/.test(e.diagnostic))
    return reason;
  if (command === 'DATA') return 'filtered';
  // The reporting MTA's own directory look-up, with no remote reply to second-guess it.
  if (!e.replyCode && PLAIN_USER_UNKNOWN.test(`${e.diagnostic}\n${e.region}`.toLowerCase())) return reason;
  if (e.status && /^[45]\.(?:1\.\d+|5\.0)$/.test(e.status)) return reason;
  return 'filtered';
}
