import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { storeContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'paperpost-store-'));
let n = 0;

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('store contract: sqlite :memory:', () => {
  storeContract(async () => {
    const store = await createStore({ driver: 'sqlite', path: ':memory:' });
    return { store, dispose: () => store.close() };
  });
});

describe('store contract: sqlite file', () => {
  storeContract(async () => {
    // A nested path: createStore creates the parent directory.
    const path = join(dir, `run-${n++}`, 'paperpost.db');
    const store = await createStore({ driver: 'sqlite', path });
    const peers: Store[] = [];
    return {
      store,
      openPeer: async () => {
        const peer = await createStore({ driver: 'sqlite', path });
        peers.push(peer);
        return peer;
      },
      dispose: async () => {
        for (const peer of peers) await peer.close();
        await store.close();
      },
    };
  });
});
