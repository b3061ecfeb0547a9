/**
 * Organisation: the unit tree, counters and staff with their role grants.
 *
 * Decisions:
 * - one tree per deployment (a province); its root is created at first start;
 *   every other unit has a parent within the acting admin's scope;
 * - a unit can move under another parent (never under itself or its own
 *   descendants); its subtree moves with it;
 * - a unit with active sub-units cannot be disabled; disabling a unit keeps its
 *   staff and history;
 * - usernames are lower-case; a new or reset account gets a generated password
 *   shown once, which must be changed at the first sign-in;
 * - nobody can disable their own account or change their own roles (no
 *   accidental lock-out of the last admin, no self-promotion);
 * - every read of a staff record (name, phone, e-mail) is audited;
 * - a counter's regular officer (its nameplate) is an active member of the
 *   counter's unit or of a unit under it; the day-by-day roster, the
 *   reception schedule and the public contacts are in contacts.ts.
 */
import { randomUUID } from 'node:crypto';
import { inArray, isNull } from 'drizzle-orm';
import type { CounterUpdate } from '../../../contracts/contacts.js';
import type { Counter, StaffCreate, StaffListQuery, StaffUpdate, Unit, UnitCreate, UnitUpdate } from '../../../contracts/org.js';
import type { UnitKind } from '../../../contracts/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import type { Permission, RoleGrant } from '../../http/permissions.js';
import * as credentials from '../auth/credentials.js';
import { recordAudit } from '../audit/service.js';
import * as q from './queries.js';
import { units, type CounterRow, type StaffRow, type UnitRow } from './schema.js';

export type StaffDto = {
  id: string;
  username: string;
  fullName: string;
  title: string | null;
  position: string | null;
  email: string | null;
  phone: string | null;
  unitId: string;
  active: boolean;
  roles: RoleGrant[];
  totpEnabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

async function rootsFor(ctx: ServiceContext, db: DbOrTx, permission: Permission): Promise<string[]> {
  if (ctx.actor.kind === 'staff') return ctx.actor.scope(permission);
  if (ctx.actor.kind === 'system') {
    const roots = await db.select({ id: units.id }).from(units).where(isNull(units.parentId));
    return roots.map((r) => r.id);
  }
  return [];
}

function now(ctx: ServiceContext): Date {
  return ctx.clock.now();
}

export function toUnitDto(u: UnitRow): Unit {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    nameEn: u.nameEn,
    kind: u.kind,
    parentId: u.parentId,
    address: u.address,
    phone: u.phone,
    email: u.email,
    hotline: u.hotline,
    active: u.active,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

function toCounterDto(c: CounterRow): Counter {
  return { id: c.id, unitId: c.unitId, code: c.code, name: c.name, fields: c.fields, active: c.active, regularOfficerId: c.regularOfficerId, version: c.version };
}

async function toStaffDtos(db: DbOrTx, rows: StaffRow[]): Promise<StaffDto[]> {
  const ids = rows.map((r) => r.id);
  const [grants, totp] = await Promise.all([q.grantsOf(db, ids), credentials.totpEnabledOf(db, ids)]);
  return rows.map((s) => ({
    id: s.id,
    username: s.username,
    fullName: s.fullName,
    title: s.title,
    position: s.position,
    email: s.email,
    phone: s.phone,
    unitId: s.unitId,
    active: s.active,
    roles: grants.get(s.id) ?? [],
    totpEnabled: totp.has(s.id),
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  }));
}

async function toStaffDto(db: DbOrTx, row: StaffRow): Promise<StaffDto> {
  const [dto] = await toStaffDtos(db, [row]);
  if (!dto) throw new Error('unreachable');
  return dto;
}

// ---------------------------------------------------------------- units

export async function listUnits(ctx: ServiceContext): Promise<Unit[]> {
  const db = ctx.database.db;
  return (await q.listUnitsInScope(db, await rootsFor(ctx, db, 'org.units.read'))).map(toUnitDto);
}

export async function getUnit(ctx: ServiceContext, id: string): Promise<Unit> {
  const db = ctx.database.db;
  const unit = await q.unitInScope(db, id, await rootsFor(ctx, db, 'org.units.read'));
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id });
  return toUnitDto(unit);
}

