import { toPlainText } from '../domain/index.js';
/** A rough, explainable spam-score estimate (SpamAssassin-like points; >= 5 is spam there). */

export interface SpamEstimate {
  score: number;
  reasons: string[];
}

export interface SpamInput {
  subject: string;
  html: string | null;
  text: string | null;
  hasListUnsubscribe: boolean;
  links: string[];
  images: number;
  /** `toPlainText(html)` when the caller has it already (computed off the main thread). */
  visibleText?: string;
}

const SPAM_PHRASES = [
  /\bfree money\b/i,
  /\bact now\b/i,
  /\blimited time offer\b/i,
  /\bclick here\b/i,
  /\bwinner\b/i,
  /\bcongratulations\b/i,
  /\bguarantee[d]?\b/i,
  /\bno credit check\b/i,
  /\brisk[- ]free\b/i,
  /\$\$\$/,
  /\b100% free\b/i,
  /\bviagra\b/i,
  /\bcasino\b/i,
];

const SHORTENERS = /^https?:\/\/(bit\.ly|tinyurl\.com|goo\.gl|t\.co|ow\.ly|is\.gd|buff\.ly)\//i;

/** Score a message with simple heuristics; each rule that fires adds points and one reason. */
export function estimateSpamScore(input: SpamInput): SpamEstimate {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string): void => {
    score += points;
    reasons.push(`${reason} (+${points})`);
  };

  const letters = input.subject.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 8 && letters === letters.toUpperCase()) add(1.5, 'subject in capitals');
  if ((input.subject.match(/!/g) ?? []).length >= 2) add(1, 'subject with several "!"');
  if (!input.subject.trim()) add(1, 'no subject');
  if (!input.text) add(1.5, 'no text/plain part');
  if (!input.hasListUnsubscribe) add(1, 'no List-Unsubscribe');

  const visible = input.html ? (input.visibleText ?? toPlainText(input.html)) : '';
  const body = `${input.subject} ${input.text ?? ''} ${visible}`;
  const phrases = SPAM_PHRASES.filter((re) => re.test(body)).length;
  if (phrases > 0) add(Math.min(3, phrases * 0.5), `${phrases} spammy phrase(s)`);

  if (input.html) {
    const words = visible.split(' ').filter(Boolean).length;
    if (input.images > 0 && words < input.images * 40) add(1.5, 'mostly images, little text');
    if (words < 20) add(0.5, 'very little HTML text');
  }
  const shortened = input.links.filter((l) => SHORTENERS.test(l)).length;
  if (shortened > 0) add(1, `${shortened} link(s) through URL shorteners`);
  const ipLinks = input.links.filter((l) =>
    /^https?:\/\/\d{1,3}(\.\d{1,3}){3}(?::\d+)?(\/|$)/.test(l),
  ).length;
  if (ipLinks > 0) add(1.5, `${ipLinks} link(s) to bare IP addresses`);

  return { score: Math.round(score * 10) / 10, reasons };
}
