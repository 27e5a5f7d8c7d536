import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerPortOf } from '../../src/cli/wiring.js';
import { createSmtpTransport, drainLedgers } from '../../src/deliver/index.js';
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
      const summary = await drainLedgers(
        { ledger: ledgerPortOf(store), transport, personalize, sender: SENDER },
        FAST,
      );
      expect(summary).toMatchObject({ editions: [EDITION], sent: 60, failed: 0, deferred: 0 });
    } finally {
      await transport.close();
    }
    expect(sink.messages).toHaveLength(60);
    const ledger = await store.ledger.listDeliveries(EDITION, { limit: 100 });
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
});
