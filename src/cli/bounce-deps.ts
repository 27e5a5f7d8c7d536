import { createSnsVerifier, isSnsCertUrl } from '../bounces/sns-verify.js';
import { bounceProcessorFor } from '../pipeline/bounce-wiring.js';
import type { BounceRouteDeps } from '../server/routes-bounces.js';
import type { App } from './context.js';

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

/** The provider-webhook wiring of the site: store-backed processor, SNS certificates over https. */
export function bounceRouteDeps(app: App): BounceRouteDeps {
  return {
    processor: bounceProcessorFor(app.config, app.store.bounces, app.secret),
    verifySns: createSnsVerifier({ fetchCert: fetchText }),
    snsTopicArns: app.config.bounces.snsTopicArns,
    confirmSnsSubscription: async (url) => {
      // The confirmation link lives on the same Amazon SNS hosts as the certificates.
      const parsed = new URL(url);
      if (!isSnsCertUrl(`https://${parsed.hostname}/x.pem`) || parsed.protocol !== 'https:') return;
      await fetchText(url);
    },
    postmarkToken: app.config.postmarkToken,
  };
}
