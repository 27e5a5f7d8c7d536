import { describe, expect, it } from 'vitest';
import { readPostmarkEvent, readSesNotification } from '../../../src/bounces/provider-events.js';

const ses = (bounceType: string, bounceSubType: string, status?: string) => ({
  notificationType: 'Bounce',
  bounce: { bounceType, bounceSubType, bouncedRecipients: [{ emailAddress: 'Ada@Example.org', status }] },
  mail: { source: 'bounces+1-1-00@b.example.org', headers: [] },
});

describe('Amazon SES notifications', () => {
  it.each([
    ['Permanent', 'General', '5.1.1', 'hard', 'userunknown'],
    ['Permanent', 'NoEmail', undefined, 'hard', 'userunknown'],
    ['Permanent', 'General', '5.1.2', 'hard', 'hostunknown'],
    ['Permanent', 'Suppressed', undefined, 'hard', 'suppressed'],
    ['Permanent', 'OnAccountSuppressionList', undefined, 'hard', 'suppressed'],
    ['Transient', 'MailboxFull', '4.2.2', 'soft', 'mailboxfull'],
    ['Transient', 'MessageTooLarge', undefined, 'soft', 'mesgtoobig'],
    ['Transient', 'ContentRejected', undefined, 'soft', 'contenterror'],
    ['Transient', 'General', undefined, 'soft', 'undefined'],
    ['Undetermined', 'Undetermined', undefined, 'soft', 'undefined'],
  ])('%s/%s (%s) is %s %s', (type, sub, status, cls, reason) => {
    const [event] = readSesNotification(ses(type, sub, status));
    expect(event?.reading).toMatchObject({ class: cls, reason, recipient: 'ada@example.org' });
    expect(event?.returnPath).toBe('bounces+1-1-00@b.example.org');
  });

  it('reads a complaint per complained recipient, with its feedback type', () => {
    const events = readSesNotification({
      notificationType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: 'a@x.org' }, { emailAddress: 'b@x.org' }],
        complaintFeedbackType: 'abuse',
      },
      mail: {},
    });
    expect(events.map((e) => [e.reading.class, e.reading.recipient, e.reading.feedbackType])).toEqual([
      ['complaint', 'a@x.org', 'abuse'],
      ['complaint', 'b@x.org', 'abuse'],
    ]);
  });

  it.each([[{ notificationType: 'Delivery' }], [{}], [null], ['text']])('ignores %j', (payload) => {
    expect(readSesNotification(payload)).toEqual([]);
  });
});

describe('Postmark webhooks', () => {
  it.each([
    ['HardBounce', 'hard', 'userunknown'],
    ['SoftBounce', 'soft', 'undefined'],
    ['DnsError', 'soft', 'hostunknown'],
    ['Transient', 'soft', 'expired'],
    ['SpamNotification', 'soft', 'spamdetected'],
    ['Blocked', 'soft', 'blocked'],
    ['AutoResponder', 'ignore', 'vacation'],
    ['ManuallyDeactivated', 'hard', 'suppressed'],
    ['SomethingNew', 'soft', 'undefined'],
  ])('Bounce of Type %s is %s %s', (type, cls, reason) => {
    const [event] = readPostmarkEvent({
      RecordType: 'Bounce',
      Type: type,
      Email: 'ada@example.org',
      Details: '550 5.1.1 no such user',
    });
    expect(event?.reading).toMatchObject({
      class: cls,
      reason,
      recipient: 'ada@example.org',
      status: '5.1.1',
    });
  });

  it('reads a SpamComplaint as a complaint and ignores other records', () => {
    expect(
      readPostmarkEvent({ RecordType: 'SpamComplaint', Email: 'ada@example.org' })[0]?.reading,
    ).toMatchObject({
      class: 'complaint',
      feedbackType: 'abuse',
    });
    expect(readPostmarkEvent({ RecordType: 'Delivery', Email: 'ada@example.org' })).toEqual([]);
  });
});
