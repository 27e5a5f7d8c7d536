/**
 * RFC 3463 enhanced status codes to reasons. Only codes whose meaning is specific enough are
 * mapped; generic ones (x.0.0, 5.7.1 ...) are left to the diagnostic text.
 */
const BY_CODE: Record<string, string> = {
  '1.0': 'userunknown',
  '1.1': 'userunknown',
  '1.2': 'hostunknown',
  '1.3': 'userunknown',
  '1.4': 'userunknown',
  '1.5': 'userunknown',
  '1.6': 'hasmoved',
  '1.7': 'rejected',
  '1.8': 'rejected',
  '1.10': 'notaccept',
  '2.1': 'suspend',
  '2.2': 'mailboxfull',
  '2.3': 'exceedlimit',
  '2.4': 'systemerror',
  '3.0': 'systemerror',
  '3.1': 'systemfull',
  '3.2': 'notaccept',
  '3.3': 'systemerror',
  '3.4': 'mesgtoobig',
  '3.5': 'systemerror',
  '4.0': 'networkerror',
  '4.1': 'networkerror',
  '4.2': 'networkerror',
  '4.3': 'systemerror',
  '4.4': 'hostunknown',
  '4.5': 'networkerror',
  '4.6': 'networkerror',
  '4.7': 'expired',
  '5.0': 'syntaxerror',
  '5.1': 'syntaxerror',
  '5.2': 'syntaxerror',
  '5.3': 'syntaxerror',
  '5.4': 'syntaxerror',
  '5.5': 'syntaxerror',
  '5.6': 'syntaxerror',
  '6.0': 'contenterror',
  '6.1': 'contenterror',
  '6.2': 'contenterror',
  '6.3': 'contenterror',
  '6.5': 'contenterror',
  '6.6': 'contenterror',
  '7.0': 'securityerror',
  '7.2': 'rejected',
  '7.3': 'securityerror',
  '7.4': 'securityerror',
  '7.5': 'securityerror',
  '7.6': 'securityerror',
  '7.7': 'securityerror',
  '7.8': 'securityerror',
  '7.9': 'securityerror',
  '7.10': 'securityerror',
  '7.11': 'securityerror',
  '7.13': 'suspend',
  '7.14': 'securityerror',
  '7.15': 'securityerror',
  '7.16': 'exceedlimit',
  '7.17': 'hasmoved',
  '7.18': 'hasmoved',
  '7.20': 'authfailure',
  '7.21': 'authfailure',
  '7.22': 'authfailure',
  '7.23': 'authfailure',
  '7.24': 'authfailure',
  '7.25': 'requireptr',
  '7.26': 'authfailure',
  '7.27': 'notaccept',
  '7.28': 'spamdetected',
  '7.29': 'authfailure',
  '7.30': 'authfailure',
};

/** The reason an enhanced status code names on its own, if it is specific. */
export function reasonOfStatus(status: string): string | undefined {
  const dot = status.indexOf('.');
  return BY_CODE[status.slice(dot + 1)];
}

const STATUS_RE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

/** The first enhanced status code in a text ("#5.1.1", "550 5.1.1 ..."). */
export function findStatus(text: string): string | undefined {
  const m = STATUS_RE.exec(text);
  if (!m) return undefined;
  // Subjects above 7 and details above 30 are not status codes (version numbers, IPs).
  if (Number(m[2]) > 7 || Number(m[3]) > 30) return undefined;
  return `${m[1]}.${m[2]}.${m[3]}`;
}

const REPLY_RE = /(?:^|[\s(:;'"[])([45][0-5]\d)(?:[\s:-]|$)/m;

/** The first SMTP reply code (4xx or 5xx) in a text. */
export function findReplyCode(text: string): string | undefined {
  return REPLY_RE.exec(text)?.[1];
}

/** The last enhanced status code in a text: in "5.1.0 - Unknown address error 550 5.7.1 ..."
 * the reporting MTA's code comes first and the remote server's own last. */
export function findLastStatus(text: string): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(/\b[245]\.\d{1,3}\.\d{1,3}\b/g)) last = findStatus(m[0]) ?? last;
  return last;
}
