/**
 * Apology counts for the public transparency board (server/modules/reports/board.ts):
 * how many dossiers got an apology and re-appointment (the `extend` action,
 * `extended_at`) — aggregates only, nothing of the dossier or its applicant.
 *
 * A dossier counts once, in the local month (Asia/Ho_Chi_Minh) of its
 * (last) apology, for its settling unit. Read straight from `dossiers`
 * (settling-unit index, then the date): the board is cached 60 s and rate
 * limited; a partial index on `extended_at` is the next step if it grows slow.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { proceduresByIds } from './queries.js';

export type ApologyCounts = {
  /** 'YYYY-MM' → dossiers. */
  byMonth: { month: string; dossiers: number }[];
  /** Per procedure (its public catalog code and name), most first (ties by code), at most `top`. */
  byProcedure: { code: string; name: string; nameEn: string | null; dossiers: number }[];
  total: number;
};

/** Dossiers settled by `unitIds` whose apology was issued in [from, to). */
export async function apologyCounts(db: DbOrTx, q: { unitIds: readonly string[]; from: Date; to: Date; top: number }): Promise<ApologyCounts> {
  if (q.unitIds.length === 0) return { byMonth: [], byProcedure: [], total: 0 };
  const ids = sql`${`{${q.unitIds.join(',')}}`}::uuid[]`;
  const res = await db.execute<{ month: string | null; procedure_id: string | null; n: number }>(sql`
    SELECT d.month, d.procedure_id, count(*)::int AS n FROM (
      SELECT to_char(extended_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month, procedure_id::text AS procedure_id
        FROM dossiers
       WHERE settling_unit_id = ANY(${ids}) AND extended_at >= ${q.from.toISOString()}::timestamptz AND extended_at < ${q.to.toISOString()}::timestamptz
    ) d
    GROUP BY GROUPING SETS ((d.month), (d.procedure_id))`);
  const byMonth: ApologyCounts['byMonth'] = [];
  const perProcedure: { procedureId: string; dossiers: number }[] = [];
  for (const r of res.rows) {
    if (r.month !== null) byMonth.push({ month: r.month, dossiers: r.n });
    else if (r.procedure_id !== null) perProcedure.push({ procedureId: r.procedure_id, dossiers: r.n });
  }
  byMonth.sort((a, b) => a.month.localeCompare(b.month));
  const names = new Map((await proceduresByIds(db, perProcedure.map((p) => p.procedureId))).map((p) => [p.id, p]));
  const byProcedure = perProcedure
    .map((p) => {
      const proc = names.get(p.procedureId);
      return { code: proc?.code ?? '', name: proc?.name ?? '', nameEn: proc?.nameEn ?? null, dossiers: p.dossiers };
    })
    .sort((a, b) => b.dossiers - a.dossiers || a.code.localeCompare(b.code))
    .slice(0, q.top);
  return { byMonth, byProcedure, total: byMonth.reduce((s, m) => s + m.dossiers, 0) };
}
