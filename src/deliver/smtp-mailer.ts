import { PassThrough, type Readable } from 'node:stream';
import DKIM from 'nodemailer/lib/dkim';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import type { OutgoingMessage, SendResult } from './ports.js';
import { isDataSafe } from './smtp-data.js';

/** Settings of one nodemailer pool. */
export interface SmtpMailerOptions {
  maxConnections: number;
  maxMessagesPerConnection: number;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  socketTimeoutMs: number;
  connectTimeoutMs: number;
}

/** One nodemailer pool that sends finished raw messages. */
export interface SmtpMailer {
  send(message: Pick<OutgoingMessage, 'from' | 'to' | 'raw'>): Promise<SendResult>;
  close(): void;
}

interface SmtpError {
  message?: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

/** One line, no controls, bounded: a reply fit for the ledger and the logs. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/**
 * Classifies a nodemailer failure. 5xx at RCPT TO or after DATA is the recipient's (permanent);
 * 4xx, dropped connections, timeouts and protocol trouble are temporary. A 5xx before any recipient
 * (greeting, AUTH, MAIL FROM) is about us, not the subscriber: temporary, so it pauses the run
 * instead of suppressing the whole list.
 */
export function classifySmtpError(err: unknown): Extract<SendResult, { ok: false }> {
  const e = (err ?? {}) as SmtpError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const reply = oneLine(e.response || e.message || String(err));
  const recipientStage = e.command === 'RCPT TO' || e.command === 'DATA' || e.command === 'DATA end';
  if (code !== null && code >= 500 && recipientStage) return { ok: false, permanent: true, code, reply };
  // nodemailer refuses an address it cannot put on the wire before talking to the server.
  if (code === null && e.code === 'EENVELOPE' && e.command === 'API')
    return { ok: false, permanent: true, code, reply };
  return { ok: false, permanent: false, code, reply };
}

type TransformFn = (chunk: unknown, encoding: BufferEncoding, done: () => void) => void;
const FAST_PATH = Symbol.for('paperpost.dataStreamFastPath');

/**
 * Gives nodemailer's DATA escaping (DataStream: bare CR/LF to CRLF, dot-stuffing) a fast path for
 * chunks that need no change, which is every chunk of a message from the MIME builder. The
 * original looks at each byte in JavaScript: several hundred us per 40 KB message, about 40% of
 * the sending process's CPU in the bench:send profile; the check here uses the native indexOf
 * (tens of us). A chunk that does need escaping still goes through nodemailer's own code, so the
 * bytes on the wire are the same for every input (pinned nodemailer 10.6;
 * tests/unit/deliver/smtp-data.test.ts compares both on hostile inputs and chunkings). Installed
 * once per process, on the prototype: nodemailer's pool creates the DataStream itself.
 */
export function installDataStreamFastPath(): void {
  const proto = DataStream.prototype as DataStream & { _transform: TransformFn; [FAST_PATH]?: true };
  if (proto[FAST_PATH]) return;
  const nodemailerEscape = proto._transform;
  proto._transform = function (this: DataStream, chunk, encoding, done) {
    if (!Buffer.isBuffer(chunk) || chunk.length === 0 || !isDataSafe(chunk, this.lastByte)) {
      nodemailerEscape.call(this, chunk, encoding, done);
      return;
    }
    // What the original does for a chunk without anything to insert.
    this.inByteCount += chunk.length;
    this.outByteCount += chunk.length;
    this.push(chunk);
    this.lastByte = chunk[chunk.length - 1] ?? false;
    done();
  };
  proto[FAST_PATH] = true;
}

/**
 * The one place nodemailer is used: its SMTP pool, fed finished raw MIME directly. Going below
 * `sendMail` skips the per-message MailComposer work (a MIME tree, address parsing, a generated
 * Message-ID, a stream pipeline) that a raw message does not need: about an eighth of the CPU per
 * message in the profile. DKIM, when enabled, signs each message with nodemailer's own signer.
 * Dropped connections are not re-queued inside nodemailer (maxRequeues 0): the send loop decides,
 * with back-off, so every attempt is counted in the ledger. The mail object below is what the pool
 * reads of a MailMessage in nodemailer 10.6 (pinned); tests/integration/deliver-*.test.ts cover it.
 */
export function createSmtpMailer(url: string, options: SmtpMailerOptions): SmtpMailer {
  installDataStreamFastPath();
  const pool = new SMTPPool({
    url,
    maxConnections: options.maxConnections,
    maxMessages: options.maxMessagesPerConnection,
    maxRequeues: 0,
    socketTimeout: options.socketTimeoutMs,
    connectionTimeout: options.connectTimeoutMs,
    greetingTimeout: options.connectTimeoutMs,
  });
  // Failures reach each send's callback; a pool-level error event must not crash the process.
  pool.on('error', () => undefined);
  const dkim = options.dkim ? new DKIM(options.dkim) : null;
  return {
    send(message) {
      const envelope = { from: message.from, to: [message.to] };
      // Only the stream holds the bytes, and it lets go of them once nodemailer has read them.
      // Connection objects live long enough to reach the old generation and keep whatever they
      // last referenced alive until the next full GC: with a connection replaced every 100
      // messages, holding the bytes here kept up to ~30 MB of sent messages at 100k.
      let bytes: Buffer | null = message.raw;
      const mail = {
        data: {},
        message: {
          getEnvelope: () => envelope,
          messageId: () => '',
          getHeader: () => '',
          createReadStream: (): Readable => {
            const raw = new PassThrough();
            if (bytes) raw.end(bytes);
            else raw.destroy(new Error('message stream requested twice'));
            bytes = null;
            return dkim ? dkim.sign(raw) : raw;
          },
        },
      } as unknown as Parameters<SMTPPool['send']>[0];
      return new Promise<SendResult>((resolve) => {
        pool.send(mail, (err, info) => {
          if (err) resolve(classifySmtpError(err));
          else resolve({ ok: true, reply: oneLine(String(info?.response ?? '250 accepted')) });
        });
      });
    },
    close() {
      pool.close();
    },
  };
}
