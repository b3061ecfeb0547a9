import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it, inject } from 'vitest';
import { readFileSync } from 'node:fs';
import { MIGRATIONS_FOLDER, runMigrations } from './migrate.js';

const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };

describe('migrations', () => {
  it('applies once when several processes start at the same moment', async () => {
    const { adminUrl } = inject('testDb');
    const name = `motcua_mig_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      await Promise.all([runMigrations(url.toString()), runMigrations(url.toString()), runMigrations(url.toString())]);
      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      const applied = await db.query(`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      const tables = await db.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('units','staff','audit_log','sessions')`);
      await db.end();
      expect(applied.rows[0].n).toBe(journal.entries.length);
      expect(tables.rows[0].n).toBe(4);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
