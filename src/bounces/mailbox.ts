import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PaperpostError } from '../domain/errors.js';

/** One mail of a mailbox: where it came from (file, or file and position) and its bytes. */
export interface MailboxItem {
  name: string;
  raw: Buffer;
}

/** Mails larger than this are skipped by the mbox splitter and maildir reader (bounces are small). */
const MAX_MAIL_BYTES = 10 * 1024 * 1024;

async function startsWithFromLine(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    return bytesRead === 5 && head.toString('latin1') === 'From ';
  } finally {
    await handle.close();
  }
}

/** The messages of an mbox file (mboxrd: `>From ` lines unescaped), streamed. */
async function* readMbox(file: string): AsyncGenerator<MailboxItem> {
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'latin1' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let current: string[] | null = null;
  let size = 0;
  let index = 0;
  const flush = (): MailboxItem | undefined => {
    if (current === null || size > MAX_MAIL_BYTES) return undefined;
    index++;
    return { name: `${path.basename(file)}#${index}`, raw: Buffer.from(`${current.join('\n')}\n`, 'latin1') };
  };
  for await (const line of lines) {
    if (line.startsWith('From ')) {
      const item = flush();
      if (item) yield item;
      current = [];
      size = 0;
      continue;
    }
    if (current === null) continue;
    size += line.length + 1;
    if (size <= MAX_MAIL_BYTES) current.push(/^>+From /.test(line) ? line.slice(1) : line);
  }
  const last = flush();
  if (last) yield last;
}

async function* readMaildir(dir: string): AsyncGenerator<MailboxItem> {
  for (const sub of ['new', 'cur']) {
    const folder = path.join(dir, sub);
    const names = (await readdir(folder).catch(() => [] as string[]))
      .filter((n) => !n.startsWith('.'))
      .sort();
    for (const name of names) {
      const file = path.join(folder, name);
      const info = await stat(file);
      if (info.isFile() && info.size <= MAX_MAIL_BYTES)
        yield { name: path.join(sub, name), raw: await readFile(file) };
    }
  }
}

async function* readFolder(dir: string): AsyncGenerator<MailboxItem> {
  const names = (await readdir(dir)).filter((n) => /\.(?:eml|msg|txt)$/i.test(n)).sort();
  for (const name of names) yield { name, raw: await readFile(path.join(dir, name)) };
}

/**
 * The mails at `location`: one .eml file, an mbox file (starts with a `From ` line), a maildir
 * (a folder with cur/ and new/) or a folder of .eml files. Fails with one line when it is none.
 */
export async function* readMailbox(location: string): AsyncGenerator<MailboxItem> {
  const info = await stat(location).catch((err: unknown) => {
    throw new PaperpostError(
      'bounces',
      'mailbox-unreadable',
      `${location}: cannot read (${(err as Error).message})`,
      {
        cause: err,
      },
    );
  });
  if (info.isDirectory()) {
    const isMaildir = (await stat(path.join(location, 'cur')).catch(() => null))?.isDirectory();
    yield* isMaildir ? readMaildir(location) : readFolder(location);
    return;
  }
  if (await startsWithFromLine(location)) {
    yield* readMbox(location);
    return;
  }
  yield { name: path.basename(location), raw: await readFile(location) };
}
