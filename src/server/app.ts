import { type Context, Hono, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { PaperpostError } from '../domain/errors.js';
import type { SubscriptionContext } from '../subscribers/index.js';
import { type ServerDeps, silentLogger, socketAddress } from './deps.js';
import { createErrorHandler } from './errors.js';
import { createFormTokens } from './form-token.js';
import { createPageRenderer } from './page.js';
import { enforce, type ServerParts } from './parts.js';
import { createRateLimiter } from './rate-limit.js';
import { registerArchiveRoutes } from './routes-archive.js';
import { registerBounceRoutes, WEBHOOK_PREFIX } from './routes-bounces.js';
import { registerManageRoutes } from './routes-manage.js';
import { registerMetricsRoute } from './routes-metrics.js';
import { registerSubscribeRoutes } from './routes-subscribe.js';
import { createViews } from './views/render.js';

/** Pages only load their own stylesheet; no script runs anywhere. */
const CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/**
 * The subscription site: subscribe, confirm, preferences, unsubscribe (RFC 8058 one-click),
 * archive, feed and health. Strict CSP and security headers, CSRF checks on every form
 * (origin check plus a signed double-submit token), per-IP and per-address rate limits.
 */
export function createApp(deps: ServerDeps): Hono {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;
  const clientIp = deps.clientIp ?? socketAddress;
  const https = deps.config.baseUrl.startsWith('https://');
  const publicOrigin = originOf(deps.config.baseUrl);
  const ipLimiter = createRateLimiter({
    limit: deps.rateLimits?.perIpPerMinute ?? deps.config.server.rateLimitPerMinute,
    windowMs: 60_000,
  });
  const tokens = createFormTokens(deps.secret, { secureCookie: https });
  const flows: SubscriptionContext = {
    store: deps.store,
    signer: deps.signer,
    mailer: deps.mailer,
    templates: deps.templates,
    baseUrl: deps.config.baseUrl,
    confirmIntervalMinutes: deps.config.server.confirmIntervalMinutes,
  };
  const parts: ServerParts = {
    deps,
    flows,
    tokens,
    logger,
    now,
    pages: createPageRenderer(createViews(), tokens, deps.config.title, deps.areas ?? []),
    limitIp: (c) => enforce(c, ipLimiter, `ip:${clientIp(c)}`, now().getTime()),
    // In the store: one window per address for every process and replica, kept over restarts.
    limitAddress: async (c, email) => {
      const limit = deps.rateLimits?.perAddressPerHour ?? 5;
      const decision = await deps.store.mailQueue.takeRateLimit(`address:${email}`, limit, 3600, now());
      if (decision.allowed) return;
      c.header('Retry-After', String(decision.retryAfterSeconds));
      throw new PaperpostError('server', 'rate-limited', 'too many requests');
    },
    kickMailQueue: () => deps.mailQueue?.kick(),
  };

  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: CSP,
      xFrameOptions: 'DENY',
      strictTransportSecurity: https ? 'max-age=15552000; includeSubDomains' : false,
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
      overwrite: false, // the archive sets its own, looser CSP for stored mails
    }),
  );
  const formBodyLimit = bodyLimit({
    maxSize: 16 * 1024,
    onError: () => {
      throw new PaperpostError('server', 'too-large', 'request body over 16 KiB');
    },
  });
  // Provider webhooks carry bigger bodies and set their own cap (routes-bounces.ts).
  app.use('*', (c: Context, next: Next) =>
    c.req.path.startsWith(WEBHOOK_PREFIX) ? next() : formBodyLimit(c, next),
  );
  // Only the configured public origin: the Host header (hence c.req.url) is the client's to choose.
  const originCheck = csrf({ origin: (origin) => origin === publicOrigin });
  // Mail clients send RFC 8058 one-click POSTs from their own servers, without an Origin.
  // Provider webhooks are posted by servers and authenticated by signature or token instead.
  app.use('*', (c: Context, next: Next) =>
    c.req.method === 'POST' && (c.req.path === '/unsubscribe' || c.req.path.startsWith(WEBHOOK_PREFIX))
      ? next()
      : originCheck(c, next),
  );

  registerSubscribeRoutes(app, parts);
  registerManageRoutes(app, parts);
  registerArchiveRoutes(app, parts);
  if (deps.bounces) registerBounceRoutes(app, parts, deps.bounces);
  registerMetricsRoute(app, parts, { token: deps.metricsToken ?? null, clientIp });
  app.notFound((c) =>
    parts.pages.page(
      c,
      '@message',
      { pageTitle: 'Page not found', lines: ['There is nothing at this address.'] },
      404,
    ),
  );
  app.onError(createErrorHandler(parts));
  return app;
}
