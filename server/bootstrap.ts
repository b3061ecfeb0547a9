/**
 * First start on an empty database: the root unit and one admin account.
 * The admin's password is MOTCUA_ADMIN_PASSWORD when set (it must pass the
 * password policy), else a generated one that main.ts prints once and that must
 * be changed at first sign-in. There is no default password anywhere.
 * An empty catalog gets the starter catalog (modules/catalog/starter-catalog.json).
 * Runs under an advisory lock so two processes starting at once create one admin.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { AppDeps, ServiceContext } from './http/context.js';
import * as catalog from './modules/catalog/service.js';
import * as org from './modules/org/service.js';

/** Built from shared/data/procedures.sample.json, checked and extended (see its "about"). */
const STARTER_CATALOG = new URL('./modules/catalog/starter-catalog.json', import.meta.url);

const BOOTSTRAP_LOCK = 7_301_447_112_010;

export type Bootstrapped = { username: string; password: string; generated: boolean };

export async function bootstrap(deps: AppDeps): Promise<Bootstrapped | null> {
  const client = await deps.database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK]);
    const ctx: ServiceContext = { database: deps.database, clock: deps.clock, actor: { kind: 'system' }, ip: null };
    // An empty catalog (first start, or an installation from before the catalog) gets the starter one.
    await catalog.loadStarterCatalog(ctx, readFileSync(STARTER_CATALOG, 'utf8'));
    const existing = await deps.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM units`);
    if ((existing.rows[0]?.n ?? 0) > 0) return null;
    const root = await org.createRootUnit(ctx, { ...deps.config.rootUnit, kind: 'province' });
    const given = deps.config.adminPassword;
    const { initialPassword } = await org.createStaff(
      ctx,
      { username: 'admin', fullName: 'Quản trị hệ thống', unitId: root.id, roles: [{ role: 'admin', unitId: root.id }] },
      { password: given, mustChangePassword: given === undefined },
    );
    return { username: 'admin', password: initialPassword, generated: given === undefined };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK]).catch(() => undefined);
    client.release();
  }
}
