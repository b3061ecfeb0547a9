/**
 * Open dossiers past their appointment now, counted for the leader dashboard
 * (server/modules/reports/dashboard.ts) by step and by assigned officer.
 *
 * "Overdue" is the one definition the dossiers list's `overdue=true` filter
 * and the inbox's overdue view use (`overdueNow`): processing or waiting for
 * a payment, not a result waiting at the return desk, and `due_at` passed. So
 * a group's count is exactly what the list shows with the same filters (the
 * dashboard's click-through). The read goes through the partial index
 * `dossiers_open_due_idx` (status IN processing/payment_requested, due_at):
 * it touches the overdue dossiers only (a small set even with 10 million
 * dossiers), then keeps those settled by the given units and visible to the
 * caller's scope roots (`scope_units`, as every dossier read).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { uuidArray } from '../org/scope.js';
import { staffNames } from './queries.js';
import { dossiers } from './schema.js';

/** Running on the clock: processing or waiting for a payment, not a result waiting to be handed over. */
export const RUNNING_SQL = sql`${dossiers.status} IN ('processing', 'payment_requested') AND NOT (${dossiers.step} = 'return' AND ${dossiers.outcome} IS NOT NULL)`;

/** Running and past its appointment at `now`. */
export function overdueNow(now: Date): SQL {
  return sql`${RUNNING_SQL} AND ${dossiers.dueAt} < ${now}`;
}

/** `name` and `unitId` are the assigned officer's (null when none is assigned). */
export type OverdueGroup = { step: string | null; staffId: string | null; name: string | null; unitId: string | null; dossiers: number };

/** Overdue dossiers settled by `unitIds` and visible under `scopeRoots`, by (step, assigned officer). */
export async function overdueGroups(db: DbOrTx, q: { unitIds: readonly string[]; scopeRoots: readonly string[]; now: Date }): Promise<OverdueGroup[]> {
  if (q.unitIds.length === 0 || q.scopeRoots.length === 0) return [];
  const res = await db.execute<{ step: string | null; staff_id: string | null; n: number }>(sql`
    SELECT ${dossiers.step}::text AS step, ${dossiers.assigneeStaffId}::text AS staff_id, count(*)::int AS n
      FROM ${dossiers}
     WHERE ${overdueNow(q.now)} AND ${dossiers.settlingUnitId} = ANY(${uuidArray(q.unitIds)}) AND ${dossiers.scopeUnits} && ${uuidArray(q.scopeRoots)}
     GROUP BY 1, 2`);
  const people = new Map((await staffNames(db, [...new Set(res.rows.flatMap((r) => (r.staff_id ? [r.staff_id] : [])))])).map((p) => [p.id, p]));
  return res.rows.map((r) => {
    const person = r.staff_id ? people.get(r.staff_id) : undefined;
    return { step: r.step, staffId: r.staff_id, name: person?.fullName ?? null, unitId: person?.unitId ?? null, dossiers: r.n };
  });
}
