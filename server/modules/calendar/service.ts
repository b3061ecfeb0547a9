/**
 * Working calendars: settings and official decisions per unit, the public
 * reads (non-working days of a year, due dates) and the due-date entry point
 * for other modules (`dueDateFor`).
 *
 * Decisions:
 * - `default` is the national calendar (settings row with unit NULL, created
 *   by the migration, and national decisions), so it exists on a fresh
 *   installation. A unit inherits the settings of its nearest ancestor that has
 *   its own, else the national ones; decisions of the nation, of every ancestor
 *   and of the unit apply, the deepest unit's winning for a date (calendar.ts).
 * - Writing the national calendar needs `calendar.write` over the root of the
 *   tree (a province-wide act); a unit's calendar needs it over that unit, and
 *   a unit outside the scope answers 404 like a missing one.
 * - Every write is one transaction with its audit row. Settings carry a version
 *   (optimistic locking); a unit that inherits has no version until it saves
 *   its own settings (it sends `version: null`), and can go back to inheriting.
 * - A calendar is resolved per call from the database, never cached in the
 *   process (any number of app processes share the database); the rules for a
 *   year are computed lazily inside the calendar object.
 * - The unit code `default` always names the national calendar.
 */
import { NATIONAL_CALENDAR, type CalendarDays, type CalendarDecision, type CalendarDecisionCreate, type CalendarSettings as SettingsDto, type CalendarSettingsUpdate, type DueQuery, type NonWorkingDay } from '../../../contracts/calendar.js';
import type { SettlementTime } from '../../../contracts/catalog.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import * as org from '../org/service.js';
import { CalendarRangeError, DEFAULT_SETTINGS, effectiveDecisions, makeCalendar, type CalendarSettings, type Decision, type WorkingCalendar } from './calendar.js';
import { dueDate } from './due-date.js';
import { parseIsoDate, toIsoDate } from './local-date.js';
import * as q from './queries.js';
import type { CalendarDecisionRow, CalendarSettingsRow } from './schema.js';

/** Which calendar: the national one (unit null) or a unit's. */
type CalendarRef = { code: string; unit: org.UnitPlace | null };

/** A unit's chain: ids from the root down to the unit; empty for the national calendar. */
const chainOf = (ref: CalendarRef) => ref.unit?.ancestors ?? [];

function depthIn(chain: readonly string[], unitId: string | null): number {
  return unitId === null ? 0 : chain.indexOf(unitId) + 1;
}

function toSettings(row: CalendarSettingsRow | undefined): CalendarSettings {
  const s = row ?? DEFAULT_SETTINGS;
  return { timeZone: s.timeZone, workingHours: s.workingHours.map((h) => ({ ...h })), workingWeekdays: [...s.workingWeekdays], sameDayCutoff: s.sameDayCutoff };
}

/** The settings row that applies to a chain: the deepest unit's, else the national one. */
function effectiveSettingsRow(rows: readonly CalendarSettingsRow[], chain: readonly string[]): CalendarSettingsRow | undefined {
  let best: CalendarSettingsRow | undefined;
  for (const row of rows) {
    if (row.unitId !== null && !chain.includes(row.unitId)) continue;
    if (!best || depthIn(chain, row.unitId) > depthIn(chain, best.unitId)) best = row;
  }
  return best;
}

function toDecision(row: CalendarDecisionRow): Decision {
  return { id: row.id, unitId: row.unitId, day: row.day, kind: row.kind, reason: row.reason, reasonEn: row.reasonEn, reference: row.reference, createdAt: row.createdAt };
}

async function loadCalendar(db: DbOrTx, chain: readonly string[]): Promise<{ calendar: WorkingCalendar; settingsRow: CalendarSettingsRow | undefined }> {
  const [settingsRows, decisionRows] = await Promise.all([q.settingsOfChain(db, chain), q.decisionsOfChain(db, chain)]);
  const settingsRow = effectiveSettingsRow(settingsRows, chain);
  const calendar = makeCalendar(toSettings(settingsRow), effectiveDecisions(decisionRows.map(toDecision), chain));
  return { calendar, settingsRow };
}

// ---------------------------------------------------------------- for other modules

