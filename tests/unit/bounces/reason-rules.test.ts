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
    [
      "a refusal after MAIL FROM naming a domain that does not exist: the sender's, not the address",
      evidence({
        diagnostic: '553 5.1.0 sender.example.net does not exist',
        region:
          'ada@example.org\n  host mx.example.org [192.0.2.1]\n  SMTP error from remote mail server after MAIL FROM:<news@sender.example.net> SIZE=2048:\n  553 5.1.0 sender.example.net does not exist',
        status: '5.1.0',
        replyCode: '553',
      }),
      'rejected',
    ],
    [
      'a "host unknown" in reply to EHLO: the sending host was refused',
      evidence({
        diagnostic: '550 Host unknown',
        region: 'SMTP error from remote mail server after EHLO out.example.net:\n  550 Host unknown',
        replyCode: '550',
      }),
      'rejected',
    ],
    [
      'the same words in reply to RCPT TO',
      evidence({
        diagnostic: '550 5.1.0 <ada@example.org>: address does not exist (in reply to RCPT TO command)',
        status: '5.1.0',
        replyCode: '550',
      }),
      'userunknown',
    ],
    [
      'a name server that answered badly, with 5.4.4: the domain may exist',
      evidence({
        diagnostic:
          'Name service error for name=example.org type=MX: Malformed or unexpected name server reply',
        status: '5.4.4',
        diagnosticType: 'x-postfix',
      }),
      'networkerror',
    ],
    [
      'a name server answering SERVFAIL, with 5.4.4',
      evidence({ diagnostic: 'DNS lookup of example.org failed: SERVFAIL', status: '5.4.4' }),
      'networkerror',
    ],
    [
      'a name server answering that the domain is not found, with 5.4.4',
      evidence({
        diagnostic:
          'Host or domain name not found. Name service error for name=example.org type=A: Host not found',
        status: '5.4.4',
        diagnosticType: 'x-postfix',
      }),
      'hostunknown',
    ],
    [
      'an unroutable domain (5.4.4) with no words',
      evidence({ diagnostic: '', status: '5.4.4', diagnosticType: null }),
      'hostunknown',
    ],
    [
      'the notification itself saying the disk is out of space, above a "user unknown" reply',
      evidence({
        diagnostic: '550 5.1.1 <ada@example.org>... User Unknown',
        region: 'Your message to <ada> was automatically rejected:\nNot enough disk space',
        status: '5.1.1',
        replyCode: '550',
      }),
      'systemfull',
    ],
    [
      'a transcript naming the command as "SMTP:RCPT" before the reply',
      evidence({
        diagnostic: 'SMTP:RCPT host 192.0.2.8: 553 5.3.0 <ada@example.org>... No such user here',
        status: '5.3.0',
        replyCode: '553',
        diagnosticType: null,
      }),
      'userunknown',
    ],
    [
      'the same words as "SMTP:DATA": a content filter speaking',
      evidence({
        diagnostic: 'SMTP:DATA host 192.0.2.8: 553 5.3.0 <ada@example.org>... No such user here',
        status: '5.3.0',
        replyCode: '553',
        diagnosticType: null,
      }),
      'filtered',
    ],
  ])('%s', (_label, e, reason) => {
    expect(reasonFor(e)).toBe(reason);
  });
});
