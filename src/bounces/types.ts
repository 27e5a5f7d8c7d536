import type { BounceClass } from '../domain/bounce.js';

export type { BounceClass } from '../domain/bounce.js';

/** The reading of one bounce mail (the `paperpost bounces parse --json` contract). */
export interface BounceReading {
  class: BounceClass;
  /** The address that failed, as the mail names it; null when it names nobody. */
  recipient: string | null;
  /** RFC 3463 enhanced status code ("5.1.1"), null when none was found. */
  status: string | null;
  /** A fine reason: userunknown, hostunknown, mailboxfull, expired, blocked, feedback, vacation, ... */
  reason: string;
  /** RFC 5965 Feedback-Type of a complaint (abuse, opt-out, ...). */
  feedbackType: string | null;
  /** The SMTP reply code (550), null when none was found. */
  replyCode: string | null;
  /** The remote server's words (Diagnostic-Code or the error line), for operators. */
  diagnostic: string | null;
  /** Addresses the bounce was sent to (To, Delivered-To, X-Original-To...): where VERP tokens hide. */
  returnedTo: string[];
}
