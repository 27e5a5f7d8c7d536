import * as z from 'zod';
import { parseHttpUrl } from '../domain/index.js';
import { createSourceSchemas } from './sources-schema.js';

// Each schema parses once per process (the config, at start-up): zod's generated fast path
// (new Function per object schema) costs more to build than it saves. Same checks, same errors.
z.config({ jitless: true });

const { sourceSchema, fetchSchema } = createSourceSchemas({
  array: z.array,
  boolean: z.boolean,
  enum: z.enum,
  number: z.number,
  object: z.object,
  string: z.string,
});

const topicSchema = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case slug')
      .optional(),
    label: z.string().min(1).max(60),
    keywords: z.array(z.string().min(1)).default([]),
    categories: z.array(z.string().min(1)).default([]),
  })
  .strict();

const scheduleEntry = z
  .object({
    enabled: z.boolean().default(true),
    cron: z.string().min(9, 'a cron expression such as "0 8 * * *"'),
    timezone: z.string().default('UTC'),
  })
  .strict();

const seedSubscriber = z
  .object({
    email: z.string().email(),
    name: z.string().optional(),
    topics: z.array(z.string()).default([]),
    frequency: z.enum(['daily', 'weekly']).default('daily'),
  })
  .strict();

/** The config file's schema. Every key has a default, so `{}` is a valid (if empty) config. */
export const fileConfigSchema = z
  .object({
    title: z.string().default('Paperpost'),
    sources: z.array(sourceSchema).default([]),
    fetch: fetchSchema,
    topics: z.array(topicSchema).default([]),
    schedule: z
      .object({
        daily: scheduleEntry.default({ enabled: true, cron: '0 8 * * *', timezone: 'UTC' }),
        weekly: scheduleEntry.default({ enabled: true, cron: '0 8 * * 1', timezone: 'UTC' }),
        /** Below this many new papers the edition is skipped and the papers wait for the next one. */
        minPapers: z.number().int().min(0).default(1),
        /** Minutes before a scheduled send at which sources are fetched again. */
        refetchMinutesBefore: z.number().int().min(0).default(0),
        /** A source failing this many runs in a row is reported as stale. */
        staleAfterFailures: z.number().int().min(1).default(3),
      })
      .strict()
      .prefault({}),
    sender: z
      .object({
        fromName: z.string().default('Paperpost'),
        fromAddress: z.string().email().default('digest@paperpost.invalid'),
        replyTo: z.string().email().optional(),
        postalAddress: z.string().default('Paperpost, 1 Example Street, Nowhere'),
        listId: z.string().default('paperpost.invalid'),
        /** Domain used in Message-IDs; defaults to the from address's domain. */
        messageIdDomain: z.string().optional(),
        unsubscribeMailto: z.string().email().optional(),
      })
      .strict()
      .prefault({}),
    limits: z
      .object({
        fetchTimeoutMs: z.number().int().positive().default(20_000),
        maxFeedBytes: z
          .number()
          .int()
          .positive()
          .default(20 * 1024 * 1024),
        fetchRetries: z.number().int().min(0).max(10).default(3),
        maxEntriesPerSource: z.number().int().positive().default(5000),
        maxPapersPerEdition: z.number().int().positive().default(50),
        maxPapersPerSection: z.number().int().positive().default(8),
        maxSummaryChars: z.number().int().positive().default(600),
        htmlBudgetBytes: z.number().int().positive().default(100_000),
      })
      .strict()
      .prefault({}),
    rank: z
      .object({
        upvotes: z.number().min(0).default(1),
        comments: z.number().min(0).default(0.5),
        sources: z.number().min(0).default(2),
        recency: z.number().min(0).default(1),
        /** Points per upvote gained per day between refetches (stored snapshots). */
        growth: z.number().min(0).default(2),
        /** Hacker-News-style gravity: score / (age_hours + 2) ^ gravity. */
        gravity: z.number().min(0).default(1.5),
      })
      .strict()
      .prefault({}),
    smtp: z
      .object({
        maxConnections: z.number().int().positive().default(5),
        maxMessagesPerConnection: z.number().int().positive().default(100),
        ratePerSecond: z.number().positive().default(50),
        hourlyCap: z.number().int().positive().optional(),
        dailyCap: z.number().int().positive().optional(),
        maxAttempts: z.number().int().positive().default(8),
        retryBaseSeconds: z.number().positive().default(60),
        maxConsecutiveErrors: z.number().int().positive().default(50),
        // Rows claimed (leased) at a time; default by store: see `claimSize` in cli/wiring.ts.
        batchSize: z.number().int().positive().optional(),
        leaseSeconds: z.number().int().positive().default(30),
      })
      .strict()
      .prefault({}),
    dkim: z
      .object({
        domainName: z.string().min(1),
        keySelector: z.string().min(1),
        privateKeyFile: z.string().min(1),
      })
      .strict()
      .optional(),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        confirmIntervalMinutes: z.number().int().min(0).default(10),
        rateLimitPerMinute: z.number().int().positive().default(20),
      })
      .strict()
      .prefault({}),
    /** Bounces and complaints (README "Bounces and complaints"). */
    bounces: z
      .object({
        /** Domain of the VERP return paths `bounces+<token>@<domain>`; unset: no VERP. */
        domain: z
          .string()
          .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'a domain name such as bounces.example.org')
          .optional(),
        /** Soft bounces (of different deliveries) within `softWindowDays` that suppress an address. */
        softLimit: z.number().int().min(1).default(3),
        softWindowDays: z.number().int().min(1).default(30),
        /** `paperpost bounces serve`: the inbound SMTP endpoint of the bounce domain. */
        serve: z
          .object({
            host: z.string().default('127.0.0.1'),
            port: z.number().int().min(0).max(65535).default(2525),
            maxMessageBytes: z
              .number()
              .int()
              .positive()
              .default(1024 * 1024),
            /** Connections per minute from one IP address. */
            connectionsPerMinute: z.number().int().positive().default(60),
          })
          .strict()
          .prefault({}),
        /** Optional IMAP mailbox to poll (password in PAPERPOST_IMAP_PASSWORD). */
        imap: z
          .object({
            host: z.string().min(1),
            port: z.number().int().min(1).max(65535).default(993),
            secure: z.boolean().default(true),
            user: z.string().min(1),
            mailbox: z.string().default('INBOX'),
            pollSeconds: z.number().int().min(10).default(300),
          })
          .strict()
          .optional(),
        /** Amazon SNS topics whose notifications are accepted (empty: any topic with a valid signature). */
        snsTopicArns: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
    /** Subscribers added (as confirmed) when the store has none: the demo recipient. */
    seedSubscribers: z.array(seedSubscriber).default([]),
    dataDir: z.string().default('data'),
    templatesDir: z.string().optional(),
  })
  .strict();

