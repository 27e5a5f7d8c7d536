import { describe, expect, it } from 'vitest';
import { readBounce } from '../../../src/bounces/read-mail.js';

const VERP = 'bounces+1-1-0123456789abcdef0123@bounces.example.org';

function mail(headers: string[], body: string): Buffer {
  return Buffer.from([...headers, '', body].join('\r\n'), 'latin1');
}

function report(type: string, parts: Array<[string, string]>, headers: string[] = []): Buffer {
  const b = 'XYZ';
  const body =
    parts.map(([ct, text]) => `--${b}\r\nContent-Type: ${ct}\r\n\r\n${text}\r\n`).join('') + `--${b}--\r\n`;
  return mail(
    [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
      `To: ${VERP}`,
      'Subject: Undelivered Mail Returned to Sender',
      ...headers,
      `Content-Type: multipart/report; report-type=${type}; boundary="${b}"`,
    ],
    body,
  );
}

const dsn = (fields: string) =>
  report('delivery-status', [
    ['text/plain', 'Your message could not be delivered.'],
    ['message/delivery-status', `Reporting-MTA: dns; mx.example.net\r\n\r\n${fields}`],
    ['text/rfc822-headers', 'From: digest@example.org\r\nTo: ada@example.org\r\nSubject: Papers'],
  ]);

