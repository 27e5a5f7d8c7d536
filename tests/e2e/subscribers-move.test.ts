/**
 * Regression, issue 15 finding 2 ("old links act on other people"): with the same secret, store 1
 * holds a, b, c; `forget b`; export; import into store 2 and add d. c's old one-click
 * unsubscribe link unsubscribed d, and c's old preferences link opened d's preferences, because
 * links named row ids and the import gave rows new ones.
 */
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { buildSubscriberUrls, createTokenSigner, deriveKey } from '../../src/subscribers/index.js';
import { cliWith } from '../helpers/cli-in-process.js';
import { BASE, Client, createFixture, type Fixture, SECRET, tokenOf } from '../integration/server-fixture.js';

let dir: string;
const config = (name: string) => path.join(dir, name, 'paperpost.config.json');

/** A link as mails signed before keys existed: the subscriber's row id in base 36. */
function idToken(purpose: string, id: number): string {
  const body = `${id.toString(36)}.0.`;
  const mac = createHmac('sha256', deriveKey(SECRET, 'token-v1')).update(`${purpose}|${body}`).digest();
  return `${body}.${mac.toString('base64url')}`;
}

let fx: Fixture;
let store2: Store;
let cOldLinks: ReturnType<typeof buildSubscriberUrls>;
let cId: number;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  dir = mkdtempSync(path.join(tmpdir(), 'paperpost-move-'));
  for (const name of ['one', 'two']) {
    mkdirSync(path.join(dir, name));
    writeFileSync(config(name), JSON.stringify({ dataDir: path.join(dir, name, 'data') }));
  }
  for (const who of ['a', 'b', 'c']) {
    expect((await cliWith(config('one'), 'subscribers', 'add', `${who}@example.org`)).code).toBe(0);
  }
  const store1 = await createStore({ driver: 'sqlite', path: path.join(dir, 'one', 'data', 'paperpost.db') });
  const c = await store1.subscribers.getSubscriberByEmail('c@example.org');
  await store1.close();
  cId = c?.id ?? 0;
  cOldLinks = buildSubscriberUrls(BASE, createTokenSigner(SECRET), c?.key ?? '');
  expect((await cliWith(config('one'), 'subscribers', 'forget', 'b@example.org')).code).toBe(0);
  const exported = await cliWith(config('one'), 'subscribers', 'export');
  const file = path.join(dir, 'people.csv');
  writeFileSync(file, exported.stdout);
  const imported = await cliWith(config('two'), 'subscribers', 'import', file);
  expect(imported.stdout).toContain('imported 2 (added 2, updated 0)');
  expect((await cliWith(config('two'), 'subscribers', 'add', 'd@example.org')).code).toBe(0);
  store2 = await createStore({ driver: 'sqlite', path: path.join(dir, 'two', 'data', 'paperpost.db') });
  fx = await createFixture({ store: store2 });
}, 60_000);

afterAll(async () => {
  await fx?.close();
  await store2?.close();
  rmSync(dir, { recursive: true, force: true });
});

const statusOf = async (email: string) => (await store2.subscribers.getSubscriberByEmail(email))?.status;

describe('links after subscribers move to another store', () => {
  it('d holds the row id c had in store 1 (the trap the old links fell into)', async () => {
    expect((await store2.subscribers.getSubscriberByEmail('d@example.org'))?.id).toBe(cId);
  });

  it("c's old id-named one-click and preferences links never act on d", async () => {
    const oneClick = await fx.app.request(`/unsubscribe?token=${idToken('unsubscribe', cId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(400);
    const prefs = await new Client(fx.app).get(`/preferences?token=${idToken('preferences', cId)}`);
    expect(prefs.status).toBe(400);
    expect(await prefs.text()).not.toContain('d@example.org');
    expect(await statusOf('d@example.org')).toBe('confirmed');
  });

  it("c's key-named links, carried by export and import, still act on c and only on c", async () => {
    const prefs = await new Client(fx.app).get(`/preferences?token=${tokenOf(cOldLinks.preferencesUrl)}`);
    expect(prefs.status).toBe(200);
    expect(await prefs.text()).toContain('c@example.org');
    const oneClick = await fx.app.request(`/unsubscribe?token=${tokenOf(cOldLinks.oneClickUrl)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await statusOf('c@example.org')).toBe('unsubscribed');
    expect(await statusOf('d@example.org')).toBe('confirmed');
  });
});
