import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperpostError } from '../../../src/domain/index.js';
import { createStore } from '../../../src/store/index.js';
import { canReachPostgres, clearPostgresSchema, dropPostgresSchema } from '../../../src/store/postgres.js';
import type { Store } from '../../../src/store/types.js';
import {
  EXPORT_HEADER,
  formatSubscriberCsv,
  type ImportProblem,
  importCsv,
  unsubscribeTopic,
} from '../../../src/subscribers/index.js';
import { describeWith } from '../../helpers/requirements.js';

const NOW = new Date('2025-03-01T10:00:00Z');
const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const pgReachable = await canReachPostgres(PG_URL);
const SCHEMA = `pp_import_csv_${process.pid}_${randomBytes(3).toString('hex')}`;
let driver: 'sqlite' | 'postgres' = 'sqlite';
let store: Store;

/** An empty store of the engine under test (PostgreSQL: this file's schema, emptied). */
async function emptyStore(): Promise<Store> {
  if (driver === 'sqlite') return createStore({ driver: 'sqlite', path: ':memory:' });
  const pg = await createStore({ driver: 'postgres', url: PG_URL, schema: SCHEMA });
  await clearPostgresSchema(PG_URL, SCHEMA);
  return pg;
}

/** An empty store knowing `slugs` as topics. */
async function storeWithTopics(slugs: string[]): Promise<Store> {
  const fresh = await emptyStore();
  await fresh.catalogue.saveTopics(
    slugs.map((slug) => ({ slug, label: slug, keywords: [], categories: [], userDefined: true })),
  );
  return fresh;
}

/** Import `file` (text, or bytes given in chunks) the way the CLI does; problems in order. */
async function run(file: string | Buffer | Buffer[]) {
  const errors: ImportProblem[] = [];
  const skipped: ImportProblem[] = [];
  const chunks = Array.isArray(file) ? file : [file];
  const counts = await importCsv(
    { store },
    async function* () {
      yield* chunks;
    },
    'people.csv',
    NOW,
    (kind, problem) => (kind === 'error' ? errors : skipped).push(problem),
  );
  return { ...counts, errorList: errors, skippedList: skipped };
}

async function refusal(file: string | Buffer): Promise<string> {
  const error = await run(file).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(PaperpostError);
  expect((error as PaperpostError).code).toBe('bad-input');
  expect(await store.subscribers.countSubscribers()).toMatchObject({ confirmed: 0, pending: 0 });
  return (error as PaperpostError).message;
}

const BAD_ROWS = [
  'email,topics,frequency', // 1
  'Ada@Example.org,llm;vision,weekly', // 2
  'not-an-email,llm,daily', // 3
  '', // 4 (empty, skipped)
  'bob@example.org,,', // 5
  'cy@example.org,chemistry,daily', // 6
  'dee@example.org,llm,hourly', // 7
  '"multi@example.org","llm;', // 8: a quoted field over two lines
  'vision",weekly', // 9
  'fay@ex"ample.org,llm,daily', // 10: a quote inside an unquoted field
  '"gus@example.org"x,llm,daily', // 11: text after a closing quote
  'hal@example.org,llm,daily', // 12
];

