import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../dossiers/schema.js';
import { counters, staff, units } from '../org/schema.js';

/**
 * The applicant's satisfaction rating of a returned dossier: five criteria of
 * the national service index on a five-point scale. One per dossier (unique
 * index). The unit, counter and officers are copied from the dossier and its
 * history when the rating is given, so the summary reads one table.
 */
export const feedbackRatings = pgTable(
  'feedback_ratings',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    counterId: uuid('counter_id').references(() => counters.id),
    receivedBy: uuid('received_by').references(() => staff.id),
    returnedBy: uuid('returned_by').references(() => staff.id),
    /** The officer who entered it at the counter tablet; null for the applicant's own rating. */
    enteredBy: uuid('entered_by').references(() => staff.id),
    channel: text('channel').notNull(),
    time: text('time').notNull(),
    attitude: text('attitude').notNull(),
    transparency: text('transparency').notNull(),
    ease: text('ease').notNull(),
    overall: text('overall').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('feedback_ratings_dossier_idx').on(t.dossierId), index('feedback_ratings_unit_idx').on(t.unitId, t.createdAt)],
);

/**
 * Suggestions (the public box) and hotline calls logged by staff, answered by
 * a leader of the unit within 10 working days. `contact` is never answered publicly.
 */
export const feedbackItems = pgTable(
  'feedback_items',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: text('kind').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    text: text('text').notNull(),
    contact: text('contact'),
    caller: text('caller'),
    recordedBy: uuid('recorded_by').references(() => staff.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => staff.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('feedback_items_unit_idx').on(t.unitId, t.receivedAt)],
);

export type FeedbackItemRow = typeof feedbackItems.$inferSelect;
