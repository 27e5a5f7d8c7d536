import { Writable } from 'node:stream';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { describe, expect, it } from 'vitest';
import { isDataSafe } from '../../../src/deliver/smtp-data.js';
import { type DataEscaper, speedUp } from '../../../src/deliver/smtp-fast-path.js';

type Transform = (chunk: unknown, encoding: BufferEncoding, done: () => void) => void;
const proto = DataStream.prototype as DataStream & { _transform: Transform };
const nodemailerTransform = proto._transform;

/**
 * Writes `chunks` through a DataStream (nodemailer's own, or with the fast path on that one
 * instance) and returns what came out, with its byte counters.
 */
async function runDataStream(chunks: Buffer[], fast = false) {
  const stream = new DataStream();
  if (fast) speedUp(stream as unknown as DataEscaper);
  const out: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.push(chunk);
      done();
    },
  });
  const finished = new Promise((resolve) => sink.on('finish', resolve));
  stream.pipe(sink);
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await finished;
  return { bytes: Buffer.concat(out).toString('latin1'), in: stream.inByteCount, out: stream.outByteCount };
}

const CR = 0x0d;
const LF = 0x0a;

describe('isDataSafe', () => {
  it.each<[string, string, number | false, boolean]>([
    ['plain CRLF lines', 'a\r\nb\r\n', false, true],
    ['no line break at all', 'abc', false, true],
    ['empty', '', false, true],
    ['dot at the start of the stream', '.a\r\n', false, false],
    ['dot at the start of a line', 'a\r\n.b', false, false],
    ['dot inside a line', 'a.b\r\n', false, true],
    ['dot after a LF that ended the previous chunk', '.a', LF, false],
    ['dot after a CR that ended the previous chunk', '.a', CR, false],
    ['LF completing a CRLF split across chunks', '\nb', CR, true],
    ['dot after a CRLF split across chunks', '\n.', CR, false],
    ['bare LF', 'a\nb', false, false],
    ['bare LF first, not after a CR', '\nb', 0x61, false],
    ['bare CR inside', 'a\rb\r\n', false, false],
    ['bare CR before a CRLF', 'a\r\r\n', false, false],
    ['bare CR after the last line break', 'a\r\nb\rc', false, false],
    ['CR as the last byte (its LF may follow)', 'a\r\nb\r', false, true],
    ['CR then LF then CR at the end', '\r\n\r', false, true],
  ])('%s', (_name, text, lastByte, safe) => {
    expect(isDataSafe(Buffer.from(text, 'latin1'), lastByte)).toBe(safe);
  });
});

describe('DataStream fast path', () => {
  it('sends the same bytes as nodemailer for every input and every chunking', async () => {
    // Mostly well-formed text (so the fast path runs) with the characters that need escaping.
    const alphabet = ['a', 'b', '.', '\r\n', '\r\n', '\r\n.', '\r', '\n', '..', '\r\n\r\n'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 400; round++) {
      const parts = Array.from({ length: 1 + random(40) }, () => alphabet[random(alphabet.length)]);
      const bytes = Buffer.from(parts.join(''), 'latin1');
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const size = round % 4 === 0 ? bytes.length : 1 + random(8);
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      const expected = await runDataStream(chunks);
      expect(await runDataStream(chunks, true), JSON.stringify(parts)).toEqual(expected);
    }
  });

  it('passes a finished message through untouched, ended by the terminator', async () => {
    const message = Buffer.from('Subject: hi\r\n\r\nline one\r\nline. two\r\n', 'latin1');
    const result = await runDataStream([message], true);
    expect(result.bytes).toBe(`${message.toString('latin1')}.\r\n`);
    expect(result).toMatchObject({ in: message.length, out: message.length + 3 });
  });

  it("changes only the instance it was given: the prototype stays nodemailer's", () => {
    const stream = new DataStream();
    speedUp(stream as unknown as DataEscaper);
    expect(proto._transform).toBe(nodemailerTransform);
    expect((stream as unknown as DataEscaper)._transform).not.toBe(nodemailerTransform);
    expect((new DataStream() as unknown as DataEscaper)._transform).toBe(nodemailerTransform);
  });
});