/** Creates the root of the tree; only on an empty database (first start). */
export async function createRootUnit(
  ctx: ServiceContext,
  input: { code: string; name: string; kind: UnitKind },
): Promise<Unit> {
  return ctx.database.db.transaction(async (tx) => {
    if ((await q.countUnits(tx)) > 0) throw new DomainError('UNIT_ROOT_EXISTS');
    const id = randomUUID();
    const unit = await q.insertUnit(tx, { id, ...input, parentId: null, ancestors: [id], createdAt: now(ctx), updatedAt: now(ctx) });
    await recordAudit(tx, ctx, { action: 'unit.create', objectType: 'unit', objectId: id, unitId: id });
    return toUnitDto(unit);
  });
}

export async function createUnit(ctx: ServiceContext, input: UnitCreate): Promise<Unit> {
  return ctx.database.db.transaction(async (tx) => {
    const roots = await rootsFor(ctx, tx, 'org.units.write');
    const parent = await q.unitInScope(tx, input.parentId, roots);
    if (!parent) throw new DomainError('UNIT_NOT_FOUND', { field: 'parentId', id: input.parentId });
    const id = randomUUID();
    try {
      const unit = await q.insertUnit(tx, {
        id,
        code: input.code,
        name: input.name,
        nameEn: input.nameEn ?? null,
        kind: input.kind,
        parentId: parent.id,
        ancestors: [...parent.ancestors, id],
        address: input.address ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        hotline: input.hotline ?? null,
        createdAt: now(ctx),
        updatedAt: now(ctx),
      });
      await recordAudit(tx, ctx, { action: 'unit.create', objectType: 'unit', objectId: id, unitId: id });
      return toUnitDto(unit);
    } catch (err) {
      if (isUniqueViolation(err, 'units_code_key')) throw new DomainError('UNIT_CODE_TAKEN', { code: input.code });
      throw err;
    }
  });
}

export async function updateUnit(ctx: ServiceContext, id: string, input: UnitUpdate): Promise<Unit> {
  return ctx.database.db.transaction(async (tx) => {
    const roots = await rootsFor(ctx, tx, 'org.units.write');
    const unit = await q.unitInScope(tx, id, roots, true);
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id });
    if (unit.version !== input.version) throw new DomainError('VERSION_CONFLICT', { current: unit.version });

    const { version, ...changes } = input;
    let newAncestors: string[] | undefined;
    if (changes.parentId !== undefined && changes.parentId !== unit.parentId) {
      if (unit.parentId === null) throw new DomainError('UNIT_PARENT_INVALID', { reason: 'root' });
      const parent = await q.unitInScope(tx, changes.parentId, roots);
      if (!parent) throw new DomainError('UNIT_NOT_FOUND', { field: 'parentId', id: changes.parentId });
      if (parent.ancestors.includes(id)) throw new DomainError('UNIT_PARENT_INVALID', { reason: 'cycle' });
      newAncestors = [...parent.ancestors, id];
    }
    if (changes.active === false && unit.active && (await q.hasActiveChildren(tx, id))) {
      throw new DomainError('UNIT_HAS_ACTIVE_CHILDREN');
    }
    try {
      const updated = await q.updateUnitVersioned(tx, id, version, changes, now(ctx));
      if (!updated) throw new DomainError('VERSION_CONFLICT');
      if (newAncestors) await q.reparentSubtree(tx, id, newAncestors);
      await recordAudit(tx, ctx, {
        action: changes.active === false ? 'unit.disable' : changes.active === true ? 'unit.enable' : 'unit.update',
        objectType: 'unit',
        objectId: id,
        unitId: id,
        details: { fields: Object.keys(changes) },
      });
      const fresh = newAncestors ? await q.unitInScope(tx, id, roots) : updated;
      return toUnitDto(fresh ?? updated);
    } catch (err) {
      if (isUniqueViolation(err, 'units_code_key')) throw new DomainError('UNIT_CODE_TAKEN', { code: changes.code });
      throw err;
    }
  });
}

// ---------------------------------------------------------------- counters

export async function listCounters(ctx: ServiceContext, unitId: string): Promise<Counter[]> {
  const db = ctx.database.db;
  const unit = await q.unitInScope(db, unitId, await rootsFor(ctx, db, 'org.units.read'));
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
  return (await q.countersOfUnit(db, unitId)).map(toCounterDto);
}

