import { PaperpostError } from '../domain/index.js';

/** One CSV record: its fields, or why it is unreadable; `line` is where it starts (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the record breaks CSV syntax; the reader goes on at the next line. */
  error?: string;
}

/** A quoted field longer than this is taken for a quote that never closes (memory stays flat). */
const MAX_FIELD_CHARS = 64 * 1024;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

function refuse(name: string, line: number, reason: string): PaperpostError {
  return new PaperpostError('subscribers', 'bad-input', `${name}:${line}: ${reason}`);
}

/**
 * Text of the file's bytes, chunk by chunk: UTF-8 (a BOM is dropped), refused as a whole when
 * it is UTF-16, binary (a NUL byte) or not valid UTF-8.
 */
async function* decodeUtf8(chunks: AsyncIterable<Uint8Array | string>, name: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let line = 1;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (first && bytes.length >= 2) {
      const [a, b] = bytes;
      if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff))
        throw refuse(name, 1, 'UTF-16 text; save the file as UTF-8 CSV');
    }
    first = false;
    const nul = bytes.indexOf(0);
    let text: string;
    try {
      if (nul >= 0) throw new Error('NUL');
      text = decoder.decode(bytes, { stream: true });
    } catch {
      // The line of the first NUL or undecodable byte.
      const loose = new TextDecoder('utf-8').decode(nul >= 0 ? bytes.subarray(0, nul) : bytes);
      const bad = nul >= 0 ? loose.length : Math.max(0, loose.indexOf('\ufffd'));
      const at = line + (loose.slice(0, bad).match(/\n/g)?.length ?? 0);
      throw refuse(name, at, 'not a UTF-8 text file (binary data or another encoding)');
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line += 1;
    yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw refuse(name, line, 'not a UTF-8 text file (the last character is cut)');
  }
}

/**
 * RFC 4180 records from a stream of bytes, a batch per chunk read, with the line each starts on
 * (CRLF, LF and lone CR each end one line). Empty lines are skipped. A record that breaks the
 * syntax (a quote inside an unquoted field, text after a closing quote) comes with `error` and
 * reading goes on at the next line; a quote that never closes refuses the whole file, naming
 * the line it opened on.
 */
export async function* readCsvBatches(
  chunks: AsyncIterable<Uint8Array | string>,
  name: string,
): AsyncGenerator<CsvRecord[]> {
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let afterQuote = false; // a quote seen inside a quoted field: closing, or the first of ""
  let wasQuoted = false; // the current field was quoted (so `""` is a field, not an empty line)
  let error: string | undefined;
  let lastCr = false;

  const endRecord = (): CsvRecord | undefined => {
    fields.push(field);
    const empty = fields.length === 1 && field === '' && !wasQuoted && error === undefined;
    const record: CsvRecord =
      error === undefined ? { line: recordLine, fields } : { line: recordLine, fields, error };
    fields = [];
    field = '';
    wasQuoted = false;
    error = undefined;
    return empty ? undefined : record;
  };

  for await (const text of decodeUtf8(chunks, name)) {
    const batch: CsvRecord[] = [];
    let run = -1; // start of the plain characters of an unquoted field not yet added to `field`
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const crlf = lastCr && c === LF;
      lastCr = c === CR;
      if (crlf) continue; // the LF of a CRLF: that line already ended at its CR
      const newline = c === LF || c === CR;
      if (quoted && !afterQuote) {
        if (c === QUOTE) afterQuote = true;
        else {
          if (newline) line += 1;
          field += newline ? '\n' : text[i];
          if (field.length > MAX_FIELD_CHARS)
            throw refuse(name, recordLine, 'a quoted field runs past 64 KiB: a quote that never closes?');
        }
        continue;
      }
      if (quoted && afterQuote) {
        afterQuote = false;
        if (c === QUOTE) {
          field += '"';
          continue;
        }
        quoted = false; // that quote closed the field; c is handled below
        if (c !== COMMA && !newline && error === undefined) error = 'text after a closing quote';
      }
      const plain = !newline && c !== COMMA && c !== QUOTE;
      if (plain) {
        if (run < 0 && error === undefined) run = i;
        continue;
      }
      if (run >= 0) {
        field += text.slice(run, i);
        run = -1;
      }
      if (newline) {
        line += 1;
        const record = endRecord();
        recordLine = line;
        if (record) batch.push(record);
      } else if (error !== undefined) {
        // skip the rest of a broken record's line
      } else if (c === COMMA) {
        fields.push(field);
        field = '';
        wasQuoted = false;
      } else if (field === '' && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else error = 'a quote inside an unquoted field';
    }
    if (run >= 0) field += text.slice(run);
    if (field.length > MAX_FIELD_CHARS)
      throw refuse(name, recordLine, 'a field runs past 64 KiB: not a subscriber list?');
    if (batch.length > 0) yield batch;
  }
  if (quoted && !afterQuote) throw refuse(name, recordLine, 'a quoted field never closes');
  const record = endRecord();
  if (record) yield [record];
}

/** Records one by one (see readCsvBatches). */
export async function* readCsvRecords(
  chunks: AsyncIterable<Uint8Array | string>,
  name: string,
): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(chunks, name)) yield* batch;
}
