import type { Hono } from 'hono';
import type { Topic } from '../../src/domain/index.js';
import { createApp } from '../../src/server/app.js';
import type { ServerDeps } from '../../src/server/deps.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import {
  createTokenSigner,
  type DrainSummary,
  drainMailQueue,
  type TransactionalMail,
} from '../../src/subscribers/index.js';

export const SECRET = 'test-secret-'.padEnd(40, 'x');
export const BASE = 'http://localhost';

export interface Fixture {
  app: Hono;
  store: Store;
  sent: TransactionalMail[];
  deps: ServerDeps;
  /** Sends what the store's mail queue holds (what `serve` does in the background). */
  drain(): Promise<DrainSummary>;
  close(): Promise<void>;
}

const topic = (slug: string, label: string): Topic => ({
  slug,
  label,
  keywords: [],
  categories: [],
  userDefined: true,
});

/** A real app on a real in-memory SQLite store; mails are kept in `sent`. */
export async function createFixture(overrides: Partial<ServerDeps> = {}): Promise<Fixture> {
  const store = await createStore({ driver: 'sqlite', path: ':memory:' });
  await store.catalogue.saveTopics([
    topic('llm', 'Language models'),
    topic('vision', 'Computer vision'),
    topic('robotics', 'Robotics'),
  ]);
  const sent: TransactionalMail[] = [];
  const deps: ServerDeps = {
    store,
    config: {
      baseUrl: BASE,
      title: 'Paperpost',
      server: { host: '127.0.0.1', port: 0, confirmIntervalMinutes: 10, rateLimitPerMinute: 20 },
    },
    signer: createTokenSigner(SECRET),
    secret: SECRET,
    mailer: { sendTransactional: async (mail) => void sent.push(mail) },
    templates: {
      renderConfirmation: ({ confirmUrl, email }) => ({
        subject: 'Confirm your subscription',
        html: `<a href="${confirmUrl}">Confirm</a>`,
        text: `Confirm ${email}: ${confirmUrl}`,
      }),
      renderWelcome: ({ preferencesUrl, unsubscribeUrl }) => ({
        subject: 'Welcome',
        html: `<a href="${preferencesUrl}">Preferences</a>`,
        text: `${preferencesUrl}\n${unsubscribeUrl}`,
      }),
    },
    ...overrides,
  };
  const drain = () =>
    drainMailQueue({ ...deps, baseUrl: deps.config.baseUrl }, deps.now ?? (() => new Date()));
  return { app: createApp(deps), store, sent, deps, drain, close: () => store.close() };
}

/** A cookie-keeping client over `app.request()`, like a browser on one site. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: Hono,
    private readonly ip = '203.0.113.1',
  ) {}

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { 'x-test-ip': this.ip, ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(path: string): Promise<Response> {
    return this.keep(await this.app.request(path, { headers: this.headers() }));
  }

  async post(
    path: string,
    form: Record<string, string | string[]>,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    const headers = this.headers({
      'content-type': 'application/x-www-form-urlencoded',
      origin: BASE,
      ...extra,
    });
    return this.keep(await this.app.request(path, { method: 'POST', headers, body: body.toString() }));
  }

  /** GET `path` and return the form token from its page. */
  async csrfFrom(path = '/'): Promise<string> {
    return csrfOf(await (await this.get(path)).text());
  }
}

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token in page');
  return match[1];
}

/** `clientIp` that reads the test header, so tests choose the client's address. */
export const testClientIp: ServerDeps['clientIp'] = (c) => c.req.header('x-test-ip') ?? 'unknown';

export const tokenOf = (url: string): string => new URL(url).searchParams.get('token') ?? '';
export const pathOf = (url: string): string => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