export async function createCounter(ctx: ServiceContext, unitId: string, input: { code: string; name: string; fields?: string[] }): Promise<Counter> {
  return ctx.database.db.transaction(async (tx) => {
    const unit = await q.unitInScope(tx, unitId, await rootsFor(ctx, tx, 'org.units.write'));
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
    try {
      const counter = await q.insertCounter(tx, { unitId, code: input.code, name: input.name, fields: input.fields ?? [], createdAt: now(ctx) });
      await recordAudit(tx, ctx, { action: 'counter.create', objectType: 'counter', objectId: counter.id, unitId });
      return toCounterDto(counter);
    } catch (err) {
      if (isUniqueViolation(err, 'counters_unit_code_key')) throw new DomainError('COUNTER_CODE_TAKEN', { code: input.code });
      throw err;
    }
  });
}

/**
 * Renames a counter, changes its fields, disables or enables it, or names its
 * regular officer (an active member of the counter's unit or of a unit under it).
 */
export async function updateCounter(ctx: ServiceContext, id: string, input: CounterUpdate): Promise<Counter> {
  return ctx.database.db.transaction(async (tx) => {
    const counter = await q.counterInScope(tx, id, await rootsFor(ctx, tx, 'org.units.write'), true);
    if (!counter) throw new DomainError('COUNTER_NOT_FOUND', { id });
    if (counter.version !== input.version) throw new DomainError('VERSION_CONFLICT', { current: counter.version });
    const { version, ...changes } = input;
    if (changes.regularOfficerId && (await q.servingStaff(tx, counter.unitId, [changes.regularOfficerId])).length === 0) {
      throw new DomainError('STAFF_NOT_IN_UNIT', { field: 'regularOfficerId', staffId: changes.regularOfficerId });
    }
    const updated = await q.updateCounterVersioned(tx, id, version, changes);
    if (!updated) throw new DomainError('VERSION_CONFLICT');
    await recordAudit(tx, ctx, {
      action: 'counter.update',
      objectType: 'counter',
      objectId: id,
      unitId: counter.unitId,
      details: { fields: Object.keys(changes), ...(changes.regularOfficerId !== undefined ? { regularOfficerId: changes.regularOfficerId } : {}) },
    });
    return toCounterDto(updated);
  });
}

// ---------------------------------------------------------------- staff

async function checkGrantUnits(tx: DbOrTx, roots: string[], unitId: string, grants: RoleGrant[]): Promise<void> {
  const wanted = [...new Set([unitId, ...grants.map((g) => g.unitId)])];
  for (const id of wanted) {
    const unit = await q.unitInScope(tx, id, roots);
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id });
  }
}

function dedupeGrants(grants: RoleGrant[]): RoleGrant[] {
  const seen = new Map<string, RoleGrant>();
  for (const g of grants) seen.set(`${g.role}/${g.unitId}`, g);
  return [...seen.values()];
}

export async function listStaff(ctx: ServiceContext, query: StaffListQuery): Promise<StaffDto[]> {
  const db = ctx.database.db;
  const rows = await q.listStaffInScope(db, await rootsFor(ctx, db, 'org.staff.read'), {
    unitId: query.unitId,
    q: query.q,
    active: query.active === undefined ? undefined : query.active === 'true',
  });
  await recordAudit(db, ctx, { action: 'staff.list', objectType: 'staff', details: { count: rows.length } });
  return toStaffDtos(db, rows);
}

export async function getStaff(ctx: ServiceContext, id: string): Promise<StaffDto> {
  const db = ctx.database.db;
  const row = await q.staffInScope(db, id, await rootsFor(ctx, db, 'org.staff.read'));
  if (!row) throw new DomainError('STAFF_NOT_FOUND', { id });
  await recordAudit(db, ctx, { action: 'staff.read', objectType: 'staff', objectId: id, unitId: row.unitId });
  return toStaffDto(db, row);
}

export async function createStaff(
  ctx: ServiceContext,
  input: StaffCreate,
  options: { mustChangePassword?: boolean; password?: string } = {},
): Promise<{ staff: StaffDto; initialPassword: string }> {
  return ctx.database.db.transaction(async (tx) => {
    const roots = await rootsFor(ctx, tx, 'org.staff.write');
    const grants = dedupeGrants(input.roles);
    await checkGrantUnits(tx, roots, input.unitId, grants);
    let row: StaffRow;
    try {
      row = await q.insertStaff(tx, {
        username: input.username,
        fullName: input.fullName,
        title: input.title ?? null,
        position: input.position ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        unitId: input.unitId,
        createdAt: now(ctx),
        updatedAt: now(ctx),
      });
    } catch (err) {
      if (isUniqueViolation(err, 'staff_username_key')) throw new DomainError('USERNAME_TAKEN', { username: input.username });
      throw err;
    }
    await q.replaceGrants(tx, row.id, grants);
    const initialPassword = await credentials.setPassword(tx, row.id, {
      password: options.password,
      username: row.username,
      mustChange: options.mustChangePassword ?? true,
      now: now(ctx),
    });
    await recordAudit(tx, ctx, {
      action: 'staff.create',
      objectType: 'staff',
      objectId: row.id,
      unitId: row.unitId,
      details: { roles: grants },
    });
    return { staff: await toStaffDto(tx, row), initialPassword };
  });
}

