/** SQL over the org tables. Nothing outside the org module touches these tables. */
import { and, asc, eq, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { counterDuties, counters, receptionSchedule, staff, staffRoles, units, type CounterRow, type ReceptionRow, type StaffRow, type UnitRow } from './schema.js';
import { inUnitScope, uuidArray } from './scope.js';
import type { RoleGrant } from '../../http/permissions.js';

export async function countUnits(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(units);
  return row?.n ?? 0;
}

export function listUnitsInScope(db: DbOrTx, roots: string[]): Promise<UnitRow[]> {
  return db.select().from(units).where(inUnitScope(units.id, roots)).orderBy(sql`array_length(${units.ancestors}, 1)`, asc(units.code));
}

export async function unitInScope(db: DbOrTx, id: string, roots: string[], lock = false): Promise<UnitRow | undefined> {
  const q = db.select().from(units).where(and(eq(units.id, id), inUnitScope(units.id, roots)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertUnit(db: DbOrTx, row: typeof units.$inferInsert): Promise<UnitRow> {
  const [created] = await db.insert(units).values(row).returning();
  if (!created) throw new Error('insert returned nothing');
  return created;
}

export async function updateUnitVersioned(
  db: DbOrTx,
  id: string,
  version: number,
  set: Partial<typeof units.$inferInsert>,
  now: Date,
): Promise<UnitRow | undefined> {
  const [row] = await db
    .update(units)
    .set({ ...set, version: sql`${units.version} + 1`, updatedAt: now })
    .where(and(eq(units.id, id), eq(units.version, version)))
    .returning();
  return row;
}

/** Rewrites the ancestors of a moved unit and of everything under it. */
export async function reparentSubtree(db: DbOrTx, id: string, newAncestors: string[]): Promise<void> {
  await db.execute(sql`
    UPDATE units SET ancestors = ${uuidArray(newAncestors)} || ancestors[(array_position(ancestors, ${id}::uuid) + 1):]
     WHERE ancestors @> ARRAY[${id}::uuid]`);
}

export async function hasActiveChildren(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.select({ id: units.id }).from(units).where(and(eq(units.parentId, id), eq(units.active, true))).limit(1);
  return rows.length > 0;
}

/** A unit by code, optionally only within the scope roots. */
export async function unitByCode(db: DbOrTx, code: string, roots?: readonly string[]): Promise<UnitRow | undefined> {
  const where = roots === undefined ? eq(units.code, code) : and(eq(units.code, code), inUnitScope(units.id, roots));
  const [row] = await db.select().from(units).where(where);
  return row;
}

export async function unitById(db: DbOrTx, id: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  return row;
}

export function unitCodesOf(db: DbOrTx, ids: string[]): Promise<Pick<UnitRow, 'id' | 'code'>[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.id, ids));
}

export async function rootUnitId(db: DbOrTx): Promise<string | undefined> {
  const [row] = await db.select({ id: units.id }).from(units).where(isNull(units.parentId));
  return row?.id;
}

export function unitsByIds(db: DbOrTx, ids: string[]): Promise<Pick<UnitRow, 'id' | 'name' | 'nameEn'>[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: units.id, name: units.name, nameEn: units.nameEn }).from(units).where(inArray(units.id, ids));
}

export function countersOfUnit(db: DbOrTx, unitId: string) {
  return db.select().from(counters).where(eq(counters.unitId, unitId)).orderBy(asc(counters.code));
}

export async function insertCounter(db: DbOrTx, row: typeof counters.$inferInsert) {
  const [created] = await db.insert(counters).values(row).returning();
  if (!created) throw new Error('insert returned nothing');
  return created;
}

export type StaffFilter = { unitId?: string | undefined; q?: string | undefined; active?: boolean | undefined };

export function listStaffInScope(db: DbOrTx, roots: string[], filter: StaffFilter): Promise<StaffRow[]> {
  const conditions: SQL[] = [inUnitScope(staff.unitId, roots)];
  if (filter.unitId) conditions.push(eq(staff.unitId, filter.unitId));
  if (filter.active !== undefined) conditions.push(eq(staff.active, filter.active));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(staff.fullName, pattern), ilike(staff.username, pattern));
    if (match) conditions.push(match);
  }
  return db
    .select()
    .from(staff)
    .where(and(...conditions))
    .orderBy(sql`${staff.fullName} COLLATE "C"`)
    .limit(1000);
}

