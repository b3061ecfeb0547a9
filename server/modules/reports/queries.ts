/**
 * SQL of the reports: sums over the rollups (folded rows plus the events not
 * folded yet) up to two days at once, and the fold itself.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { prefixBounds } from './rules.js';
import { MEASURE_COLUMNS, type MeasureColumn } from './schema.js';

export type Filter = { unitIds: readonly string[]; procedureIds: readonly string[] | null; officerId: string | null };
export type Side = 'start' | 'end';
export type MeasureRow = { which: Side; unit_id: string; channel: string } & Record<MeasureColumn, number>;

/** A uuid[] parameter (one bound value, however many ids). */
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

function where(alias: string, f: Filter): SQL {
  const a = sql.raw(alias);
  const parts = [sql`${a}.unit_id = ANY(${uuidArray(f.unitIds)})`];
  if (f.procedureIds) parts.push(sql`${a}.procedure_id = ANY(${uuidArray(f.procedureIds)})`);
  if (f.officerId) parts.push(sql`${a}.officer_id = ${f.officerId}::uuid`);
  return sql.join(parts, sql` AND `);
}

/** The two days every figure is read at: the day before the period (`start`) and its last day (`end`). */
function spec(start: string, end: string): SQL {
  const s = prefixBounds(start);
  const e = prefixBounds(end);
  return sql`(VALUES ('start', ${s.day}::date, ${s.yearStart}::date, ${s.monthStart}::date), ('end', ${e.day}::date, ${e.yearStart}::date, ${e.monthStart}::date)) AS s(which, d, ys, ms)`;
}

/** Rollup rows that make up "everything up to s.d": earlier years, earlier months of its year, its month's days up to it. */
const PREFIX = (r: string) => {
  const a = sql.raw(r);
  return sql`((${a}.grain = 'y' AND ${a}.period < s.ys) OR (${a}.grain = 'm' AND ${a}.period >= s.ys AND ${a}.period < s.ms) OR (${a}.grain = 'd' AND ${a}.period >= s.ms AND ${a}.period <= s.d))`;
};

const sums = (alias: string) => sql.raw(MEASURE_COLUMNS.map((m) => `coalesce(sum(${alias}.${m}), 0)::int AS ${m}`).join(', '));

/** Every measure summed up to the day before the period and up to its last day, per unit and channel. */
export async function measuresUpTo(db: DbOrTx, f: Filter, start: string, end: string): Promise<MeasureRow[]> {
  if (f.unitIds.length === 0 || f.procedureIds?.length === 0) return [];
  const res = await db.execute<MeasureRow>(sql`
    SELECT s.which, r.unit_id, r.channel::text AS channel, ${sums('r')}
    FROM ${spec(start, end)} JOIN report_rollup r ON ${PREFIX('r')}
    WHERE ${where('r', f)}
    GROUP BY s.which, r.unit_id, r.channel
    UNION ALL
    SELECT s.which, e.unit_id, e.channel::text AS channel, ${sums('e')}
    FROM ${spec(start, end)} JOIN report_events e ON e.day <= s.d
    WHERE ${where('e', f)}
    GROUP BY s.which, e.unit_id, e.channel`);
  return res.rows;
}

export type DurationBucket = { which: Side; unit_id: string; days: number; dossiers: number; with_due: number; allowed_days: number };
export type DurationEvent = { which: Side; unit_id: string; procedure_id: string; channel: string; officer_id: string | null; day: string; start_day: string; due_day: string | null; n: number };

/** The folded histogram of working days to result, up to both days. */
export async function durationsUpTo(db: DbOrTx, f: Filter, start: string, end: string): Promise<DurationBucket[]> {
  if (f.unitIds.length === 0 || f.procedureIds?.length === 0) return [];
  const res = await db.execute<DurationBucket>(sql`
    SELECT s.which, r.unit_id, r.days, sum(r.dossiers)::int AS dossiers, sum(r.with_due)::int AS with_due, sum(r.allowed_days)::int AS allowed_days
    FROM ${spec(start, end)} JOIN report_durations r ON ${PREFIX('r')}
    WHERE ${where('r', f)}
    GROUP BY s.which, r.unit_id, r.days`);
  return res.rows;
}

/** Finished dossiers' durations not folded yet, up to both days (the working days are counted by the caller). */
export async function durationEventsUpTo(db: DbOrTx, f: Filter, start: string, end: string): Promise<DurationEvent[]> {
  if (f.unitIds.length === 0 || f.procedureIds?.length === 0) return [];
  const res = await db.execute<DurationEvent>(sql`
    SELECT s.which, e.unit_id, e.procedure_id, e.channel::text AS channel, e.officer_id, e.day::text AS day, e.start_day::text AS start_day, e.due_day::text AS due_day, e.n
    FROM ${spec(start, end)} JOIN report_duration_events e ON e.day <= s.d
    WHERE ${where('e', f)}`);
  return res.rows;
}

/** The flows the leader dashboard charts per month. */
export const MONTHLY_COLUMNS = [
  'received',
  'settled_early',
  'settled_on_time',
  'settled_late',
  'rated_very_satisfied',
  'rated_satisfied',
  'rated_neutral',
  'rated_dissatisfied',
  'rated_very_dissatisfied',
] as const satisfies readonly MeasureColumn[];
export type MonthlyRow = { month: string; channel: string } & Record<(typeof MONTHLY_COLUMNS)[number], number>;

