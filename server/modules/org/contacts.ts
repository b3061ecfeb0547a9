/**
 * A unit's public contacts and what the staff keep for them: the counters'
 * duty roster (whose nameplate sits at which counter today) and the leaders'
 * citizen-reception schedule.
 *
 * Decisions:
 * - The officer on duty at a counter is that day's roster entry, else the
 *   counter's regular officer (duty.ts `officerOnDuty`). "Today" is the date in
 *   the unit's calendar time zone (Asia/Ho_Chi_Minh unless the unit's calendar
 *   says otherwise), so at 23:30 UTC the page already shows tomorrow's officer
 *   of a Vietnamese unit. An officer who is disabled or no longer in the unit's
 *   subtree is passed over, never shown.
 * - Only an active member of the counter's unit or of a unit under it may sit
 *   at the counter or host a reception session (422 STAFF_NOT_IN_UNIT); the
 *   counter's unit in the actor's `org.units.write` scope may be edited.
 * - The roster of past days is history: it cannot be changed (422
 *   DUTY_DAY_PAST); today can (someone calls in sick). A day's entry is set
 *   with PUT (idempotent) and removed with DELETE (idempotent; audited only when
 *   something was removed).
 * - The public sees an officer's name and title only — what the nameplate on
 *   the desk shows by law — never a phone, an e-mail or an account. The title
 *   shown is the staff record's `title` (chức danh), else its `position`; for a
 *   reception host the `position` (chức vụ: Chủ tịch UBND…) comes first. Both
 *   are read from the staff record at read time, so a correction shows
 *   everywhere at once.
 * - Reception sessions (Law on Citizen Reception 2013: a commune's head at
 *   least one day a week, a district's two days a month, a province's one day
 *   a month) need `org.reception.write` (admins and leaders) in the unit's
 *   scope; edits carry the version (409 VERSION_CONFLICT when stale). They are
 *   never deleted: a session that will not take place is cancelled with a
 *   reason, the public schedule shows it as cancelled, and it can no longer be
 *   edited (409 RECEPTION_ENTRY_CANCELLED). A session lasts at most 24 hours.
 * - Day ranges (roster, schedule) are the unit's local dates, both ends
 *   included, at most MAX_RANGE_DAYS (93) days; a longer or reversed range is
 *   400 VALIDATION_FAILED, not silently cut. The public schedule defaults to
 *   the next four weeks from today.
 * - Reading the roster is not audited: it shows the same names and titles as
 *   the public nameplates.
 */
