import { describeError, type Frequency, type SourceConfig } from '../domain/index.js';
import {
  type Clock,
  createHostPacer,
  fetchSource,
  opmlSources,
  parseOpml,
  type ReadSourceOptions,
  type ResolvedSource,
  resolveSource,
} from '../ingest/index.js';
import type { RunOptions } from './types.js';
import { wallTimeAt } from './zone-time.js';

export const USER_AGENT = 'Paperpost/0.1 (+https://github.com/paperpost/paperpost; research digest)';

/**
 * The User-Agent of every request: Paperpost, its home page and the operator's contact address
 * (`fetch.contact`, else the sender's reply-to or from address), as arXiv asks of API clients.
 */
export function userAgentFor(config: Readonly<RunOptions>): string {
  const candidates = [config.fetch.contact, config.sender.replyTo, config.sender.fromAddress];
  const contact = candidates.find((a) => a && !/\.invalid$/i.test(a));
  return contact ? `${USER_AGENT.slice(0, -1)}; mailto:${contact})` : USER_AGENT;
}

/** Fetch options of a run: limits, identity, and one pacer per host shared by every source. */
export function fetchOptionsFor(config: Readonly<RunOptions>, clock?: Clock): ReadSourceOptions {
  let arxivHost: string | undefined;
  try {
    arxivHost = new URL(config.fetch.endpoints.arxivApi).host;
  } catch {
    arxivHost = undefined;
  }
  const pacer = createHostPacer({
    defaultIntervalMs: config.fetch.hostIntervalMs,
    intervals: arxivHost
      ? { [arxivHost]: Math.max(config.fetch.arxivApiIntervalMs, config.fetch.hostIntervalMs) }
      : {},
    clock,
  });
  return {
    timeoutMs: config.limits.fetchTimeoutMs,
    maxBytes: config.limits.maxFeedBytes,
    retries: config.limits.fetchRetries,
    userAgent: userAgentFor(config),
    baseDir: config.baseDir,
    maxEntries: config.limits.maxEntriesPerSource,
    pacer,
    sleep: clock ? (ms) => clock.sleep(ms) : undefined,
  };
}

/** The edition's date (`YYYY-MM-DD`) in the time zone of its frequency's schedule. */
export function editionDay(config: Readonly<RunOptions>, frequency: Frequency, now: Date): string {
  const wall = wallTimeAt(now.getTime(), config.schedule[frequency].timezone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** A configured source, resolved for one edition, or the reason it could not be. */
export type PlannedSource =
  | { id: string; kind: SourceConfig['kind']; resolved: ResolvedSource }
  | { id: string; kind: SourceConfig['kind']; url: string | null; error: string };

/**
 * Every configured source resolved for the edition of `frequency` at `now`: its URL, paging and
 * parse kind. OPML sources are read (a file, or one request) and stand for their feeds.
 */
export async function planSources(
  config: Readonly<RunOptions>,
  frequency: Frequency,
  now: Date,
  options: ReadSourceOptions,
): Promise<PlannedSource[]> {
  const ctx = {
    day: editionDay(config, frequency, now),
    frequency,
    endpoints: config.fetch.endpoints,
    baseDir: config.baseDir,
  };
  const planned: PlannedSource[] = [];
  for (const source of config.sources as readonly SourceConfig[]) {
    let feeds: SourceConfig[] = [source];
    if (source.kind === 'opml') {
      const url = source.location ?? '';
      try {
        const spec = { id: source.id, kind: 'auto' as const, location: url, includeReplacements: false };
        const fetched = await fetchSource(spec, undefined, options);
        feeds = fetched.status === 'ok' ? opmlSources(source, parseOpml(fetched.text, source.id)) : [];
      } catch (err) {
        planned.push({ id: source.id, kind: source.kind, url, error: describeError(err) });
        continue;
      }
    }
    for (const feed of feeds) {
      try {
        planned.push({ id: feed.id, kind: feed.kind, resolved: resolveSource(feed, ctx) });
      } catch (err) {
        planned.push({ id: feed.id, kind: feed.kind, url: feed.location ?? null, error: describeError(err) });
      }
    }
  }
  return planned;
}
