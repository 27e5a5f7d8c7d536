import { createRequire } from 'node:module';
import { PaperpostError } from '../domain/errors.js';
import { CharsetUnsupportedError, type MimePart, parseHeaderBlock, readEntity } from './mime-lite.js';
import { classifyMail } from './read-bounce.js';
import type { BounceReading } from './types.js';

/** mailparser's reading, rebuilt as a MIME tree for the classifier. */
async function readWithMailparser(raw: Buffer): Promise<MimePart> {
  // Loaded on first need: nearly every bounce is read without it. By require(), not import():
  // the bundled CLI is a script with a code cache, where import() has no loader (code-cache.ts).
  const { simpleParser } = createRequire(import.meta.url)('mailparser') as typeof import('mailparser');
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const headers = parseHeaderBlock(mail.headerLines.map((h) => h.line).join('\n'));
  const children: MimePart[] = [];
  if (mail.text)
    children.push({ headers: [], contentType: 'text/plain', params: {}, text: mail.text, children: [] });
  for (const att of mail.attachments) {
    const type = att.contentType.toLowerCase();
    if (type === 'message/rfc822' || type === 'message/global') {
      children.push({
        headers: [],
        contentType: type,
        params: {},
        text: '',
        children: [readEntity(att.content.toString('latin1'))],
      });
    } else if (type.startsWith('message/') || type.startsWith('text/')) {
      children.push({
        headers: [],
        contentType: type,
        params: {},
        text: att.content.toString('utf8'),
        children: [],
      });
    }
  }
  return { headers, contentType: 'multipart/mixed', params: {}, text: '', children };
}

/**
 * Read one bounce, complaint or other mail. The light reader handles nearly every mail; one
 * with a charset TextDecoder does not know is read by mailparser instead.
 */
export async function readBounce(raw: Buffer): Promise<BounceReading> {
  if (raw.length === 0) throw new PaperpostError('bounces', 'empty-mail', 'the mail is empty');
  try {
    return classifyMail(readEntity(raw.toString('latin1')));
  } catch (err) {
    if (!(err instanceof CharsetUnsupportedError)) throw err;
    return classifyMail(await readWithMailparser(raw));
  }
}
