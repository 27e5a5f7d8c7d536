import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingMessage, SendResult, Transport } from './ports.js';

/** A file-name-safe form of an edition id or an address. */
export function safeFileName(value: string, maxLength = 120): string {
  const clean = value
    .toLowerCase()
    .replace(/[^a-z0-9._@+-]+/g, '_')
    .replace(/^\.+/, '_');
  return clean.slice(0, maxLength) || '_';
}

/** The key of one delivery of an edition: `<editionId>/<NNNNNN>`, its outbox file's folder and name. */
export function deliveryKey(editionId: string, deliveryId: number): string {
  return `${editionId}/${String(deliveryId).padStart(6, '0')}`;
}

/**
 * `<dir>/<folder>/<name>-<safe-email>.eml` for a message whose key is `<folder>/<name>` (a key
 * without a slash is a file directly in `dir`). Every part is made file-name-safe, so no key or
 * address leaves `dir`.
 */
export function outboxPath(dir: string, message: Pick<OutgoingMessage, 'key' | 'to'>): string {
  const slash = message.key.lastIndexOf('/');
  const name = `${safeFileName(message.key.slice(slash + 1))}-${safeFileName(message.to)}.eml`;
  return slash < 0 ? path.join(dir, name) : path.join(dir, safeFileName(message.key.slice(0, slash)), name);
}

/**
 * The default transport: one `.eml` file per delivery. Writes go to a temporary file renamed into
 * place, so a crash never leaves half a message, and a re-send overwrites the same file (idempotent).
 */
export function createOutboxTransport(dir: string, options: { concurrency?: number } = {}): Transport {
  const made = new Set<string>();
  return {
    kind: 'outbox',
    concurrency: options.concurrency ?? 8,
    async send(message: OutgoingMessage): Promise<SendResult> {
      const file = outboxPath(dir, message);
      const folder = path.dirname(file);
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        if (!made.has(folder)) {
          await mkdir(folder, { recursive: true });
          made.add(folder);
        }
        // As a receiving MTA would, record the envelope sender (the bounce address) as Return-Path.
        await writeFile(
          temp,
          Buffer.concat([Buffer.from(`Return-Path: <${message.from}>\r\n`), message.raw]),
        );
        await rename(temp, file);
        return { ok: true, reply: `250 written ${path.basename(file)}` };
      } catch (err) {
        await rm(temp, { force: true }).catch(() => undefined);
        // A full disk or a permission problem may pass; the row is retried later, never dropped.
        return { ok: false, permanent: false, code: null, reply: `outbox: ${(err as Error).message}` };
      }
    },
    async close() {},
  };
}
