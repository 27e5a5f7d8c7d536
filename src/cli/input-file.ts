import { readFileSync } from 'node:fs';
import { readJsonFile } from '../config/load.js';
import { type Paper, PaperpostError, toPlainText } from '../domain/index.js';
import { isArxivId, latexToText } from '../normalize/index.js';

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

function inputStrings(value: unknown, file: string, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw badInput(file, `${where} must be an array of strings`);
  return value as string[];
}

function inputCount(value: unknown, file: string, where: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw badInput(file, `${where} must be a number >= 0`);
  return value;
}

/** An optional string field: null when absent or blank; anything else than a string is refused. */
function inputString(value: unknown, file: string, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badInput(file, `${where} must be a string`);
  return value.trim() === '' ? null : value;
}

/**
 * One paper of a papers file (`group`, `rank`, `render`, `preview --in`): `{id, title,
 * abstract|summary, ...}` as a hand-written file has it, or a whole paper as `parse --json` prints
 * it. Text reads as a run reads a feed's (see {@link readableText}); an arXiv id gets its abstract
 * and PDF links. A field of the wrong type is refused, naming the paper and the field; `sources`
 * may be a count ("in 2 sources") and is [] when absent (`rank` numbers its files' papers).
 */
export function inputPaper(raw: unknown, i: number, file: string): Paper {
  const where = `paper ${i + 1}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw badInput(file, `${where} is not an object`);
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id.trim() === '') throw badInput(file, `${where} has no "id" string`);
  const id = r.id;
  const at = `${where} (${id})`;
  if (typeof r.title !== 'string' || r.title.trim() === '')
    throw badInput(file, `${at} has no "title" string`);
  const text = r.abstract ?? r.summary ?? '';
  if (typeof text !== 'string') throw badInput(file, `${at}: "abstract"/"summary" must be a string`);
  const links = r.links ?? {};
  if (typeof links !== 'object' || links === null || Array.isArray(links))
    throw badInput(file, `${at}: "links" must be an object`);
  const link = (name: string): string | null =>
    inputString((links as Record<string, unknown>)[name], file, `${at} "links.${name}"`);
  const url = inputString(r.url, file, `${at} "url"`);
  // An arXiv id (2411.12345, hep-th/9901001) gets its abstract and PDF pages.
  const arxiv = isArxivId(id);
  const aiSummary = inputString(r.aiSummary, file, `${at} "aiSummary"`);
  const thumbnail = inputString(r.thumbnail, file, `${at} "thumbnail"`);
  const listedAt = inputString(r.listedAt, file, `${at} "listedAt"`);
  const sources =
    typeof r.sources === 'number'
      ? Array.from({ length: inputCount(r.sources, file, `${at} "sources"`) }, (_, k) => `source-${k + 1}`)
      : inputStrings(r.sources, file, `${at} "sources"`);
  return {
    id,
    title: readableText(r.title),
    url: url ?? (arxiv ? `https://arxiv.org/abs/${id}` : ''),
    authors: inputStrings(r.authors, file, `${at} "authors"`).map(readableText),
    published: inputString(r.published, file, `${at} "published"`),
    summary: readableText(text),
    aiSummary: aiSummary === null ? null : readableText(aiSummary),
    keywords: inputStrings(r.keywords, file, `${at} "keywords"`),
    categories: inputStrings(r.categories, file, `${at} "categories"`),
    upvotes: inputCount(r.upvotes, file, `${at} "upvotes"`),
    comments: inputCount(r.comments, file, `${at} "comments"`),
    sources,
    links: {
      abs: link('abs') ?? (arxiv ? `https://arxiv.org/abs/${id}` : url),
      pdf: link('pdf') ?? (arxiv ? `https://arxiv.org/pdf/${id}` : null),
      code: link('code') ?? inputString(r.githubRepo, file, `${at} "githubRepo"`),
      hf: link('hf'),
    },
    ...(thumbnail ? { thumbnail } : {}),
    ...(listedAt ? { listedAt } : {}),
  };
}
