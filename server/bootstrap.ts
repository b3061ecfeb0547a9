/**
 * First start on an empty database: the root unit and one admin account.
 * The admin's password is MOTCUA_ADMIN_PASSWORD when set (it must pass the
 * password policy), else a generated one that main.ts prints once and that must
 * be changed at first sign-in. There is no default password anywhere.
 * Runs under an advisory lock so two processes starting at once create one admin.
 */
import { sql } from 'drizzle-orm';
import type { AppDeps, ServiceContext } from './http/context.js';
import * as org from './modules/org/service.js';

const BOOTSTRAP_LOCK = 7_301_447_112_010;

export type Bootstrapped = { username: string; password: string; generated: boolean };

export async function bootstrap(deps: AppDeps): Promise<Bootstrapped | null> {
  const client = await deps.database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK]);
    const existing = await deps.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM units`);
    if ((existing.rows[0]?.n ?? 0) > 0) return null;
    const ctx: ServiceContext = { database: deps.database, clock: deps.clock, actor: { kind: 'system' }, ip: null };
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
