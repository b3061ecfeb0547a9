/**
 * SQL of the reports: sums over the rollups (folded rows plus the events not
 * folded yet) up to two days at once, and the fold itself. Every bound is a
 * constant of the query (never a join on a list of days: PostgreSQL then
 * scans the whole rollup), and sums are grouped by the answer's row unit in
 * SQL, so a province-wide read returns a few hundred rows.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dayAfter, monthEnd, prefixBounds, prefixCut, rangeCut, yearEnd } from './rules.js';
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

/**
 * Rollup rows that make up "everything up to `day`" (`prefixCut`): earlier
 * years, earlier months of its year, its month's days up to it — a day that
 * closes its month or year read from that row. As a list of arms of an OR,
 * each with constant bounds, so the key (unit_id, grain, period, …) serves
 * each range (a `BitmapOr`).
 */
function prefixArms(alias: string, day: string): SQL[] {
  const a = sql.raw(alias);
  const c = prefixCut(day);
  return [
    sql`(${a}.grain = 'y' AND ${a}.period < ${c.yearStart}::date)`,
    sql`(${a}.grain = 'm' AND ${a}.period >= ${c.yearStart}::date AND ${a}.period < ${c.monthStart}::date)`,
    sql`(${a}.grain = 'd' AND ${a}.period >= ${c.monthStart}::date AND ${a}.period <= ${c.day}::date)`,
  ];
}

/**
 * The days after `start` up to `end` as rollup rows (`rangeCut`), each
 * exactly once, as arms of an OR, each row with its sign. When the period
 * holds the start of `end`'s year (or month), that whole year's (month's) row
 * is read, minus the day rows after `end` in it (`sign` −1) — far fewer rows
 * than the months and days it stands for, when few days after `end` are
 * folded (`extend`: a period read up to today, whose later day rows are only
 * the overdue dates to come).
 */
function rangeArms(alias: string, start: string, end: string, extend: boolean): { arms: SQL[]; sign: SQL } {
  const a = sql.raw(alias);
  const from = dayAfter(start);
  let to = end;
  if (extend) {
    const c = prefixBounds(end);
    if (from <= c.yearStart) to = yearEnd(end);
    else if (from <= c.monthStart) to = monthEnd(end);
  }
  const arms = rangeCut(from, to).map((r) => sql`(${a}.grain = ${r.grain} AND ${a}.period BETWEEN ${r.from}::date AND ${r.to}::date)`);
  if (to === end) return { arms, sign: sql`1` };
  const after = sql`(${a}.grain = 'd' AND ${a}.period > ${end}::date AND ${a}.period <= ${to}::date)`;
  return { arms: [...arms, after], sign: sql`(CASE WHEN ${after} THEN -1 ELSE 1 END)` };
}

const or = (arms: SQL[]): SQL => (arms.length === 0 ? sql`FALSE` : sql`(${sql.join(arms, sql` OR `)})`);

/** Day rows after `end` to its year's end that `rangeArms` subtracts at most, before it reads months and days instead. */
const EXTEND_MAX_ROWS = 10_000;

/** Whether few enough days after `end` in its year are folded for these units (in the rollup, in the histogram): index probes, counted up to a bound. */
async function extendable(db: DbOrTx, f: Filter, end: string): Promise<{ rollup: boolean; durations: boolean }> {
  const later = (table: string) => sql`(SELECT count(*) FROM (SELECT 1 FROM ${sql.raw(table)} r WHERE ${where('r', f)} AND r.grain = 'd' AND r.period > ${end}::date AND r.period <= ${yearEnd(end)}::date LIMIT ${EXTEND_MAX_ROWS}) t)`;
  const res = await db.execute<{ rollup: number; durations: number }>(sql`SELECT ${later('report_rollup')}::int AS rollup, ${later('report_durations')}::int AS durations`);
  const row = res.rows[0];
  return { rollup: row !== undefined && row.rollup < EXTEND_MAX_ROWS, durations: row !== undefined && row.durations < EXTEND_MAX_ROWS };
}

/**
 * Sums grouped by unit in `inner` (a few rows per unit: the scan's plan does
 * not depend on the mapping), then by the answer's row unit (`rowOf`).
 */
function byRow(inner: SQL, rowOf: ReadonlyMap<string, string>, keys: readonly string[], columns: readonly string[]): SQL {
  const pairs = [...rowOf];
  const sums = sql.raw(columns.map((c) => `sum(x.${c})::int AS ${c}`).join(', '));
  const k = sql.raw(keys.map((c) => `x.${c}`).join(', '));
  return sql`
    SELECT u.row_id AS unit_id, ${k}, ${sums}
    FROM (${inner}) x
    JOIN unnest(${uuidArray(pairs.map(([u]) => u))}, ${uuidArray(pairs.map(([, r]) => r))}) AS u(unit_id, row_id) ON u.unit_id = x.unit_id
    GROUP BY u.row_id, ${k}`;
}

