/** Shared pieces for deliver tests: a rendered variant, a personalizer, a sender. */

import type { MimeSender, PersonalizedMessage } from '../../../src/deliver/index.js';
import type { Delivery, RenderedVariant } from '../../../src/domain/index.js';

export const SENDER: MimeSender = {
  fromName: 'Paperpost Digest',
  fromAddress: 'digest@paperpost.test',
  listId: 'digest.paperpost.test',
};

/** A variant of about `kb` kilobytes of HTML with the placeholders the personalizer fills. */
export function makeVariant(variantKey = 'daily:*', kb = 8): RenderedVariant {
  const card =
    '<tr><td><a href="https://arxiv.org/abs/2401.00001">A paper about things</a> · résumé</td></tr>\n';
  const cards = card.repeat(Math.max(1, Math.round((kb * 1024) / card.length)));
  return {
    variantKey,
    subject: 'Paperpost daily — 12 papers',
    preheader: 'Trending papers',
    html: `<html><body><table>${cards}</table><a href="{{unsubscribe_url}}">Unsubscribe {{email}}</a></body></html>`,
    text: 'Papers today\n\nUnsubscribe: {{unsubscribe_url}}\n',
  };
}

/** Fills {{email}} and {{unsubscribe_url}}, like render's personalize plus the token URLs. */
export function personalize(rendered: RenderedVariant, delivery: Delivery): PersonalizedMessage {
  const url = `https://paperpost.test/u/${delivery.subscriberId}?t=tok${delivery.id}`;
  const fill = (s: string) =>
    s.replaceAll('{{unsubscribe_url}}', url).replaceAll('{{email}}', delivery.email);
  return {
    subject: rendered.subject,
    html: fill(rendered.html),
    text: fill(rendered.text),
    unsubscribeUrl: url,
    unsubscribeMailto: 'unsubscribe@paperpost.test',
  };
}

/** Options of the drain sized for tests (no real waits): one pass unless a test says otherwise. */
export const FAST = {
  mode: 'once' as const,
  batchSize: 50,
  leaseSeconds: 30,
  maxAttempts: 4,
  retryBaseSeconds: 0.01,
  maxConsecutiveErrors: 50,
};
