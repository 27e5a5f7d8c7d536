import {
  type BounceLedgerPort,
  type BounceProcessor,
  createBounceProcessor,
} from '../bounces/process-bounce.js';
import { createVerpCodec, type VerpCodec } from '../bounces/verp.js';
import type { Config } from '../config/load.js';
import { deriveKey } from '../subscribers/tokens.js';

/** The VERP codec of the configured bounce domain (its own key, derived from the site secret). */
export function verpCodecFor(
  config: Pick<Readonly<Config>, 'bounces'>,
  secret: string,
): VerpCodec | undefined {
  const domain = config.bounces.domain;
  return domain ? createVerpCodec(deriveKey(secret, 'verp-v1'), domain) : undefined;
}

/** Bounce processing over a store, with the config's soft-bounce policy. */
export function bounceProcessorFor(
  config: Pick<Readonly<Config>, 'bounces'>,
  ledger: BounceLedgerPort,
  secret: string,
): BounceProcessor {
  return createBounceProcessor({
    ledger,
    verp: verpCodecFor(config, secret),
    policy: { limit: config.bounces.softLimit, windowDays: config.bounces.softWindowDays },
  });
}
