import { LIVE_ENDPOINTS } from '../ingest/index.js';

/** The choices `paperpost init` asks for (flags, or the short walk on a terminal). */
export interface InitChoices {
  title: string;
  categories: string[];
  searches: string[];
  hf: boolean;
  hfSort: 'trending' | 'publishedAt';
  frequency: 'daily' | 'weekly' | 'both';
  timezone: string;
  /** The time zone's offset from UTC in hours (decides the daily cron's weekdays). */
  utcOffsetHours?: number;
  from?: string | undefined;
  fromName?: string | undefined;
  contact?: string | undefined;
  to?: string | undefined;
}

/** What a config for live sources starts from: Hugging Face trending plus a few ML categories. */
export const DEFAULT_CHOICES: Readonly<InitChoices> = Object.freeze({
  title: 'Trending papers',
  categories: ['cs.CL', 'cs.LG', 'cs.CV'],
  searches: [],
  hf: true,
  hfSort: 'trending',
  frequency: 'daily',
  timezone: 'UTC',
});

/**
 * arXiv announces Sunday to Thursday evenings (US Eastern), which reaches readers on Monday to
 * Friday mornings UTC; the RSS feeds are empty on Saturdays and Sundays. So the daily letter goes
 * out Monday to Friday at 08:00 and the weekly one on Monday.
 */
export const DAILY_CRON = '0 8 * * 1-5';
/** East of UTC+3, 08:00 local on Monday comes before Sunday's announcement: Tuesday to Saturday. */
export const DAILY_CRON_EAST = '0 8 * * 2-6';
export const WEEKLY_CRON = '0 8 * * 1';

function sourceId(prefix: string, words: string[]): string {
  const id = `${prefix}-${words.join('-')}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return id.replace(/-+/g, '-').replace(/-$/, '').slice(0, 60);
}

/** The config file `init` writes, as a plain object (JSON, every choice spelled out). */
export function buildInitConfig(choices: InitChoices): Record<string, unknown> {
  const sources: Record<string, unknown>[] = [];
  if (choices.hf) {
    sources.push({
      id: `hf-${choices.hfSort === 'trending' ? 'trending' : 'newest'}`,
      kind: 'hf-daily',
      sort: choices.hfSort,
    });
  }
  if (choices.categories.length > 0) {
    sources.push({
      id: sourceId('arxiv', choices.categories),
      kind: 'arxiv-rss',
      categories: choices.categories,
    });
  }
  choices.searches.forEach((query, i) => {
    sources.push({ id: `arxiv-search-${i + 1}`, kind: 'arxiv-api', query, maxResults: 100 });
  });
  const daily = choices.frequency !== 'weekly';
  const weekly = choices.frequency !== 'daily';
  const sender: Record<string, unknown> = {};
  if (choices.fromName) sender['fromName'] = choices.fromName;
  if (choices.from) {
    sender['fromAddress'] = choices.from;
    sender['listId'] = `papers.${choices.from.split('@')[1] ?? 'paperpost.invalid'}`;
  }
  const contact = choices.contact ?? choices.from;
  const config: Record<string, unknown> = {
    title: choices.title,
    sources,
    fetch: { ...(contact ? { contact } : {}), endpoints: { ...LIVE_ENDPOINTS } },
    schedule: {
      daily: {
        enabled: daily,
        cron: (choices.utcOffsetHours ?? 0) > 3 ? DAILY_CRON_EAST : DAILY_CRON,
        timezone: choices.timezone,
      },
      weekly: { enabled: weekly, cron: WEEKLY_CRON, timezone: choices.timezone },
      minPapers: 5,
    },
    ...(Object.keys(sender).length > 0 ? { sender } : {}),
  };
  if (choices.to) {
    config['seedSubscribers'] = [{ email: choices.to, frequency: weekly && !daily ? 'weekly' : 'daily' }];
  }
  return config;
}
