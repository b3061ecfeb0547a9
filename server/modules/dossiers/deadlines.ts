/**
 * The deadline sweep, run every few minutes by pg-boss (jobs.ts) and callable
 * directly (tests move the clock and call it):
 *
 * - flags dossiers past their due date (`overdue_at`) and raises an `overdue`
 *   alert for the unit and role (or person) they are assigned to;
 * - raises `step_overdue` for a step past its share of the time;
 * - warns (`due_soon`, `step_due_soon`) one working day — in the settling
 *   unit's calendar — before a dossier or its current step falls due;
 * - raises `acceptance_overdue` for online dossiers not accepted within 8
 *   working hours (Decree 118/2025 Art. 15);
 * - closes dossiers whose supplementation did not arrive in time;
 * - forgets intake idempotency keys after a day.
 *
 * Alerts are unique per dossier, kind and due date, so a sweep that runs
 * twice (two app processes, a retry) raises each alert once, and a moved due
 * date (extension, clock stop) warns again.
 */
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/service.js';
import { addWorkingDays } from '../calendar/due-date.js';
import { resolveCalendar } from '../calendar/service.js';
import { pruneIntakeKeys } from './queries.js';
import { closeExpiredSupplements } from './service.js';

// Imported dossiers still open in the previous system are followed there, not here (no flag, no alert).
const RUNNING = sql`d.status IN ('processing', 'payment_requested') AND NOT (d.step = 'return' AND d.outcome IS NOT NULL) AND d.import_id IS NULL`;
const LOOKAHEAD_MS = 6 * 86_400_000; // a working day ahead is never further than this (Tết aside, see below)

export type SweepReport = { overdue: number; stepOverdue: number; dueSoon: number; acceptanceOverdue: number; closed: number };

export async function deadlineSweep(ctx: ServiceContext): Promise<SweepReport> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const flagged = await db.execute<{ id: string }>(sql`
    UPDATE dossiers d SET overdue_at = ${now}
    WHERE ${RUNNING} AND d.due_at < ${now} AND d.overdue_at IS NULL
    RETURNING d.id`);
  const overdue = await raise(ctx, 'overdue', sql`${RUNNING} AND d.due_at < ${now}`, sql`d.due_at`, sql`NULL`);
  const stepOverdue = await raise(ctx, 'step_overdue', sql`${RUNNING} AND d.step_due_at < ${now}`, sql`d.step_due_at`, sql`d.step`);
  const acceptanceOverdue = await raise(ctx, 'acceptance_overdue', sql`d.status = 'pending_acceptance' AND d.accept_due_at < ${now}`, sql`d.accept_due_at`, sql`d.step`);

  // Due within one working day of the settling unit's calendar. Candidates are
  // those due within the next few calendar days (over Tết a working day can be
  // further away; those are warned on the first sweep after the holiday starts).
  const horizon = new Date(now.getTime() + LOOKAHEAD_MS);
  const candidates = await db.execute<{ id: string; settling_unit_id: string; due_at: Date | null; step_due_at: Date | null }>(sql`
    SELECT d.id, d.settling_unit_id, d.due_at, d.step_due_at FROM dossiers d
    WHERE ${RUNNING} AND ((d.due_at > ${now} AND d.due_at <= ${horizon}) OR (d.step_due_at > ${now} AND d.step_due_at <= ${horizon}))`);
  const thresholds = new Map<string, Date>();
  const soon: string[] = [];
  const stepSoon: string[] = [];
  for (const c of candidates.rows) {
    let limit = thresholds.get(c.settling_unit_id);
    if (!limit) {
      limit = addWorkingDays(await resolveCalendar(db, c.settling_unit_id), now, 1);
      thresholds.set(c.settling_unit_id, limit);
    }
    if (c.due_at && new Date(c.due_at) > now && new Date(c.due_at) <= limit) soon.push(c.id);
    if (c.step_due_at && new Date(c.step_due_at) > now && new Date(c.step_due_at) <= limit) stepSoon.push(c.id);
  }
  const ids = (list: string[]) => sql`d.id IN (${list.length ? sql.join(list.map((id) => sql`${id}::uuid`), sql`, `) : sql`NULL`})`;
  const dueSoon =
    (await raise(ctx, 'due_soon', ids(soon), sql`d.due_at`, sql`NULL`)) + (await raise(ctx, 'step_due_soon', ids(stepSoon), sql`d.step_due_at`, sql`d.step`));

  const closed = await closeExpiredSupplements(ctx);
  await pruneIntakeKeys(db, new Date(now.getTime() - 86_400_000));
  const report = { overdue: flagged.rows.length, stepOverdue, dueSoon, acceptanceOverdue, closed };
  if (report.overdue + stepOverdue + dueSoon + acceptanceOverdue + closed > 0) {
    await recordAudit(db, ctx, { action: 'dossier.deadline_sweep', objectType: 'dossier', details: { ...report, newOverdueAlerts: overdue } });
  }
  return report;
}

/** Inserts one alert per matching dossier for its assignee; returns how many were new. */
async function raise(ctx: ServiceContext, kind: string, where: ReturnType<typeof sql>, dueAt: ReturnType<typeof sql>, step: ReturnType<typeof sql>): Promise<number> {
  const now = ctx.clock.now();
  const result = await ctx.database.db.execute(sql`
    INSERT INTO dossier_alerts (dossier_id, kind, step, due_at, unit_id, role, staff_id, created_at)
    SELECT d.id, ${kind}, ${step}, ${dueAt}, d.assignee_unit_id, d.assignee_role, d.assignee_staff_id, ${now}
    FROM dossiers d WHERE ${where} AND ${dueAt} IS NOT NULL
    ON CONFLICT (dossier_id, kind, due_at) DO NOTHING`);
  return result.rowCount ?? 0;
}