export async function updateStaff(ctx: ServiceContext, id: string, input: StaffUpdate): Promise<StaffDto> {
  return ctx.database.db.transaction(async (tx) => {
    const roots = await rootsFor(ctx, tx, 'org.staff.write');
    const row = await q.staffInScope(tx, id, roots, true);
    if (!row) throw new DomainError('STAFF_NOT_FOUND', { id });
    if (row.version !== input.version) throw new DomainError('VERSION_CONFLICT', { current: row.version });
    const { version, roles, ...changes } = input;
    const grants = roles ? dedupeGrants(roles) : undefined;
    if (grants && ctx.actor.kind === 'staff' && ctx.actor.staffId === id) throw new DomainError('STAFF_CANNOT_CHANGE_OWN_ROLES');
    await checkGrantUnits(tx, roots, changes.unitId ?? row.unitId, grants ?? []);
    const updated = await q.updateStaffVersioned(tx, id, version, changes, now(ctx));
    if (!updated) throw new DomainError('VERSION_CONFLICT');
    if (grants) await q.replaceGrants(tx, id, grants);
    await recordAudit(tx, ctx, {
      action: 'staff.update',
      objectType: 'staff',
      objectId: id,
      unitId: updated.unitId,
      details: { fields: Object.keys(changes), ...(grants ? { roles: grants } : {}) },
    });
    return toStaffDto(tx, updated);
  });
}

export async function setStaffActive(ctx: ServiceContext, id: string, version: number, active: boolean): Promise<StaffDto> {
  return ctx.database.db.transaction(async (tx) => {
    const row = await q.staffInScope(tx, id, await rootsFor(ctx, tx, 'org.staff.write'), true);
    if (!row) throw new DomainError('STAFF_NOT_FOUND', { id });
    if (!active && ctx.actor.kind === 'staff' && ctx.actor.staffId === id) throw new DomainError('STAFF_CANNOT_DISABLE_SELF');
    const updated = await q.updateStaffVersioned(tx, id, version, { active }, now(ctx));
    if (!updated) throw new DomainError('VERSION_CONFLICT', { current: row.version });
    if (!active) await credentials.revokeSessions(tx, id, now(ctx));
    await recordAudit(tx, ctx, { action: active ? 'staff.enable' : 'staff.disable', objectType: 'staff', objectId: id, unitId: row.unitId });
    return toStaffDto(tx, updated);
  });
}

export async function resetStaffPassword(ctx: ServiceContext, id: string): Promise<{ initialPassword: string }> {
  return ctx.database.db.transaction(async (tx) => {
    const row = await q.staffInScope(tx, id, await rootsFor(ctx, tx, 'org.staff.write'), true);
    if (!row) throw new DomainError('STAFF_NOT_FOUND', { id });
    const initialPassword = await credentials.setPassword(tx, id, { username: row.username, mustChange: true, now: now(ctx) });
    await credentials.revokeSessions(tx, id, now(ctx));
    await recordAudit(tx, ctx, { action: 'staff.reset_password', objectType: 'staff', objectId: id, unitId: row.unitId });
    return { initialPassword };
  });
}

// ---------------------------------------------------------------- for the calendar

/** A unit's code and place in the tree: `ancestors` lists ids from the root down to the unit itself. */
export type UnitPlace = { id: string; code: string; name: string; nameEn: string | null; kind: UnitRow['kind']; address: string | null; ancestors: string[]; active: boolean };

function toPlace(u: UnitRow): UnitPlace {
  return { id: u.id, code: u.code, name: u.name, nameEn: u.nameEn, kind: u.kind, address: u.address, ancestors: u.ancestors, active: u.active };
}

/** A unit by code; with `scopeRoots`, only when it is in that scope (else undefined, as if missing). */
export async function unitPlaceByCode(db: DbOrTx, code: string, scopeRoots?: readonly string[]): Promise<UnitPlace | undefined> {
  const row = await q.unitByCode(db, code, scopeRoots);
  return row && toPlace(row);
}

