import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { canReachPostgres, dropPostgresSchema } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/types.js';
import { storeContract } from './store-contract.js';

const url = 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await canReachPostgres(url);
// Unique per file run, so parallel runs never share tables.
const prefix = `pp_${process.pid}_${randomBytes(3).toString('hex')}`;
let n = 0;

describe.skipIf(!reachable)('store contract: postgres (skipped: no PostgreSQL at 127.0.0.1:5432)', () => {
  storeContract(async () => {
    const schema = `${prefix}_${n++}`;
    const config = { driver: 'postgres', url, schema } as const;
    const store = await createStore(config);
    const peers: Store[] = [];
    return {
      store,
      openPeer: async () => {
        const peer = await createStore(config);
        peers.push(peer);
        return peer;
      },
      dispose: async () => {
        for (const peer of peers) await peer.close();
        await store.close();
        await dropPostgresSchema(url, schema);
      },
    };
  });
});