/** The working calendar of a unit (null: the national calendar), ready for due-date.ts. */
export async function resolveCalendar(db: DbOrTx, unitId: string | null): Promise<WorkingCalendar> {
  const chain = unitId === null ? [] : ((await org.unitPlaceById(db, unitId))?.ancestors ?? null);
  if (chain === null) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
  return (await loadCalendar(db, chain)).calendar;
}

/** When a settlement time received at `start` by the unit runs out. */
export async function dueDateFor(ctx: ServiceContext, unitId: string | null, start: Date, settlement: SettlementTime): Promise<Date> {
  const calendar = await resolveCalendar(ctx.database.db, unitId);
  return computing(() => dueDate(calendar, start, settlement));
}

/** The settings that apply to a unit (its own, its nearest ancestor's or the national ones). */
export async function workingHoursOf(db: DbOrTx, unitId: string | null): Promise<CalendarSettings> {
  const chain = unitId === null ? [] : ((await org.unitPlaceById(db, unitId))?.ancestors ?? []);
  return toSettings(effectiveSettingsRow(await q.settingsOfChain(db, chain), chain));
}

/**
 * The settings that apply to each of the units, in two queries whatever their
 * number (a page listing a province's communes); an unknown id gets the
 * national settings, as with `workingHoursOf`.
 */
export async function workingHoursOfUnits(db: DbOrTx, unitIds: readonly string[]): Promise<Map<string, CalendarSettings>> {
  const places = new Map((await org.unitPlacesByIds(db, [...new Set(unitIds)])).map((p) => [p.id, p]));
  const rows = await q.settingsOfChain(db, [...new Set([...places.values()].flatMap((p) => p.ancestors))]);
  return new Map(unitIds.map((id) => {
    const chain = places.get(id)?.ancestors ?? [];
    return [id, toSettings(effectiveSettingsRow(rows, chain))];
  }));
}

/** Whether a date (YYYY-MM-DD) is a working day of the unit's calendar. */
export async function isWorkingDate(db: DbOrTx, unitId: string, date: string): Promise<boolean> {
  const calendar = await resolveCalendar(db, unitId);
  return computing(() => calendar.isWorkingDay(parseIsoDate(date)));
}

function computing<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CalendarRangeError) throw new DomainError('CALENDAR_OUT_OF_RANGE', {});
    throw err;
  }
}

// ---------------------------------------------------------------- public reads

async function publicRef(db: DbOrTx, code: string): Promise<CalendarRef> {
  if (code === NATIONAL_CALENDAR) return { code, unit: null };
  const unit = await org.unitPlaceByCode(db, code);
  if (!unit?.active) throw new DomainError('UNIT_NOT_FOUND', { code });
  return { code, unit };
}

function settlementOf(query: DueQuery): SettlementTime {
  if (query.days !== undefined) return { kind: 'working_days', amount: query.days };
  if (query.hours !== undefined) return { kind: 'working_hours', amount: query.hours };
  if (query.calendarDays !== undefined) return { kind: 'calendar_days', amount: query.calendarDays };
  return { kind: 'same_day', cutoff: null };
}

export async function due(ctx: ServiceContext, code: string, query: DueQuery): Promise<{ due: string }> {
  const db = ctx.database.db;
  const ref = await publicRef(db, code);
  const { calendar } = await loadCalendar(db, chainOf(ref));
  const start = query.start === undefined ? ctx.clock.now() : new Date(query.start);
  return { due: computing(() => dueDate(calendar, start, settlementOf(query))).toISOString() };
}

async function decisionDtos(db: DbOrTx, ref: CalendarRef, decisions: readonly Decision[]): Promise<Map<string, CalendarDecision>> {
  const codes = await org.unitCodesByIds(db, [...new Set(decisions.flatMap((d) => (d.unitId === null ? [] : [d.unitId])))]);
  const own = ref.unit?.id ?? null;
  return new Map(
    decisions.map((d) => [
      d.id,
      {
        id: d.id,
        unitCode: d.unitId === null ? NATIONAL_CALENDAR : (codes.get(d.unitId) ?? d.unitId),
        date: d.day,
        kind: d.kind,
        reason: d.reason,
        reasonEn: d.reasonEn,
        reference: d.reference,
        inherited: d.unitId !== own,
        createdAt: d.createdAt.toISOString(),
      },
    ]),
  );
}

