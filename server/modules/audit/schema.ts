import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditOutcome = pgEnum('audit_outcome', ['success', 'denied', 'failure']);

/**
 * Append-only, hash-chained audit log. `seq`, `prev_hash` and `hash` are set by
 * a database trigger under an advisory lock (see the migration
 * `0001_audit_chain.sql`), and UPDATE, DELETE and TRUNCATE are refused by
 * triggers, so the chain holds whatever the application does.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Set by the trigger; the defaults only satisfy the insert type.
    seq: bigint('seq', { mode: 'number' }).notNull().unique().default(0),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind').notNull(),
    unitId: uuid('unit_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    ip: text('ip'),
    outcome: auditOutcome('outcome').notNull(),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    prevHash: text('prev_hash').notNull().default(''),
    hash: text('hash').notNull().default(''),
  },
  (t) => [index('audit_log_object_idx').on(t.objectType, t.objectId), index('audit_log_actor_idx').on(t.actorId)],
);