import {
  DEFAULT_ROSTER_DAYS,
  DEFAULT_SCHEDULE_DAYS,
  type DayRangeQuery,
  type DutyEntry,
  type DutyRoster,
  type Nameplate,
  type PublicCounter,
  type PublicReceptionEntry,
  type PublicReceptionSchedule,
  type PublicUnitContacts,
  type PublicUnitList,
  type PublicUnitListQuery,
  type ReceptionCancel,
  type ReceptionCreate,
  type ReceptionEntry,
  type ReceptionList,
  type ReceptionUpdate,
} from '../../../contracts/contacts.js';
import type { DbOrTx } from '../../db/client.js';
import type { ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import type { Permission } from '../../http/permissions.js';
import { recordAudit } from '../audit/service.js';
import * as calendar from '../calendar/service.js';
import * as catalog from '../catalog/service.js';
import { addDays, dayRange, localDate, officerOnDuty, startOfLocalDay, type DayRange } from './duty.js';
import * as q from './queries.js';
import type { ReceptionRow, UnitRow } from './schema.js';
import { permissionRoots } from './service.js';

/** A session longer than this is a typing mistake (a week typed for a morning). */
const MAX_SESSION_MS = 24 * 3_600_000;

type StaffName = { id: string; fullName: string; title: string | null; position: string | null };

/** The unit's calendar time zone and today's date there. */
async function unitToday(ctx: ServiceContext, db: DbOrTx, unitId: string): Promise<{ timeZone: string; today: string }> {
  const { timeZone } = await calendar.workingHoursOf(db, unitId);
  return { timeZone, today: localDate(ctx.clock.now(), timeZone) };
}

function rangeOf(query: DayRangeQuery, today: string, defaultDays: number): DayRange {
  const range = dayRange(query, today, defaultDays);
  if ('reason' in range) throw new DomainError('VALIDATION_FAILED', { field: 'to', reason: range.reason, maxDays: range.maxDays });
  return range;
}

async function unitInScopeOr404(ctx: ServiceContext, db: DbOrTx, unitId: string, permission: Permission): Promise<UnitRow> {
  const unit = await q.unitInScope(db, unitId, await permissionRoots(ctx, db, permission));
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
  return unit;
}

async function publicUnitOr404(db: DbOrTx, code: string): Promise<UnitRow> {
  const unit = await q.unitByCode(db, code);
  if (!unit?.active) throw new DomainError('UNIT_NOT_FOUND', { code });
  return unit;
}

const nameplateOf = (s: StaffName): Nameplate => ({ name: s.fullName, title: s.title ?? s.position });

// ---------------------------------------------------------------- the duty roster

export async function dutyRoster(ctx: ServiceContext, unitId: string, query: DayRangeQuery): Promise<DutyRoster> {
  const db = ctx.database.db;
  const unit = await unitInScopeOr404(ctx, db, unitId, 'org.units.read');
  const { today } = await unitToday(ctx, db, unit.id);
  const { from, to } = rangeOf(query, today, DEFAULT_ROSTER_DAYS);
  const counters = await q.countersOfUnit(db, unit.id);
  const lines = await q.dutiesOf(db, counters.map((c) => c.id), from, to);
  return {
    unitId: unit.id,
    from,
    to,
    today,
    items: lines.map((l) => ({ counterId: l.counterId, counterCode: l.counterCode, date: l.day, staffId: l.staffId, fullName: l.fullName, title: l.title })),
  };
}

/** The counter (in the `org.units.write` scope, locked) and the unit's today, for a roster change. */
async function rosterTarget(ctx: ServiceContext, tx: DbOrTx, counterId: string, day: string) {
  const counter = await q.counterInScope(tx, counterId, await permissionRoots(ctx, tx, 'org.units.write'), true);
  if (!counter) throw new DomainError('COUNTER_NOT_FOUND', { id: counterId });
  const { today } = await unitToday(ctx, tx, counter.unitId);
  if (day < today) throw new DomainError('DUTY_DAY_PAST', { date: day, today });
  return counter;
}

/** Who sits at the counter on `day` (today or later); replaces that day's entry. */
export async function setDuty(ctx: ServiceContext, counterId: string, day: string, staffId: string): Promise<DutyEntry> {
  return ctx.database.db.transaction(async (tx) => {
    const counter = await rosterTarget(ctx, tx, counterId, day);
    const [officer] = await q.servingStaff(tx, counter.unitId, [staffId]);
    if (!officer) throw new DomainError('STAFF_NOT_IN_UNIT', { field: 'staffId', staffId });
    await q.upsertDuty(tx, counter.id, day, staffId, ctx.clock.now());
    await recordAudit(tx, ctx, { action: 'counter.duty.set', objectType: 'counter', objectId: counter.id, unitId: counter.unitId, details: { date: day, staffId } });
    return { counterId: counter.id, counterCode: counter.code, date: day, staffId, fullName: officer.fullName, title: officer.title };
  });
}

/** Removes the day's entry: the regular officer sits there again. */
export async function clearDuty(ctx: ServiceContext, counterId: string, day: string): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const counter = await rosterTarget(ctx, tx, counterId, day);
    if (await q.deleteDuty(tx, counter.id, day)) {
      await recordAudit(tx, ctx, { action: 'counter.duty.clear', objectType: 'counter', objectId: counter.id, unitId: counter.unitId, details: { date: day } });
    }
  });
}

// ---------------------------------------------------------------- the reception schedule

async function hostNames(db: DbOrTx, rows: readonly ReceptionRow[]): Promise<Map<string, StaffName>> {
  const ids = [...new Set(rows.flatMap((r) => (r.leaderId ? [r.leaderId] : [])))];
  return new Map((await q.staffNames(db, ids)).map((s) => [s.id, s]));
}

function hostOf(row: ReceptionRow, names: ReadonlyMap<string, StaffName>): Nameplate {
  const leader = row.leaderId ? names.get(row.leaderId) : undefined;
  if (leader) return { name: leader.fullName, title: leader.position ?? leader.title };
  return { name: row.hostName ?? '', title: row.hostTitle };
}

function toPublicEntry(row: ReceptionRow, names: ReadonlyMap<string, StaffName>): PublicReceptionEntry {
  return {
    id: row.id,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    host: hostOf(row, names),
    place: row.place,
    note: row.note,
    cancelled: row.cancelled,
    cancelReason: row.cancelReason,
  };
}

