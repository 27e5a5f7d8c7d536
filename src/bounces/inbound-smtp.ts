import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { VerpCodec } from './verp.js';

/** What the inbound server hands over: one accepted mail and its signed envelope recipients. */
export type InboundHandler = (raw: Buffer, envelopeTo: string[], remoteAddress: string) => Promise<void>;

export interface InboundSmtpOptions {
  verp: VerpCodec;
  maxMessageBytes: number;
  /** New connections per minute from one IP address; more get 421. */
  connectionsPerMinute: number;
  onMail: InboundHandler;
  /** Failures of `onMail` (the sender is told 451 and retries later). */
  onError?: (err: unknown) => void;
}

export interface InboundSmtpServer {
  listen(port: number, host: string): Promise<{ port: number }>;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  readonly responseCode: number;
  constructor(code: number, message: string) {
    super(message);
    this.responseCode = code;
  }
}

/** Counts connections per IP in one-minute windows. */
function createConnectionLimiter(perMinute: number): (ip: string) => boolean {
  const windows = new Map<string, { start: number; count: number }>();
  return (ip) => {
    const now = Date.now();
    if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= 60_000) windows.delete(k);
    const w = windows.get(ip);
    if (!w || now - w.start >= 60_000) {
      windows.set(ip, { start: now, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= perMinute;
  };
}

/**
 * The SMTP endpoint of the bounce domain (smtp-server). It accepts mail only for signed VERP
 * addresses (anything else: 550 at RCPT TO, before any data), caps the size (SIZE is announced,
 * larger data gets 552) and the connection rate per IP (421), and offers no AUTH: the MX of a
 * bounce domain relays nothing. A mail is acknowledged only after `onMail` has stored it.
 */
export function createInboundSmtpServer(options: InboundSmtpOptions): InboundSmtpServer {
  const allow = createConnectionLimiter(options.connectionsPerMinute);
  const config: SMTPServerOptions = {
    name: options.verp.domain,
    banner: 'Paperpost bounce endpoint',
    size: options.maxMessageBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    maxClients: 50,
    socketTimeout: 60_000,
    logger: false,
    onConnect(session, callback) {
      if (!allow(session.remoteAddress))
        return callback(new SmtpReply(421, 'Too many connections, try later'));
      callback();
    },
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= 10) return callback(new SmtpReply(452, 'Too many recipients'));
      if (!options.verp.verify(address.address))
        return callback(new SmtpReply(550, '5.1.1 No such recipient here'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const s = stream as typeof stream & { sizeExceeded?: boolean };
        if (s.sizeExceeded) return callback(new SmtpReply(552, '5.3.4 Message too big'));
        const to = session.envelope.rcptTo.map((r) => r.address);
        options.onMail(Buffer.concat(chunks), to, session.remoteAddress).then(
          () => callback(),
          (err: unknown) => {
            options.onError?.(err);
            callback(new SmtpReply(451, '4.3.0 Temporary failure, try again later'));
          },
        );
      });
    },
  };
  const server = new SMTPServer(config);
  server.on('error', (err) => options.onError?.(err));
  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.server.address();
          resolve({ port: typeof address === 'object' && address ? address.port : port });
        });
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
