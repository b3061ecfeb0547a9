/**
 * Reports (issue 7, part 1 and 6): the periodic statistics of a unit, with or
 * without the units under it, for a field, a procedure or a receiving officer,
 * over a day, month, quarter, year or custom period, read from rollups so the
 * answer does not scan the dossiers (10 million over 5 years at a province).
 *
 * Decisions:
 * - **Incrementally maintained rollups, not materialised views.** Statement
 *   triggers (migration 0011) on `dossiers`, `feedback_ratings` and
 *   `documents` append (the dossiers' replaced by migration 0014: one
 *   contribution function for the old and the new row, and an UPDATE that
 *   changes nothing the reports read returns before any aggregate; static SQL
 *   planned once per session — the intake costs within 10 % with the
 *   triggers on, bench/README.md "province"), in the
 *   writing transaction, what each change does to
 *   the figures: the new row's contribution minus the old row's, grouped by
 *   local day (Asia/Ho_Chi_Minh) and dimensions, so a change that touches no
 *   figure appends nothing. This works whatever code path writes a dossier
 *   (workflow, deadline job, portal, the historical import), and a bulk
 *   INSERT … SELECT is one trigger call. Appending (never updating a shared
 *   row) keeps concurrent intakes from queueing on a hot rollup row.
 * - **The fold.** The reports job (every minute, jobs.ts) moves the events into
 *   `report_rollup` at three grains (day, month, year). A figure "up to day D"
 *   reads the years before D's year, the months of its year before its month,
 *   and the days of its month up to D — at most (years + 42) rows per
 *   combination of unit, procedure, channel and officer — plus the events not
 *   folded yet. Every figure of a period is then two such sums: up to the day
 *   before the period (`start`) and up to its last day (`end`): flows are
 *   end − start, stocks (open, overdue, paused) are read at either end.
 * - **Reading at province scale** (bench/README.md "province"): each read
 *   is one query with its grain and period bounds as constants (a join on a
 *   list of days made PostgreSQL scan the whole rollup), so the key serves
 *   them. Flows are read over the period itself (`rangeCut`: its days, whole
 *   months and whole years), the stocks at `start` from its prefix (a day
 *   that closes its month or year read from that row, `prefixCut`; rows
 *   that move no stock left out), the stocks at `end` as those plus their
 *   flow. A period holding the start of its end's year (month) reads that
 *   year's (month's) row minus its day rows after the end — for a period
 *   read up to today, only the overdue dates to come — when they are few
 *   (counted first, queries.ts). Sums are grouped in SQL by unit, then by
 *   the answer's row (an `unnest` of (unit, row) pairs) and channel, so a
 *   province with its units returns a few hundred rows, not the ~150,000
 *   rollup rows it adds up. The histogram comes back as the period's flow,
 *   the unfolded duration events as those finished within the period.
 * - **Freshness: every figure is live.** A read sees every committed change:
 *   the unfolded events are part of the answer (one REPEATABLE READ snapshot
 *   for all of it). The fold only makes reads cheaper; if the job stops,
 *   answers stay right and become slower as events pile up.
 * - **Definitions** (what the triggers count; the property test restates them
 *   as plain counts over the dossiers):
 *   - a *case* is a dossier that became one: not an online dossier still
 *     waiting for acceptance, not a desk intake guided to complete it
 *     (`intake_incomplete`) nor one refused (`not_accepted`) — those are
 *     counted apart (`intake`);
 *   - *received* on the local day of `received_at` (an online dossier from its
 *     acceptance on, on the day it was submitted: the last day or two of a
 *     period may still grow by dossiers accepted after it);
 *   - it *ends* when its result or refusal is ready (`finished_at`: settled
 *     early / on time / late by the dossier's own `timeliness`, which already
 *     counts an extension or a second supplementation request as late), or
 *     when stopped or closed for want of supplementation (`closed_at`):
 *     *stopped* is the authority's `stop`, *withdrawn* the applicant's
 *     written request (`withdraw`, `dossiers.withdrawn`), each on the day it
 *     was closed (migration 0014);
 *   - *trips*: the dossiers whose result or refusal was handed over in the
 *     period (on the local day of `returned_at`) and the sum of their trips
 *     to the desk (`dossiers.visits`: the intake in person, each supplement
 *     an officer recorded received, the result taken at the desk); the
 *     average is visits ÷ returned. A guided or refused intake is a trip
 *     too, recorded on its dossier, but never returned, so not averaged;
 *   - *pending* at the end of a day: received by then, not ended by then.
 *     Of those, *paused* while waiting for the supplementation asked for (from
 *     the request to its receipt) or for a payment still outstanding, *overdue*
 *     once past the first appointment (`original_due_at`, else `due_at`) and
 *     not paused, else *within time*. Past periods are reconstructed from each
 *     dossier's current record: a payment wait that is over is not remembered
 *     (its due date was moved on, so it shows as within time), a due date
 *     moved by a clock stop is the moved one;
 *   - *carried over* = pending at the end of the day before the period; so
 *     carried over + received − ended = pending at the end, for any period;
 *     a period not over yet ends today (its pending and overdue are today's);
 *   - every figure of a dossier goes to its settling unit (a transferred
 *     dossier counts wholly for the unit it was transferred to), its
 *     procedure (hence field), channel and receiving officer
 *     (`dossiers.created_by`: online dossiers have none). Ratings and letters
 *     go to their dossier's dimensions, on the day they were given.
 * - **Working days to result** cannot be summed into a median: the fold keeps
 *   a histogram (`report_durations`) of whole working days from the last start
 *   of the settlement time (intake, acceptance, receipt of the supplement) to
 *   the result, counted in the settling unit's working calendar the way
 *   appointment slips count (Monday → Wednesday = 2), with the working days
 *   its first appointment allowed. The calendar is applied in TypeScript
 *   (holidays are lunar rules), by the fold and, for events not folded yet,
 *   by the read; a calendar decision recorded later does not recount
 *   dossiers already folded.
 * - **Exports**: the same table as CSV, XLSX and PDF (export.ts,
 *   export-pdf.ts: the standard periodic report on landscape A4 in the frame
 *   of the documents module). The answer's former `unavailable` list is gone:
 *   every figure of the issue is given.
 * - **Scope**: `reports.read` (leaders, inspectors, administrators) over the
 *   unit's subtree; a unit outside it answers 404 like a missing one, and the
 *   dossiers read are those whose settling unit is that unit (or under it).
 */
