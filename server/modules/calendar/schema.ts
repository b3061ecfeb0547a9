import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { units } from '../org/schema.js';

/** A local time span of a working day, "HH:MM"–"HH:MM". */
export type WorkingSpan = { start: string; end: string };

/**
 * Working-time settings. `unit_id` NULL is the national calendar ("default")
 * that every unit inherits; a unit's own row (or its nearest ancestor's)
 * overrides it.
 */
export const calendarSettings = pgTable(
  'calendar_settings',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid('unit_id').references(() => units.id),
    timeZone: text('time_zone').notNull().default('Asia/Ho_Chi_Minh'),
    workingHours: jsonb('working_hours')
      .$type<WorkingSpan[]>()
      .notNull()
      .default(sql`'[{"start":"07:30","end":"11:30"},{"start":"13:30","end":"17:00"}]'::jsonb`),
    /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
    workingWeekdays: integer('working_weekdays').array().notNull().default(sql`'{1,2,3,4,5}'`),
    /** "Same day" procedures received after this local time are due the next working day. */
    sameDayCutoff: text('same_day_cutoff').notNull().default('15:00'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('calendar_settings_unit_key').on(t.unitId).nullsNotDistinct()],
);

export const calendarDecisionKind = pgEnum('calendar_decision_kind', ['day_off', 'working_day']);

/**
 * Official decisions that override the rules for one date: a day off (Tết
 * days fixed by the Prime Minister, a bridge day) or a working day (a Saturday
 * worked in exchange). `unit_id` NULL = national; a unit's decisions apply to
 * it and the units under it, the deepest one winning.
 */
export const calendarDecisions = pgTable(
  'calendar_decisions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid('unit_id').references(() => units.id),
    day: date('day', { mode: 'string' }).notNull(),
    kind: calendarDecisionKind('kind').notNull(),
    reason: text('reason').notNull(),
    reasonEn: text('reason_en'),
    /** The decision's number, e.g. "Công văn 8119/VPCP-KGVX". */
    reference: text('reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('calendar_decisions_unit_day_key').on(t.unitId, t.day).nullsNotDistinct(), index('calendar_decisions_day_idx').on(t.day)],
);

export type CalendarSettingsRow = typeof calendarSettings.$inferSelect;
export type CalendarDecisionRow = typeof calendarDecisions.$inferSelect;
