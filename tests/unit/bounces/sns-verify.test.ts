import { describe, expect, it } from 'vitest';
import { createSnsVerifier, isSnsCertUrl } from '../../../src/bounces/sns-verify.js';
import { createTestSnsSigner } from '../../helpers/sns-signer.js';

const signer = createTestSnsSigner();
const verify = createSnsVerifier({
  fetchCert: async (url) => {
    if (url !== signer.certUrl) throw new Error('unknown certificate');
    return signer.certPem;
  },
});

describe('SNS signature verification', () => {
  it.each(['1', '2'] as const)('accepts a message signed with SignatureVersion %s', async (version) => {
    const m = signer.sign(
      { Message: '{"notificationType":"Bounce"}', Subject: 'Amazon SES Email Event' },
      version,
    );
    expect(await verify(m)).toEqual({ ok: true, message: m });
  });

  it('fetches each certificate once', async () => {
    const urls: string[] = [];
    const fresh = createSnsVerifier({
      fetchCert: async (url) => {
        urls.push(url);
        return signer.certPem;
      },
    });
    expect((await fresh(signer.sign({ Message: 'a' }))).ok).toBe(true);
    expect((await fresh(signer.sign({ Message: 'b' }))).ok).toBe(true);
    expect(urls).toEqual([signer.certUrl]);
  });

  const signed = signer.sign({ Message: '{"notificationType":"Complaint"}' });
  it.each([
    ['a changed message', { ...signed, Message: '{"notificationType":"Bounce"}' }, 'bad signature'],
    ['a changed topic', { ...signed, TopicArn: 'arn:aws:sns:us-east-1:1:other' }, 'bad signature'],
    ['no signature', { ...signed, Signature: undefined }, 'unsigned'],
    [
      'a certificate on another host',
      { ...signed, SigningCertURL: 'https://evil.example/cert.pem' },
      'certificate URL is not an Amazon SNS host',
    ],
    [
      'a certificate over http',
      { ...signed, SigningCertURL: 'http://sns.us-east-1.amazonaws.com/c.pem' },
      'certificate URL is not an Amazon SNS host',
    ],
    [
      'an old message (replay)',
      signer.sign({ Message: 'x', Timestamp: '2020-01-01T00:00:00.000Z' }),
      'stale',
    ],
    ['an unknown signature version', { ...signed, SignatureVersion: '3' }, 'signature version 3'],
    ['no message at all', null, 'not an SNS message'],
  ])('refuses %s', async (_label, body, reason) => {
    expect(await verify(body)).toEqual({ ok: false, reason });
  });

  it.each([
    ['https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem', true],
    ['https://sns.cn-north-1.amazonaws.com.cn/x.pem', true],
    ['https://sns.us-east-1.amazonaws.com.evil.org/x.pem', false],
    ['https://evil.org/sns.us-east-1.amazonaws.com/x.pem', false],
    ['https://sns.us-east-1.amazonaws.com:8443/x.pem', false],
    ['https://sns.us-east-1.amazonaws.com/x.txt', false],
    ['not a url', false],
  ])('isSnsCertUrl(%s) = %s', (url, ok) => {
    expect(isSnsCertUrl(url)).toBe(ok);
  });
});
