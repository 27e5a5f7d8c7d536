import { randomBytes } from 'node:crypto';
import { afterAll, describe } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { canReachPostgres, dropPostgresSchema, truncatePostgresSchema } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/types.js';
import { storeContract } from './store-contract.js';

const url = 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await canReachPostgres(url);
// Unique per file run, so parallel runs never share tables; emptied between tests, dropped after.
const schema = `pp_${process.pid}_${randomBytes(3).toString('hex')}`;
const config = { driver: 'postgres', url, schema } as const;

afterAll(async () => {
  if (reachable) await dropPostgresSchema(url, schema);
});

describe.skipIf(!reachable)('store contract: postgres (skipped: no PostgreSQL at 127.0.0.1:5432)', () => {
  storeContract(async () => {
    const store = await createStore(config);
    await truncatePostgresSchema(url, schema);
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
      },
    };
  });
});
