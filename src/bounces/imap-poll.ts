import { ImapFlow } from 'imapflow';

/** One message of the bounce mailbox. */
export interface MailboxMessage {
  uid: number;
  source: Buffer;
}

/** Acts on one mail; resolves once it is stored (then the message is marked seen). */
export type MailHandler = (raw: Buffer, name: string) => Promise<void>;

/**
 * What polling does with the unseen messages of a mailbox, apart from IMAP itself: hand each to
 * `handle` in order and collect the uids to mark seen. A message whose handling fails stays
 * unseen (it is tried again at the next poll); the others are still marked.
 */
export async function handleMailbox(
  messages: AsyncIterable<MailboxMessage>,
  handle: MailHandler,
  onError: (uid: number, err: unknown) => void,
): Promise<{ done: number[]; failed: number[] }> {
  const done: number[] = [];
  const failed: number[] = [];
  for await (const m of messages) {
    try {
      await handle(m.source, `imap uid ${m.uid}`);
      done.push(m.uid);
    } catch (err) {
      failed.push(m.uid);
      onError(m.uid, err);
    }
  }
  return { done, failed };
}

export interface ImapPollOptions {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Largest message fetched (bounces are small; anything bigger is left alone). */
  maxMessageBytes: number;
}

/**
 * One poll of a bounce mailbox with imapflow: the unseen messages, read and handled, then
 * marked \\Seen. Messages are never deleted: the mailbox stays the operator's record.
 */
export async function pollImapOnce(
  options: ImapPollOptions,
  handle: MailHandler,
  onError: (uid: number, err: unknown) => void,
): Promise<{ done: number; failed: number }> {
  const client = new ImapFlow({
    host: options.host,
    port: options.port,
    secure: options.secure,
    auth: { user: options.user, pass: options.password },
    logger: false,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(options.mailbox);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      if (uids.length === 0) return { done: 0, failed: 0 };
      async function* messages(): AsyncGenerator<MailboxMessage> {
        for await (const m of client.fetch(uids, { uid: true, size: true, source: true }, { uid: true })) {
          if (m.source && (m.size ?? 0) <= options.maxMessageBytes) yield { uid: m.uid, source: m.source };
        }
      }
      // Fetch first, handle after: imapflow's fetch holds the connection until it ends.
      const fetched: MailboxMessage[] = [];
      for await (const m of messages()) fetched.push(m);
      const result = await handleMailbox(
        (async function* () {
          yield* fetched;
        })(),
        handle,
        onError,
      );
      if (result.done.length > 0) await client.messageFlagsAdd(result.done, ['\\Seen'], { uid: true });
      return { done: result.done.length, failed: result.failed.length };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
}