/** The year's non-working days (rule holidays, days in lieu, decided days off) and decided working days. */
export async function days(ctx: ServiceContext, code: string, year: number): Promise<CalendarDays> {
  const db = ctx.database.db;
  const ref = await publicRef(db, code);
  const { calendar } = await loadCalendar(db, chainOf(ref));
  const decisions = [...calendar.decisions.values()].filter((d) => Number(d.day.slice(0, 4)) === year);
  const dtos = await decisionDtos(db, ref, decisions);
  const list: NonWorkingDay[] = [];
  for (const h of computing(() => calendar.ruleHolidays(year))) {
    if (calendar.decisions.has(h.day)) continue;
    list.push({ date: toIsoDate(h.day), reason: h.reason, source: 'rule', inLieuOf: h.inLieuOf === null ? null : toIsoDate(h.inLieuOf), decision: null });
  }
  const workingDays: CalendarDecision[] = [];
  for (const d of decisions) {
    const dto = dtos.get(d.id);
    if (!dto) continue;
    if (d.kind === 'day_off') list.push({ date: d.day, reason: 'decision', source: 'decision', inLieuOf: null, decision: dto });
    else workingDays.push(dto);
  }
  list.sort((a, b) => a.date.localeCompare(b.date));
  const s = calendar.settings;
  return {
    unitCode: ref.code,
    year,
    timeZone: s.timeZone,
    workingHours: [...s.workingHours],
    workingWeekdays: [...s.workingWeekdays],
    sameDayCutoff: s.sameDayCutoff,
    days: list,
    workingDays,
  };
}

// ---------------------------------------------------------------- administration

/** The calendar an admin acts on: national (any holder of the permission may read it), or a unit in scope. */
async function adminRef(ctx: ServiceContext, db: DbOrTx, code: string, write: boolean): Promise<CalendarRef> {
  const roots = await org.permissionRoots(ctx, db, 'calendar.write');
  if (code === NATIONAL_CALENDAR) {
    if (write && !(await org.scopeIncludesRoot(db, roots))) {
      await recordAudit(ctx.database.db, ctx, {
        action: 'access.denied',
        outcome: 'denied',
        details: { permission: 'calendar.write', calendar: NATIONAL_CALENDAR },
      });
      throw new DomainError('FORBIDDEN', { permission: 'calendar.write', calendar: NATIONAL_CALENDAR });
    }
    return { code, unit: null };
  }
  const unit = await org.unitPlaceByCode(db, code, roots);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { code });
  return { code, unit };
}

async function settingsDto(db: DbOrTx, ref: CalendarRef): Promise<SettingsDto> {
  const chain = chainOf(ref);
  const row = effectiveSettingsRow(await q.settingsOfChain(db, chain), chain);
  const own = row !== undefined && row.unitId === (ref.unit?.id ?? null);
  let inheritedFrom: string | null = null;
  if (!own) inheritedFrom = row?.unitId ? ((await org.unitCodesByIds(db, [row.unitId])).get(row.unitId) ?? null) : NATIONAL_CALENDAR;
  const s = toSettings(row);
  return {
    unitCode: ref.code,
    own,
    inheritedFrom,
    version: own && row ? row.version : null,
    timeZone: s.timeZone,
    workingHours: [...s.workingHours],
    workingWeekdays: [...s.workingWeekdays],
    sameDayCutoff: s.sameDayCutoff,
    updatedAt: own && row ? row.updatedAt.toISOString() : null,
  };
}

export async function getSettings(ctx: ServiceContext, code: string): Promise<SettingsDto> {
  const db = ctx.database.db;
  return settingsDto(db, await adminRef(ctx, db, code, false));
}

