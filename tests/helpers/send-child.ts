/**
 * A sender process for crash tests: drains the ledger of a SQLite store over SMTP until every row
 * is finished, then exits 0. Usage: node --import tsx tests/helpers/send-child.ts <db-path> <smtp-url>
 */
import { ledgerPortOf } from '../../src/cli/wiring.js';
import { createSmtpTransport, drainLedgers } from '../../src/deliver/index.js';
import { createStore } from '../../src/store/index.js';
import { FAST, personalize, SENDER } from '../unit/deliver/fixtures.js';

const [dbPath, smtpUrl] = process.argv.slice(2);
if (!dbPath || !smtpUrl) throw new Error('usage: send-child.ts <db-path> <smtp-url>');
const store = await createStore({ driver: 'sqlite', path: dbPath });
const transport = createSmtpTransport(smtpUrl, { maxConnections: 3 });
try {
  const summary = await drainLedgers(
    { ledger: ledgerPortOf(store), transport, personalize, sender: SENDER },
    { ...FAST, batchSize: 10, leaseSeconds: 1, mode: 'until-empty' },
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  await transport.close();
  await store.close();
}
