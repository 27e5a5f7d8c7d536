import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PaperpostError, type SourceConfig, type SourceKind } from '../domain/index.js';
import { addDays, arxivApiUrl, arxivRssUrl, type Endpoints, hfDailyUrl, isoWeek } from './endpoints.js';

/** What a source is resolved for: the edition's local date and frequency, and where hosts live. */
export interface ResolveContext {
  /** The edition's date (`YYYY-MM-DD`, in its schedule's time zone). */
  day: string;
  frequency: 'daily' | 'weekly';
  endpoints: Endpoints;
  /** Relative local paths resolve against this folder. */
  baseDir: string;
}

/** The Hugging Face lists a source reads, in order; the first that is not empty wins. */
export type HfList = { date: string } | { week: string };

/** How a resolved source is read: one document, or pages of an API. */
export type ReadPlan =
  | { type: 'single' }
  | {
      type: 'hf';
      base: string;
      lists: HfList[];
      sort: 'trending' | 'publishedAt';
      pageSize: number;
      maxResults: number;
    }
  | { type: 'arxiv-api'; base: string; query: string; pageSize: number; maxResults: number };

/** A source with the URL it reads for this edition (the first request, for paged sources). */
export interface ResolvedSource {
  id: string;
  kind: SourceKind | 'auto';
  url: string;
  includeReplacements: boolean;
  plan: ReadPlan;
}

/**
 * Days a daily edition looks back for a Hugging Face list that is not empty. The list of day D
 * fills during D, so an edition reads the last full day (D-1) and, on Mondays and after holidays
 * when that list is empty, the day before it, up to this many days.
 */
export const HF_LOOKBACK_DAYS = 3;

function localUrl(location: string, baseDir: string): string {
  if (/^(https?|file):/i.test(location)) return location;
  return pathToFileURL(isAbsolute(location) ? location : resolve(baseDir, location)).href;
}

function hfLists(source: SourceConfig, ctx: ResolveContext): HfList[] {
  const period = source.period ?? 'edition';
  const weekly = period === 'week' || (period === 'edition' && ctx.frequency === 'weekly');
  // A weekly edition reads the last full ISO week; a daily one the last full day, looking back.
  if (weekly) return [{ week: isoWeek(addDays(ctx.day, ctx.frequency === 'weekly' ? -7 : -1)) }];
  return Array.from({ length: HF_LOOKBACK_DAYS }, (_, i) => ({ date: addDays(ctx.day, -1 - i) }));
}

/**
 * Resolves a configured source into the URL it reads for this edition. A `location` always wins
 * (any feed, or a file); otherwise the kind's live endpoint is used. Throws a `config` error for a
 * source that names neither (the schema normally catches that first).
 */
export function resolveSource(source: SourceConfig, ctx: ResolveContext): ResolvedSource {
  const base = { id: source.id, includeReplacements: source.includeReplacements };
  const kind = source.kind === 'opml' ? 'auto' : source.kind;
  if (source.location) {
    return { ...base, kind, url: localUrl(source.location, ctx.baseDir), plan: { type: 'single' } };
  }
  if (source.kind === 'hf-daily') {
    const lists = hfLists(source, ctx);
    const sort = source.sort ?? 'trending';
    const pageSize = source.pageSize ?? 50;
    const first = lists[0] ?? { date: ctx.day };
    return {
      ...base,
      kind: 'hf-daily',
      url: hfDailyUrl(ctx.endpoints.huggingface, first, { sort, limit: pageSize, page: 0 }),
      plan: {
        type: 'hf',
        base: ctx.endpoints.huggingface,
        lists,
        sort,
        pageSize,
        maxResults: source.maxResults ?? 200,
      },
    };
  }
  if (source.kind === 'arxiv-rss' && source.categories && source.categories.length > 0) {
    return {
      ...base,
      kind: 'arxiv-rss',
      url: arxivRssUrl(ctx.endpoints.arxivRss, source.categories),
      plan: { type: 'single' },
    };
  }
  if (source.kind === 'arxiv-api' && source.query) {
    const maxResults = source.maxResults ?? 200;
    const pageSize = Math.min(source.pageSize ?? 100, maxResults);
    return {
      ...base,
      kind: 'arxiv-api',
      url: arxivApiUrl(ctx.endpoints.arxivApi, source.query, 0, pageSize),
      plan: { type: 'arxiv-api', base: ctx.endpoints.arxivApi, query: source.query, pageSize, maxResults },
    };
  }
  throw new PaperpostError(
    'config',
    'config-invalid',
    `source ${source.id}: kind ${source.kind} needs a location${sourceHint(source.kind)}`,
  );
}

function sourceHint(kind: SourceConfig['kind']): string {
  if (kind === 'arxiv-rss') return ' or categories';
  if (kind === 'arxiv-api') return ' or a query';
  return '';
}