import type { PeriodKind, Statistics, StatisticsQuery, StatisticsRow } from '../../../contracts/reports.js';
import type { DbOrTx } from '../../db/client.js';
import { staffActor, type ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import type { WorkingCalendar } from '../calendar/calendar.js';
import { toIsoDate } from '../calendar/local-date.js';
import { resolveCalendar } from '../calendar/service.js';
import * as catalog from '../catalog/service.js';
import * as org from '../org/service.js';
import * as q from './queries.js';
import { dayBefore, grainsOf, histogramMedian, resolvePeriod, share, workingDaysFrom } from './rules.js';
import type { MeasureColumn } from './schema.js';

type Sums = Record<MeasureColumn, number>;
type Channels = { in_person: Sums; online: Sums; post: Sums };
type Histogram = { buckets: Map<number, number>; withDue: number; allowedDays: number };
type Acc = { start: Channels; end: Channels; durations: Histogram };

const zero = (): Sums => ({
  received: 0,
  settled_early: 0,
  settled_on_time: 0,
  settled_late: 0,
  settled_refused: 0,
  stopped: 0,
  closed_unsupplemented: 0,
  intake_incomplete: 0,
  intake_refused: 0,
  supplement_requests: 0,
  open_delta: 0,
  overdue_delta: 0,
  paused_delta: 0,
  rated_very_satisfied: 0,
  rated_satisfied: 0,
  rated_neutral: 0,
  rated_dissatisfied: 0,
  rated_very_dissatisfied: 0,
  letters: 0,
  withdrawn: 0,
  returned: 0,
  returned_visits: 0,
});
const newAcc = (): Acc => ({
  start: { in_person: zero(), online: zero(), post: zero() },
  end: { in_person: zero(), online: zero(), post: zero() },
  durations: { buckets: new Map(), withDue: 0, allowedDays: 0 },
});

function addSums(into: Sums, from: Partial<Sums>, sign = 1): void {
  for (const k of Object.keys(into) as MeasureColumn[]) into[k] += sign * Number(from[k] ?? 0);
}

/** Calendars of settling units, resolved once per call. */
class Calendars {
  private readonly cache = new Map<string, Promise<WorkingCalendar>>();
  constructor(private readonly db: DbOrTx) {}
  of(unitId: string): Promise<WorkingCalendar> {
    let cal = this.cache.get(unitId);
    if (!cal) {
      cal = resolveCalendar(this.db, unitId);
      this.cache.set(unitId, cal);
    }
    return cal;
  }
}

/** Working days to result and allowed by the appointment, for one finished dossier's dates. */
async function durationOf(cals: Calendars, e: { unit_id: string; start_day: string; day: string; due_day: string | null }): Promise<{ days: number; allowed: number | null }> {
  const cal = await cals.of(e.unit_id);
  return { days: workingDaysFrom(cal, e.start_day, e.day), allowed: e.due_day === null ? null : workingDaysFrom(cal, e.start_day, e.due_day) };
}

type Resolved = {
  unit: org.UnitPlace;
  period: { kind: PeriodKind; from: string; to: string };
  /** Row of each unit read: the unit itself, or the child whose subtree holds it. */
  rowOf: Map<string, string>;
  rowUnits: org.UnitPlace[];
  filter: q.Filter;
  filters: Statistics['filters'];
};

async function resolve(ctx: ServiceContext, db: DbOrTx, query: StatisticsQuery, publicUnit?: org.UnitPlace): Promise<Resolved> {
  const unit = publicUnit ?? (await org.unitPlaceByCode(db, query.unit, staffActor(ctx).scope('reports.read')));
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { field: 'unit', code: query.unit });
  const period = resolvePeriod(query.period, query.from, query.to);

  let procedureIds: string[] | null = null;
  if (query.field !== undefined) {
    if ((await catalog.fieldNamesOf(db, [query.field])).size === 0) throw new DomainError('FIELD_NOT_FOUND', { field: 'field', code: query.field });
    procedureIds = (await catalog.procedureRefs(db, { fieldCode: query.field })).map((p) => p.id);
  }
  if (query.procedure !== undefined) {
    const [proc] = await catalog.procedureRefs(db, { codes: [query.procedure] });
    if (!proc) throw new DomainError('PROCEDURE_NOT_FOUND', { field: 'procedure', code: query.procedure });
    procedureIds = procedureIds === null || procedureIds.includes(proc.id) ? [proc.id] : [];
  }
  let officerId: string | null = null;
  if (query.officer !== undefined) {
    const person = await org.findStaffByUsername(db, query.officer);
    if (!person) throw new DomainError('STAFF_NOT_FOUND', { field: 'officer', username: query.officer });
    officerId = person.id;
  }

  const descendants = query.includeDescendants === 'true';
  const places = descendants ? await org.unitPlacesUnder(db, unit.id) : [unit];
  const depth = unit.ancestors.length;
  const rowOf = new Map<string, string>();
  for (const p of places) rowOf.set(p.id, p.id === unit.id ? unit.id : (p.ancestors[depth] ?? p.id));
  const rowIds = new Set(rowOf.values());
  const rowUnits = [unit, ...places.filter((p) => p.id !== unit.id && rowIds.has(p.id)).sort((a, b) => a.code.localeCompare(b.code))];
  return {
    unit,
    period,
    rowOf,
    rowUnits,
    filter: { unitIds: places.map((p) => p.id), procedureIds, officerId },
    filters: { field: query.field ?? null, procedure: query.procedure ?? null, officer: query.officer ?? null },
  };
}

