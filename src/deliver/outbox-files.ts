import { open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { safeFileName } from './outbox-transport.js';

/** Edition (and transactional) folders of an outbox; none when it does not exist yet. */
async function folders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** The `To:` address in the header block of an .eml file ('' when unreadable). */
async function recipientOf(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(16 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head =
      buffer
        .subarray(0, bytesRead)
        .toString('utf8')
        .split(/\r?\n\r?\n/)[0] ?? '';
    const match = /^To:\s*<?([^\s<>]+?)>?\s*$/im.exec(head);
    return (match?.[1] ?? '').toLowerCase();
  } finally {
    await handle.close();
  }
}

/**
 * Removes every message to `email` from the file outbox (digests of every edition and
 * transactional mails), for `subscribers forget`. A file is removed only when its `To:` header is
 * that address, so another person whose address makes the same file name keeps theirs.
 * Returns how many files were removed.
 */
export async function forgetOutboxMail(dir: string, email: string): Promise<number> {
  const suffix = `-${safeFileName(email)}.eml`;
  let removed = 0;
  for (const folder of await folders(dir)) {
    for (const name of await readdir(folder)) {
      const file = path.join(folder, name);
      if (name.endsWith(suffix) && (await recipientOf(file)) === email.toLowerCase()) {
        await rm(file, { force: true });
        removed++;
      } else if (name.includes(`${suffix}.`) && name.endsWith('.tmp')) {
        await rm(file, { force: true }); // half-written by a process that died
        removed++;
      }
    }
  }
  return removed;
}

/**
 * Removes `.eml.<pid>.<rand>.tmp` files left by killed senders (a write interrupted before its
 * rename), for the pids `isGone` says are no longer running. Returns how many were removed.
 */
export async function sweepOutboxTemps(dir: string, isGone: (pid: number) => boolean): Promise<number> {
  let removed = 0;
  for (const folder of await folders(dir)) {
    for (const name of await readdir(folder)) {
      const match = /\.eml\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name);
      if (match && isGone(Number(match[1]))) {
        await rm(path.join(folder, name), { force: true });
        removed++;
      }
    }
  }
  return removed;
}