export async function updateSettings(ctx: ServiceContext, code: string, input: CalendarSettingsUpdate): Promise<SettingsDto> {
  const ref = await adminRef(ctx, ctx.database.db, code, true);
  const unitId = ref.unit?.id ?? null;
  const { version, ...fields } = input;
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const own = await q.settingsOf(tx, unitId, true);
    let saved: CalendarSettingsRow | undefined;
    if (own) {
      if (version !== own.version) throw new DomainError('VERSION_CONFLICT', { current: own.version });
      saved = await q.updateSettingsVersioned(tx, own.id, own.version, fields, now);
    } else {
      if (version !== null) throw new DomainError('VERSION_CONFLICT', { current: null });
      try {
        saved = await q.insertSettings(tx, { unitId, ...fields, updatedAt: now });
      } catch (err) {
        if (isUniqueViolation(err, 'calendar_settings_unit_key')) throw new DomainError('VERSION_CONFLICT', {});
        throw err;
      }
    }
    if (!saved) throw new DomainError('VERSION_CONFLICT', {});
    await recordAudit(tx, ctx, {
      action: 'calendar.settings.update',
      objectType: 'calendar_settings',
      objectId: saved.id,
      unitId,
      details: { calendar: ref.code, fields: Object.keys(fields) },
    });
    return settingsDto(tx, ref);
  });
}

/** Removes a unit's own settings: it inherits again. The national settings cannot be removed. */
export async function resetSettings(ctx: ServiceContext, code: string, version: number): Promise<SettingsDto> {
  const ref = await adminRef(ctx, ctx.database.db, code, true);
  if (!ref.unit) throw new DomainError('CALENDAR_NATIONAL_SETTINGS_REQUIRED');
  const unitId = ref.unit.id;
  return ctx.database.db.transaction(async (tx) => {
    const own = await q.settingsOf(tx, unitId, true);
    if (own?.version !== version || !(await q.deleteSettingsVersioned(tx, own.id, version))) {
      throw new DomainError('VERSION_CONFLICT', { current: own?.version ?? null });
    }
    await recordAudit(tx, ctx, { action: 'calendar.settings.reset', objectType: 'calendar_settings', objectId: own.id, unitId, details: { calendar: ref.code } });
    return settingsDto(tx, ref);
  });
}

/** Decisions that apply to the calendar (national, its ancestors', its own), optionally of one year. */
export async function listDecisions(ctx: ServiceContext, code: string, year: number | undefined): Promise<CalendarDecision[]> {
  const db = ctx.database.db;
  const ref = await adminRef(ctx, db, code, false);
  const decisions = (await q.decisionsOfChain(db, chainOf(ref), year)).map(toDecision);
  const dtos = await decisionDtos(db, ref, decisions);
  return decisions.flatMap((d) => dtos.get(d.id) ?? []);
}

export async function addDecision(ctx: ServiceContext, code: string, input: CalendarDecisionCreate): Promise<CalendarDecision> {
  const ref = await adminRef(ctx, ctx.database.db, code, true);
  const unitId = ref.unit?.id ?? null;
  return ctx.database.db.transaction(async (tx) => {
    let row: CalendarDecisionRow;
    try {
      row = await q.insertDecision(tx, {
        unitId,
        day: input.date,
        kind: input.kind,
        reason: input.reason,
        reasonEn: input.reasonEn ?? null,
        reference: input.reference ?? null,
        createdAt: ctx.clock.now(),
      });
    } catch (err) {
      if (isUniqueViolation(err, 'calendar_decisions_unit_day_key')) throw new DomainError('CALENDAR_DECISION_EXISTS', { date: input.date });
      throw err;
    }
    await recordAudit(tx, ctx, {
      action: 'calendar.decision.create',
      objectType: 'calendar_decision',
      objectId: row.id,
      unitId,
      details: { calendar: ref.code, date: row.day, kind: row.kind },
    });
    const decision = toDecision(row);
    const dto = (await decisionDtos(tx, ref, [decision])).get(row.id);
    if (!dto) throw new Error('unreachable');
    return dto;
  });
}

export async function removeDecision(ctx: ServiceContext, code: string, id: string): Promise<void> {
  const ref = await adminRef(ctx, ctx.database.db, code, true);
  const unitId = ref.unit?.id ?? null;
  await ctx.database.db.transaction(async (tx) => {
    const row = await q.deleteDecision(tx, id, unitId);
    if (!row) throw new DomainError('CALENDAR_DECISION_NOT_FOUND', { id });
    await recordAudit(tx, ctx, {
      action: 'calendar.decision.delete',
      objectType: 'calendar_decision',
      objectId: row.id,
      unitId,
      details: { calendar: ref.code, date: row.day, kind: row.kind },
    });
  });
}