function rowFrom(acc: Acc, head: Pick<StatisticsRow, 'unitCode' | 'unitName' | 'unitNameEn' | 'covers'>): StatisticsRow {
  const at = (side: Channels): Sums => {
    const s = zero();
    addSums(s, side.in_person);
    addSums(s, side.online);
    addSums(s, side.post);
    return s;
  };
  const start = at(acc.start);
  const end = at(acc.end);
  const flow = (m: MeasureColumn) => end[m] - start[m];
  const received = (c: keyof Channels) => acc.end[c].received - acc.start[c].received;
  const early = flow('settled_early');
  const onTime = flow('settled_on_time');
  const late = flow('settled_late');
  const settled = early + onTime + late;
  const pendingTotal = end.open_delta;
  const overdue = end.overdue_delta;
  const paused = end.paused_delta;
  const ratings = {
    very_satisfied: flow('rated_very_satisfied'),
    satisfied: flow('rated_satisfied'),
    neutral: flow('rated_neutral'),
    dissatisfied: flow('rated_dissatisfied'),
    very_dissatisfied: flow('rated_very_dissatisfied'),
  };
  const returned = flow('returned');
  const visits = flow('returned_visits');
  const rated = ratings.very_satisfied + ratings.satisfied + ratings.neutral + ratings.dissatisfied + ratings.very_dissatisfied;
  let n = 0;
  let sum = 0;
  for (const [days, count] of acc.durations.buckets) {
    n += count;
    sum += days * count;
  }
  return {
    ...head,
    carriedOver: start.open_delta,
    received: { total: received('in_person') + received('online') + received('post'), inPerson: received('in_person'), online: received('online'), post: received('post') },
    settled: { total: settled, early, onTime, late, refused: flow('settled_refused'), onTimeShare: share(early + onTime, settled) },
    pending: { total: pendingTotal, withinTime: pendingTotal - overdue - paused, overdue, paused },
    stopped: flow('stopped'),
    withdrawn: flow('withdrawn'),
    closedUnsupplemented: flow('closed_unsupplemented'),
    supplementRequests: flow('supplement_requests'),
    intake: { incomplete: flow('intake_incomplete'), refused: flow('intake_refused') },
    workingDays: {
      settled: n,
      average: n > 0 ? sum / n : null,
      median: histogramMedian(acc.durations.buckets),
      allowedAverage: acc.durations.withDue > 0 ? acc.durations.allowedDays / acc.durations.withDue : null,
    },
    letters: flow('letters'),
    trips: { returned, visits, average: returned > 0 ? visits / returned : null },
    satisfaction: { count: rated, ...ratings, satisfiedShare: share(ratings.very_satisfied + ratings.satisfied, rated) },
  };
}

