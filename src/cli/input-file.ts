import { readFileSync } from 'node:fs';
import { readJsonFile } from '../config/load.js';
import { PaperpostError, toPlainText } from '../domain/index.js';
import { latexToText } from '../normalize/index.js';

/** What a command says of an input file it cannot use: one line naming the file, exit 2. */
export function badInput(file: string, reason: string, cause?: unknown): PaperpostError {
  return new PaperpostError('cli', 'bad-input', `${file}: ${reason}`, cause === undefined ? {} : { cause });
}

/** The bytes of a file named on the command line. */
export function readInputFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw badInput(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, err);
  }
}

/**
 * The entries of a papers file named on the command line: a JSON array, or `{papers: [...]}` as
 * `parse --json` prints, each turned into a paper by `toPaper` (which throws on a bad entry).
 */
export function readPapersInput<T>(file: string, toPaper: (raw: unknown, i: number, file: string) => T): T[] {
  const data = readJsonFile(file, (_problem, reason, cause) => badInput(file, reason, cause));
  const list = Array.isArray(data) ? data : (data as { papers?: unknown } | null)?.papers;
  if (!Array.isArray(list)) throw badInput(file, 'expected an array of papers or {"papers": [...]}');
  return list.map((raw, i) => toPaper(raw, i, file));
}

/**
 * A title, abstract or author of a papers file as a run reads it from a feed: plain text, its
 * LaTeX as Unicode (`Schr\"odinger` -> Schrödinger, `$H^3$Fusion` -> H³Fusion), whitespace
 * collapsed; text `parse --json` printed comes back unchanged.
 */
export function readableText(text: string): string {
  return latexToText(toPlainText(text, undefined, { plain: true }));
}
