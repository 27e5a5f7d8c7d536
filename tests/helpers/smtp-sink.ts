/**
 * A real SMTP server on loopback for tests: records what it received and can refuse or drop on
 * demand. Reusable by any test that sends mail.
 *
 * ```ts
 * const sink = await startSmtpSink({ fault: ({ stage, to }) => (to === 'bad@x.test' ? 550 : undefined) });
 * // send to sink.url (smtp://127.0.0.1:<port>) ...
 * expect(sink.messagesTo('good@x.test')).toHaveLength(1);
 * const mail = await sink.messages[0]!.parse(); // mailparser ParsedMail
 * await sink.close();
 * ```
 */
import type { AddressInfo, createServer as createNetServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A refusal code to reply with, or `'drop'` to cut the connection without a reply. */
export type SmtpFault = 421 | 450 | 451 | 452 | 550 | 552 | 554 | 'drop';

/** What a fault rule sees for one recipient at one stage. */
export interface FaultContext {
  /** `rcpt`: at RCPT TO (nothing received yet); `data`: after the whole message was read. */
  stage: 'rcpt' | 'data';
  /** Envelope recipient (lowercased). */
  to: string;
  /** How many times this recipient was seen at this stage before (0 on the first try). */
  previous: number;
  /** Raw message (only at the `data` stage). */
  raw?: Buffer;
}

/** Decides per recipient and stage; return undefined to accept. */
export type FaultRule = (ctx: FaultContext) => SmtpFault | undefined;

/** One accepted message as received. */
export interface SinkMessage {
  from: string;
  /** Envelope recipients, lowercased. */
  to: string[];
  raw: Buffer;
  /** Message-ID header as received (with angle brackets), or null. */
  messageId: string | null;
  /** Parses the message with mailparser. */
  parse(): Promise<ParsedMail>;
}

/** Fault rule and arrival hook, both optional. */
export interface SmtpSinkOptions {
  fault?: FaultRule;
  /** Called for every accepted message (e.g. to kill a sender at a random point). */
  onMessage?: (message: SinkMessage) => void;
}

/** A running sink: where it listens and what it received. */
export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  /** Accepted messages, in arrival order. */
  readonly messages: SinkMessage[];
  /** Accepted messages for one recipient (case-insensitive). */
  messagesTo(address: string): SinkMessage[];
  /** Replace the fault rule (undefined accepts everything). */
  setFault(rule: FaultRule | undefined): void;
  /** Refusals and drops done so far, for assertions on retry behaviour. */
  readonly faults: Array<{ stage: 'rcpt' | 'data'; to: string; fault: SmtpFault }>;
  close(): Promise<void>;
}

function headerValue(raw: Buffer, name: string): string | null {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);
  return match?.[1]?.trim() ?? null;
}

function smtpError(code: number): Error & { responseCode: number } {
  const text =
    code === 421 ? 'Service busy, try later' : code >= 500 ? 'No such user here' : 'Try again later';
  return Object.assign(new Error(text), { responseCode: code });
}

/** Starts a recording SMTP server on 127.0.0.1 and a free port. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  let rule = options.fault;
  const messages: SinkMessage[] = [];
  const faults: SmtpSink['faults'] = [];
  const seen = new Map<string, number>();
  const count = (stage: string, to: string) => {
    const key = `${stage}:${to}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n;
  };
  const drop = (session: SMTPServerSession) => {
    for (const conn of server.connections as Set<{ id: string; _socket?: { destroy(): void } }>) {
      if (conn.id === session.id) conn._socket?.destroy();
    }
  };
  const server: SMTPServer & { connections: Set<unknown> } = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    onRcptTo(address, session, callback) {
      const to = address.address.toLowerCase();
      const fault = rule?.({ stage: 'rcpt', to, previous: count('rcpt', to) });
      if (fault === undefined) return callback();
      faults.push({ stage: 'rcpt', to, fault });
      if (fault === 'drop') return drop(session);
      callback(smtpError(fault));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        for (const rcpt of to) {
          const fault = rule?.({ stage: 'data', to: rcpt, previous: count('data', rcpt), raw });
          if (fault === undefined) continue;
          faults.push({ stage: 'data', to: rcpt, fault });
          if (fault === 'drop') return drop(session);
          return callback(smtpError(fault));
        }
        const mailFrom = session.envelope.mailFrom;
        const message: SinkMessage = {
          from: mailFrom ? mailFrom.address : '',
          to,
          raw,
          messageId: headerValue(raw, 'Message-ID'),
          parse: () => simpleParser(raw),
        };
        messages.push(message);
        options.onMessage?.(message);
        callback(null, 'OK: queued');
      });
    },
  }) as SMTPServer & { connections: Set<unknown> };
  server.on('error', () => undefined);

  const port = await new Promise<number>((resolve, reject) => {
    server.listen(0, '127.0.0.1', () => {
      const address = (server as unknown as { server: ReturnType<typeof createNetServer> }).server.address();
      resolve((address as AddressInfo).port);
    });
    server.once('error', reject);
  });

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    faults,
    messagesTo: (address) => messages.filter((m) => m.to.includes(address.toLowerCase())),
    setFault(next) {
      rule = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const conn of server.connections as Set<{ _socket?: { destroy(): void } }>)
          conn._socket?.destroy();
        server.close(() => resolve());
      }),
  };
}
