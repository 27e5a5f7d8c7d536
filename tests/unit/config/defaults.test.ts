import { describe, expect, it } from 'vitest';
import { fileConfigSchema } from '../../../src/config/schema.js';

/** Reads `a.b.c` out of a parsed config. */
const at = (value: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);

describe('config defaults (each declared once, on its key)', () => {
  it.each([
    [{}, 'schedule.daily.cron', '0 8 * * *'],
    [{}, 'schedule.weekly.cron', '0 8 * * 1'],
    [{}, 'schedule.staleAfterFailures', 3],
    [{}, 'sender.listId', 'paperpost.invalid'],
    [{}, 'limits.maxPapersPerEdition', 50],
    [{}, 'rank.gravity', 1.5],
    [{}, 'smtp.batchSize', undefined],
    [{}, 'server.port', 8080],
    [{}, 'bounces.serve.port', 2525],
    [{}, 'fetch.endpoints.arxivApi', 'https://export.arxiv.org'],
    // a section given in part keeps the defaults of the keys it leaves out
    [{ limits: { fetchRetries: 1 } }, 'limits.maxPapersPerSection', 8],
    [{ limits: { fetchRetries: 1 } }, 'limits.fetchRetries', 1],
    [{ schedule: { minPapers: 5 } }, 'schedule.weekly.enabled', true],
    [{ bounces: { softLimit: 5 } }, 'bounces.serve.connectionsPerMinute', 60],
    [{ fetch: { contact: 'ops@example.org' } }, 'fetch.hostIntervalMs', 1000],
    [{ smtp: { hourlyCap: 10 } }, 'smtp.leaseSeconds', 30],
  ])('%j: %s is %j', (config, key, expected) => {
    expect(at(fileConfigSchema.parse(config), key)).toEqual(expected);
  });
});
