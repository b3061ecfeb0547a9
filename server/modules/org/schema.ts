import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES, UNIT_KINDS } from '../../../contracts/roles.js';

export const unitKind = pgEnum('unit_kind', UNIT_KINDS);
export const staffRole = pgEnum('staff_role', ROLES);

/**
 * The organisation tree. `ancestors` lists the ids from the root down to the
 * unit itself, so "the units under any of these scope roots" is one GIN-indexed
 * array overlap in SQL (`ancestors && $roots`).
 */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: unitKind('kind').notNull(),
    parentId: uuid('parent_id').references((): never => units.id as never),
    ancestors: uuid('ancestors').array().notNull(),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    /** The published hotline (đường dây nóng) of the unit. */
    hotline: text('hotline'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_code_key').on(t.code),
    index('units_ancestors_idx').using('gin', t.ancestors),
    index('units_parent_idx').on(t.parentId),
  ],
);

/** A desk of a unit's one-stop department. */
export const counters = pgTable(
  'counters',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Catalog fields this counter serves; empty = every field. */
    fields: text('fields').array().notNull().default(sql`'{}'`),
    active: boolean('active').notNull().default(true),
    /** Who usually sits at the counter (the nameplate); a roster entry for a day wins over it (counter_duties). */
    regularOfficerId: uuid('regular_officer_id').references(() => staff.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('counters_unit_code_key').on(t.unitId, t.code)],
);

export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    title: text('title'),
    position: text('position'),
    email: text('email'),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('staff_username_key').on(t.username), index('staff_unit_idx').on(t.unitId)],
);

export const staffRoles = pgTable(
  'staff_roles',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    role: staffRole('role').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.role, t.unitId] }), index('staff_roles_unit_idx').on(t.unitId)],
);

/**
 * The counters' duty roster: who sits at a counter on a day (the unit's local
 * date). One officer per counter and day; the entry wins over the counter's
 * regular officer for that day.
 */
export const counterDuties = pgTable(
  'counter_duties',
  {
    counterId: uuid('counter_id')
      .notNull()
      .references(() => counters.id),
    day: date('day', { mode: 'string' }).notNull(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.counterId, t.day] }), index('counter_duties_staff_idx').on(t.staffId)],
);

/**
 * The leaders' citizen-reception schedule (lịch tiếp công dân, Law on Citizen
 * Reception 2013): who receives citizens, when and where. The host is a staff
 * member (name and position read from the staff record) or, for a guest
 * leader without an account, a free-text name and title. Entries are never
 * deleted: a published session that will not take place is cancelled with a
 * reason, which the public schedule shows.
 */
export const receptionSchedule = pgTable(
  'reception_schedule',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    leaderId: uuid('leader_id').references(() => staff.id),
    hostName: text('host_name'),
    hostTitle: text('host_title'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    note: text('note'),
    cancelled: boolean('cancelled').notNull().default(false),
    cancelReason: text('cancel_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reception_schedule_unit_start_idx').on(t.unitId, t.startsAt),
    check('reception_schedule_host_check', sql`${t.leaderId} IS NOT NULL OR ${t.hostName} IS NOT NULL`),
    check('reception_schedule_time_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('reception_schedule_cancel_check', sql`NOT ${t.cancelled} OR ${t.cancelReason} IS NOT NULL`),
  ],
);

export type UnitRow = typeof units.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
export type CounterRow = typeof counters.$inferSelect;
export type CounterDutyRow = typeof counterDuties.$inferSelect;
export type ReceptionRow = typeof receptionSchedule.$inferSelect;