export type FileConfig = z.infer<typeof fileConfigSchema>;

/**
 * The site's public address: every link in every mail and page starts with it, so anything but a
 * plain http(s) origin (plus an optional path) is refused at start, not at the first request.
 */
export function isPublicBaseUrl(value: string): boolean {
  const url = parseHttpUrl(value);
  return url !== null && url.search === '' && url.hash === '';
}

/** Environment variables Paperpost reads (only cli/ and server/ read them; see .env.example). */
export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:|file:)/, 'postgres://..., sqlite:PATH or file:PATH')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'smtp://host:port or smtps://user:pass@host:port')
    .optional(),
  PAPERPOST_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  PAPERPOST_BASE_URL: z
    .string()
    .refine(isPublicBaseUrl, 'an http(s) URL without user, password, query or fragment')
    .optional(),
  PAPERPOST_CONFIG: z.string().optional(),
  PAPERPOST_DATA_DIR: z.string().optional(),
  PAPERPOST_OUTBOX_DIR: z.string().optional(),
  /** Postmark webhook: HTTP basic auth password or `?token=` value. */
  PAPERPOST_POSTMARK_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Bearer token for GET /metrics; unset: /metrics answers only loopback clients. */
  PAPERPOST_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  PAPERPOST_IMAP_PASSWORD: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type EnvConfig = z.infer<typeof envSchema>;
