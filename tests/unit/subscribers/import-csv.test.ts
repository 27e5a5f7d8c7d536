import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { formatSubscriberCsv, importCsv } from '../../../src/subscribers/index.js';

const NOW = new Date('2025-03-01T10:00:00Z');
let store: Store;

beforeEach(async () => {
  store = await createStore({ driver: 'sqlite', path: ':memory:' });
  await store.saveTopics(
    ['llm', 'vision'].map((slug) => ({ slug, label: slug, keywords: [], categories: [], userDefined: true })),
  );
});
afterEach(async () => store.close());

describe('importCsv', () => {
  it('imports good rows as confirmed and reports bad rows with their line numbers', async () => {
    const csv = [
      'email,topics,frequency', // 1
      'Ada@Example.org,llm;vision,weekly', // 2
      'not-an-email,llm,daily', // 3
      '', // 4 (empty, skipped)
      'bob@example.org,,', // 5
      'cy@example.org,chemistry,daily', // 6
      'dee@example.org,llm,hourly', // 7
      '"eve@example.org,llm,daily', // 8: unterminated quote
    ].join('\n');
    const report = await importCsv({ store }, csv, NOW);
    expect(report.added).toBe(2);
    expect(report.errors.map((e) => e.line)).toEqual([3, 6, 7, 8]);
    expect(report.errors[0]?.reason).toMatch(/invalid email/);
    expect(report.errors[1]?.reason).toMatch(/unknown topic "chemistry"/);
    expect(report.errors[2]?.reason).toMatch(/daily or weekly/);
    expect(await store.getSubscriberByEmail('ada@example.org')).toMatchObject({
      status: 'confirmed',
      topics: ['llm', 'vision'],
      frequency: 'weekly',
    });
    expect(await store.getSubscriberByEmail('bob@example.org')).toMatchObject({
      topics: [],
      frequency: 'daily',
    });
  });

  it('reports duplicates, skips people who left, updates known rows', async () => {
    const left = await store.upsertSubscriber({
      email: 'gone@example.org',
      status: 'confirmed',
      topics: [],
      frequency: 'daily',
    });
    await store.updateSubscriber(left.id, { status: 'unsubscribed' }, NOW);
    await store.upsertSubscriber({
      email: 'known@example.org',
      status: 'pending',
      topics: [],
      frequency: 'daily',
    });
    const csv =
      'email,topics,frequency\nknown@example.org,llm,daily\ngone@example.org,,\nKNOWN@example.org,,\n';
    const report = await importCsv({ store }, csv, NOW);
    expect(report).toMatchObject({ added: 0, updated: 1 });
    expect(report.skipped).toEqual([
      { line: 3, reason: 'gone@example.org is unsubscribed; not re-subscribed' },
    ]);
    expect(report.errors).toEqual([{ line: 4, reason: 'duplicate of line 2' }]);
    expect((await store.getSubscriberByEmail('gone@example.org'))?.status).toBe('unsubscribed');
    expect((await store.getSubscriberByEmail('known@example.org'))?.status).toBe('confirmed');
  });

  it('refuses a file without an email column', async () => {
    const report = await importCsv({ store }, 'mail,topics\na@example.org,llm\n', NOW);
    expect(report.added).toBe(0);
    expect(report.errors).toEqual([{ line: 1, reason: expect.stringMatching(/header/) }]);
  });

  it('exports rows that re-import and neutralises spreadsheet formulas', async () => {
    const sub = await store.upsertSubscriber({
      email: 'z@example.org',
      name: '=HYPERLINK("x")',
      status: 'confirmed',
      topics: ['llm', 'vision'],
      frequency: 'weekly',
    });
    const line = formatSubscriberCsv(sub);
    expect(line.startsWith('z@example.org,llm;vision,weekly,confirmed,"\'=HYPERLINK(""x"")"')).toBe(true);
  });
});
