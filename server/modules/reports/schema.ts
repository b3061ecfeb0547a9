/**
 * The reports' rollups (see service.ts for the decisions). Four tables, none
 * written by the application code of another module:
 *
 * - `report_events`: append-only deltas of the figures, one row per local day
 *   and dimensions, written by the triggers of migration 0011 on `dossiers`,
 *   `feedback_ratings` and `documents` (the change of a row's contribution:
 *   what the new row counts minus what the old row counted); the dossiers'
 *   trigger and contribution were replaced by migration 0014.
 * - `report_rollup`: the same figures folded by the reports job into three
 *   grains (`d` day, `m` month, `y` year, `period` = the first day), so a
 *   figure up to any day is at most (years + 11 months + 31 days) rows per
 *   combination of dimensions.
 * - `report_duration_events` / `report_durations`: finished dossiers' start,
 *   appointment and finish days; folded into a histogram of working days to
 *   result (the working calendar is applied by the job, in TypeScript), so the
 *   median can be read without the dossiers.
 *
 * The dimensions: the settling unit, the procedure, the channel and the
 * receiving officer (`dossiers.created_by`, null for online dossiers).
 */
import { bigserial, date, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { dossierChannel } from '../dossiers/schema.js';

/** The figures every rollup row holds (deltas; stocks are the `_delta` ones, summed up to a day). */
const measures = () => ({
  received: integer('received').notNull().default(0),
  settledEarly: integer('settled_early').notNull().default(0),
  settledOnTime: integer('settled_on_time').notNull().default(0),
  settledLate: integer('settled_late').notNull().default(0),
  settledRefused: integer('settled_refused').notNull().default(0),
  stopped: integer('stopped').notNull().default(0),
  closedUnsupplemented: integer('closed_unsupplemented').notNull().default(0),
  intakeIncomplete: integer('intake_incomplete').notNull().default(0),
  intakeRefused: integer('intake_refused').notNull().default(0),
  supplementRequests: integer('supplement_requests').notNull().default(0),
  openDelta: integer('open_delta').notNull().default(0),
  overdueDelta: integer('overdue_delta').notNull().default(0),
  pausedDelta: integer('paused_delta').notNull().default(0),
  ratedVerySatisfied: integer('rated_very_satisfied').notNull().default(0),
  ratedSatisfied: integer('rated_satisfied').notNull().default(0),
  ratedNeutral: integer('rated_neutral').notNull().default(0),
  ratedDissatisfied: integer('rated_dissatisfied').notNull().default(0),
  ratedVeryDissatisfied: integer('rated_very_dissatisfied').notNull().default(0),
  letters: integer('letters').notNull().default(0),
  withdrawn: integer('withdrawn').notNull().default(0),
  /** Dossiers whose result or refusal was handed over (on the day of `returned_at`), and their trips to the desk. */
  returned: integer('returned').notNull().default(0),
  returnedVisits: integer('returned_visits').notNull().default(0),
});

const dimensions = () => ({
  unitId: uuid('unit_id').notNull(),
  procedureId: uuid('procedure_id').notNull(),
  channel: dossierChannel('channel').notNull(),
  officerId: uuid('officer_id'),
});

export const reportEvents = pgTable('report_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  day: date('day', { mode: 'string' }).notNull(),
  ...dimensions(),
  ...measures(),
});

export const reportRollup = pgTable(
  'report_rollup',
  {
    grain: text('grain').notNull(),
    period: date('period', { mode: 'string' }).notNull(),
    ...dimensions(),
    ...measures(),
  },
  (t) => [unique('report_rollup_key').on(t.unitId, t.grain, t.period, t.procedureId, t.channel, t.officerId).nullsNotDistinct()],
);

export const reportDurationEvents = pgTable('report_duration_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** The finish day (when the result or refusal was ready). */
  day: date('day', { mode: 'string' }).notNull(),
  ...dimensions(),
  /** When the settlement time (last) started: acceptance, intake, or receipt of the supplement. */
  startDay: date('start_day', { mode: 'string' }).notNull(),
  /** The first appointment (before any extension); null when the dossier had none. */
  dueDay: date('due_day', { mode: 'string' }),
  /** Finished dossiers of one statement with these dates and dimensions (negative when their contribution is withdrawn); an integer, as a bulk import can hold more than a smallint's 32,767. */
  n: integer('n').notNull(),
});

export const reportDurations = pgTable(
  'report_durations',
  {
    grain: text('grain').notNull(),
    period: date('period', { mode: 'string' }).notNull(),
    ...dimensions(),
    /** Working days from the start to the result, counted as appointment slips count them. */
    days: integer('days').notNull(),
    dossiers: integer('dossiers').notNull().default(0),
    /** Of those, how many had an appointment, and the sum of their allowed working days. */
    withDue: integer('with_due').notNull().default(0),
    allowedDays: integer('allowed_days').notNull().default(0),
  },
  (t) => [unique('report_durations_key').on(t.unitId, t.grain, t.period, t.procedureId, t.channel, t.officerId, t.days).nullsNotDistinct()],
);

export const MEASURE_COLUMNS = [
  'received',
  'settled_early',
  'settled_on_time',
  'settled_late',
  'settled_refused',
  'stopped',
  'closed_unsupplemented',
  'intake_incomplete',
  'intake_refused',
  'supplement_requests',
  'open_delta',
  'overdue_delta',
  'paused_delta',
  'rated_very_satisfied',
  'rated_satisfied',
  'rated_neutral',
  'rated_dissatisfied',
  'rated_very_dissatisfied',
  'letters',
  'withdrawn',
  'returned',
  'returned_visits',
] as const;
export type MeasureColumn = (typeof MEASURE_COLUMNS)[number];
