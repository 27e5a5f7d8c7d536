import { describe, expect, it } from 'vitest';
import { handleMailbox, type MailboxMessage } from '../../../src/bounces/imap-poll.js';

async function* box(list: MailboxMessage[]): AsyncGenerator<MailboxMessage> {
  yield* list;
}

/** IMAP itself needs a server (none without network here); this is what polling does with the mail. */
describe('handleMailbox (the IMAP poll without IMAP)', () => {
  it('hands every unseen message over in order and marks only the stored ones seen', async () => {
    const handled: string[] = [];
    const errors: number[] = [];
    const result = await handleMailbox(
      box([
        { uid: 11, source: Buffer.from('a') },
        { uid: 12, source: Buffer.from('b') },
        { uid: 15, source: Buffer.from('c') },
      ]),
      async (raw, name) => {
        if (raw.toString() === 'b') throw new Error('store down');
        handled.push(`${name}:${raw}`);
      },
      (uid) => errors.push(uid),
    );
    expect(handled).toEqual(['imap uid 11:a', 'imap uid 15:c']);
    expect(result).toEqual({ done: [11, 15], failed: [12] });
    expect(errors).toEqual([12]);
  });

  it('does nothing for an empty mailbox', async () => {
    expect(
      await handleMailbox(
        box([]),
        async () => undefined,
        () => undefined,
      ),
    ).toEqual({ done: [], failed: [] });
  });
});