function addHistogram(into: Histogram, days: number, count: number, withDue: number, allowedDays: number): void {
  into.buckets.set(days, (into.buckets.get(days) ?? 0) + count);
  into.withDue += withDue;
  into.allowedDays += allowedDays;
}

/** The statistics table of a unit over a period (GET /api/v1/reports/statistics). */
export async function statistics(ctx: ServiceContext, query: StatisticsQuery): Promise<Statistics> {
  return statisticsOf(ctx, query);
}

/**
 * The same statistics of a unit the caller has already checked is public
 * (the transparency board, board.ts): no reports.read scope is asked.
 */
export async function publicStatistics(ctx: ServiceContext, unit: org.UnitPlace, query: Omit<StatisticsQuery, 'unit'>): Promise<Statistics> {
  return statisticsOf(ctx, { ...query, unit: unit.code }, unit);
}

async function statisticsOf(ctx: ServiceContext, query: StatisticsQuery, publicUnit?: org.UnitPlace): Promise<Statistics> {
  const db = ctx.database.db;
  const r = await resolve(ctx, db, query, publicUnit);
  const asOf = ctx.clock.now();
  // A period not over yet is read as of today: its stocks (pending, overdue, paused) at the end of
  // today, not at its last day, which would count as overdue what is only due later in the period
  // (its flows are the same either way: nothing is received or settled in the future).
  const today = toIsoDate((await resolveCalendar(db, r.unit.id)).toLocal(asOf.getTime()).day);
  const end = r.period.to < today ? r.period.to : today;
  const start = dayBefore(r.period.from < end ? r.period.from : end);
  // One snapshot: the folded rows and the events not folded yet can never be counted twice or missed.
  const { measures, buckets, events } = await db.transaction(
    async (tx) => ({
      measures: await q.measuresUpTo(tx, r.filter, r.rowOf, start, end),
      buckets: await q.durationsUpTo(tx, r.filter, r.rowOf, start, end),
      events: await q.durationEventsUpTo(tx, r.filter, start, end),
    }),
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );

  const accs = new Map<string, Acc>(r.rowUnits.map((u) => [u.id, newAcc()]));
  const accOf = (unitId: string): Acc | undefined => accs.get(r.rowOf.get(unitId) ?? '');
  for (const m of measures) {
    const acc = accOf(m.unit_id);
    const channel = m.channel as keyof Channels;
    if (acc) addSums(acc[m.which][channel], m);
  }
  // Histograms are flows (up to the end minus up to the start), already subtracted by the queries.
  for (const b of buckets) {
    const acc = accOf(b.unit_id);
    if (acc) addHistogram(acc.durations, b.days, b.dossiers, b.with_due, b.allowed_days);
  }
  const cals = new Calendars(db);
  for (const e of events) {
    const acc = accOf(e.unit_id);
    if (!acc) continue;
    const d = await durationOf(cals, e);
    addHistogram(acc.durations, d.days, e.n, d.allowed === null ? 0 : e.n, e.n * (d.allowed ?? 0));
  }

  const rows = r.rowUnits.map((u) =>
    rowFrom(accs.get(u.id) ?? newAcc(), { unitCode: u.code, unitName: u.name, unitNameEn: u.nameEn, covers: u.id === r.unit.id ? 'unit' : 'subtree' }),
  );
  const all = newAcc();
  for (const acc of accs.values()) {
    for (const side of ['start', 'end'] as const) for (const c of ['in_person', 'online', 'post'] as const) addSums(all[side][c], acc[side][c]);
    for (const [days, count] of acc.durations.buckets) addHistogram(all.durations, days, count, 0, 0);
    all.durations.withDue += acc.durations.withDue;
    all.durations.allowedDays += acc.durations.allowedDays;
  }
  return {
    unit: { code: r.unit.code, name: r.unit.name, nameEn: r.unit.nameEn },
    includeDescendants: query.includeDescendants === 'true',
    period: r.period,
    filters: r.filters,
    asOf: asOf.toISOString(),
    rows,
    total: rowFrom(all, { unitCode: null, unitName: null, unitNameEn: null, covers: 'total' }),
  };
}

