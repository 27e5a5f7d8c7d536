import { createHmac, timingSafeEqual } from 'node:crypto';
import { PaperpostError } from '../domain/errors.js';

/** The delivery and subscriber a signed return path names. */
export interface VerpTarget {
  deliveryId: number;
  subscriberId: number;
}

/** Encodes and checks `bounces+<token>@<domain>` return paths. */
export interface VerpCodec {
  readonly domain: string;
  /** The return path (envelope MAIL FROM) of one delivery. */
  address(target: VerpTarget): string;
  /** The target of a return path whose signature holds; undefined for anything else. */
  verify(address: string): VerpTarget | undefined;
  /** Targets of every signed VERP address among `addresses` (To, Delivered-To, RCPT TO, ...). */
  findTarget(addresses: readonly string[]): VerpTarget | undefined;
}

const LOCAL_PREFIX = 'bounces+';
/** 10 bytes of HMAC-SHA256 (80 bits): far beyond guessing over SMTP, and a short local part. */
const MAC_BYTES = 10;
const TOKEN = /^([0-9a-z]{1,11})-([0-9a-z]{1,11})-([0-9a-f]{20})$/;

/**
 * VERP return paths, HMAC-signed with a key derived from the site secret for this one purpose
 * (`deriveKey(secret, 'verp-v1')` in the wiring), so a link token never verifies as a return path.
 * The token is lower-case letters, digits and dashes only, and is read case-insensitively: some
 * forwarders lower-case local parts although RFC 5321 says they should not.
 */
export function createVerpCodec(key: Buffer, domain: string): VerpCodec {
  const host = domain.trim().toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(host)) {
    throw new PaperpostError('bounces', 'bad-domain', `bounce domain "${domain}" is not a domain name`);
  }
  const mac = (body: string): Buffer =>
    createHmac('sha256', key).update(`verp|${body}`).digest().subarray(0, MAC_BYTES);

  const verify = (address: string): VerpTarget | undefined => {
    const at = address.lastIndexOf('@');
    if (at < 0 || address.slice(at + 1).toLowerCase() !== host) return undefined;
    const local = address.slice(0, at).toLowerCase();
    if (!local.startsWith(LOCAL_PREFIX)) return undefined;
    const m = TOKEN.exec(local.slice(LOCAL_PREFIX.length));
    if (!m) return undefined;
    const [, d36 = '', s36 = '', given = ''] = m;
    const expected = mac(`${d36}-${s36}`);
    const actual = Buffer.from(given, 'hex');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
    const deliveryId = Number.parseInt(d36, 36);
    const subscriberId = Number.parseInt(s36, 36);
    if (!Number.isSafeInteger(deliveryId) || !Number.isSafeInteger(subscriberId)) return undefined;
    if (deliveryId <= 0 || subscriberId <= 0) return undefined;
    return { deliveryId, subscriberId };
  };

  return {
    domain: host,
    address({ deliveryId, subscriberId }) {
      const body = `${deliveryId.toString(36)}-${subscriberId.toString(36)}`;
      return `${LOCAL_PREFIX}${body}-${mac(body).toString('hex')}@${host}`;
    },
    verify,
    findTarget(addresses) {
      for (const a of addresses) {
        const target = verify(a.trim().replace(/^<|>$/g, ''));
        if (target) return target;
      }
      return undefined;
    },
  };
}
