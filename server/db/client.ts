import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema>;
/** A database handle or an open transaction: services take either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  pool: pg.Pool;
  kind: 'embedded' | 'external';
};

export function connect(url: string, kind: Database['kind'], max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'motcua' });
  // An idle client that loses its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  return { db: drizzle(pool, { schema }), pool, kind };
}
