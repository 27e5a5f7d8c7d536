import { Readable, type Writable } from 'node:stream';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import nodemailerPackage from 'nodemailer/package.json' with { type: 'json' };
import type { SendResult } from './ports.js';
import { isDataSafe } from './smtp-data.js';
import {
  classifySmtpError,
  oneLine,
  poolOptions,
  type SmtpMailer,
  type SmtpMailerOptions,
} from './smtp-shared.js';

/**
 * The one nodemailer release this adapter was measured and tested with. It reads nodemailer's
 * internals (the pool's mail object, the DATA stream's fields), so with any other release
 * installed `createSmtpMailer` uses the public API instead.
 */
export const FAST_PATH_NODEMAILER = '10.6.0';

/** Whether the installed nodemailer is the release this adapter knows. */
export function fastPathSupported(version: string = nodemailerPackage.version): boolean {
  return version === FAST_PATH_NODEMAILER;
}

type TransformFn = (chunk: unknown, encoding: BufferEncoding, done: () => void) => void;

/** What nodemailer 10.6's DATA stream (the escaper the message is piped into) holds. */
export interface DataEscaper extends Writable {
  _transform: TransformFn;
  push(chunk: Buffer): boolean;
  inByteCount: number;
  outByteCount: number;
  lastByte: number | false;
}

function isDataEscaper(dest: Writable): dest is DataEscaper {
  const d = dest as Partial<DataEscaper>;
  return typeof d._transform === 'function' && typeof d.inByteCount === 'number' && 'lastByte' in d;
}

/**
 * Gives ONE DATA stream (this message's) a fast path for chunks that need no change, which is every
 * chunk of a message from the MIME builder. nodemailer's escaping looks at each byte in
 * JavaScript: ~0.5 ms per 40 KB message, about 40% of the sending process's CPU in the bench:send
 * profile; `isDataSafe` uses the native indexOf (tens of us). A chunk that does need escaping
 * still goes through nodemailer's own code, so the bytes on the wire are the same for every input
 * (tests/unit/deliver/smtp-data.test.ts). Set on the instance, never on the prototype: nothing
 * else in the process is touched.
 */
export function speedUp(escaper: DataEscaper): void {
  const nodemailerEscape = escaper._transform;
  escaper._transform = function (this: DataEscaper, chunk, encoding, done) {
    if (!Buffer.isBuffer(chunk) || chunk.length === 0 || !isDataSafe(chunk, this.lastByte)) {
      nodemailerEscape.call(this, chunk, encoding, done);
      return;
    }
    // What nodemailer does for a chunk without anything to insert.
    this.inByteCount += chunk.length;
    this.outByteCount += chunk.length;
    this.push(chunk);
    this.lastByte = chunk[chunk.length - 1] ?? false;
    done();
  };
}

/**
 * The message as one chunk, readable once. It lets go of the bytes as soon as they are read:
 * pool connections live long enough to reach the old generation and would keep whatever they last
 * referenced alive until the next full GC.
 */
class OneShotMessage extends Readable {
  #bytes: Buffer | null;
  constructor(bytes: Buffer) {
    super();
    this.#bytes = bytes;
  }
  override _read(): void {
    const bytes = this.#bytes;
    this.#bytes = null;
    if (bytes) this.push(bytes);
    this.push(null);
  }
  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    if (isDataEscaper(destination as unknown as Writable)) speedUp(destination as unknown as DataEscaper);
    return super.pipe(destination, options);
  }
}

/**
 * The fast path, for nodemailer 10.6.0 only (see `fastPathSupported`): its SMTP pool fed finished
 * raw MIME directly, below `sendMail`, which skips the per-message MailComposer work a raw
 * message does not need (a MIME tree, address parsing, a generated Message-ID, a stream pipeline:
 * about an eighth of the CPU per message), plus the DATA fast path above. The mail object is what
 * the pool reads of a MailMessage in that release.
 */
export function createFastSmtpMailer(url: string, options: SmtpMailerOptions): SmtpMailer {
  const pool = new SMTPPool(poolOptions(url, options));
  // Failures reach each send's callback; a pool-level error event must not crash the process.
  pool.on('error', () => undefined);
  return {
    path: 'fast',
    send(message) {
      const envelope = { from: message.from, to: [message.to] };
      let bytes: Buffer | null = message.raw;
      const mail = {
        data: {},
        message: {
          getEnvelope: () => envelope,
          messageId: () => '',
          getHeader: () => '',
          createReadStream: (): Readable => {
            const stream = bytes ? new OneShotMessage(bytes) : Readable.from([]);
            if (!bytes) stream.destroy(new Error('message stream requested twice'));
            bytes = null;
            return stream;
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
