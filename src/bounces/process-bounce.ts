import type {
  BounceAction,
  BounceOutcome,
  BounceSource,
  BounceTarget,
  NewBounce,
  SoftBouncePolicy,
} from '../domain/bounce.js';
import type { BounceReading } from './types.js';
import type { VerpCodec } from './verp.js';

/** The store methods bounce processing needs (the Store satisfies it structurally). */
export interface BounceLedgerPort {
  findBounceTarget(deliveryId: number): Promise<BounceTarget | undefined>;
  findLatestDeliveryTo(email: string): Promise<BounceTarget | undefined>;
  recordBounce(bounce: NewBounce, policy: SoftBouncePolicy): Promise<BounceOutcome>;
}

/** One report to act on: a reading plus where it came from. */
export interface BounceReport {
  reading: BounceReading;
  source: BounceSource;
  /** Identifies the report, so the same one twice counts once. */
  fingerprint: string;
  /** SMTP envelope recipients (RCPT TO) when it came over SMTP: the first place to look for VERP. */
  envelopeTo?: readonly string[];
  /**
   * Whether the recipient the report names may be believed without a signed return path: true
   * only for authenticated provider webhooks. A mail is forgeable by anyone.
   */
  trustRecipient: boolean;
}

export type ProcessOutcome = BounceAction | 'ignored' | 'unmatched';

export interface ProcessResult {
  outcome: ProcessOutcome;
  target?: BounceTarget;
  softCount?: number;
}

export interface BounceProcessorOptions {
  ledger: BounceLedgerPort;
  /** Undefined when no bounce domain is configured: only trusted reports can be matched. */
  verp: VerpCodec | undefined;
  policy: SoftBouncePolicy;
  now?: () => Date;
}

/** Applies readings to the ledger: match to a delivery, store, suppress or count. */
export interface BounceProcessor {
  process(report: BounceReport): Promise<ProcessResult>;
}

/**
 * Matching: a signed VERP address among the envelope recipients or the bounce's own addressing
 * names the delivery (and must agree with its subscriber); otherwise a trusted report's recipient
 * names the latest delivery to that address. Anything else is `unmatched` and changes nothing.
 */
export function createBounceProcessor(options: BounceProcessorOptions): BounceProcessor {
  const now = options.now ?? (() => new Date());

  const match = async (report: BounceReport): Promise<BounceTarget | undefined> => {
    const addresses = [...(report.envelopeTo ?? []), ...report.reading.returnedTo];
    const signed = options.verp?.findTarget(addresses);
    if (signed) {
      const target = await options.ledger.findBounceTarget(signed.deliveryId);
      return target && target.subscriberId === signed.subscriberId ? target : undefined;
    }
    if (report.trustRecipient && report.reading.recipient) {
      return options.ledger.findLatestDeliveryTo(report.reading.recipient);
    }
    return undefined;
  };

  return {
    async process(report) {
      const { reading } = report;
      if (reading.class === 'ignore') return { outcome: 'ignored' };
      const target = await match(report);
      if (!target) return { outcome: 'unmatched' };
      const result = await options.ledger.recordBounce(
        {
          // Per delivery: one report can never stand in for a report about another delivery.
          fingerprint: `${report.fingerprint}#${target.deliveryId}`,
          deliveryId: target.deliveryId,
          subscriberId: target.subscriberId,
          editionId: target.editionId,
          email: target.email,
          class: reading.class,
          reason: reading.reason,
          status: reading.status,
          feedbackType: reading.feedbackType,
          diagnostic: reading.diagnostic,
          source: report.source,
          receivedAt: now(),
        },
        options.policy,
      );
      return { outcome: result.action, target, softCount: result.softCount };
    },
  };
}
