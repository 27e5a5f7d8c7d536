import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/load.js';
import {
  createDkimSigner,
  createMimeBuilder,
  createOutboxTransport,
  createSmtpTransport,
  type DrainOptions,
  drainLedgers,
  isOwnerGone,
  isPidGone,
  type LedgerPort,
  type MessageSigner,
  type SendSummary,
  sweepOutboxTemps,
  type Transport,
  withDkim,
} from '../deliver/index.js';
import type { Delivery, Edition, RenderedVariant } from '../domain/index.js';
import { describeError, PaperpostError } from '../domain/index.js';
import { createPersonalizer } from '../pipeline/personalizer.js';
import { createRenderer, type Renderer, sourceNamesOf } from '../render/index.js';
import { createTransactionalMailer } from '../server/transactional-mailer.js';
import type { Store } from '../store/types.js';
import { createTokenSigner, type DrainSummary, drainMailQueue } from '../subscribers/index.js';
import type { Logger } from './logger.js';

/**
 * The DKIM signer of the config (`dkim`), or undefined without one. The key file is read and
 * checked here, so a missing or broken key fails at start with the key's path.
 */
export function dkimSignerFor(config: Readonly<Config>): MessageSigner | undefined {
  if (!config.dkim) return undefined;
  const keyFile = path.resolve(config.baseDir, config.dkim.privateKeyFile);
  let privateKey: string;
  try {
    privateKey = readFileSync(keyFile, 'utf8');
    createPrivateKey(privateKey);
  } catch (err) {
    throw new PaperpostError(
      'config',
      'dkim-key',
      `dkim.privateKeyFile ${keyFile}: cannot read a private key (${describeError(err)})`,
      { cause: err },
    );
  }
  return createDkimSigner({
    domainName: config.dkim.domainName,
    keySelector: config.dkim.keySelector,
    privateKey,
  });
}

/**
 * SMTP when SMTP_URL is set, else the file outbox in the data folder; with `dkim` configured,
 * either one gets the messages signed (the outbox keeps the bytes a recipient would get).
 */
export function createTransportFor(config: Readonly<Config>): Transport {
  const sign = dkimSignerFor(config);
  return sign ? withDkim(baseTransportFor(config), sign) : baseTransportFor(config);
}

function baseTransportFor(config: Readonly<Config>): Transport {
  if (!config.smtpUrl) return createOutboxTransport(config.outboxDir);
  // A send must end well inside its lease, or another worker re-claims the row mid-send.
  const leaseMs = config.smtp.leaseSeconds * 1000;
  return createSmtpTransport(config.smtpUrl, {
    maxConnections: config.smtp.maxConnections,
    maxMessagesPerConnection: config.smtp.maxMessagesPerConnection,
    socketTimeoutMs: Math.min(60_000, Math.floor(leaseMs / 3)),
    connectTimeoutMs: Math.min(30_000, Math.floor(leaseMs / 3)),
  });
}

/**
 * Rows claimed at a time: `smtp.batchSize`, else 40 on SQLite and 200 on PostgreSQL. On SQLite (one
 * sending process, a claim is a local transaction) small claims cost ~17 us per message and keep
 * a claimed row's wait for its turn short, so it dies young in V8's heap instead of being promoted:
 * memory stays flat from 10k to 100k messages. On PostgreSQL a claim is four round trips to a
 * server that often shares the machine: 40-row claims sent ~35% slower there (bench/FIGURES.md).
 */
export function claimSize(config: Readonly<Pick<Config, 'smtp' | 'databaseUrl'>>): number {
  return config.smtp.batchSize ?? (config.databaseUrl ? 200 : 40);
}

/** Drain options from the config's `smtp` block (rates apply to SMTP only); one pass by default. */
export function sendOptionsFor(
  config: Readonly<Config>,
  transport: Transport,
  extra: Partial<DrainOptions> = {},
): DrainOptions {
  const smtp = config.smtp;
  // A claimed batch must be sent within its lease at the configured pace (half the lease, to spare).
  const paced =
    transport.kind === 'smtp' ? Math.floor((smtp.ratePerSecond * smtp.leaseSeconds) / 2) : claimSize(config);
  return {
    mode: 'once',
    // A killed run's or send's leases are taken back at once (same host, pid gone).
    isHolderGone: isOwnerGone,
    batchSize: Math.max(1, Math.min(claimSize(config), paced)),
    leaseSeconds: smtp.leaseSeconds,
    maxAttempts: smtp.maxAttempts,
    retryBaseSeconds: smtp.retryBaseSeconds,
    maxConsecutiveErrors: smtp.maxConsecutiveErrors,
    rate:
      transport.kind === 'smtp'
        ? { perSecond: smtp.ratePerSecond, hourlyCap: smtp.hourlyCap, dailyCap: smtp.dailyCap }
        : undefined,
    ...extra,
  };
}

/**
 * Send the queued confirmation and welcome mails (a web process may be down or gone) through
 * `transport`. Mails that fail stay queued for the next drain.
 */
export async function drainQueuedMail(deps: {
  config: Readonly<Config>;
  store: Store;
  secret: string;
  transport: Transport;
}): Promise<DrainSummary | undefined> {
  const { config, store } = deps;
  if ((await store.mailQueue.countQueuedMails()) === 0) return undefined;
  const flows = {
    store,
    signer: createTokenSigner(deps.secret),
    mailer: createTransactionalMailer(deps.transport, config.sender),
    templates: rendererFor(config),
    baseUrl: config.baseUrl,
  };
  return drainMailQueue(flows, () => new Date());
}

/**
 * What a killed `run` or `send` left (kill -9 runs no clean-up): its run still `running` becomes
 * `interrupted`, and its half-written `.eml.<pid>.<rand>.tmp` outbox files are removed. Only
 * processes of this host whose pid is gone count as dead. Returns what was cleaned up.
 */
