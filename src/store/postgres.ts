import { type Dialect, PostgresDialect } from 'kysely';
import pg from 'pg';

const INT8_OID = 20;

/** Quotes an SQL identifier (schema names come from config or tests). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Pool config for `url`: bigint columns (identity ids, counts) come back as numbers instead of
 * strings, and `schema`, when given, is the search path of every connection.
 */
function poolConfig(url: string, schema?: string): pg.PoolConfig {
  return {
    connectionString: url,
    max: 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${quoteIdent(schema)}` }),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
    },
  };
}

/** Creates `schema` when absent (before the pool that uses it as search path runs migrations). */
export async function ensurePostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } finally {
    await client.end();
  }
}

/** Drops `schema` and everything in it (test clean-up). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Whether a PostgreSQL server answers at `url` within `timeoutMs` (tests skip when not). */
export async function canReachPostgres(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A Kysely dialect over a `pg` pool at `url`, optionally confined to `schema`. */
export function createPostgresDialect(url: string, schema?: string): Dialect {
  return new PostgresDialect({ pool: new pg.Pool(poolConfig(url, schema)) });
}

/**
 * Empties every Paperpost table of `schema` in one transaction (fast test isolation). DELETE, not
 * TRUNCATE: on small tables it avoids new relation files and their fsyncs; identities go on.
 */
export async function clearPostgresSchema(url: string, schema: string): Promise<void> {
  const tables = [
    'bounces',
    'deliveries',
    'rendered_variants',
    'edition_papers',
    'editions',
    'subscribers',
    'papers',
  ];
  const rest = ['paper_snapshots', 'sources', 'topics', 'runs', 'locks', 'meta', 'mail_queue', 'rate_limits'];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sqlText = [...tables, ...rest]
      .map((t) => `DELETE FROM ${quoteIdent(schema)}.${quoteIdent(t)};`)
      .join('\n');
    await client.query(`BEGIN;\n${sqlText}\nCOMMIT;`);
  } finally {
    await client.end();
  }
}