/** The root of the tree (the province), if any. */
export async function rootUnitPlace(db: DbOrTx): Promise<UnitPlace | undefined> {
  const id = await q.rootUnitId(db);
  return id === undefined ? undefined : unitPlaceById(db, id);
}

export async function unitPlaceById(db: DbOrTx, id: string): Promise<UnitPlace | undefined> {
  const row = await q.unitById(db, id);
  return row && toPlace(row);
}

/** Units by id, in one query (pages that list many units). */
export async function unitPlacesByIds(db: DbOrTx, ids: readonly string[]): Promise<UnitPlace[]> {
  if (ids.length === 0) return [];
  return (await db.select().from(units).where(inArray(units.id, [...ids]))).map(toPlace);
}

/** A unit and every unit under it (the reports' "with descendants"), in one GIN-indexed query. */
export async function unitPlacesUnder(db: DbOrTx, unitId: string): Promise<UnitPlace[]> {
  return (await q.listUnitsInScope(db, [unitId])).map(toPlace);
}

/** Unit codes by id. */
export async function unitCodesByIds(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((await q.unitCodesOf(db, [...ids])).map((u) => [u.id, u.code]));
}

/** The unit ids whose subtrees the acting member may act on with `permission` (the system: the whole tree). */
export async function permissionRoots(ctx: ServiceContext, db: DbOrTx, permission: Permission): Promise<string[]> {
  if (ctx.actor.kind === 'system') {
    const root = await q.rootUnitId(db);
    return root ? [root] : [];
  }
  return rootsFor(ctx, db, permission);
}

// ---------------------------------------------------------------- for auth

/** The account behind a username, for sign-in. */
export function findStaffByUsername(db: DbOrTx, username: string): Promise<StaffRow | undefined> {
  return q.staffByUsername(db, username.trim().toLowerCase());
}

/** Who a signed-in staff member is: the row, the grants and the names of the units involved. */
export async function staffIdentity(
  db: DbOrTx,
  staffId: string,
): Promise<{ staff: StaffRow; grants: RoleGrant[]; unitNames: Map<string, string> } | undefined> {
  const row = await q.staffById(db, staffId);
  if (!row) return undefined;
  const grants = (await q.grantsOf(db, [staffId])).get(staffId) ?? [];
  const named = await q.unitsByIds(db, [...new Set([row.unitId, ...grants.map((g) => g.unitId)])]);
  return { staff: row, grants, unitNames: new Map(named.map((u) => [u.id, u.name])) };
}

// ---------------------------------------------------------------- public facts, for the catalog
/** What the public may know of a unit: where it is and how to reach it. */
export type PublicUnit = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: UnitKind;
  address: string | null;
  phone: string | null;
  hotline: string | null;
};

export function publicUnitsByCodes(db: DbOrTx, codes: readonly string[]): Promise<PublicUnit[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return q.activeUnitsWhere(db, inArray(units.code, [...codes]));
}

export function publicUnitsByIds(db: DbOrTx, ids: readonly string[]): Promise<PublicUnit[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return q.activeUnitsWhere(db, inArray(units.id, [...ids]));
}

export function publicUnitsOfKinds(db: DbOrTx, kinds: readonly UnitKind[]): Promise<PublicUnit[]> {
  if (kinds.length === 0) return Promise.resolve([]);
  return q.activeUnitsWhere(db, inArray(units.kind, [...kinds]));
}

/** Active counters of the units, each with the catalog fields it serves (empty = all). */
export async function publicCounters(db: DbOrTx, unitIds: readonly string[]): Promise<Map<string, { code: string; name: string; fields: string[] }[]>> {
  const map = new Map<string, { code: string; name: string; fields: string[] }[]>();
  for (const c of await q.activeCountersOfUnits(db, [...unitIds])) {
    const list = map.get(c.unitId) ?? [];
    list.push({ code: c.code, name: c.name, fields: c.fields });
    map.set(c.unitId, list);
  }
  return map;
}

/** Whether the staff member's grants for `permission` include the root of the tree (province-wide acts). */
export async function scopeIncludesRoot(db: DbOrTx, roots: readonly string[]): Promise<boolean> {
  if (roots.length === 0) return false;
  const [root] = await db.select({ id: units.id }).from(units).where(isNull(units.parentId));
  return root !== undefined && roots.includes(root.id);
}
