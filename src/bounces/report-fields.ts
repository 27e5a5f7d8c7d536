import { type HeaderList, header, parseHeaderBlock } from './mime-lite.js';

/** One per-recipient block of an RFC 3464 delivery-status part. */
export interface DsnRecipient {
  recipient: string | null;
  action: string | null;
  status: string | null;
  diagnostic: string | null;
  /** The Diagnostic-Code's type, lower-cased: "smtp" for a remote server's reply, "x-unix" for a local program's. */
  diagnosticType: string | null;
}

/** The address of a DSN address field ("rfc822; a@b" or "<a@b>"). */
export function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const semi = value.indexOf(';');
  const raw = (semi >= 0 ? value.slice(semi + 1) : value).trim().replace(/^<|>$/g, '');
  const m = /[^\s<>"';:,()[\]]+@[^\s<>"';:,()[\]]+/.exec(raw);
  return m ? m[0].toLowerCase().replace(/\.$/, '') : null;
}

function valueAfterType(value: string | undefined): string | null {
  if (!value) return null;
  const semi = value.indexOf(';');
  const text = (semi >= 0 && semi < 12 ? value.slice(semi + 1) : value).trim();
  return text || null;
}

/** The per-recipient blocks of a message/delivery-status body. */
export function readDeliveryStatus(text: string): DsnRecipient[] {
  const blocks = text.split(/\r?\n[ \t]*\r?\n/);
  const out: DsnRecipient[] = [];
  for (const block of blocks) {
    const fields: HeaderList = parseHeaderBlock(block);
    const final = header(fields, 'final-recipient') ?? header(fields, 'original-recipient');
    const action = header(fields, 'action');
    if (!final && !action) continue;
    const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(header(fields, 'status') ?? '')?.[1] ?? null;
    const code = header(fields, 'diagnostic-code');
    out.push({
      recipient: addressOf(final),
      action: action ? action.toLowerCase().split(/[\s(]/)[0] || null : null,
      status,
      diagnostic: valueAfterType(code),
      diagnosticType: /^\s*([\w-]+)\s*;/.exec(code ?? '')?.[1]?.toLowerCase() ?? null,
    });
  }
  return out;
}

/** Feedback-Type and the complained-about address of an RFC 5965 feedback report. */
export function readFeedbackReport(text: string): { feedbackType: string | null; recipient: string | null } {
  const fields = parseHeaderBlock(text.replace(/\r?\n[ \t]*\r?\n/g, '\n'));
  const type = header(fields, 'feedback-type');
  return {
    feedbackType: type ? type.trim().toLowerCase() : null,
    recipient: addressOf(header(fields, 'original-rcpt-to') ?? header(fields, 'removal-recipient')),
  };
}
