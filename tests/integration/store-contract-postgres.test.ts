import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { canReachPostgres, clearPostgresSchema, dropPostgresSchema } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/types.js';
import { describeWith } from '../helpers/requirements.js';
import { storeContract } from './store-contract.js';

const url = 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await canReachPostgres(url);
// Unique per file run, so parallel runs never share tables; emptied between tests, dropped after.
const schema = `pp_${process.pid}_${randomBytes(3).toString('hex')}`;
const config = { driver: 'postgres', url, schema } as const;
// Opened once and kept: a new pool per test would pay for fresh server connections every time.
let main: Store | undefined;
let peer: Store | undefined;

afterAll(async () => {
  await peer?.close();
  await main?.close();
  if (reachable) await dropPostgresSchema(url, schema);
});

describeWith(reachable, 'no PostgreSQL at 127.0.0.1:5432', 'store contract: postgres', () => {
  storeContract(async () => {
    main ??= await createStore(config);
    await clearPostgresSchema(url, schema);
    return {
      store: main,
      openPeer: async () => {
        peer ??= await createStore(config);
        return peer;
      },
      dispose: async () => {},
    };
  });
});
