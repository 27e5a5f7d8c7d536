import { generateKeyPairSync } from 'node:crypto';
import { authenticate } from 'mailauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpTransport, sendEditions } from '../../src/deliver/index.js';
import type { Store } from '../../src/store/index.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';
import { FAST, makeVariant, personalize, SENDER } from '../unit/deliver/fixtures.js';
import { closeDeliverEnv, EDITION, emailOf, openDeliverEnv, seedEdition } from './deliver-fixture.js';

let dir: string;
let store: Store;
let sink: SmtpSink;
beforeEach(async () => {
  ({ dir, store, sink } = await openDeliverEnv('pp-deliver-smtp-'));
});
afterEach(() => closeDeliverEnv({ dir, store, sink }));

function headerBlock(raw: Buffer): string[] {
  const text = raw.toString('utf8');
  return text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n');
}

describe('send over SMTP into a real server', () => {
  it('delivers every recipient once with one-line list headers and the ledger Message-ID', async () => {
    await seedEdition(store, 60, makeVariant('daily:*', 40));
    const transport = createSmtpTransport(sink.url, { maxConnections: 3 });
    try {
      const summary = await sendEditions({ ledger: store, transport, personalize, sender: SENDER }, FAST);
      expect(summary).toMatchObject({ editions: [EDITION], sent: 60, failed: 0, deferred: 0 });
    } finally {
      await transport.close();
    }
    expect(sink.messages).toHaveLength(60);
    const ledger = await store.listDeliveries(EDITION, { limit: 100 });
    for (const row of ledger) {
      expect(row.state).toBe('sent');
      const received = sink.messagesTo(row.email);
      expect(received).toHaveLength(1);
      expect(received[0]?.messageId).toBe(row.messageId);
      expect(received[0]?.from).toBe(SENDER.fromAddress);
    }
    const lines = headerBlock(sink.messagesTo(emailOf(7))[0]!.raw);
    expect(lines.every((l) => !/^[ \t]/.test(l))).toBe(true);
    expect(lines.find((l) => l.startsWith('List-Unsubscribe:'))).toMatch(
      /^List-Unsubscribe: <https:\/\/paperpost\.test\/u\/\d+\?t=tok\d+>, <mailto:unsubscribe@paperpost\.test\?subject=unsubscribe>$/,
    );
    expect(lines).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(lines.some((l) => l.startsWith('Date: '))).toBe(true);
    const mail = await sink.messagesTo(emailOf(7))[0]!.parse();
    expect(mail.subject).toBe('Paperpost daily — 12 papers');
    expect(mail.html).toContain(`Unsubscribe ${emailOf(7)}`);
    expect(mail.text).toContain('Unsubscribe: https://paperpost.test/u/');
  });

  it('signs with DKIM when configured, and the signature verifies (mailauth)', async () => {
    await seedEdition(store, 3, makeVariant('daily:*', 10));
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const dnsValue = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    const transport = createSmtpTransport(sink.url, {
      dkim: { domainName: 'paperpost.test', keySelector: 'pp2024', privateKey: pem },
    });
    try {
      await sendEditions({ ledger: store, transport, personalize, sender: SENDER }, FAST);
    } finally {
      await transport.close();
    }
    expect(sink.messages).toHaveLength(3);
    for (const message of sink.messages) {
      const result = await authenticate(message.raw, {
        ip: '127.0.0.1',
        helo: 'localhost',
        sender: SENDER.fromAddress,
        mta: 'mx.test',
        disableArc: true,
        disableBimi: true,
        resolver: async (name: string, type: string) => {
          if (type === 'TXT' && name === 'pp2024._domainkey.paperpost.test') return [[dnsValue]];
          throw Object.assign(new Error(`no ${type} for ${name}`), { code: 'ENOTFOUND' });
        },
      });
      const dkim = result.dkim.results[0];
      expect(dkim?.signingDomain).toBe('paperpost.test');
      expect(dkim?.status.result).toBe('pass');
      // The list headers are covered by the signature, so folding downstream would break it.
      expect(headerBlock(message.raw).find((l) => l.startsWith('DKIM-Signature:'))).toBeDefined();
    }
  });
});