// ---------------------------------------------------------------- the fold (reports job)

export type FoldReport = { events: number; durations: number; skipped: boolean };

const FOLD_BATCH = 20_000;

/**
 * Folds the events appended by the triggers into the rollups, in batches,
 * until none is left (or `maxBatches`). Any number of app processes may call
 * it: one folds, the others skip.
 */
export async function fold(ctx: Pick<ServiceContext, 'database'>, maxBatches = 50): Promise<FoldReport> {
  const report: FoldReport = { events: 0, durations: 0, skipped: false };
  for (let i = 0; i < maxBatches; i++) {
    const done = await ctx.database.db.transaction(async (tx) => {
      if (!(await q.takeFoldLock(tx))) return null;
      const events = await q.foldEvents(tx, FOLD_BATCH);
      const taken = await q.takeDurationEvents(tx, FOLD_BATCH);
      await q.addDurations(tx, await durationRows(tx, taken));
      return { events, durations: taken.length };
    });
    if (!done) return { ...report, skipped: true };
    report.events += done.events;
    report.durations += done.durations;
    if (done.events < FOLD_BATCH && done.durations < FOLD_BATCH) break;
  }
  return report;
}

/** Duration events → histogram rows at the three grains, summed by key. */
async function durationRows(db: DbOrTx, taken: Awaited<ReturnType<typeof q.takeDurationEvents>>): Promise<q.DurationRow[]> {
  const cals = new Calendars(db);
  const rows = new Map<string, q.DurationRow>();
  for (const e of taken) {
    const d = await durationOf(cals, e);
    for (const g of grainsOf(e.day)) {
      const key = [g.grain, g.period, e.unit_id, e.procedure_id, e.channel, e.officer_id ?? '', d.days].join('|');
      const row = rows.get(key) ?? { grain: g.grain, period: g.period, unit_id: e.unit_id, procedure_id: e.procedure_id, channel: e.channel, officer_id: e.officer_id, days: d.days, dossiers: 0, with_due: 0, allowed_days: 0 };
      row.dossiers += e.n;
      if (d.allowed !== null) {
        row.with_due += e.n;
        row.allowed_days += e.n * d.allowed;
      }
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}
