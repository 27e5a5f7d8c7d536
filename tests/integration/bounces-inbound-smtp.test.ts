import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { createInboundSmtpServer, type InboundSmtpServer } from '../../src/bounces/inbound-smtp.js';
import { createVerpCodec } from '../../src/bounces/verp.js';

const verp = createVerpCodec(Buffer.alloc(32, 7), 'bounces.example.org');
const good = verp.address({ deliveryId: 5, subscriberId: 3 });
let server: InboundSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(
  options: { maxMessageBytes?: number; connectionsPerMinute?: number; fail?: boolean } = {},
) {
  const received: Array<{ raw: string; to: string[] }> = [];
  server = createInboundSmtpServer({
    verp,
    maxMessageBytes: options.maxMessageBytes ?? 100_000,
    connectionsPerMinute: options.connectionsPerMinute ?? 100,
    onMail: async (raw, to) => {
      if (options.fail) throw new Error('store down');
      received.push({ raw: raw.toString(), to });
    },
  });
  const { port } = await server.listen(0, '127.0.0.1');
  const send = async (to: string, body = 'Subject: bounce\r\n\r\nhello') => {
    const t = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true });
    try {
      return await t.sendMail({ envelope: { from: '', to: [to] }, raw: body });
    } finally {
      t.close();
    }
  };
  return { received, send };
}

describe('the inbound SMTP endpoint of the bounce domain', () => {
  it('takes mail for signed VERP addresses and hands it over with its envelope', async () => {
    const { received, send } = await start();
    await send(good);
    expect(received).toEqual([{ raw: expect.stringContaining('hello'), to: [good] }]);
  });

  it.each([
    ['an unsigned address', 'postmaster@bounces.example.org'],
    ['a forged signature', good.replace(/[0-9a-f]{20}@/, '0123456789abcdef0123@')],
    ['another domain', good.replace('bounces.example.org', 'example.com')],
  ])('refuses %s at RCPT TO with 550', async (_label, to) => {
    const { received, send } = await start();
    await expect(send(to)).rejects.toMatchObject({ responseCode: 550 });
    expect(received).toEqual([]);
  });

  it('refuses a mail over the size cap with 552', async () => {
    const { received, send } = await start({ maxMessageBytes: 2_000 });
    await expect(send(good, `Subject: big\r\n\r\n${'x'.repeat(5_000)}`)).rejects.toMatchObject({
      responseCode: 552,
    });
    expect(received).toEqual([]);
  });

  it('answers 421 to a client over its connection rate', async () => {
    const { received, send } = await start({ connectionsPerMinute: 2 });
    await send(good);
    await send(good);
    await expect(send(good)).rejects.toMatchObject({ responseCode: 421 });
    expect(received).toHaveLength(2);
  });

  it('answers 451 when the mail cannot be stored, so the sender retries', async () => {
    const { send } = await start({ fail: true });
    await expect(send(good)).rejects.toMatchObject({ responseCode: 451 });
  });
});
