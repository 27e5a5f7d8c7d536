import type { OutgoingMessage, Transport } from './ports.js';

/** Signs one finished message: the same bytes with a DKIM-Signature header in front. */
export type MessageSigner = (message: Pick<OutgoingMessage, 'from' | 'to' | 'raw'>) => Promise<Buffer>;

/**
 * The one place messages are signed: wraps any transport (file outbox or SMTP), so what the outbox
 * keeps is byte for byte what a recipient's server receives, signature included. A signing
 * failure is temporary (the row is retried, and a run of them pauses the send).
 */
export function withDkim(transport: Transport, sign: MessageSigner): Transport {
  return {
    kind: transport.kind,
    concurrency: transport.concurrency,
    async send(message) {
      let raw: Buffer;
      try {
        raw = await sign(message);
      } catch (err) {
        const reply = `dkim: ${(err as Error).message ?? String(err)}`.replace(/\s+/g, ' ').slice(0, 500);
        return { ok: false, permanent: false, code: null, reply };
      }
      return transport.send({ ...message, raw });
    },
    close: () => transport.close(),
  };
}