const STOCKS = ['open_delta', 'overdue_delta', 'paused_delta'] as const satisfies readonly MeasureColumn[];
const MEASURES = sql.raw(MEASURE_COLUMNS.join(', '));
/** A row that moves no stock adds nothing to a prefix read only for its stocks. */
const movesStock = (alias: string) => sql.raw(`(${STOCKS.map((m) => `${alias}.${m} <> 0`).join(' OR ')})`);
/** The stocks up to `start` (rows marked `s`), every measure's flow after it (the others). */
const SIDE_COLUMNS = [...STOCKS.map((m) => `s_${m}`), ...MEASURE_COLUMNS.map((m) => `f_${m}`)];
const SIDE_SUMS = sql.raw(
  [
    ...STOCKS.map((m) => `coalesce(sum(${m}) FILTER (WHERE s), 0)::int AS s_${m}`),
    ...MEASURE_COLUMNS.map((m) => `coalesce(sum(${m}) FILTER (WHERE NOT s), 0)::int AS f_${m}`),
  ].join(', '),
);

type SidesRow = { unit_id: string; channel: string } & Record<string, number | string>;

/**
 * Every measure summed up to the day before the period (`start`) and up to
 * its last day (`end`), per row unit (`rowOf`) and channel — as two rows,
 * `start` with only its stocks (its flows are zero: a flow is end − start)
 * and `end`. One scan: the prefix up to `start` for the stocks (its rows
 * that move none left out), and the rows of the days after it up to `end`
 * (`rangeArms`: months and years where whole) for the flows, the stocks at
 * `end` being those at `start` plus their flow; summed in SQL, so a few
 * hundred rows come back, however many units, procedures and officers.
 */
export async function measuresUpTo(db: DbOrTx, f: Filter, rowOf: ReadonlyMap<string, string>, start: string, end: string): Promise<MeasureRow[]> {
  if (f.unitIds.length === 0 || f.procedureIds?.length === 0) return [];
  const range = rangeArms('r', start, end, (await extendable(db, f, end)).rollup);
  const stockArms = prefixArms('r', start).map((arm) => sql`(${arm} AND ${movesStock('r')})`);
  const inner = sql`
    SELECT unit_id, channel, ${SIDE_SUMS}
    FROM (
      SELECT r.unit_id, r.channel::text AS channel, ${or(prefixArms('r', start))} AS s, ${sql.raw(MEASURE_COLUMNS.map((m) => `${m} * sign AS ${m}`).join(', '))}
      FROM report_rollup r, LATERAL (SELECT ${range.sign} AS sign) g
      WHERE ${where('r', f)} AND ${or([...stockArms, ...range.arms])}
      UNION ALL
      SELECT e.unit_id, e.channel::text, e.day <= ${start}::date, ${MEASURES}
      FROM report_events e
      WHERE ${where('e', f)} AND e.day <= ${end}::date
    ) y
    GROUP BY unit_id, channel`;
  const res = await db.execute<SidesRow>(byRow(inner, rowOf, ['channel'], SIDE_COLUMNS));
  return res.rows.flatMap((row) => {
    const startRow = { which: 'start', unit_id: row.unit_id, channel: row.channel } as MeasureRow;
    const endRow = { which: 'end', unit_id: row.unit_id, channel: row.channel } as MeasureRow;
    for (const m of MEASURE_COLUMNS) {
      startRow[m] = 0;
      endRow[m] = Number(row[`f_${m}`]);
    }
    for (const m of STOCKS) {
      startRow[m] = Number(row[`s_${m}`]);
      endRow[m] += startRow[m];
    }
    return [startRow, endRow];
  });
}

/** One bucket of the histogram of working days to result, flowed over the period (up to `end` minus up to `start`). */
export type DurationBucket = { unit_id: string; days: number; dossiers: number; with_due: number; allowed_days: number };
export type DurationEvent = { unit_id: string; procedure_id: string; channel: string; officer_id: string | null; day: string; start_day: string; due_day: string | null; n: number };

/** The folded histogram of working days to result of the days after `start` up to `end`, per row unit (`rowOf`). */
export async function durationsUpTo(db: DbOrTx, f: Filter, rowOf: ReadonlyMap<string, string>, start: string, end: string): Promise<DurationBucket[]> {
  if (f.unitIds.length === 0 || f.procedureIds?.length === 0) return [];
  const range = rangeArms('r', start, end, (await extendable(db, f, end)).durations);
  const inner = sql`
    SELECT r.unit_id, r.days, sum(r.dossiers * ${range.sign})::int AS dossiers, sum(r.with_due * ${range.sign})::int AS with_due, sum(r.allowed_days * ${range.sign})::int AS allowed_days
    FROM report_durations r
    WHERE ${where('r', f)} AND ${or(range.arms)}
    GROUP BY r.unit_id, r.days`;
  const res = await db.execute<DurationBucket>(byRow(inner, rowOf, ['days'], ['dossiers', 'with_due', 'allowed_days']));
  return res.rows;
}

/** Finished dossiers' durations not folded yet, finished in (start, end] (the working days are counted by the caller). */
export async function durationEventsUpTo(db: DbOrTx, f: Filter, start: string, end: string): Promise<DurationEvent[]> {
  if (f.unitIds.length === 0 || f.procedureIds?.length === 0) return [];
  const res = await db.execute<DurationEvent>(sql`
    SELECT e.unit_id, e.procedure_id, e.channel::text AS channel, e.officer_id, e.day::text AS day, e.start_day::text AS start_day, e.due_day::text AS due_day, e.n
    FROM report_duration_events e
    WHERE ${where('e', f)} AND e.day > ${start}::date AND e.day <= ${end}::date`);
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
export async function takeDurationEvents(tx: DbOrTx, limit: number): Promise<DurationEvent[]> {
  const res = await tx.execute<DurationEvent>(sql`
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