export async function staffInScope(db: DbOrTx, id: string, roots: string[], lock = false): Promise<StaffRow | undefined> {
  const q = db.select().from(staff).where(and(eq(staff.id, id), inUnitScope(staff.unitId, roots)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function staffByUsername(db: DbOrTx, username: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.username, username));
  return row;
}

export async function staffById(db: DbOrTx, id: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id));
  return row;
}

export async function insertStaff(db: DbOrTx, row: typeof staff.$inferInsert): Promise<StaffRow> {
  const [created] = await db.insert(staff).values(row).returning();
  if (!created) throw new Error('insert returned nothing');
  return created;
}

export async function updateStaffVersioned(
  db: DbOrTx,
  id: string,
  version: number,
  set: Partial<typeof staff.$inferInsert>,
  now: Date,
): Promise<StaffRow | undefined> {
  const [row] = await db
    .update(staff)
    .set({ ...set, version: sql`${staff.version} + 1`, updatedAt: now })
    .where(and(eq(staff.id, id), eq(staff.version, version)))
    .returning();
  return row;
}

export async function grantsOf(db: DbOrTx, staffIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const map = new Map<string, RoleGrant[]>();
  if (staffIds.length === 0) return map;
  const rows = await db
    .select({ staffId: staffRoles.staffId, role: staffRoles.role, unitId: staffRoles.unitId })
    .from(staffRoles)
    .where(inArray(staffRoles.staffId, staffIds));
  for (const r of rows) {
    const list = map.get(r.staffId) ?? [];
    list.push({ role: r.role, unitId: r.unitId });
    map.set(r.staffId, list);
  }
  return map;
}

export async function replaceGrants(db: DbOrTx, staffId: string, grants: RoleGrant[]): Promise<void> {
  await db.delete(staffRoles).where(eq(staffRoles.staffId, staffId));
  if (grants.length > 0) await db.insert(staffRoles).values(grants.map((g) => ({ staffId, ...g })));
}

// ---------------------------------------------------------------- public unit facts (catalog pages)
const publicUnitColumns = {
  id: units.id,
  code: units.code,
  name: units.name,
  nameEn: units.nameEn,
  kind: units.kind,
  address: units.address,
  phone: units.phone,
  hotline: units.hotline,
};

export function activeUnitsWhere(db: DbOrTx, where: SQL) {
  return db
    .select(publicUnitColumns)
    .from(units)
    .where(and(eq(units.active, true), where))
    .orderBy(asc(units.code));
}

export function activeCountersOfUnits(db: DbOrTx, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .select({ unitId: counters.unitId, code: counters.code, name: counters.name, fields: counters.fields })
    .from(counters)
    .where(and(inArray(counters.unitId, unitIds), eq(counters.active, true)))
    .orderBy(asc(counters.code));
}

export function activeCountersOf(db: DbOrTx, unitId: string): Promise<CounterRow[]> {
  return db
    .select()
    .from(counters)
    .where(and(eq(counters.unitId, unitId), eq(counters.active, true)))
    .orderBy(asc(counters.code));
}

// ---------------------------------------------------------------- counters, roster, reception schedule

export async function counterInScope(db: DbOrTx, id: string, roots: string[], lock = false): Promise<CounterRow | undefined> {
  const q = db.select().from(counters).where(and(eq(counters.id, id), inUnitScope(counters.unitId, roots)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateCounterVersioned(
  db: DbOrTx,
  id: string,
  version: number,
  set: Partial<Pick<typeof counters.$inferInsert, 'name' | 'fields' | 'active' | 'regularOfficerId'>>,
): Promise<CounterRow | undefined> {
  const [row] = await db
    .update(counters)
    .set({ ...set, version: sql`${counters.version} + 1` })
    .where(and(eq(counters.id, id), eq(counters.version, version)))
    .returning();
  return row;
}

/** The staff among `ids` who are active members of the unit or of a unit under it. */
export function servingStaff(db: DbOrTx, unitId: string, ids: readonly string[]): Promise<Pick<StaffRow, 'id' | 'fullName' | 'title' | 'position'>[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: staff.id, fullName: staff.fullName, title: staff.title, position: staff.position })
    .from(staff)
    .where(and(inArray(staff.id, [...ids]), eq(staff.active, true), inUnitScope(staff.unitId, [unitId])));
}

/** Names and titles of staff by id, active or not (hosts of reception sessions already published). */
export function staffNames(db: DbOrTx, ids: readonly string[]): Promise<Pick<StaffRow, 'id' | 'fullName' | 'title' | 'position'>[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: staff.id, fullName: staff.fullName, title: staff.title, position: staff.position }).from(staff).where(inArray(staff.id, [...ids]));
}

