import { PaperpostError } from '../domain/index.js';

/** Refuses XML that declares entities: no billion laughs, no external entities (XXE). */
export function assertNoEntityDeclarations(text: string, sourceId: string): void {
  if (/<!DOCTYPE/i.test(text) && /<!ENTITY/i.test(text)) {
    throw new PaperpostError('ingest', 'parse-failed', `${sourceId}: XML entity declarations are refused`);
  }
}

/** Name of the root element, skipping the prolog, comments, processing instructions and DOCTYPE. */
export function rootElement(text: string): string | undefined {
  let i = 0;
  const limit = Math.min(text.length, 1_000_000);
  while (i < limit) {
    const lt = text.indexOf('<', i);
    if (lt < 0 || lt >= limit) return undefined;
    if (text.startsWith('<?', lt)) i = after(text, '?>', lt);
    else if (text.startsWith('<!--', lt)) i = after(text, '-->', lt);
    else if (text.startsWith('<!', lt)) i = afterDoctype(text, lt);
    else return /^<([A-Za-z_][\w:.-]*)/.exec(text.slice(lt, lt + 200))?.[1];
    if (i < 0) return undefined;
  }
  return undefined;
}

function after(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
}

function afterDoctype(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (bracket < 0 || close < bracket) return close < 0 ? -1 : close + 1;
  const end = /\]\s*>/g;
  end.lastIndex = bracket;
  const match = end.exec(text);
  return match ? match.index + match[0].length : -1;
}
