import type { TokenSigner } from './tokens.js';

/** Links personal to one subscriber, printed in every digest and transactional mail. */
export interface SubscriberUrls {
  /** Opens a page with one confirm button (GET never unsubscribes). */
  unsubscribeUrl: string;
  preferencesUrl: string;
  /** Leave one topic (GET shows a confirm button). */
  topicUnsubscribeUrl(slug: string): string;
  /**
   * RFC 8058 target for `List-Unsubscribe` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`:
   * a POST with that body unsubscribes at once; a GET shows the confirm page.
   */
  oneClickUrl: string;
}

function link(baseUrl: string, path: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;
}

/** Signed links for one subscriber; the lead uses them to fill each digest's placeholders. */
export function buildSubscriberUrls(
  baseUrl: string,
  signer: TokenSigner,
  subscriberKey: string,
): SubscriberUrls {
  const unsubscribeUrl = link(baseUrl, '/unsubscribe', signer.sign('unsubscribe', subscriberKey));
  return {
    unsubscribeUrl,
    preferencesUrl: link(baseUrl, '/preferences', signer.sign('preferences', subscriberKey)),
    topicUnsubscribeUrl: (slug) =>
      link(baseUrl, '/unsubscribe/topic', signer.sign('topic-unsubscribe', subscriberKey, slug)),
    oneClickUrl: unsubscribeUrl,
  };
}

/** The double opt-in link; the token carries the choices made on the form. */
export function buildConfirmUrl(
  baseUrl: string,
  signer: TokenSigner,
  subscriberKey: string,
  extra: string,
  now: Date,
): string {
  return link(baseUrl, '/confirm', signer.sign('confirm', subscriberKey, extra, undefined, now));
}
