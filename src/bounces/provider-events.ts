import { findStatus, reasonOfStatus } from './status-codes.js';
import type { BounceReading } from './types.js';

type Json = Record<string, unknown>;
const asObject = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const asString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** One bounce or complaint a provider reported, with the VERP address it carried, if any. */
export interface ProviderEvent {
  reading: BounceReading;
  /** The message's return path / VERP address as the provider echoes it. */
  returnPath: string | null;
}

function sesReturnPath(mail: Json): string | null {
  const direct = asString(mail['source']);
  for (const h of asArray(mail['headers'])) {
    const o = asObject(h);
    if (String(o['name']).toLowerCase() === 'return-path')
      return asString(o['value'])?.replace(/^<|>$/g, '') ?? null;
  }
  return direct;
}

/**
 * Amazon SES notifications (the JSON in an SNS message, or in an SNS e-mail notification): one
 * event per bounced or complained recipient. Permanent bounces of a bad address are hard; SES's
 * own suppression list counts as hard; transient and undetermined ones are soft.
 */
export function readSesNotification(payload: unknown): ProviderEvent[] {
  const n = asObject(payload);
  const type = asString(n['notificationType']) ?? asString(n['eventType']);
  const mail = asObject(n['mail']);
  const returnPath = sesReturnPath(mail);
  const base = {
    feedbackType: null,
    replyCode: null,
    returnedTo: returnPath ? [returnPath.toLowerCase()] : [],
  };
  if (type === 'Complaint') {
    const c = asObject(n['complaint']);
    const feedbackType = asString(c['complaintFeedbackType'])?.toLowerCase() ?? 'abuse';
    return asArray(c['complainedRecipients']).map((r) => ({
      returnPath,
      reading: {
        ...base,
        class: 'complaint',
        recipient: asString(asObject(r)['emailAddress'])?.toLowerCase() ?? null,
        status: null,
        reason: 'feedback',
        feedbackType,
        diagnostic: null,
      },
    }));
  }
  if (type !== 'Bounce') return [];
  const b = asObject(n['bounce']);
  const bounceType = asString(b['bounceType']);
  const subType = asString(b['bounceSubType']) ?? '';
  return asArray(b['bouncedRecipients']).map((r) => {
    const o = asObject(r);
    const diagnostic = asString(o['diagnosticCode']);
    const status = asString(o['status']) ?? findStatus(diagnostic ?? '') ?? null;
    const permanent = bounceType === 'Permanent';
    const reason =
      subType === 'MailboxFull'
        ? 'mailboxfull'
        : subType === 'MessageTooLarge'
          ? 'mesgtoobig'
          : subType === 'ContentRejected'
            ? 'contenterror'
            : subType === 'AttachmentRejected'
              ? 'securityerror'
              : subType === 'Suppressed' || subType === 'OnAccountSuppressionList'
                ? 'suppressed'
                : permanent && (subType === 'General' || subType === 'NoEmail')
                  ? (status && reasonOfStatus(status)) === 'hostunknown'
                    ? 'hostunknown'
                    : 'userunknown'
                  : 'undefined';
    const hard = permanent && ['userunknown', 'hostunknown', 'suppressed'].includes(reason);
    return {
      returnPath,
      reading: {
        ...base,
        class: hard ? 'hard' : 'soft',
        recipient: asString(o['emailAddress'])?.toLowerCase() ?? null,
        status,
        reason,
        diagnostic,
      },
    } satisfies ProviderEvent;
  });
}

/**
 * Postmark webhooks: a Bounce (Type HardBounce, SoftBounce, ...) or a SpamComplaint record.
 * Postmark's own `Inactive` flag is not trusted alone; the Type decides.
 */
export function readPostmarkEvent(payload: unknown): ProviderEvent[] {
  const p = asObject(payload);
  const recordType = asString(p['RecordType']);
  const recipient = asString(p['Email'])?.toLowerCase() ?? null;
  const details = asString(p['Details']) ?? asString(p['Description']);
  const metadata = asObject(p['Metadata']);
  const returnPath = asString(metadata['verp']) ?? null;
  const base = {
    recipient,
    replyCode: null,
    returnedTo: returnPath ? [returnPath] : [],
    diagnostic: details,
  };
  if (recordType === 'SpamComplaint' || asString(p['Type']) === 'SpamComplaint') {
    return [
      {
        returnPath,
        reading: { ...base, class: 'complaint', status: null, reason: 'feedback', feedbackType: 'abuse' },
      },
    ];
  }
  if (recordType !== 'Bounce') return [];
  const type = asString(p['Type']) ?? '';
  const status = findStatus(details ?? '') ?? null;
  const map: Record<string, [BounceReading['class'], string]> = {
    HardBounce: ['hard', 'userunknown'],
    BadEmailAddress: ['hard', 'userunknown'],
    DnsError: ['soft', 'hostunknown'],
    SoftBounce: ['soft', 'undefined'],
    Transient: ['soft', 'expired'],
    SpamNotification: ['soft', 'spamdetected'],
    ContentRelated: ['soft', 'contenterror'],
    Blocked: ['soft', 'blocked'],
    AutoResponder: ['ignore', 'vacation'],
    Unsubscribe: ['complaint', 'feedback'],
    ManuallyDeactivated: ['hard', 'suppressed'],
    AddressChange: ['hard', 'hasmoved'],
  };
  const [cls, reason] = map[type] ?? ['soft', 'undefined'];
  return [
    {
      returnPath,
      reading: { ...base, class: cls, status, reason, feedbackType: cls === 'complaint' ? 'opt-out' : null },
    },
  ];
}
