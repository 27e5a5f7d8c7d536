import { describe, expect, it } from 'vitest';
import { type Evidence, reasonFor } from '../../../src/bounces/reason-rules.js';

function evidence(e: Partial<Evidence> & Pick<Evidence, 'diagnostic'>): Evidence {
  return { region: '', status: null, replyCode: null, delayed: false, diagnosticType: 'smtp', ...e };
}

describe('reasonFor', () => {
  it.each<[string, Evidence, string]>([
    [
      'a "user unknown" refused at RCPT TO',
      evidence({
        diagnostic: '550 5.1.1 <ada@example.org>: Recipient address rejected: User unknown',
        status: '5.1.1',
        replyCode: '550',
      }),
      'userunknown',
    ],
    [
      'a local delivery program saying "no such user" (X-Unix): the program failed, not the address',
      evidence({
        diagnostic: 'maildrop: cannot open /var/mail/ada: No such user',
        status: '5.1.1',
        diagnosticType: 'x-unix',
      }),
      'mailererror',
    ],
    [
      'a local delivery program saying the disk quota is exceeded (X-Unix)',
      evidence({
        diagnostic: '/home/ada/Maildir/tmp/1.eml: Disk quota exceeded',
        status: '4.3.0',
        diagnosticType: 'x-unix',
      }),
      'mailboxfull',
    ],
  ])('%s', (_label, e, reason) => {
    expect(reasonFor(e)).toBe(reason);
  });
});
