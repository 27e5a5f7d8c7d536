import type { Context } from 'hono';
import type { Config } from '../config/load.js';
import type { Logger, TopicArea } from '../domain/index.js';
import type {
  BounceRepository,
  EditionRepository,
  LedgerRepository,
  PaperRepository,
  SourceRepository,
  SubscriberRepository,
  TableRepository,
} from '../store/types.js';
import type {
  MailTemplates,
  SubscriberStore,
  TokenSigner,
  TransactionalMailer,
} from '../subscribers/index.js';
import type { BounceRouteDeps } from './routes-bounces.js';

/** The log calls the server makes (pino's Logger satisfies it). */
export type ServerLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/** Per-client limits: per IP in this process's memory, per address in the store. */
export interface RateLimitOptions {
  /** POSTs per IP per minute (default: config.server.rateLimitPerMinute). */
  perIpPerMinute?: number;
  /** Sign-ups per email address per hour (default 5). */
  perAddressPerHour?: number;
}

/**
 * The store the site uses: the subscriber flows' repositories, plus the archive's editions and
 * papers, the counts of /metrics and the driver /healthz names.
 */
export type ServerStore = SubscriberStore & {
  readonly driver: string;
  subscribers: Pick<SubscriberRepository, 'countSubscribers'>;
  editions: Pick<EditionRepository, 'listEditions' | 'getEdition' | 'getRenderedVariant'>;
  papers: Pick<PaperRepository, 'getPapers'>;
  sources: Pick<SourceRepository, 'listSourceStates'>;
  ledger: Pick<LedgerRepository, 'deliveryTotals'>;
  bounces: Pick<BounceRepository, 'bounceTotals'>;
  tables: Pick<TableRepository, 'countRows'>;
};

/** The config the site reads: its public address and title, the `server` block. */
export type ServerOptions = Pick<Readonly<Config>, 'baseUrl' | 'title' | 'server'> &
  Partial<Pick<Readonly<Config>, 'sources'>>;

/** Everything `createApp` needs; the CLI wires real adapters, tests wire their own. */
export interface ServerDeps {
  store: ServerStore;
  config: ServerOptions;
  /** Broad areas of the catalogue: the pages list the offered topics under them. */
  areas?: readonly TopicArea[];
  /** Signs and checks the links in mails. */
  signer: TokenSigner;
  /** Secret for the CSRF form tokens (the same secret as the signer's is fine: keys are derived). */
  secret: string;
  /** Sends confirmation and welcome mails (when the queue is drained). */
  mailer: TransactionalMailer;
  /** The background drainer of the mail queue, told when a request queued a mail. */
  mailQueue?: { kick(): void };
  /** Renders confirmation and welcome mails (src/render's renderer fits). */
  templates: MailTemplates;
  logger?: ServerLogger;
  /** Client address for rate limits; default: the socket's remote address. */
  clientIp?: (c: Context) => string;
  now?: () => Date;
  rateLimits?: RateLimitOptions;
  /** Provider webhooks for bounces and complaints; absent: no /webhooks routes. */
  bounces?: BounceRouteDeps;
  /** Bearer token of GET /metrics; null or absent: loopback clients only. */
  metricsToken?: string | null;
}

/** A logger that drops everything (tests, embedding). */
export const silentLogger: ServerLogger = { info() {}, warn() {}, error() {} };

/** The socket address @hono/node-server puts in `c.env.incoming`; 'unknown' in-process. */
export function socketAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
