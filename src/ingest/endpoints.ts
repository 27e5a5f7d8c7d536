/**
 * The live endpoints of the sources that know where they live, and the URLs Paperpost asks them.
 * Hosts are settings (`fetch.endpoints` in the config) so tests and mirrors can stand in for them.
 */

/** Base URLs, without a trailing slash; a path prefix is kept (`http://127.0.0.1:8080/hf`). */
export interface Endpoints {
  huggingface: string;
  arxivRss: string;
  arxivApi: string;
}

export const LIVE_ENDPOINTS: Readonly<Endpoints> = Object.freeze({
  huggingface: 'https://huggingface.co',
  arxivRss: 'https://rss.arxiv.org',
  arxivApi: 'https://export.arxiv.org',
});

/** arXiv asks API clients for at most one request every 3 seconds. */
export const ARXIV_API_INTERVAL_MS = 3000;

const trim = (base: string): string => base.replace(/\/+$/, '');

/** One page of Hugging Face's `api/daily_papers`: a day (`date`) or an ISO week (`week`). */
export function hfDailyUrl(
  base: string,
  list: { date: string } | { week: string },
  page: { sort: 'trending' | 'publishedAt'; limit: number; page: number },
): string {
  const params = new URLSearchParams();
  if ('date' in list) params.set('date', list.date);
  else params.set('week', list.week);
  params.set('sort', page.sort);
  params.set('limit', String(page.limit));
  params.set('p', String(page.page));
  return `${trim(base)}/api/daily_papers?${params}`;
}

/** arXiv's combined category feed: `["cs.CL","cs.LG"]` -> `.../rss/cs.CL+cs.LG`. */
export function arxivRssUrl(base: string, categories: readonly string[]): string {
  return `${trim(base)}/rss/${categories.map(encodeURIComponent).join('+')}`;
}

/** One page of an arXiv API search, newest submissions first. */
export function arxivApiUrl(base: string, query: string, start: number, maxResults: number): string {
  const params = new URLSearchParams({
    search_query: query,
    sortBy: 'submittedDate',
    sortOrder: 'descending',
    start: String(start),
    max_results: String(maxResults),
  });
  return `${trim(base)}/api/query?${params}`;
}

/** `2026-06-12` plus `days` (may be negative). */
export function addDays(day: string, days: number): string {
  const at = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(at).toISOString().slice(0, 10);
}

/** ISO 8601 week of a day: `2026-06-12` -> `2026-W24` (weeks start on Monday; week 1 holds a Thursday). */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * 86_400_000;
  const week = Math.floor((thursday.getTime() - firstMonday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