/** Roster lines of the counters from `from` to `to` (both included), with the officers' names. */
export function dutiesOf(db: DbOrTx, counterIds: readonly string[], from: string, to: string) {
  if (counterIds.length === 0) return Promise.resolve([]);
  return db
    .select({ counterId: counterDuties.counterId, counterCode: counters.code, day: counterDuties.day, staffId: counterDuties.staffId, fullName: staff.fullName, title: staff.title })
    .from(counterDuties)
    .innerJoin(counters, eq(counters.id, counterDuties.counterId))
    .innerJoin(staff, eq(staff.id, counterDuties.staffId))
    .where(and(inArray(counterDuties.counterId, [...counterIds]), gte(counterDuties.day, from), lte(counterDuties.day, to)))
    .orderBy(asc(counterDuties.day), asc(counters.code));
}

export async function upsertDuty(db: DbOrTx, counterId: string, day: string, staffId: string, now: Date): Promise<void> {
  await db
    .insert(counterDuties)
    .values({ counterId, day, staffId, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [counterDuties.counterId, counterDuties.day], set: { staffId, updatedAt: now } });
}

/** Removes a day's roster line; whether there was one. */
export async function deleteDuty(db: DbOrTx, counterId: string, day: string): Promise<boolean> {
  const rows = await db
    .delete(counterDuties)
    .where(and(eq(counterDuties.counterId, counterId), eq(counterDuties.day, day)))
    .returning({ day: counterDuties.day });
  return rows.length > 0;
}

/** Reception sessions of a unit starting in [start, end). */
export function receptionBetween(db: DbOrTx, unitId: string, start: Date, end: Date): Promise<ReceptionRow[]> {
  return db
    .select()
    .from(receptionSchedule)
    .where(and(eq(receptionSchedule.unitId, unitId), gte(receptionSchedule.startsAt, start), lt(receptionSchedule.startsAt, end)))
    .orderBy(asc(receptionSchedule.startsAt), asc(receptionSchedule.id))
    .limit(1000);
}

export async function receptionInScope(db: DbOrTx, id: string, roots: string[], lock = false): Promise<ReceptionRow | undefined> {
  const q = db.select().from(receptionSchedule).where(and(eq(receptionSchedule.id, id), inUnitScope(receptionSchedule.unitId, roots)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertReception(db: DbOrTx, row: typeof receptionSchedule.$inferInsert): Promise<ReceptionRow> {
  const [created] = await db.insert(receptionSchedule).values(row).returning();
  if (!created) throw new Error('insert returned nothing');
  return created;
}

export async function updateReceptionVersioned(
  db: DbOrTx,
  id: string,
  version: number,
  set: Partial<typeof receptionSchedule.$inferInsert>,
  now: Date,
): Promise<ReceptionRow | undefined> {
  const [row] = await db
    .update(receptionSchedule)
    .set({ ...set, version: sql`${receptionSchedule.version} + 1`, updatedAt: now })
    .where(and(eq(receptionSchedule.id, id), eq(receptionSchedule.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- the public unit finder

/** Active units matching every word (diacritics and case ignored) in name, English name, code or address. */
export async function searchActiveUnits(
  db: DbOrTx,
  filter: { q?: string | undefined; kind?: UnitRow['kind'] | undefined; limit: number; offset: number },
): Promise<{ total: number; rows: Pick<UnitRow, 'code' | 'name' | 'nameEn' | 'kind' | 'address'>[] }> {
  const conditions: SQL[] = [eq(units.active, true)];
  if (filter.kind) conditions.push(eq(units.kind, filter.kind));
  // unaccent first: lower() under a C locale leaves Vietnamese capitals as they are.
  const haystack = sql`lower(motcua_unaccent(${units.code} || ' ' || ${units.name} || ' ' || coalesce(${units.nameEn}, '') || ' ' || coalesce(${units.address}, '')))`;
  for (const word of (filter.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`${haystack} LIKE lower(motcua_unaccent(${pattern}))`);
  }
  const where = and(...conditions);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(units).where(where);
  const rows = await db
    .select({ code: units.code, name: units.name, nameEn: units.nameEn, kind: units.kind, address: units.address })
    .from(units)
    .where(where)
    .orderBy(sql`array_length(${units.ancestors}, 1)`, asc(units.name), asc(units.code))
    .limit(filter.limit)
    .offset(filter.offset);
  return { total: count?.n ?? 0, rows };
}
