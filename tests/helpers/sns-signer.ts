import { execFileSync } from 'node:child_process';
import { createSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SnsMessage, snsStringToSign } from '../../src/bounces/sns-verify.js';

/** A test key pair with a self-signed certificate, standing in for Amazon SNS's signing certificate. */
export interface TestSnsSigner {
  certPem: string;
  certUrl: string;
  /** A signed SNS message of `type` carrying `message` (SignatureVersion 1 or 2). */
  sign(fields: Partial<SnsMessage> & Pick<SnsMessage, 'Message'>, version?: '1' | '2'): SnsMessage;
}

/** Makes the key pair with the system's openssl (no network, nothing from Amazon). */
export function createTestSnsSigner(): TestSnsSigner {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-sns-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=sns.us-east-1.amazonaws.com',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const keyPem = readFileSync(path.join(dir, 'key.pem'), 'utf8');
    const certPem = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    const certUrl = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem';
    return {
      certPem,
      certUrl,
      sign(fields, version = '2') {
        const m: SnsMessage = {
          Type: 'Notification',
          MessageId: `msg-${Math.random().toString(36).slice(2)}`,
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:ses-bounces',
          Timestamp: new Date().toISOString(),
          SignatureVersion: version,
          Signature: '',
          SigningCertURL: certUrl,
          ...fields,
        };
        const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
        signer.update(snsStringToSign(m), 'utf8');
        return { ...m, Signature: signer.sign(keyPem, 'base64') };
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