function toEntry(row: ReceptionRow, names: ReadonlyMap<string, StaffName>): ReceptionEntry {
  return {
    ...toPublicEntry(row, names),
    unitId: row.unitId,
    leaderId: row.leaderId,
    hostName: row.hostName,
    hostTitle: row.hostTitle,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function sessionsInRange(ctx: ServiceContext, db: DbOrTx, unit: UnitRow, query: DayRangeQuery) {
  const { timeZone, today } = await unitToday(ctx, db, unit.id);
  const range = rangeOf(query, today, DEFAULT_SCHEDULE_DAYS);
  const rows = await q.receptionBetween(db, unit.id, startOfLocalDay(range.from, timeZone), startOfLocalDay(addDays(range.to, 1), timeZone));
  return { ...range, timeZone, rows, names: await hostNames(db, rows) };
}

/** Who hosts the session once the change is applied: a staff member or a typed-in name, exactly one. */
function hostAfter(row: Pick<ReceptionRow, 'leaderId' | 'hostName' | 'hostTitle'> | undefined, input: { leaderId?: string | null | undefined; hostName?: string | null | undefined; hostTitle?: string | null | undefined }) {
  const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());
  let leaderId = input.leaderId === undefined ? (row?.leaderId ?? null) : input.leaderId;
  let hostName = blank(input.hostName) === undefined ? (row?.hostName ?? null) : (blank(input.hostName) ?? null);
  let hostTitle = blank(input.hostTitle) === undefined ? (row?.hostTitle ?? null) : (blank(input.hostTitle) ?? null);
  // Naming a staff member drops a typed-in host, and typing a host drops the staff member.
  if (input.leaderId && input.hostName === undefined) {
    hostName = null;
    hostTitle = null;
  }
  if (blank(input.hostName) && input.leaderId === undefined) leaderId = null;
  if (leaderId && hostName) throw new DomainError('VALIDATION_FAILED', { field: 'hostName', reason: 'leader_and_host' });
  if (!leaderId && !hostName) throw new DomainError('VALIDATION_FAILED', { field: 'leaderId', reason: 'host_required' });
  if (leaderId) hostTitle = null;
  return { leaderId, hostName, hostTitle };
}

function checkTimes(startsAt: Date, endsAt: Date): void {
  const length = endsAt.getTime() - startsAt.getTime();
  if (length <= 0 || length > MAX_SESSION_MS) throw new DomainError('RECEPTION_TIME_INVALID', { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
}

async function checkLeader(tx: DbOrTx, unitId: string, leaderId: string | null): Promise<void> {
  if (leaderId && (await q.servingStaff(tx, unitId, [leaderId])).length === 0) {
    throw new DomainError('STAFF_NOT_IN_UNIT', { field: 'leaderId', staffId: leaderId });
  }
}

const noteOf = (note: string | null | undefined) => (note === undefined ? undefined : note === null || note.trim() === '' ? null : note.trim());

/** The unit's sessions starting within the range (cancelled ones included), for the staff. */
export async function receptionSchedule(ctx: ServiceContext, unitId: string, query: DayRangeQuery): Promise<ReceptionList> {
  const db = ctx.database.db;
  const unit = await unitInScopeOr404(ctx, db, unitId, 'org.units.read');
  const { from, to, rows, names } = await sessionsInRange(ctx, db, unit, query);
  return { from, to, items: rows.map((r) => toEntry(r, names)) };
}

export async function createReception(ctx: ServiceContext, unitId: string, input: ReceptionCreate): Promise<ReceptionEntry> {
  return ctx.database.db.transaction(async (tx) => {
    const unit = await unitInScopeOr404(ctx, tx, unitId, 'org.reception.write');
    const host = hostAfter(undefined, input);
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    checkTimes(startsAt, endsAt);
    await checkLeader(tx, unit.id, host.leaderId);
    const now = ctx.clock.now();
    const row = await q.insertReception(tx, { unitId: unit.id, ...host, startsAt, endsAt, place: input.place, note: noteOf(input.note) ?? null, createdAt: now, updatedAt: now });
    await recordAudit(tx, ctx, { action: 'reception.create', objectType: 'reception_session', objectId: row.id, unitId: unit.id });
    return toEntry(row, await hostNames(tx, [row]));
  });
}

/** The session (in the `org.reception.write` scope, locked), still editable at `version`. */
async function editableSession(ctx: ServiceContext, tx: DbOrTx, id: string, version: number): Promise<ReceptionRow> {
  const row = await q.receptionInScope(tx, id, await permissionRoots(ctx, tx, 'org.reception.write'), true);
  if (!row) throw new DomainError('RECEPTION_ENTRY_NOT_FOUND', { id });
  if (row.version !== version) throw new DomainError('VERSION_CONFLICT', { current: row.version });
  if (row.cancelled) throw new DomainError('RECEPTION_ENTRY_CANCELLED', { id });
  return row;
}

export async function updateReception(ctx: ServiceContext, id: string, input: ReceptionUpdate): Promise<ReceptionEntry> {
  return ctx.database.db.transaction(async (tx) => {
    const row = await editableSession(ctx, tx, id, input.version);
    const host = hostAfter(row, input);
    const startsAt = input.startsAt === undefined ? row.startsAt : new Date(input.startsAt);
    const endsAt = input.endsAt === undefined ? row.endsAt : new Date(input.endsAt);
    checkTimes(startsAt, endsAt);
    if (host.leaderId !== row.leaderId) await checkLeader(tx, row.unitId, host.leaderId);
    const note = noteOf(input.note);
    const updated = await q.updateReceptionVersioned(
      tx,
      id,
      input.version,
      { ...host, startsAt, endsAt, ...(input.place === undefined ? {} : { place: input.place }), ...(note === undefined ? {} : { note }) },
      ctx.clock.now(),
    );
    if (!updated) throw new DomainError('VERSION_CONFLICT');
    const { version: _version, ...changes } = input;
    await recordAudit(tx, ctx, { action: 'reception.update', objectType: 'reception_session', objectId: id, unitId: row.unitId, details: { fields: Object.keys(changes) } });
    return toEntry(updated, await hostNames(tx, [updated]));
  });
}

/** Cancels a published session with a reason the public schedule shows; final. */
export async function cancelReception(ctx: ServiceContext, id: string, input: ReceptionCancel): Promise<ReceptionEntry> {
  return ctx.database.db.transaction(async (tx) => {
    const row = await editableSession(ctx, tx, id, input.version);
    const updated = await q.updateReceptionVersioned(tx, id, input.version, { cancelled: true, cancelReason: input.reason }, ctx.clock.now());
    if (!updated) throw new DomainError('VERSION_CONFLICT');
    await recordAudit(tx, ctx, { action: 'reception.cancel', objectType: 'reception_session', objectId: id, unitId: row.unitId });
    return toEntry(updated, await hostNames(tx, [updated]));
  });
}

// ---------------------------------------------------------------- public reads

export async function findPublicUnits(ctx: ServiceContext, query: PublicUnitListQuery): Promise<PublicUnitList> {
  const { total, rows } = await q.searchActiveUnits(ctx.database.db, query);
  return { total, items: rows };
}

/** Address, hours, hotline and the counters with today's nameplates of an active unit. */
export async function publicContacts(ctx: ServiceContext, code: string): Promise<PublicUnitContacts> {
  const db = ctx.database.db;
  const unit = await publicUnitOr404(db, code);
  const hours = await calendar.workingHoursOf(db, unit.id);
  const today = localDate(ctx.clock.now(), hours.timeZone);
  const [parent, counters, todayIsWorkingDay] = await Promise.all([
    unit.parentId ? q.unitById(db, unit.parentId) : Promise.resolve(undefined),
    q.activeCountersOf(db, unit.id),
    calendar.isWorkingDate(db, unit.id, today),
  ]);
  const lines = await q.dutiesOf(db, counters.map((c) => c.id), today, today);
  const candidates = [...new Set([...counters.flatMap((c) => (c.regularOfficerId ? [c.regularOfficerId] : [])), ...lines.map((l) => l.staffId)])];
  const [serving, fields] = await Promise.all([
    q.servingStaff(db, unit.id, candidates).then((rows) => new Map(rows.map((s) => [s.id, s]))),
    catalog.fieldNamesOf(db, counters.flatMap((c) => c.fields)),
  ]);
  const publicCounters: PublicCounter[] = counters.map((c) => {
    const roster = lines.filter((l) => l.counterId === c.id).map((l) => ({ day: l.day, staffId: l.staffId }));
    const officerId = officerOnDuty(c.regularOfficerId, roster, today, (id) => serving.has(id));
    const officer = officerId ? serving.get(officerId) : undefined;
    return {
      code: c.code,
      name: c.name,
      allFields: c.fields.length === 0,
      fields: c.fields.flatMap((f) => {
        const named = fields.get(f);
        return named ? [{ code: f, ...named }] : [];
      }),
      officer: officer ? nameplateOf(officer) : null,
    };
  });
  return {
    code: unit.code,
    name: unit.name,
    nameEn: unit.nameEn,
    kind: unit.kind,
    address: unit.address,
    phone: unit.phone,
    email: unit.email,
    hotline: unit.hotline,
    parent: parent?.active ? { code: parent.code, name: parent.name, nameEn: parent.nameEn } : null,
    today,
    todayIsWorkingDay,
    timeZone: hours.timeZone,
    openingHours: hours.workingHours,
    workingWeekdays: hours.workingWeekdays,
    counters: publicCounters,
  };
}

/** The sessions of an active unit starting within the range (default: four weeks from today), cancelled ones marked. */
export async function publicReceptionSchedule(ctx: ServiceContext, code: string, query: DayRangeQuery): Promise<PublicReceptionSchedule> {
  const db = ctx.database.db;
  const unit = await publicUnitOr404(db, code);
  const { from, to, timeZone, rows, names } = await sessionsInRange(ctx, db, unit, query);
  return { unitCode: unit.code, from, to, timeZone, items: rows.map((r) => toPublicEntry(r, names)) };
}
