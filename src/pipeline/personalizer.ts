import type { Config } from '../config/load.js';
import type { Personalizer } from '../deliver/index.js';
import { personalize } from '../render/index.js';
import { createTokenSigner } from '../subscribers/tokens.js';
import { buildSubscriberUrls } from '../subscribers/urls.js';
import { verpCodecFor } from './bounce-wiring.js';

/**
 * Fill one rendered variant for one delivery: signed unsubscribe/preferences/topic links and the
 * address, by string replacement (MJML never runs here). With a bounce domain configured, each
 * delivery gets its own signed return path (VERP), so a bounce names its delivery.
 */
export function createPersonalizer(
  config: Pick<Config, 'sender' | 'baseUrl' | 'bounces'>,
  secret: string,
): Personalizer {
  const signer = createTokenSigner(secret);
  // RFC 2369 mailto beside the https link; the sender address unless one is configured.
  const mailto = config.sender.unsubscribeMailto ?? config.sender.fromAddress;
  const verp = verpCodecFor(config, secret);
  return (rendered, delivery) => {
    const urls = buildSubscriberUrls(config.baseUrl, signer, delivery.subscriberKey);
    const filled = personalize(rendered, {
      email: delivery.email,
      name: delivery.name?.trim() || null,
      unsubscribeUrl: urls.unsubscribeUrl,
      preferencesUrl: urls.preferencesUrl,
      topicUnsubscribeUrl: urls.topicUnsubscribeUrl,
    });
    const envelopeFrom = verp?.address({ deliveryId: delivery.id, subscriberId: delivery.subscriberId });
    return { ...filled, unsubscribeUrl: urls.oneClickUrl, unsubscribeMailto: mailto, envelopeFrom };
  };
}