describe('readBounce', () => {
  it.each([
    [
      'an RFC 3464 report refused at RCPT TO',
      dsn(
        'Final-Recipient: rfc822; ada@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <ada@example.org>: Recipient address rejected: User unknown in local recipient table',
      ),
      {
        class: 'hard',
        recipient: 'ada@example.org',
        status: '5.1.1',
        reason: 'userunknown',
        replyCode: '550',
      },
    ],
    [
      'a delay warning',
      dsn(
        'Final-Recipient: rfc822; ada@example.org\r\nAction: delayed\r\nStatus: 4.4.7\r\nDiagnostic-Code: smtp; 421 4.4.7 connection timed out',
      ),
      { class: 'soft', status: '4.4.7' },
    ],
    [
      'a delivery report (success)',
      dsn('Final-Recipient: rfc822; ada@example.org\r\nAction: delivered\r\nStatus: 2.0.0'),
      { class: 'ignore', reason: 'delivered' },
    ],
    [
      'a full mailbox',
      dsn(
        'Final-Recipient: rfc822; ada@example.org\r\nAction: failed\r\nStatus: 5.2.2\r\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full',
      ),
      { class: 'soft', reason: 'mailboxfull', status: '5.2.2' },
    ],
    [
      'a block list refusal',
      dsn(
        'Final-Recipient: rfc822; ada@example.org\r\nAction: failed\r\nStatus: 5.7.1\r\nDiagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org',
      ),
      { class: 'soft', reason: 'blocked' },
    ],
    [
      '"user unknown" after DATA (a content filter speaking)',
      dsn(
        'Final-Recipient: rfc822; ada@example.org\r\nAction: failed\r\nStatus: 5.0.0\r\nDiagnostic-Code: smtp; 550 User unknown (in reply to end of DATA command)',
      ),
      { class: 'soft', reason: 'filtered' },
    ],
    [
      'a sender-address refusal (x.1.8), whatever the words',
      dsn(
        'Final-Recipient: rfc822; ada@example.org\r\nAction: failed\r\nStatus: 5.1.8\r\nDiagnostic-Code: smtp; 553 5.1.8 Domain of sender address does not exist',
      ),
      { class: 'soft', reason: 'rejected' },
    ],
    [
      '"user unknown" refused at RCPT TO with x.2.1: the words, not the code, say the mailbox is gone',
      dsn(
        'Final-Recipient: rfc822; ada@example.org\r\nAction: failed\r\nStatus: 5.2.1\r\nDiagnostic-Code: smtp; 550 5.2.1 <ada@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
      ),
      { class: 'hard', reason: 'userunknown', status: '5.2.1' },
    ],
    [
      'a disabled mailbox (x.2.1 with words saying so)',
      dsn(
        'Final-Recipient: rfc822; ada@example.org\r\nAction: failed\r\nStatus: 5.2.1\r\nDiagnostic-Code: smtp; 550 5.2.1 The account you tried to reach is disabled (in reply to RCPT TO command)',
      ),
      { class: 'soft', reason: 'suspend', status: '5.2.1' },
    ],
    [
      'a plain-text bounce whose error lines open on the enhanced status code: the first speaks',
      mail(
        [
          'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
          `To: ${VERP}`,
          'Subject: Mail delivery failed: returning message to sender',
        ],
        'A message that you sent could not be delivered to one or more of its recipients.\r\nThis is a permanent error. The following addresses failed:\r\n\r\n"ada@example.org":\r\nSMTP error from remote server after RCPT command:\r\nhost: mx.example.org\r\n5.2.1 <ada@example.org>... User Unknown\r\n\r\n"bob@example.org":\r\nSMTP error from remote server after RCPT command:\r\nhost: mx.example.org\r\n5.2.2 <bob@example.org>... Mailbox Full\r\n',
      ),
      { class: 'hard', reason: 'userunknown', status: '5.2.1', recipient: 'ada@example.org' },
    ],
    [
      'a local delivery program\'s "no such user" (Diagnostic-Code X-Unix, 5.1.1 from its exit code)',
      dsn(
        'Final-Recipient: rfc822; ada@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: X-Unix; maildrop: cannot create /var/mail/ada: No such user',
      ),
      { class: 'soft', reason: 'mailererror', status: '5.1.1' },
    ],
    [
      'an Exim bounce whose router found no route for the address ("Unrouteable address")',
      mail(
        [
          'From: Mail Delivery System <Mailer-Daemon@mx.example.net>',
          `To: ${VERP}`,
          'Subject: Mail delivery failed: returning message to sender',
          'X-Failed-Recipients: ada@nowhere.example',
        ],
        'This message was created automatically by mail delivery software.\r\n\r\nA message that you sent could not be delivered to one or more of its\r\nrecipients. This is a permanent error. The following address(es) failed:\r\n\r\n  ada@nowhere.example\r\n    Unrouteable address\r\n',
      ),
      { class: 'hard', reason: 'hostunknown', recipient: 'ada@nowhere.example' },
    ],
    [
      'an ARF complaint',
      report('feedback-report', [
        ['text/plain', 'This is an abuse report.'],
        [
          'message/feedback-report',
          'Feedback-Type: opt-out\r\nUser-Agent: FBL/1.0\r\nVersion: 1\r\nOriginal-Rcpt-To: <ada@example.org>',
        ],
        ['message/rfc822', 'From: digest@example.org\r\nTo: ada@example.org\r\nSubject: Papers\r\n\r\nHello'],
      ]),
      { class: 'complaint', reason: 'feedback', feedbackType: 'opt-out', recipient: 'ada@example.org' },
    ],
    [
      'a qmail bounce in plain text (no DSN)',
      mail(
        ['From: MAILER-DAEMON@mx.example.net', `To: ${VERP}`, 'Subject: failure notice'],
        "Hi. This is the qmail-send program at mx.example.net.\r\nI'm afraid I wasn't able to deliver your message to the following addresses.\r\nThis is a permanent error; I've given up. Sorry it didn't work out.\r\n\r\n<ada@example.net>:\r\nSorry, no mailbox here by that name. (#5.1.1)\r\n\r\n--- Below this line is a copy of the message.\r\n\r\nTo: ada@example.net\r\nSubject: user unknown mailbox full\r\n",
      ),
      { class: 'hard', reason: 'userunknown', status: '5.1.1', recipient: 'ada@example.net' },
    ],
    [
      'an out-of-office reply',
      mail(
        [
          'From: Ada <ada@example.org>',
          `To: ${VERP}`,
          'Subject: Out of Office: Papers',
          'Auto-Submitted: auto-replied',
        ],
        'I am away until Monday.',
      ),
      { class: 'ignore', reason: 'vacation' },
    ],
    [
      'a person writing back',
      mail(
        ['From: Ada <ada@example.org>', 'To: digest@example.org', 'Subject: Re: Papers'],
        'Thanks, great list!',
      ),
      { class: 'ignore', reason: 'not-a-bounce' },
    ],
    [
      'an unsubscribe request by mail (List-Unsubscribe mailto)',
      mail(['From: Ada <ada@example.org>', 'To: unsubscribe@example.org', 'Subject: unsubscribe'], ''),
      { class: 'complaint', feedbackType: 'opt-out', recipient: 'ada@example.org' },
    ],
    [
      'an Amazon SES notification mailed by SNS',
      mail(
        [
          'From: AWS Notifications <no-reply@sns.amazonaws.com>',
          'To: ops@example.org',
          'Subject: AWS Notification Message',
        ],
        JSON.stringify({
          notificationType: 'Bounce',
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [
              {
                emailAddress: 'ada@example.org',
                status: '5.1.1',
                diagnosticCode: 'smtp; 550 5.1.1 user unknown',
              },
            ],
          },
          mail: { source: VERP },
        }),
      ),
      { class: 'hard', recipient: 'ada@example.org', status: '5.1.1', returnedTo: [VERP] },
    ],
  ])('%s', async (_label, raw, expected) => {
    expect(await readBounce(raw)).toMatchObject(expected);
  });

  it('reads a body part that has no headers (it opens on the blank line; RFC 2046 text/plain)', async () => {
    const raw = mail(
      [
        'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
        `To: ${VERP}`,
        'Subject: Returned mail: see transcript for details',
        'Content-Type: multipart/mixed; boundary="XYZ"',
      ],
      '--XYZ\r\n\r\nDelivery to the following recipient failed permanently:\r\n  ada@example.org\r\n550 5.1.1 <ada@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)\r\n\r\n--XYZ--\r\n',
    );
    expect(await readBounce(raw)).toMatchObject({ class: 'hard', reason: 'userunknown', status: '5.1.1' });
  });

  it('finds the VERP address a bounce was sent to', async () => {
    const r = await readBounce(
      dsn('Final-Recipient: rfc822; ada@example.org\r\nAction: failed\r\nStatus: 5.1.1'),
    );
    expect(r.returnedTo).toContain(VERP);
  });

  it('reads a mail whose charset TextDecoder does not know (through mailparser)', async () => {
    const raw = Buffer.concat([
      Buffer.from(
        `From: MAILER-DAEMON@mx.example.net\r\nTo: ${VERP}\r\nSubject: Delivery failure\r\nContent-Type: text/plain; charset=x-user-defined-7\r\n\r\n`,
      ),
      Buffer.from('Delivery to <ada@example.org> failed: 550 5.1.1 user unknown \xe9\r\n', 'latin1'),
    ]);
    expect(await readBounce(raw)).toMatchObject({ class: 'hard', status: '5.1.1', reason: 'userunknown' });
  });
});
