/**
 * The SQL an app function really sends (captured from drizzle's logger) and
 * its `EXPLAIN (ANALYZE, BUFFERS)`, optionally under planner settings local to
 * one transaction (`SET LOCAL enable_seqscan = off`…).
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database } from '../../server/db/client.js';
import * as schema from '../../server/db/schema.js';

export type CapturedQuery = { sql: string; params: unknown[] };

/** Runs `fn` on a database handle whose queries are recorded, in order. */
export async function captureQueries(database: Database, fn: (spy: Database) => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const db = drizzle(database.pool, { schema, logger: { logQuery: (text, params) => void captured.push({ sql: text, params }) } });
  await fn({ ...database, db });
  return captured;
}

/** The plan lines of `EXPLAIN (ANALYZE, BUFFERS)` of one query; `settings` are applied with SET LOCAL. */
export async function explainAnalyze(database: Database, query: CapturedQuery, settings: readonly string[] = []): Promise<string[]> {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    try {
      for (const setting of settings) await client.query(`SET LOCAL ${setting}`);
      const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
      return result.rows.map((r) => r['QUERY PLAN']);
    } finally {
      await client.query('ROLLBACK');
    }
  } finally {
    client.release();
  }
}
