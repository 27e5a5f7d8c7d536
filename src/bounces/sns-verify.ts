import { createVerify, X509Certificate } from 'node:crypto';
import { parseHttpUrl } from '../domain/index.js';

/** Fetches a signing certificate (PEM) by URL; the wiring uses fetch, tests a local key pair. */
export type CertFetcher = (url: string) => Promise<string>;

/** An SNS message as posted to an HTTP(S) subscription. */
export interface SnsMessage {
  Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  Subject?: string;
  Token?: string;
  SubscribeURL?: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
}

export type SnsVerdict = { ok: true; message: SnsMessage } | { ok: false; reason: string };

/** SNS signing certificates live only on https://sns.<region>.amazonaws.com(.cn)/....pem. */
export function isSnsCertUrl(value: string): boolean {
  const url = parseHttpUrl(value);
  return (
    url !== null &&
    url.protocol === 'https:' &&
    url.port === '' &&
    /^sns\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/.test(url.hostname) &&
    url.pathname.endsWith('.pem')
  );
}

const str = (v: unknown): v is string => typeof v === 'string';

/** The canonical text AWS signs: fixed keys in a fixed order, each as "key\nvalue\n". */
export function snsStringToSign(m: SnsMessage): string {
  const keys =
    m.Type === 'Notification'
      ? [
          'Message',
          'MessageId',
          ...(m.Subject !== undefined ? ['Subject'] : []),
          'Timestamp',
          'TopicArn',
          'Type',
        ]
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const record = m as unknown as Record<string, string | undefined>;
  return keys.map((k) => `${k}\n${record[k] ?? ''}\n`).join('');
}

/**
 * Verifies SNS message signatures (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA) against
 * the certificate at SigningCertURL, which must be an Amazon SNS host over https; certificates
 * are cached by URL. Messages older than `maxAgeSeconds` are refused (replays).
 */
export function createSnsVerifier(options: {
  fetchCert: CertFetcher;
  maxAgeSeconds?: number;
  now?: () => Date;
}): (body: unknown) => Promise<SnsVerdict> {
  const cache = new Map<string, Promise<string>>();
  const maxAge = (options.maxAgeSeconds ?? 3600) * 1000;
  const now = options.now ?? (() => new Date());
  return async (body) => {
    const m = body as Partial<SnsMessage> | null;
    if (!m || typeof m !== 'object') return { ok: false, reason: 'not an SNS message' };
    if (!str(m.Type) || !str(m.MessageId) || !str(m.TopicArn) || !str(m.Message) || !str(m.Timestamp))
      return { ok: false, reason: 'SNS message lacks fields' };
    if (!str(m.Signature) || !str(m.SigningCertURL) || !str(m.SignatureVersion))
      return { ok: false, reason: 'unsigned' };
    if (!['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'].includes(m.Type))
      return { ok: false, reason: `unknown type ${m.Type}` };
    if (!isSnsCertUrl(m.SigningCertURL))
      return { ok: false, reason: 'certificate URL is not an Amazon SNS host' };
    const algorithm =
      m.SignatureVersion === '1' ? 'RSA-SHA1' : m.SignatureVersion === '2' ? 'RSA-SHA256' : null;
    if (!algorithm) return { ok: false, reason: `signature version ${m.SignatureVersion}` };
    const sent = Date.parse(m.Timestamp);
    if (!Number.isFinite(sent) || Math.abs(now().getTime() - sent) > maxAge)
      return { ok: false, reason: 'stale' };
    let pem = cache.get(m.SigningCertURL);
    if (!pem) {
      pem = options.fetchCert(m.SigningCertURL);
      cache.set(m.SigningCertURL, pem);
      pem.catch(() => cache.delete(m.SigningCertURL as string));
    }
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(await pem);
    } catch {
      return { ok: false, reason: 'certificate unreadable' };
    }
    const validTo = Date.parse(cert.validTo);
    if (Number.isFinite(validTo) && validTo < now().getTime())
      return { ok: false, reason: 'certificate expired' };
    const verifier = createVerify(algorithm);
    verifier.update(snsStringToSign(m as SnsMessage), 'utf8');
    const good = verifier.verify(cert.publicKey, m.Signature, 'base64');
    return good ? { ok: true, message: m as SnsMessage } : { ok: false, reason: 'bad signature' };
  };
}
