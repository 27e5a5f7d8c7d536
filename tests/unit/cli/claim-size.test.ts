import { describe, expect, it } from 'vitest';
import { claimSize } from '../../../src/cli/wiring.js';
import { fileConfigSchema } from '../../../src/config/schema.js';

const smtp = (batchSize?: number) => fileConfigSchema.parse({ smtp: { batchSize } }).smtp;

describe('claimSize (rows claimed at a time)', () => {
  it('defaults by store: 40 on SQLite, 200 on PostgreSQL', () => {
    expect(claimSize({ smtp: smtp(), databaseUrl: null })).toBe(40);
    expect(claimSize({ smtp: smtp(), databaseUrl: 'postgres://localhost/paperpost' })).toBe(200);
  });

  it('takes smtp.batchSize when the config sets it, on either store', () => {
    expect(claimSize({ smtp: smtp(75), databaseUrl: null })).toBe(75);
    expect(claimSize({ smtp: smtp(75), databaseUrl: 'postgres://localhost/paperpost' })).toBe(75);
  });
});
