const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

/**
 * True when `chunk` can go into an SMTP DATA stream as it is: every line break CRLF, no line
 * starting with a dot. `lastByte` is the stream's previous byte (false at its start), so a CRLF
 * or a line split across chunks is judged like nodemailer's DataStream judges it. Uses the
 * native `indexOf` (two calls per line) instead of a JavaScript loop over every byte: on a
 * 40 KB message, tens of microseconds instead of several hundred.
 */
export function isDataSafe(chunk: Buffer, lastByte: number | false): boolean {
  const length = chunk.length;
  if (length === 0) return true;
  const first = chunk[0];
  if (lastByte === CR && first !== LF) return false;
  if (first === DOT && (lastByte === false || lastByte === LF)) return false;
  let cr = chunk.indexOf(CR);
  let lf = chunk.indexOf(LF);
  while (lf !== -1) {
    // The LF must close a CRLF: its CR just before it, or as the previous chunk's last byte.
    if (lf === 0 ? lastByte !== CR : cr !== lf - 1) return false;
    if (lf + 1 < length && chunk[lf + 1] === DOT) return false;
    if (lf > 0) cr = chunk.indexOf(CR, lf + 1);
    lf = chunk.indexOf(LF, lf + 1);
  }
  // Any CR left is bare, unless it is the last byte (its LF may start the next chunk).
  return cr === -1 || cr === length - 1;
}