/** The import's cases, against the engine `engine`. */
function importCases(engine: 'sqlite' | 'postgres'): void {
  beforeEach(async () => {
    driver = engine;
    store = await storeWithTopics(['llm', 'vision']);
  });
  afterEach(async () => store.close());

  describe('importCsv', () => {
    it.each([
      ['LF', '\n'],
      ['CRLF', '\r\n'],
      ['CR', '\r'],
    ])('imports good rows and reports bad ones by the line they start on (%s)', async (_name, eol) => {
      const report = await run(BAD_ROWS.join(eol));
      expect(report.errorList.map((e) => e.line)).toEqual([3, 6, 7, 10, 11]);
      expect(report.errorList.map((e) => e.reason)).toEqual([
        'invalid email "not-an-email"',
        'unknown topic "chemistry"',
        'frequency must be daily or weekly, got "hourly"',
        'unreadable CSV record (a quote inside an unquoted field)',
        'unreadable CSV record (text after a closing quote)',
      ]);
      expect(report).toMatchObject({ added: 4, updated: 0, skipped: 0, errors: 5 });
      expect(await store.subscribers.getSubscriberByEmail('ada@example.org')).toMatchObject({
        status: 'confirmed',
        topics: ['llm', 'vision'],
        frequency: 'weekly',
      });
      expect(await store.subscribers.getSubscriberByEmail('multi@example.org')).toMatchObject({
        topics: ['llm', 'vision'],
      });
      expect(await store.subscribers.getSubscriberByEmail('hal@example.org')).toBeDefined();
    });

    // Regression, issue 15 finding 4: after an unclosed quote every later row was neither imported
    // nor reported (exit 0, good rows lost).
    it('refuses a file whose quote never closes, naming its line, and stores nothing', async () => {
      const file = ['email,topics', 'a@example.org,llm', '"b@example.org,llm', 'c@example.org,llm'].join(
        '\r\n',
      );
      expect(await refusal(file)).toBe('people.csv:3: a quoted field never closes');
    });

    // Regression, issue 15 finding 4: CRLF files shifted reported line numbers.
    it('counts CRLF as one line break, also inside quoted fields and across chunk edges', async () => {
      const file = 'email,name\r\na@example.org,"two\r\nlines"\r\nbad,x\r\n';
      const cut = file.indexOf('\n', 12); // split between a CR and its LF
      const report = await run([Buffer.from(file.slice(0, cut)), Buffer.from(file.slice(cut))]);
      expect(report.errorList).toEqual([{ line: 4, reason: 'invalid email "bad"' }]);
      expect((await store.subscribers.getSubscriberByEmail('a@example.org'))?.name).toBe('two\nlines');
    });

    // Regression, issue 15 finding 13: these exited 1 (or imported nothing) instead of a clear exit 2.
    it.each([
      ['no header', 'a@example.org,llm,daily\nb@example.org,,\n', /^people\.csv:1: no header line/],
      [
        '";" separators',
        'email;topics;frequency\na@example.org;llm;daily\n',
        /^people\.csv:1: fields are separated by ";"/,
      ],
      [
        'a binary file',
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]),
        /^people\.csv:1: not a UTF-8 text file/,
      ],
      ['UTF-16', Buffer.from('\ufeffemail\na@example.org\n', 'utf16le'), /^people\.csv:1: UTF-16 text/],
      [
        'Latin-1',
        Buffer.from('email,name\na@example.org,Jos\xe9\n', 'latin1'),
        /^people\.csv:2: not a UTF-8 text file/,
      ],
      ['an empty file', '', /^people\.csv: empty file/],
      [
        'no email column',
        'mail,topics\na@example.org,llm\n',
        /^people\.csv:1: the header must name an email column/,
      ],
    ])('refuses %s as a whole', async (_name, file, message) => {
      expect(await refusal(file)).toMatch(message);
    });

    // Issue 15 item 12: repeats are told by the store (no per-address memory), across batches too.
    it('reports a repeat by the line it repeats, in the same batch or thousands of rows later', async () => {
      const key = (n: number) => n.toString(16).padStart(32, '0');
      const lines = ['email,status,key', `a@example.org,pending,${key(1)}`];
      for (let i = 0; i < 6000; i++) lines.push(`p${i}@example.org,confirmed,${key(100 + i)}`);
      lines.push(`b@example.org,confirmed,${key(1)}`); // line 6003: a's key on another address
      lines.push(`A@example.org,confirmed,${key(2)}`); // line 6004: a again
      lines.push(`p5@example.org,confirmed,${key(3)}`); // line 6005: an address of line 8
      lines.push(`c@example.org,confirmed,${key(9)}`, `c@example.org,confirmed,${key(9)}`); // 6006, 6007
      const report = await run(`${lines.join('\n')}\n`);
      expect(report).toMatchObject({ added: 6002, updated: 0, skipped: 3, errors: 1 });
      expect(report.errorList).toEqual([{ line: 6003, reason: `key ${key(1)} repeats line 2` }]);
      expect(report.skippedList).toEqual([
        { line: 6004, reason: 'duplicate of line 2' },
        { line: 6005, reason: 'duplicate of line 8' },
        { line: 6007, reason: 'duplicate of line 6006' },
      ]);
      expect(await store.subscribers.getSubscriberByEmail('a@example.org')).toMatchObject({
        status: 'pending',
        key: key(1),
      });
      expect(await store.subscribers.getSubscriberByEmail('b@example.org')).toBeUndefined();
      expect(await store.subscribers.getSubscriberByKey(key(105))).toMatchObject({ email: 'p5@example.org' });
    });

    it('imports the same file twice: the second time every row is known and updated', async () => {
      const file = 'email,topics\na@example.org,llm\nb@example.org,vision\n';
      expect(await run(file)).toMatchObject({ added: 2, updated: 0, skipped: 0, errors: 0 });
      expect(await run(file.replace('a@example.org,llm', 'a@example.org,vision'))).toMatchObject({
        added: 0,
        updated: 2,
        skipped: 0,
        errors: 0,
      });
      expect(await store.subscribers.getSubscriberByEmail('a@example.org')).toMatchObject({
        topics: ['vision'],
      });
    });

    it('reads a UTF-8 BOM and skips duplicates within the file, reporting each', async () => {
      const report = await run('\ufeffemail\na@example.org\nA@example.org\nb@example.org\n');
      expect(report).toMatchObject({ added: 2, skipped: 1, errors: 0 });
      expect(report.skippedList).toEqual([{ line: 3, reason: 'duplicate of line 2' }]);
    });

    it('skips people who left, updates known rows', async () => {
      const left = await store.subscribers.upsertSubscriber({
        email: 'gone@example.org',
        status: 'confirmed',
        topics: [],
        frequency: 'daily',
      });
      await store.subscribers.updateSubscriber(left.id, { status: 'unsubscribed' }, NOW);
      await store.subscribers.upsertSubscriber({
        email: 'known@example.org',
        status: 'pending',
        topics: [],
        frequency: 'daily',
      });
      const report = await run('email,topics,frequency\nknown@example.org,llm,daily\ngone@example.org,,\n');
      expect(report).toMatchObject({ added: 0, updated: 1, skipped: 1, errors: 0 });
      expect(report.skippedList).toEqual([
        { line: 3, reason: 'gone@example.org is unsubscribed; not re-subscribed' },
      ]);
      expect((await store.subscribers.getSubscriberByEmail('gone@example.org'))?.status).toBe('unsubscribed');
      expect((await store.subscribers.getSubscriberByEmail('known@example.org'))?.status).toBe('confirmed');
    });

    // Regression, issue 15 finding 13: unknown slugs were stored while the catalogue was empty.
    it('refuses unknown topic slugs when the catalogue is empty', async () => {
      await store.close();
      store = await emptyStore();
      const empty = store;
      {
        const problems: ImportProblem[] = [];
        const counts = await importCsv(
          { store: empty },
          async function* () {
            yield 'email,topics\na@example.org,anything\nb@example.org,\n';
          },
          'people.csv',
          NOW,
          (_kind, problem) => problems.push(problem),
        );
        expect(counts).toMatchObject({ added: 1, errors: 1 });
        expect(problems[0]?.reason).toMatch(/^unknown topic "anything" \(the topic catalogue is empty/);
      }
    });

    it.each([
      [
        'status',
        'email,status\na@example.org,gone\n',
        'status must be one of pending, confirmed, unsubscribed, suppressed, got "gone"',
      ],
      [
        'time stamp',
        'email,status,created_at\na@example.org,pending,yesterday\n',
        'created_at "yesterday" is not an ISO date',
      ],
      ['key', 'email,status,key\na@example.org,pending,1234\n', 'key "1234" is not 32 hex digits'],
    ])('refuses a row with a bad %s', async (_name, file, reason) => {
      const report = await run(file);
      expect(report.errorList).toEqual([{ line: 2, reason }]);
      expect(report.added).toBe(0);
    });
  });

  describe('export then import', () => {
    it('keeps "all topics except" choices: someone who left one topic comes back the same', async () => {
      const all = await store.subscribers.upsertSubscriber({
        email: 'all@example.org',
        status: 'confirmed',
        topics: [],
        frequency: 'daily',
      });
      const listed = await store.subscribers.upsertSubscriber({
        email: 'list@example.org',
        status: 'confirmed',
        topics: ['llm', 'vision'],
        frequency: 'weekly',
      });
      await unsubscribeTopic({ store }, all.id, 'vision', NOW);
      await unsubscribeTopic({ store }, listed.id, 'vision', NOW);
      const before = await store.subscribers.listSubscribers({ limit: 10 });
      expect(before.map((s) => s.topics)).toEqual([['!vision'], ['llm']]);
      const file = `${EXPORT_HEADER}\n${before.map((s) => formatSubscriberCsv(s)).join('\n')}\n`;
      await store.close();
      store = await storeWithTopics(['llm', 'vision']);
      expect(await run(file)).toMatchObject({ added: 2, errors: 0, skipped: 0 });
      const strip = ({ id: _id, ...rest }: (typeof before)[number]) => rest;
      expect((await store.subscribers.listSubscribers({ limit: 10 })).map(strip)).toEqual(before.map(strip));
    });

    it.each([
      ['!chemistry', 'unknown topic "!chemistry"'],
      [
        'llm;!vision',
        'topics mix slugs and "!slug" exceptions (llm;!vision): use either a list or all-except',
      ],
    ])('refuses topics %s like an unknown slug', async (topics, reason) => {
      const report = await run(`email,topics\nok@example.org,!llm\nbad@example.org,${topics}\n`);
      expect(report).toMatchObject({ added: 1, errors: 1 });
      expect(report.errorList).toEqual([{ line: 3, reason }]);
      expect(await store.subscribers.getSubscriberByEmail('ok@example.org')).toMatchObject({
        topics: ['!llm'],
      });
      expect(await store.subscribers.getSubscriberByEmail('bad@example.org')).toBeUndefined();
    });
    // Regression, issue 15 finding 2: every exported row came back `confirmed` (pending, bounced and
    // unsubscribed people included), with new consent times; `-minus@` came back as `'-minus@`.
    it('keeps status, consent time stamps, key and the exact address', async () => {
      const at = new Date('2024-01-02T03:04:05.000Z');
      const people = [
        ['-minus@example.com', 'pending'],
        ['+plus@example.com', 'confirmed'],
        ['=equals@example.com', 'unsubscribed'],
        ['bounced@example.com', 'suppressed'],
      ] as const;
      for (const [email, status] of people) {
        const sub = await store.subscribers.upsertSubscriber({
          email,
          status: 'confirmed',
          topics: ['llm'],
          frequency: 'weekly',
        });
        if (status !== 'confirmed') await store.subscribers.updateSubscriber(sub.id, { status }, at);
      }
      const before = await store.subscribers.listSubscribers({ limit: 10 });
      const file = `email,topics,frequency,status,name,created_at,confirmed_at,unsubscribed_at,key\n${before
        .map((s) => formatSubscriberCsv(s))
        .join('\n')}\n`;
      await store.close();
      store = await storeWithTopics(['llm']);
      expect(await run(file)).toMatchObject({ added: 4, errors: 0, skipped: 0 });
      const after = await store.subscribers.listSubscribers({ limit: 10 });
      const strip = ({ id: _id, ...rest }: (typeof before)[number]) => rest;
      expect(after.map(strip)).toEqual(before.map(strip));
    });

    it('escapes for spreadsheets only when asked', async () => {
      const sub = await store.subscribers.upsertSubscriber({
        email: '-z@example.org',
        name: '=HYPERLINK("x")',
        status: 'confirmed',
        topics: ['llm', 'vision'],
        frequency: 'weekly',
      });
      expect(
        formatSubscriberCsv(sub).startsWith('-z@example.org,llm;vision,weekly,confirmed,"=HYPERLINK(""x"")"'),
      ).toBe(true);
      expect(
        formatSubscriberCsv(sub, { spreadsheetSafe: true }).startsWith(
          `'-z@example.org,llm;vision,weekly,confirmed,"'=HYPERLINK(""x"")"`,
        ),
      ).toBe(true);
    });
  });
}

describe('on SQLite', () => importCases('sqlite'));
describeWith(pgReachable, 'no PostgreSQL at 127.0.0.1:5432', 'on PostgreSQL', () => {
  afterAll(() => dropPostgresSchema(PG_URL, SCHEMA));
  importCases('postgres');
});