/**
 * Flows per local month ('YYYY-MM') and channel from the first day of
 * `fromMonth` to the last day of `toMonth`: the rollup's month rows (the fold
 * writes the current month's too) plus the events not folded yet. At most one
 * row per month and combination of dimensions: no dossier is read.
 */
export async function monthlyFlows(db: DbOrTx, unitIds: readonly string[], fromMonth: string, toMonth: string): Promise<MonthlyRow[]> {
  if (unitIds.length === 0) return [];
  const cols = (alias: string) => sql.raw(MONTHLY_COLUMNS.map((m) => `coalesce(sum(${alias}.${m}), 0)::int AS ${m}`).join(', '));
  const f = { unitIds, procedureIds: null, officerId: null };
  const res = await db.execute<MonthlyRow>(sql`
    SELECT to_char(r.period, 'YYYY-MM') AS month, r.channel::text AS channel, ${cols('r')}
    FROM report_rollup r
    WHERE r.grain = 'm' AND r.period >= ${fromMonth}::date AND r.period <= ${toMonth}::date AND ${where('r', f)}
    GROUP BY r.period, r.channel
    UNION ALL
    SELECT to_char(e.day, 'YYYY-MM') AS month, e.channel::text AS channel, ${cols('e')}
    FROM report_events e
    WHERE e.day >= ${fromMonth}::date AND e.day < (${toMonth}::date + interval '1 month') AND ${where('e', f)}
    GROUP BY 1, e.channel`);
  return res.rows;
}

// ---------------------------------------------------------------- folding

/** Only one fold at a time (any number of app processes): the others skip. */
export async function takeFoldLock(tx: DbOrTx): Promise<boolean> {
  const res = await tx.execute<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(hashtext('motcua.reports.fold')) AS ok`);
  return res.rows[0]?.ok === true;
}

/** Moves up to `limit` events into the three grains of the rollup; returns how many were folded. */
export async function foldEvents(tx: DbOrTx, limit: number): Promise<number> {
  const cols = MEASURE_COLUMNS.join(', ');
  const summed = MEASURE_COLUMNS.map((m) => `sum(b.${m})::int`).join(', ');
  const update = MEASURE_COLUMNS.map((m) => `${m} = report_rollup.${m} + EXCLUDED.${m}`).join(', ');
  const res = await tx.execute<{ n: number }>(sql`
    WITH batch AS (
      DELETE FROM report_events WHERE id IN (SELECT id FROM report_events ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING *
    ), folded AS (
      INSERT INTO report_rollup (grain, period, unit_id, procedure_id, channel, officer_id, ${sql.raw(cols)})
      SELECT gp.grain, gp.period, b.unit_id, b.procedure_id, b.channel, b.officer_id, ${sql.raw(summed)}
      FROM batch b CROSS JOIN LATERAL (VALUES
        ('d', b.day),
        ('m', make_date(extract(year FROM b.day)::int, extract(month FROM b.day)::int, 1)),
        ('y', make_date(extract(year FROM b.day)::int, 1, 1))) AS gp(grain, period)
      GROUP BY gp.grain, gp.period, b.unit_id, b.procedure_id, b.channel, b.officer_id
      ON CONFLICT ON CONSTRAINT report_rollup_key DO UPDATE SET ${sql.raw(update)}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM batch)::int AS n, (SELECT count(*) FROM folded)::int AS rows`);
  return res.rows[0]?.n ?? 0;
}

/** Takes up to `limit` duration events out of the queue (the caller folds them in the same transaction). */
export async function takeDurationEvents(tx: DbOrTx, limit: number): Promise<Omit<DurationEvent, 'which'>[]> {
  const res = await tx.execute<Omit<DurationEvent, 'which'>>(sql`
    DELETE FROM report_duration_events WHERE id IN (SELECT id FROM report_duration_events ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING unit_id, procedure_id, channel::text AS channel, officer_id, day::text AS day, start_day::text AS start_day, due_day::text AS due_day, n`);
  return res.rows;
}

export type DurationRow = {
  grain: string;
  period: string;
  unit_id: string;
  procedure_id: string;
  channel: string;
  officer_id: string | null;
  days: number;
  dossiers: number;
  with_due: number;
  allowed_days: number;
};

export async function addDurations(tx: DbOrTx, rows: readonly DurationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    INSERT INTO report_durations (grain, period, unit_id, procedure_id, channel, officer_id, days, dossiers, with_due, allowed_days)
    SELECT x.grain, x.period, x.unit_id, x.procedure_id, x.channel::dossier_channel, x.officer_id, x.days, x.dossiers, x.with_due, x.allowed_days
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(grain text, period date, unit_id uuid, procedure_id uuid, channel text, officer_id uuid, days int, dossiers int, with_due int, allowed_days int)
    ON CONFLICT ON CONSTRAINT report_durations_key DO UPDATE SET
      dossiers = report_durations.dossiers + EXCLUDED.dossiers,
      with_due = report_durations.with_due + EXCLUDED.with_due,
      allowed_days = report_durations.allowed_days + EXCLUDED.allowed_days`);
}

/** Events waiting to be folded (the job's log line, and tests). */
export async function pendingEvents(db: DbOrTx): Promise<{ events: number; durations: number }> {
  const res = await db.execute<{ events: number; durations: number }>(sql`
    SELECT (SELECT count(*) FROM report_events)::int AS events, (SELECT count(*) FROM report_duration_events)::int AS durations`);
  return res.rows[0] ?? { events: 0, durations: 0 };
}