export async function recoverInterrupted(deps: {
  config: Readonly<Config>;
  store: Store;
}): Promise<{ runs: number; tempFiles: number }> {
  let runs = 0;
  for (const run of await deps.store.runs.listRuns(100)) {
    if (run.status !== 'running' || !isOwnerGone(run.owner)) continue;
    const error = `interrupted: process ${run.owner} ended before the run finished`;
    const summary = run.summary !== null && typeof run.summary === 'object' ? run.summary : {};
    await deps.store.runs.finishRun(run.id, 'interrupted', { ...summary, error }, run.editionId, new Date());
    runs++;
  }
  const tempFiles = await sweepOutboxTemps(deps.config.outboxDir, isPidGone);
  return { runs, tempFiles };
}

/**
 * Throws `job-failed` (exit 1) when a send had to leave rows under other processes' leases:
 * nothing ends silently unfinished.
 */
export function assertNothingLeftBehind(
  leftBehind: { rows: number; until: string | null } | undefined,
): void {
  if (!leftBehind || leftBehind.rows === 0) return;
  const until = leftBehind.until ?? 'their lease ends';
  throw new PaperpostError(
    'deliver',
    'job-failed',
    `${leftBehind.rows} deliveries left in sending under another process's lease until ${until}; run \`paperpost send\` again after that`,
  );
}

/** The send loop's port: the ledger, plus the variants it sends and the suppression of bounced addresses. */
export function ledgerPortOf(store: Pick<Store, 'ledger' | 'editions' | 'subscribers'>): LedgerPort {
  return {
    ...store.ledger,
    getRenderedVariant: store.editions.getRenderedVariant,
    updateSubscriber: store.subscribers.updateSubscriber,
  };
}

/**
 * Drain the ledgers (one edition or all unfinished) through the configured transport, each pass
 * after the queue of transactional mails. `extra.mode` says when to stop (default one pass).
 */
export async function sendWith(
  deps: { config: Readonly<Config>; store: Store; secret: string; transport: Transport },
  extra: Partial<DrainOptions> = {},
): Promise<SendSummary> {
  const { config, store, transport } = deps;
  return drainLedgers(
    {
      ledger: ledgerPortOf(store),
      transport,
      personalize: createPersonalizer(config, deps.secret),
      sender: {
        fromName: config.sender.fromName,
        fromAddress: config.sender.fromAddress,
        replyTo: config.sender.replyTo,
        listId: config.sender.listId,
      },
    },
    { beforePass: () => drainQueuedMail(deps), ...sendOptionsFor(config, transport, extra) },
  );
}

/** The renderer for this config; soft MJML warnings and budget trims go to `onWarning`. */
export function rendererFor(
  config: Readonly<Config>,
  onWarning?: (message: string) => void,
  onCompiled?: (name: string, origin: 'prebuilt' | 'compiled') => void,
): Renderer {
  return createRenderer({
    templatesDir: config.templatesDir,
    title: config.title,
    sender: config.sender,
    baseUrl: config.baseUrl,
    htmlBudgetBytes: config.limits.htmlBudgetBytes,
    maxSummaryChars: config.limits.maxSummaryChars,
    sourceNames: sourceNamesOf(config.sources),
    ...(onWarning ? { onWarning } : {}),
    ...(onCompiled ? { onCompiled } : {}),
  });
}

/** A fixed secret for sample links only: nothing rendered here is ever sent. */
const SAMPLE_SECRET = 'sample-links-only-never-used-for-sending-0000';
export const SAMPLE_EMAIL = 'reader@example.org';

/**
 * The rendered variant for the sample subscriber: filled HTML, text and the raw MIME, signed as
 * a sent message is when `dkim` is configured.
 */
export async function sampleMessage(
  config: Readonly<Config>,
  edition: Edition,
  rendered: RenderedVariant,
  now: Date,
): Promise<{ subject: string; html: string; text: string; raw: Buffer }> {
  const domain =
    config.sender.messageIdDomain ?? config.sender.fromAddress.split('@')[1] ?? 'paperpost.invalid';
  // The config's first seeded reader when there is one, so greeting and footer name the same person.
  const seed = config.seedSubscribers[0];
  const email = seed?.email ?? SAMPLE_EMAIL;
  const delivery: Delivery = {
    id: 0,
    editionId: edition.id,
    subscriberId: 1,
    // A key of the sample subscriber only: the preview's links name nobody real.
    subscriberKey: '0'.repeat(32),
    email,
    name: seed?.name ?? null,
    variantKey: rendered.variantKey,
    state: 'pending',
    attempts: 0,
    lastReply: null,
    messageId: `${edition.id}.sample@${domain}`,
    retryAt: null,
    leaseUntil: null,
    sentAt: null,
  };
  const message = createPersonalizer(config, SAMPLE_SECRET)(rendered, delivery);
  const builder = createMimeBuilder(config.sender);
  const built = builder.build(delivery, message, now);
  if (!built) throw new PaperpostError('cli', 'bad-input', `${email}: unusable sample address`);
  const sign = dkimSignerFor(config);
  const raw = sign ? await sign({ from: builder.envelopeFrom, to: email, raw: built }) : built;
  return { subject: message.subject, html: message.html, text: message.text, raw };
}

/** rendererFor with warnings sent to the log. */
export function createRendererFor(config: Readonly<Config>, logger: Logger): Renderer {
  return rendererFor(
    config,
    (message) => logger.warn({ stage: 'render' }, message),
    (name, origin) =>
      logger.debug(
        { stage: 'render', template: name, origin },
        origin === 'prebuilt' ? `${name}: compiled at build` : `${name}: compiled by MJML`,
      ),
  );
}
