import { createHash } from 'node:crypto';
import type { BounceSource } from '../domain/bounce.js';
import { PaperpostError } from '../domain/errors.js';
import type { BounceProcessor, ProcessResult } from './process-bounce.js';
import { readBounce } from './read-mail.js';
import type { BounceReading } from './types.js';

/**
 * Whether bytes look like a mail at all: not empty, no NUL bytes in the head, and at least one
 * `Name: value` header line before the first blank line.
 */
export function assertReadableMail(raw: Buffer, name: string): void {
  if (raw.length === 0) throw new PaperpostError('bounces', 'not-a-mail', `${name}: empty file, not a mail`);
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024));
  if (head.includes(0)) throw new PaperpostError('bounces', 'not-a-mail', `${name}: binary data, not a mail`);
  const text = head.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = end < 0 ? text : text.slice(0, end);
  if (!/^[!-9;-~]+[ \t]*:/m.test(block))
    throw new PaperpostError('bounces', 'not-a-mail', `${name}: no mail header found, not a mail`);
}

/** Read one mail (after `assertReadableMail`). */
export async function readMailFile(raw: Buffer, name: string): Promise<BounceReading> {
  assertReadableMail(raw, name);
  return readBounce(raw);
}

/**
 * The fingerprint of a mail report: its Message-ID when it has one (the same bounce in an mbox
 * and in a maildir differs in line ends, not in its id), else a hash of its normalised bytes.
 */
export function mailFingerprint(raw: Buffer): string {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const id = /^message-id:\s*(<[^>\s]{3,250}>)/im.exec(head)?.[1];
  if (id) return `mail:${id}`;
  const normalised = text.replace(/\r\n/g, '\n').trimEnd();
  return `mail:${createHash('sha256').update(normalised, 'latin1').digest('hex')}`;
}

/** Read a mail and act on it; unreadable mails come back as `unreadable` instead of throwing. */
export async function ingestMail(
  processor: BounceProcessor,
  raw: Buffer,
  options: { source: BounceSource; name: string; envelopeTo?: readonly string[] },
): Promise<{ reading?: BounceReading; result: ProcessResult | { outcome: 'unreadable' } }> {
  let reading: BounceReading;
  try {
    reading = await readMailFile(raw, options.name);
  } catch (err) {
    if (err instanceof PaperpostError && err.code === 'not-a-mail')
      return { result: { outcome: 'unreadable' } };
    throw err;
  }
  const result = await processor.process({
    reading,
    source: options.source,
    fingerprint: mailFingerprint(raw),
    envelopeTo: options.envelopeTo,
    trustRecipient: false,
  });
  return { reading, result };
}
